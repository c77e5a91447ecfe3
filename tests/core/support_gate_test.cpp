// metacf_ease's support gate: the mix per support size follows what predicts the query on the
// meta-training tasks, and the guard keeps ease alone where a mix wins by chance only.
#include "core/learners/metaease/support_gate.h"

#include <gtest/gtest.h>

#include "core/util/rng.h"

namespace metacf {
namespace {

// 50 items; item v's popularity feature is -v / 10 (item 0 the most popular). Tasks with one
// click have their query among the five most popular items while ease's scores favour items
// 40-49 (scores 1 there, noise elsewhere); tasks with five clicks have their query where ease
// points. The popularity mix should win for one click, and lose (or tie) for five.
std::vector<GateTask> tasks_where_one_click_follows_popularity(Eigen::VectorXf& popularity) {
  const std::int32_t items = 50;
  popularity.resize(items);
  for (std::int32_t v = 0; v < items; ++v) popularity[v] = -static_cast<float>(v) / 10.0f;
  Rng rng(4);
  std::vector<GateTask> tasks;
  for (int t = 0; t < 200; ++t) {
    GateTask task;
    task.user = t;
    const bool one = t % 2 == 0;
    task.ease = Eigen::VectorXf::Zero(items);
    for (std::int32_t v = 0; v < items; ++v)
      task.ease[v] = static_cast<float>(0.01 * rng.uniform()) + (v >= 40 ? 1.0f : 0.0f);
    task.support =
        one ? std::vector<std::int32_t>{20} : std::vector<std::int32_t>{20, 21, 22, 23, 24};
    const auto pick = static_cast<std::int32_t>(rng.uniform_index(5));
    task.query = {one ? pick : 40 + pick};
    task.own_items = task.support;
    task.own_popularity.assign(task.support.size(), -2.0f);
    for (const auto s : task.support) task.ease[s] = 0.0f;
    tasks.push_back(std::move(task));
  }
  return tasks;
}

TEST(SupportGateTest, OneClickMixesInPopularityWhereItPredictsAndFiveClicksKeepEase) {
  Eigen::VectorXf popularity;
  const auto tasks = tasks_where_one_click_follows_popularity(popularity);
  JobControl job;
  std::vector<GateChoice> choices;
  const SupportGate gate = choose_support_gate(tasks, popularity, 1.0, job, &choices);
  ASSERT_EQ(choices.size(), static_cast<std::size_t>(kGateSizes));
  EXPECT_EQ(choices[0].tasks, 100);
  EXPECT_EQ(choices[0].users, 100);
  EXPECT_EQ(choices[4].tasks, 100);
  // Item 40 scores 1 - 4 r against item 0's 0: any r above 0.25 ranks the popular items first.
  EXPECT_GE(gate.popularity_weight(1), 0.5f);
  EXPECT_GT(choices[0].gain, 0.5);
  EXPECT_EQ(gate.popularity_weight(5), 0.0f);
  EXPECT_EQ(gate.popularity_weight(9), 0.0f);  // larger supports share the last size
  EXPECT_EQ(gate.popularity_weight(2), 0.0f);  // no tasks of that size: ease alone
  // The same tasks give the same choice.
  const SupportGate again = choose_support_gate(tasks, popularity, 1.0, job);
  EXPECT_TRUE((gate.mix.array() == again.mix.array()).all());
}

TEST(SupportGateTest, TheGuardKeepsEaseWhenTheGainIsWithinNoise) {
  // Queries drawn at random: any mix's gain over ease alone is chance.
  const std::int32_t items = 30;
  Eigen::VectorXf popularity(items);
  Rng rng(9);
  for (std::int32_t v = 0; v < items; ++v) popularity[v] = static_cast<float>(rng.normal());
  std::vector<GateTask> tasks;
  for (int t = 0; t < 40; ++t) {
    GateTask task;
    task.user = t;
    task.ease = Eigen::VectorXf::Zero(items);
    for (std::int32_t v = 0; v < items; ++v) task.ease[v] = static_cast<float>(rng.normal());
    task.support = {0};
    task.query = {static_cast<std::int32_t>(1 + rng.uniform_index(items - 1))};
    tasks.push_back(std::move(task));
  }
  JobControl job;
  std::vector<GateChoice> loose, guarded;
  (void)choose_support_gate(tasks, popularity, 0.0, job, &loose);
  const SupportGate gate = choose_support_gate(tasks, popularity, 10.0, job, &guarded);
  EXPECT_NE(loose[0].best_raw, 0.0f);  // some mix looks better by chance
  EXPECT_EQ(gate.popularity_weight(1), 0.0f);
}

TEST(SupportGateTest, AUsersDrawsCountAsOneObservation) {
  // User 0's 50 draws all gain from the popularity mix; users 1-20, one draw each, tie (their
  // query ranks outside the top 10 either way). Over tasks the gain looks sure (50 of 70); over
  // users it is one win in 21, about one standard error.
  Eigen::VectorXf popularity;
  auto tasks = tasks_where_one_click_follows_popularity(popularity);
  std::vector<GateTask> drawn;
  for (int d = 0; d < 50; ++d) {
    GateTask task = tasks[0];
    task.user = 0;
    task.query = {d % 5};
    drawn.push_back(std::move(task));
  }
  for (int u = 1; u <= 20; ++u) {
    GateTask task = tasks[0];
    task.user = u;
    task.query = {25};
    drawn.push_back(std::move(task));
  }
  JobControl job;
  std::vector<GateChoice> loose, guarded;
  const SupportGate any = choose_support_gate(drawn, popularity, 0.0, job, &loose);
  const SupportGate gate = choose_support_gate(drawn, popularity, 2.0, job, &guarded);
  EXPECT_GT(any.popularity_weight(1), 0.0f);
  EXPECT_EQ(guarded[0].tasks, 70);
  EXPECT_EQ(guarded[0].users, 21);
  EXPECT_NEAR(loose[0].gain, 1.0 / 21.0, 1e-9);  // users weighted alike, not tasks
  EXPECT_EQ(gate.popularity_weight(1), 0.0f);
}

}  // namespace
}  // namespace metacf
