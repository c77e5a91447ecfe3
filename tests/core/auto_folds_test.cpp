// metacf_auto's cross-fitting folds: disjoint, covering, and a fold's users never in the split
// its candidates are fitted on. Its fold count is a validated, stored setting.
#include "core/learners/auto/auto_folds.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/learners/auto/auto_config.h"
#include "core/learners/learner_factory.h"

namespace metacf {
namespace {

Split split_of(int meta_train_users) {
  Split s;
  s.pretrain_users = {1000, 1001};
  for (int u = 0; u < meta_train_users; ++u) s.meta_train.push_back({u, {u}, {u + 1}});
  s.meta_test.push_back({2000, {1}, {2}});
  return s;
}

TEST(AutoFoldsTest, FoldsAreDisjointCoveringAndBalanced) {
  const auto fold = fold_of_users(103, 5, 9);
  ASSERT_EQ(fold.size(), 103u);
  std::vector<int> sizes(5, 0);
  for (int f : fold) {
    ASSERT_GE(f, 0);
    ASSERT_LT(f, 5);
    ++sizes[static_cast<std::size_t>(f)];
  }
  EXPECT_EQ(
      *std::max_element(sizes.begin(), sizes.end()) - *std::min_element(sizes.begin(), sizes.end()),
      1);
  EXPECT_EQ(fold, fold_of_users(103, 5, 9));
  EXPECT_NE(fold, fold_of_users(103, 5, 10));  // the seed shuffles the deal
}

TEST(AutoFoldsTest, EachFoldHoldsOutItsUsersFromItsFittingSplit) {
  const Split split = split_of(50);
  const auto folds = validation_folds(split, 5, 0.2, 1000, 3);
  ASSERT_EQ(folds.size(), 5u);
  std::multiset<std::int32_t> held_anywhere;
  for (const auto& fold : folds) {
    std::set<std::int32_t> fitted;
    for (const auto& t : fold.fitting.meta_train) fitted.insert(t.user);
    for (const auto& t : fold.held) {
      EXPECT_EQ(fitted.count(t.user), 0u) << "user " << t.user << " is fitted on and held out";
      held_anywhere.insert(t.user);
    }
    EXPECT_EQ(fold.fitting.meta_train.size() + fold.held.size(), split.meta_train.size());
    EXPECT_EQ(fold.fitting.pretrain_users, split.pretrain_users);
    EXPECT_EQ(fold.fitting.meta_test.size(), split.meta_test.size());
  }
  // Every meta-training user is held out exactly once.
  ASSERT_EQ(held_anywhere.size(), split.meta_train.size());
  for (const auto& t : split.meta_train) EXPECT_EQ(held_anywhere.count(t.user), 1u);
}

TEST(AutoFoldsTest, ScoredUsersAreCappedPerFoldButTheWholeFoldIsLeftOut) {
  const Split split = split_of(50);
  for (const auto& fold : validation_folds(split, 5, 0.2, 12, 3)) {
    EXPECT_EQ(fold.held.size(), 3u);                 // ceil(12 / 5)
    EXPECT_EQ(fold.fitting.meta_train.size(), 40u);  // still without all 10 of its users
  }
  const auto single = validation_folds(split, 1, 0.2, 1000, 3);
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].held.size(), 10u);
  EXPECT_EQ(single[0].fitting.meta_train.size(), 40u);
}

TEST(AutoFoldsTest, FoldCountIsValidatedAndStored) {
  EXPECT_THROW(make_learner("metacf_auto", {{"folds", 0}}), std::invalid_argument);
  EXPECT_THROW(make_learner("metacf_auto", {{"folds", 11}}), std::invalid_argument);
  EXPECT_THROW(make_learner("metacf_auto", {{"folds", 2.5}}), std::invalid_argument);
  EXPECT_EQ(make_learner("metacf_auto", nlohmann::json::object())->config()["folds"], 5);
  const auto learner = make_learner("metacf_auto", {{"folds", 3}});
  EXPECT_EQ(learner->config()["folds"], 3);
  EXPECT_EQ(learner->config().get<AutoConfig>().folds, 3);
}

}  // namespace
}  // namespace metacf
