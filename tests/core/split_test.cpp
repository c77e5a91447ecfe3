#include "core/split/split.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

TEST(SplitTest, GroupsAreDisjointAndCoverEveryUser) {
  const Dataset data = testing::clustered_dataset(400, 200, 4, 1, 30, 3);
  const Split split = make_split(data, SplitConfig{});
  std::set<std::int32_t> seen;
  for (auto u : split.pretrain_users) EXPECT_TRUE(seen.insert(u).second);
  for (const auto& t : split.meta_train) EXPECT_TRUE(seen.insert(t.user).second);
  for (const auto& t : split.meta_test) EXPECT_TRUE(seen.insert(t.user).second);
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()) + split.dropped_users, 400);
  // 1:2:1 of 400 users: 100 pretraining; the dropped ones come out of the meta groups.
  EXPECT_EQ(split.pretrain_users.size(), 100u);
  EXPECT_EQ(static_cast<std::int64_t>(split.meta_train.size() + split.meta_test.size()) +
                split.dropped_users,
            300);
}

TEST(SplitTest, UsersWithOneRecordAreDroppedAndCounted) {
  std::vector<std::vector<std::int32_t>> rows(40, std::vector<std::int32_t>{0});
  for (int u = 0; u < 20; ++u) rows[static_cast<std::size_t>(u)] = {0, 1, 2};
  const Dataset data = testing::dataset_from_rows(rows, 3);
  const Split split = make_split(data, SplitConfig{});
  std::int64_t single_record_meta_users = 0;
  std::set<std::int32_t> pre(split.pretrain_users.begin(), split.pretrain_users.end());
  for (int u = 20; u < 40; ++u) single_record_meta_users += pre.count(u) ? 0 : 1;
  EXPECT_EQ(split.dropped_users, single_record_meta_users);
  for (const auto& t : split.meta_train) EXPECT_GE(t.support.size() + t.query.size(), 2u);
}

TEST(SplitTest, SupportAndQueryAreDisjointSubsetsWithinBounds) {
  const Dataset data = testing::clustered_dataset(300, 300, 5, 2, 60, 4);
  const Split split = make_split(data, SplitConfig{});
  for (const auto* group : {&split.meta_train, &split.meta_test}) {
    for (const auto& t : *group) {
      const auto records = data.items_of(t.user);
      const std::set<std::int32_t> all(records.begin(), records.end());
      const std::size_t n = t.support.size() + t.query.size();
      EXPECT_GE(n, 2u);
      EXPECT_LE(n, std::min<std::size_t>(10, records.size()));
      EXPECT_EQ(t.support.size(), n / 2);
      std::set<std::int32_t> s(t.support.begin(), t.support.end());
      for (auto v : t.query) EXPECT_EQ(s.count(v), 0u);
      for (auto v : t.support) EXPECT_EQ(all.count(v), 1u);
      for (auto v : t.query) EXPECT_EQ(all.count(v), 1u);
    }
  }
}

// With many records per user, n ~ U{2..10}: E[floor(n/2)] = 28/9 ~ 3.11 and
// E[n - floor(n/2)] = 32/9 ~ 3.56; on MovieLens-1M's skewed counts the paper sees 2.8 / 3.2.
TEST(SplitTest, MeanSupportAndQuerySizesMatchTheDesign) {
  const Dataset data = testing::clustered_dataset(8000, 400, 4, 40, 60, 5);
  const Split split = make_split(data, SplitConfig{});
  double support = 0, query = 0, tasks = 0;
  for (const auto* group : {&split.meta_train, &split.meta_test}) {
    for (const auto& t : *group) {
      support += static_cast<double>(t.support.size());
      query += static_cast<double>(t.query.size());
      ++tasks;
    }
  }
  EXPECT_NEAR(support / tasks, (1 + 1 + 2 + 2 + 3 + 3 + 4 + 4 + 5) / 9.0, 0.05);
  EXPECT_NEAR(query / tasks, (1 + 2 + 2 + 3 + 3 + 4 + 4 + 5 + 5) / 9.0, 0.05);
}

TEST(SplitTest, SameSeedSameSplitOtherSeedOtherSplit) {
  const Dataset data = testing::clustered_dataset(300, 100, 4, 2, 20, 6);
  SplitConfig c;
  c.seed = 9;
  const Split a = make_split(data, c), b = make_split(data, c);
  c.seed = 10;
  const Split other = make_split(data, c);
  ASSERT_EQ(a.meta_test.size(), b.meta_test.size());
  for (std::size_t i = 0; i < a.meta_test.size(); ++i) {
    EXPECT_EQ(a.meta_test[i].user, b.meta_test[i].user);
    EXPECT_EQ(a.meta_test[i].support, b.meta_test[i].support);
    EXPECT_EQ(a.meta_test[i].query, b.meta_test[i].query);
  }
  EXPECT_NE(a.pretrain_users, other.pretrain_users);
}

TEST(SplitTest, InvalidConfigNamesTheField) {
  SplitConfig c;
  c.meta_test_ratio = 0;
  try {
    c.validate();
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("meta_test_ratio"), std::string::npos);
  }
}

}  // namespace
}  // namespace metacf
