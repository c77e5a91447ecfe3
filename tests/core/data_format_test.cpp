// Format names and detection by content.
#include "core/data/data_format.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/data/data_error.h"

namespace metacf {
namespace {

const std::string kFixtures = METACF_FIXTURES_DIR;

TEST(DataFormat, NamesRoundTrip) {
  for (const auto f : {DataFormat::kAuto, DataFormat::kMl100k, DataFormat::kMl1m, DataFormat::kCsv,
                       DataFormat::kInter}) {
    EXPECT_EQ(parse_format_name(format_name(f)), f);
  }
  EXPECT_EQ(format_name(DataFormat::kMl100k), "ml100k");
  EXPECT_THROW(parse_format_name("tsv"), std::invalid_argument);
}

TEST(DataFormat, DetectsEachFormatFromText) {
  EXPECT_EQ(detect_format_from_text("71\t840\t3\t900000001\n", "t"), DataFormat::kMl100k);
  EXPECT_EQ(detect_format_from_text("1::2207::5::900000010\n", "t"), DataFormat::kMl1m);
  EXPECT_EQ(detect_format_from_text("userId,movieId,rating,timestamp\n1,2,3,4\n", "t"),
            DataFormat::kCsv);
  EXPECT_EQ(detect_format_from_text("A3SYNTHUSER0001,B00SYNTH0001,4.0,1200000001\n", "t"),
            DataFormat::kCsv);
  EXPECT_EQ(detect_format_from_text("user_id:token\titem_id:token\trating:float\n1\t2\t3\n", "t"),
            DataFormat::kInter);
  // Leading blank lines, a BOM and CRLF do not hide the format.
  EXPECT_EQ(detect_format_from_text("\xEF\xBB\xBF\r\n\n1,2,3\r\n", "t"), DataFormat::kCsv);
}

// A spreadsheet where the comma is the decimal mark writes semicolons; a comma inside a field
// (a decimal rating) does not make it comma-separated.
TEST(DataFormat, SemicolonSeparatedFilesAreCsv) {
  EXPECT_EQ(detect_format_from_text("userId;movieId;rating\n1;2;3,5\n", "t"), DataFormat::kCsv);
  EXPECT_TRUE(semicolon_separated("userId;movieId;rating\n1;2;3,5\n"));
  EXPECT_TRUE(semicolon_separated("\n1;2;3,5;900000001\n"));
  EXPECT_FALSE(semicolon_separated("1,2,3\n"));
  EXPECT_FALSE(semicolon_separated("title;x,1,2,3\n"));
  EXPECT_FALSE(semicolon_separated("1;2\n"));
}

TEST(DataFormat, DetectsEachFixtureFile) {
  EXPECT_EQ(detect_format(kFixtures + "/ml100k_small.data"), DataFormat::kMl100k);
  EXPECT_EQ(detect_format(kFixtures + "/ml1m_small.dat"), DataFormat::kMl1m);
  EXPECT_EQ(detect_format(kFixtures + "/ratings_header.csv"), DataFormat::kCsv);
  EXPECT_EQ(detect_format(kFixtures + "/amazon2018.csv"), DataFormat::kCsv);
  EXPECT_EQ(detect_format(kFixtures + "/small.inter"), DataFormat::kInter);
  EXPECT_EQ(detect_format(kFixtures + "/crlf_bom.csv"), DataFormat::kCsv);
}

TEST(DataFormat, DetectionFailuresSayWhy) {
  try {
    detect_format_from_text("1 2 3 4\n", "spaces.txt");
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_EQ(e.file(), "spaces.txt");
    EXPECT_EQ(e.line(), 1);
    EXPECT_NE(std::string(e.what()).find("'1 2 3 4'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(detect_format_from_text("", "empty"), DataError);
  EXPECT_THROW(detect_format_from_text("\n \n", "blank"), DataError);
  EXPECT_THROW(detect_format(kFixtures + "/binary_garbage.bin"), DataError);
  EXPECT_THROW(detect_format(kFixtures + "/empty.csv"), DataError);
  EXPECT_THROW(detect_format(kFixtures + "/does_not_exist.csv"), DataError);
}

}  // namespace
}  // namespace metacf
