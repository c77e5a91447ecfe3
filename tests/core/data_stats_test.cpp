// Statistics on a tiny hand-worked data set, histograms, JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"

namespace metacf {
namespace {

// a: x y z   b: x   c: x y   (plus one repeated pair a-x)
Dataset tiny() {
  std::istringstream in("a,x,1\na,y,1\nb,x,1\na,z,1\nc,x,1\nc,y,1\na,x,1\n");
  return load_dataset(in, "tiny.csv");
}

TEST(DataStats, HandWorked) {
  const DatasetStats s = compute_stats(tiny());
  EXPECT_EQ(s.users, 3);
  EXPECT_EQ(s.items, 3);
  EXPECT_EQ(s.records, 3 + 1 + 2);
  EXPECT_EQ(s.duplicates, 1);
  EXPECT_DOUBLE_EQ(s.density, 6.0 / (3.0 * 3.0));
  EXPECT_EQ(s.records_per_user, (std::vector<std::int64_t>{3, 1, 2}));  // a, b, c
  EXPECT_EQ(s.records_per_item, (std::vector<std::int64_t>{3, 2, 1}));  // x, y, z
  EXPECT_EQ(s.per_user.min, 1);
  EXPECT_EQ(s.per_user.max, 3);
  EXPECT_DOUBLE_EQ(s.per_user.median, 2.0);
  EXPECT_DOUBLE_EQ(s.per_user.mean, (3.0 + 1.0 + 2.0) / 3.0);
  EXPECT_DOUBLE_EQ(s.per_item.mean, 2.0);
}

TEST(DataStats, MedianOfEvenCount) {
  const std::vector<std::int64_t> counts{4, 1, 10, 2};
  const auto s = summarize_counts(counts);
  EXPECT_DOUBLE_EQ(s.median, (2.0 + 4.0) / 2.0);
  EXPECT_DOUBLE_EQ(s.mean, 17.0 / 4.0);
}

TEST(DataStats, LinearAndLogHistograms) {
  const std::vector<std::int64_t> counts{1, 2, 2, 3, 4, 8};
  const auto linear = histogram(counts, 4, BinScale::kLinear);  // [1,3) [3,5) [5,7) [7,9)
  ASSERT_EQ(linear.size(), 4u);
  EXPECT_DOUBLE_EQ(linear[0].lower, 1.0);
  EXPECT_DOUBLE_EQ(linear[3].upper, 9.0);
  EXPECT_EQ(linear[0].count, 3);
  EXPECT_EQ(linear[1].count, 2);
  EXPECT_EQ(linear[2].count, 0);
  EXPECT_EQ(linear[3].count, 1);

  const auto log = histogram(counts, 3, BinScale::kLog);  // edges 1, 9^(1/3), 9^(2/3), 9
  ASSERT_EQ(log.size(), 3u);
  EXPECT_NEAR(log[1].lower, std::cbrt(9.0), 1e-12);
  EXPECT_EQ(log[0].count, 3);  // 1, 2, 2 < 2.08
  EXPECT_EQ(log[1].count, 2);  // 3, 4 < 4.33
  EXPECT_EQ(log[2].count, 1);  // 8

  std::int64_t total = 0;
  for (const auto& b : histogram(counts, 50, BinScale::kLinear)) total += b.count;
  EXPECT_EQ(total, 6);
  EXPECT_TRUE(histogram({}, 5, BinScale::kLog).empty());
  EXPECT_EQ(histogram(std::vector<std::int64_t>{5, 5}, 5, BinScale::kLog).size(), 1u);
}

TEST(DataStats, Json) {
  const nlohmann::json j = compute_stats(tiny());
  for (const char* key : {"format", "users", "items", "records", "duplicates", "skipped", "density",
                          "records_per_user", "records_per_item_histogram"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["format"], "csv");
  EXPECT_EQ(j["records"], 6);
  EXPECT_EQ(j["records_per_user"]["max"], 3);
}

}  // namespace
}  // namespace metacf
