// Loading ratings: every format, options, duplicates, ids, and every kind of bad input.
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <string>
#include <vector>

#include "core/data/data_error.h"
#include "core/data/dataset_loader.h"
#include "core/data/id_index.h"

namespace metacf {
namespace {

const std::string kFixtures = METACF_FIXTURES_DIR;

Dataset load_text(const std::string& text, LoadOptions options = {}) {
  std::istringstream in(text);
  return load_dataset(in, "input.txt", options);
}

// User `user`'s items as original ids, in stored order.
std::vector<std::string> items_of(const Dataset& data, const std::string& user) {
  const auto u = IdIndex(data.user_ids).find(user);
  if (!u) return {};
  std::vector<std::string> items;
  for (const auto i : data.items_of(*u))
    items.push_back(data.item_ids[static_cast<std::size_t>(i)]);
  return items;
}

using Items = std::vector<std::string>;

// The DataError a strict load of `text` throws.
DataError strict_error(const std::string& text, LoadOptions options = {}) {
  try {
    load_text(text, options);
  } catch (const DataError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a DataError for: " << text;
  return DataError("", 0, "none");
}

TEST(DataLoader, Ml100kFromFileMergesDuplicates) {
  const Dataset data = load_dataset(kFixtures + "/ml100k_small.data");
  EXPECT_EQ(data.format, "ml100k");
  EXPECT_EQ(data.num_users(), 3);
  EXPECT_EQ(data.num_items(), 3);
  EXPECT_EQ(data.num_records(), 5 - 1);  // 5 lines, user 7 rates item 30 twice
  EXPECT_EQ(data.duplicates, 1);
  EXPECT_EQ(items_of(data, "7"), (Items{"30", "10"}));  // first-seen order
  EXPECT_EQ(data.source_path, kFixtures + "/ml100k_small.data");
}

TEST(DataLoader, Ml1mFromFileAndString) {
  const Dataset data = load_dataset(kFixtures + "/ml1m_small.dat");
  EXPECT_EQ(data.format, "ml1m");
  EXPECT_EQ(items_of(data, "1"), (Items{"2207", "417"}));
  EXPECT_EQ(items_of(data, "2"), (Items{"2207"}));
  const Dataset from_text = load_text("5::6::1::0\n5::7::2::0\n");
  EXPECT_EQ(from_text.format, "ml1m");
  EXPECT_EQ(items_of(from_text, "5"), (Items{"6", "7"}));
}

TEST(DataLoader, CsvWithHeader) {
  const Dataset data = load_dataset(kFixtures + "/ratings_header.csv");
  EXPECT_EQ(data.format, "csv");
  EXPECT_EQ(data.num_users(), 2);
  EXPECT_EQ(data.num_records(), 3);
  EXPECT_EQ(items_of(data, "1"), (Items{"31", "1029"}));
  EXPECT_EQ(data.skipped, 0);
}

TEST(DataLoader, BadFirstCsvLineIsNotMistakenForAHeader) {
  // Only a line without any number is a header; this one has numeric ids, so it is reported.
  const auto e = strict_error("1,31,great,1100000001\n1,32,4,1100000001\n");
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.reason(), "rating is not a number");
  EXPECT_EQ(load_text("user,item,rating\nu,i,4\n").num_records(), 1);
}

TEST(DataLoader, CsvWithoutHeaderAndStringIds) {
  const Dataset data = load_dataset(kFixtures + "/amazon2014.csv");
  EXPECT_EQ(data.num_users(), 2);
  EXPECT_EQ(data.num_items(), 2);
  EXPECT_EQ(items_of(data, "A3SYNTHUSER0001"), (Items{"B00SYNTH0001", "B00SYNTH0002"}));
}

TEST(DataLoader, ColumnOrderItemUser) {
  LoadOptions options;
  options.column_order = ColumnOrder::kItemUser;
  const Dataset data = load_dataset(kFixtures + "/amazon2018.csv", options);
  EXPECT_EQ(data.num_users(), 2);
  EXPECT_EQ(items_of(data, "A3SYNTHUSER0001"), (Items{"B00SYNTH0001", "B00SYNTH0002"}));
  EXPECT_EQ(items_of(data, "A3SYNTHUSER0002"), (Items{"B00SYNTH0001"}));
  // Read user-first, the same file has the items as users.
  const Dataset swapped = load_dataset(kFixtures + "/amazon2018.csv");
  EXPECT_EQ(items_of(swapped, "B00SYNTH0001"), (Items{"A3SYNTHUSER0001", "A3SYNTHUSER0002"}));
}

TEST(DataLoader, InterColumnsFoundByHeaderName) {
  const Dataset data = load_dataset(kFixtures + "/small.inter");
  EXPECT_EQ(data.format, "inter");
  EXPECT_EQ(items_of(data, "71"), (Items{"840", "903"}));
  // Columns in another order, and no rating column.
  const Dataset reordered = load_text("timestamp:float\titem_id:token\tuser_id:token\n9\tb\ta\n");
  EXPECT_EQ(items_of(reordered, "a"), (Items{"b"}));
  EXPECT_EQ(strict_error("user_id:token\tfoo:token\n1\t2\n").line(), 1);
}

TEST(DataLoader, ManualFormatOverridesDetection) {
  LoadOptions options;
  options.format = DataFormat::kCsv;
  const Dataset data = load_text("1,2,3\n", options);
  EXPECT_EQ(data.format, "csv");
  // Forcing ml100k on a CSV is an error that names the delimiter actually used.
  options.format = DataFormat::kMl100k;
  const auto e = strict_error("1,2,3,4\n", options);
  EXPECT_NE(std::string(e.what()).find("commas"), std::string::npos) << e.what();
}

TEST(DataLoader, RatingThresholdDropsAndCounts) {
  LoadOptions options;
  options.rating_threshold = 4.0;
  const Dataset data = load_text("u,a,5\nu,b,3.5\nv,a,4\nw,c,1\n", options);
  EXPECT_EQ(data.num_records(), 2);  // 5 and 4 stay; 3.5 and 1 go
  EXPECT_EQ(data.below_threshold, 2);
  EXPECT_EQ(data.skipped, 2);
  EXPECT_EQ(data.num_users(), 2);  // w had only a low rating
  EXPECT_EQ(items_of(data, "u"), (Items{"a"}));
  // Without a threshold every record is a positive.
  EXPECT_EQ(load_text("u,a,5\nu,b,3.5\nv,a,4\nw,c,1\n").num_records(), 4);
  // All below: an error, not an empty data set.
  options.rating_threshold = 10.0;
  EXPECT_THROW(load_text("u,a,5\n", options), DataError);
  // A file without ratings cannot be thresholded.
  options.rating_threshold = 1.0;
  EXPECT_THROW(load_text("user_id:token\titem_id:token\n1\t2\n", options), DataError);
}

TEST(DataLoader, IdsRoundTrip) {
  const Dataset data = load_text("zed,x\xC3\xA9,1\nalpha,y,1\nzed,y,1\n");
  const IdIndex users(data.user_ids);
  const IdIndex items(data.item_ids);
  for (const std::string id : {"zed", "alpha"}) {
    const auto index = users.find(id);
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(data.user_ids[static_cast<std::size_t>(*index)], id);
  }
  EXPECT_EQ(users.find("zed"), 0);  // dense indices in first-seen order
  EXPECT_EQ(items.find("x\xC3\xA9"), 0);
  EXPECT_FALSE(users.find("nobody").has_value());
  EXPECT_EQ(data.user_offsets.size(), 3u);
}

TEST(DataLoader, CrlfBomAndBlankLinesAreAccepted) {
  const Dataset data = load_dataset(kFixtures + "/crlf_bom.csv");
  EXPECT_EQ(data.num_records(), 2);
  EXPECT_EQ(data.item_ids.front(), "31");  // no '\r' kept in the last field either
  const Dataset text = load_text(
      "\xEF\xBB\xBF"
      "1\t2\t3\t4\r\n\r\n   \n1\t5\t3\t4\r\n");
  EXPECT_EQ(text.format, "ml100k");
  EXPECT_EQ(items_of(text, "1"), (Items{"2", "5"}));
  EXPECT_EQ(text.skipped, 0);
}

TEST(DataLoader, LastLineWithoutNewline) {
  EXPECT_EQ(load_text("1,2,3\n4,5,6").num_records(), 2);
  const auto e = strict_error("1\t2\t3\t4\n4\t5");
  EXPECT_EQ(e.line(), 2);
  EXPECT_NE(std::string(e.what()).find("missing fields"), std::string::npos) << e.what();
}

TEST(DataLoader, StrictErrorsNameFileLineAndText) {
  const auto e = strict_error("1,2,4\n1,3,great\n");
  EXPECT_EQ(e.file(), "input.txt");
  EXPECT_EQ(e.line(), 2);
  const std::string what = e.what();
  EXPECT_NE(what.find("input.txt:2:"), std::string::npos) << what;
  EXPECT_NE(what.find("'great'"), std::string::npos) << what;
  EXPECT_NE(what.find("expected"), std::string::npos) << what;
  EXPECT_EQ(e.reason(), "rating is not a number");

  const auto file_error = [] {
    try {
      load_dataset(kFixtures + "/bad_rating.csv");
    } catch (const DataError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  }();
  EXPECT_NE(file_error.find("bad_rating.csv:3:"), std::string::npos) << file_error;
  EXPECT_NE(file_error.find("'great'"), std::string::npos) << file_error;
}

TEST(DataLoader, EveryBadLineKindStrictAndLenient) {
  struct Case {
    const char* name;
    std::string bad_line;
  };
  // Each after two good ml100k lines, so the format is detected as ml100k.
  const std::vector<Case> cases = {
      {"missing fields", "3\t4"},
      {"too many fields", "3\t4\t5\t6\t7"},
      {"non-numeric rating", "3\t4\tfive\t6"},
      {"non-numeric timestamp", "3\t4\t5\tyesterday"},
      {"wrong delimiter", "3,4,5,6"},
      {"empty user id", "\t4\t5\t6"},
      {"infinite rating", "3\t4\tinf\t6"},
  };
  const std::string good = "1\t2\t3\t4\n2\t2\t3\t4\n";
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto e = strict_error(good + c.bad_line + "\n");
    EXPECT_EQ(e.line(), 3);
    EXPECT_NE(std::string(e.what()).find("input.txt:3:"), std::string::npos) << e.what();

    LoadOptions lenient;
    lenient.lenient = true;
    const Dataset data = load_text(good + c.bad_line + "\n" + "1\t9\t3\t4\n", lenient);
    EXPECT_EQ(data.num_records(), 3);
    EXPECT_EQ(data.skipped, 1);
    ASSERT_EQ(data.warnings.size(), 1u);
    EXPECT_NE(data.warnings[0].find("input.txt:3:"), std::string::npos) << data.warnings[0];
  }
}

TEST(DataLoader, LenientKeepsOnlyTheFirstWarnings) {
  std::string text = "1,2,3\n";
  for (int i = 0; i < 50; ++i) text += "bad line\n";
  LoadOptions lenient;
  lenient.lenient = true;
  const Dataset data = load_text(text, lenient);
  EXPECT_EQ(data.skipped, 50);
  EXPECT_EQ(data.warnings.size(), 20u);
  EXPECT_EQ(data.num_records(), 1);
}

TEST(DataLoader, FilesWithoutRecordsAreErrorsInBothModes) {
  LoadOptions lenient;
  lenient.lenient = true;
  for (const auto& options : {LoadOptions{}, lenient}) {
    EXPECT_THROW(load_dataset(kFixtures + "/empty.csv", options), DataError);
    EXPECT_THROW(load_dataset(kFixtures + "/binary_garbage.bin", options), DataError);
    EXPECT_THROW(load_text("userId,movieId,rating,timestamp\n", options), DataError);
    EXPECT_THROW(load_text("\n\n  \n", options), DataError);
  }
  // Garbage read with a forced format: lenient skips every line, then finds nothing.
  LoadOptions forced = lenient;
  forced.format = DataFormat::kCsv;
  EXPECT_THROW(load_text("\x01\x02\x03\n\x04\x05\n", forced), DataError);
  EXPECT_THROW(load_dataset(kFixtures + "/missing.csv"), DataError);
}

TEST(DataLoader, OverlongLineIsAnError) {
  const std::string text = "1,2,3\n" + std::string(3u << 20, 'x') + "\n";
  const auto e = strict_error(text);
  EXPECT_EQ(e.line(), 2);
}

TEST(DataLoader, ReportsProgressAndStopsWhenCancelled) {
  std::string text;
  for (int i = 0; i < 300000; ++i)
    text += std::to_string(i % 977) + "," + std::to_string(i) + ",1\n";
  ASSERT_GT(text.size(), 2u << 20);
  int reports = 0;
  double last = 0;
  JobControl job([&](const Progress& p) {
    ++reports;
    EXPECT_EQ(p.stage, Stage::kLoad);
    EXPECT_GE(p.fraction, last);
    last = p.fraction;
    return true;
  });
  std::istringstream in(text);
  const Dataset data = load_dataset(in, "big.csv", {}, &job);
  EXPECT_EQ(data.num_records(), 300000);
  EXPECT_GE(reports, 2);
  EXPECT_DOUBLE_EQ(last, 1.0);

  std::atomic<bool> cancel{true};
  JobControl cancelled([](const Progress&) { return true; }, &cancel);
  std::istringstream again(text);
  EXPECT_THROW(load_dataset(again, "big.csv", {}, &cancelled), Cancelled);
}

}  // namespace
}  // namespace metacf
