// A delimiter the user names: each one loads the same records as the comma file, it replaces a
// forced format's own, whitespace means runs of spaces and tabs, and the record preview gives
// every column (rating, timestamp) as written.
#include "core/data/delimiter.h"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

#include "core/data/data_error.h"
#include "core/data/dataset_loader.h"
#include "core/data/record_preview.h"

namespace metacf {
namespace {

Dataset load_text(const std::string& text, const LoadOptions& options) {
  std::istringstream in(text);
  return load_dataset(in, "ratings.txt", options);
}

std::string with_separator(const std::string& separator) {
  return "1" + separator + "10" + separator + "5" + separator + "881250949\n" +  //
         "1" + separator + "11" + separator + "4" + separator + "881250950\n" +  //
         "2" + separator + "10" + separator + "3" + separator + "881250951\n";
}

TEST(DelimiterTest, EachDelimiterLoadsTheSameRecordsAsCommas) {
  const Dataset reference = load_text(with_separator(","), {});
  const std::pair<Delimiter, std::string> cases[] = {{Delimiter::kTab, "\t"},
                                                     {Delimiter::kComma, ","},
                                                     {Delimiter::kSemicolon, ";"},
                                                     {Delimiter::kDoubleColon, "::"},
                                                     {Delimiter::kWhitespace, "  \t "}};
  for (const auto& [delimiter, separator] : cases) {
    LoadOptions options;
    options.delimiter = delimiter;
    const Dataset data = load_text(with_separator(separator), options);
    EXPECT_EQ(data.user_ids, reference.user_ids) << delimiter_name(delimiter);
    EXPECT_EQ(data.item_ids, reference.item_ids) << delimiter_name(delimiter);
    EXPECT_EQ(data.user_items, reference.user_items) << delimiter_name(delimiter);
  }
}

TEST(DelimiterTest, AChosenDelimiterReplacesAForcedFormatsOwn) {
  LoadOptions options;
  options.format = DataFormat::kMl100k;
  EXPECT_THROW(load_text(with_separator(";"), options), DataError);
  options.delimiter = Delimiter::kSemicolon;
  EXPECT_EQ(load_text(with_separator(";"), options).num_records(), 3);
}

TEST(DelimiterTest, AWrongDelimiterNamesTheLineAndTheOneFound) {
  LoadOptions options;
  options.delimiter = Delimiter::kSemicolon;
  try {
    load_text(with_separator("\t"), options);
    FAIL() << "a tab file read with semicolons loaded";
  } catch (const DataError& e) {
    EXPECT_EQ(e.line(), 1);
    EXPECT_NE(std::string(e.what()).find("separated by tabs"), std::string::npos) << e.what();
  }
}

TEST(DelimiterTest, NamesRoundTripAndUnknownOnesAreRefused) {
  for (Delimiter d : {Delimiter::kAuto, Delimiter::kTab, Delimiter::kComma, Delimiter::kSemicolon,
                      Delimiter::kDoubleColon, Delimiter::kWhitespace}) {
    EXPECT_EQ(parse_delimiter_name(delimiter_name(d)), d);
  }
  EXPECT_THROW(parse_delimiter_name("pipe"), std::invalid_argument);
}

// A semicolon file needs no delimiter named: with format auto or csv it is read by its
// semicolons, as the load and the preview alike; a delimiter named still wins.
TEST(DelimiterTest, SemicolonFilesAreDetected) {
  const Dataset reference = load_text(with_separator(","), {});
  const std::string semicolons = "userId;movieId;rating;timestamp\n" + with_separator(";");
  LoadOptions as_csv;
  as_csv.format = DataFormat::kCsv;
  for (const LoadOptions& options : {LoadOptions{}, as_csv}) {
    const Dataset data = load_text(semicolons, options);
    EXPECT_EQ(data.format, "csv");
    EXPECT_EQ(data.user_items, reference.user_items);
    EXPECT_EQ(data.item_ids, reference.item_ids);
    std::istringstream in(semicolons);
    const auto records = read_preview_records(in, "r.csv", options, 5);
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[2].item, "10");
    EXPECT_EQ(records[2].timestamp, "881250951");
  }
  LoadOptions commas;
  commas.delimiter = Delimiter::kComma;
  EXPECT_THROW(load_text(semicolons, commas), DataError);
}

TEST(RecordPreviewTest, GivesEveryColumnInFileOrder) {
  std::istringstream in(
      "userId,movieId,rating,timestamp\n2,10,3.5,100\n1,11,4,200\n\n2,12,1,300\n");
  const auto records = read_preview_records(in, "r.csv", {}, 2);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].user, "2");
  EXPECT_EQ(records[0].item, "10");
  ASSERT_TRUE(records[0].rating.has_value());
  EXPECT_DOUBLE_EQ(*records[0].rating, 3.5);
  EXPECT_EQ(records[0].timestamp, "100");
  EXPECT_EQ(records[0].line, 2);
  EXPECT_EQ(records[1].user, "1");
  EXPECT_EQ(records[1].line, 3);
}

TEST(RecordPreviewTest, ThreeColumnsHaveNoTimestampAndTitlesAttachById) {
  std::istringstream in("a,x,5\nb,y,4\n");
  auto records = read_preview_records(in, "r.csv", {}, 10);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records[0].timestamp.empty());
  Dataset data;
  data.item_ids = {"y", "x"};
  data.item_titles = {"Why", "Ex"};
  attach_preview_titles(records, data);
  EXPECT_EQ(records[0].title, "Ex");
  EXPECT_EQ(records[1].title, "Why");
}

TEST(RecordPreviewTest, BinaryInputGivesNoRecords) {
  std::istringstream in(std::string("\x00\x01\x02\xff", 4) + std::string(100, '\x07'));
  EXPECT_TRUE(read_preview_records(in, "bin", {}, 10).empty());
}

}  // namespace
}  // namespace metacf
