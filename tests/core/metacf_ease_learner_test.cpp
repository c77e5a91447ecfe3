// metacf_ease: ease's scores without one user match a solve without her, and the learner fits,
// serves, repeats itself and restores through the factory.
#include "core/learners/metaease/metacf_ease_learner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>

#include "core/learners/ease/ease_dense.h"
#include "core/learners/ease/ease_learner.h"
#include "core/learners/learner_factory.h"
#include "core/learners/metaease/ease_without_user.h"
#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

UserItemRows rows_of(const std::vector<std::vector<std::int32_t>>& users) {
  UserItemRows rows;
  for (const auto& user : users) {
    rows.items.insert(rows.items.end(), user.begin(), user.end());
    rows.offsets.push_back(static_cast<std::int64_t>(rows.items.size()));
  }
  return rows;
}

TEST(MetaEaseLearnerTest, EaseWithoutAUserMatchesASolveThatNeverCountedHer) {
  const std::vector<std::vector<std::int32_t>> users = {
      {0, 1, 2}, {1, 2, 3}, {0, 3, 4, 5}, {2, 5, 6}, {0, 1, 6}, {4, 5, 6, 7}, {1, 3, 7}};
  const std::int32_t items = 8;
  const double lambda = 2.0;
  const Eigen::MatrixXf inverse = dense_ease_inverse(rows_of(users), items, lambda);
  for (std::size_t u = 0; u < users.size(); ++u) {
    SCOPED_TRACE(u);
    auto others = users;
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(u));
    EaseLearner without(EaseConfig{lambda, "dense"});
    without.fit_records(rows_of(others), items);
    UserState state;
    state.support = {users[u][0], users[u][1]};
    Eigen::VectorXf expected(items), got(items);
    without.score(state, expected);
    ease_scores_without_user(inverse, ease_downdate(inverse, users[u]), state.support, got);
    for (std::int32_t v = 2; v < items; ++v) {
      if (std::find(state.support.begin(), state.support.end(), v) != state.support.end()) continue;
      EXPECT_NEAR(got[v], expected[v], 1e-4) << "item " << v;
    }
  }
}

struct Fitted {
  std::unique_ptr<Learner> learner;
  std::vector<std::string> messages;
};

Fitted fit_on(const Dataset& data, const Split& split,
              const nlohmann::json& config = nlohmann::json::object()) {
  Fitted f{make_learner("metacf_ease", config), {}};
  TrainingContext ctx{data, split, nullptr, nullptr, nullptr, 1};
  JobControl job([&](const Progress& p) {
    if (p.epoch_done) f.messages.push_back(p.message);
    return true;
  });
  f.learner->fit(ctx, job);
  return f;
}

TEST(MetaEaseLearnerTest, FitsServesRepeatsAndRestoresThroughTheFactory) {
  const Dataset data = testing::clustered_dataset(240, 60, 4, 4, 20, 5);
  SplitConfig config;
  config.seed = 3;
  const Split split = make_split(data, config);
  ASSERT_GT(split.meta_train.size(), 50u);

  const Fitted first = fit_on(data, split);
  ASSERT_EQ(first.messages.size(), 1u);
  EXPECT_NE(first.messages[0].find("popularity mix by clicks 1: "), std::string::npos);
  const auto& fitted = dynamic_cast<const MetaEaseLearner&>(*first.learner);
  std::int64_t tasks = 0, users = 0;
  for (const auto& c : fitted.choices()) {
    tasks += c.tasks;
    users += c.users;
  }
  EXPECT_EQ(users, static_cast<std::int64_t>(split.meta_train.size()));
  EXPECT_EQ(tasks, users);  // by default each user's task as written

  const Fitted second = fit_on(data, split);
  const auto& again = dynamic_cast<const MetaEaseLearner&>(*second.learner).gate();
  EXPECT_TRUE((fitted.gate().mix.array() == again.mix.array()).all());

  auto restored = make_learner("metacf_ease", nlohmann::json::object());
  restored->load_parameters(first.learner->parameters(), nullptr);
  Rng rng(1);
  for (const Task& task : split.meta_test) {
    const auto states = first.learner->adapt(task.support, 5, rng);
    ASSERT_EQ(states.size(), 6u);
    Eigen::VectorXf a(data.num_items()), b(data.num_items()), c(data.num_items());
    first.learner->score(states.back(), a);
    second.learner->score(states.back(), b);
    restored->score(states.back(), c);
    EXPECT_TRUE(a.allFinite());
    EXPECT_TRUE((a.array() == b.array()).all());
    EXPECT_TRUE(a.isApprox(c, 1e-5f));
  }
}

std::pair<std::int64_t, std::int64_t> tasks_and_users(const Learner& learner) {
  std::int64_t tasks = 0, users = 0;
  for (const auto& c : dynamic_cast<const MetaEaseLearner&>(learner).choices()) {
    tasks += c.tasks;
    users += c.users;
  }
  return {tasks, users};
}

TEST(MetaEaseLearnerTest, RedrawsAddTasksPerUserExceptOnAPublishedSplit) {
  const Dataset data = testing::clustered_dataset(240, 60, 4, 4, 20, 5);
  SplitConfig config;
  config.seed = 3;
  Split split = make_split(data, config);
  const auto meta_users = static_cast<std::int64_t>(split.meta_train.size());
  const nlohmann::json eight = {{"draws", 8}};

  const Fitted drawn = fit_on(data, split, eight);
  EXPECT_EQ(tasks_and_users(*drawn.learner), std::make_pair(8 * meta_users, meta_users));
  EXPECT_NE(drawn.messages[0].find(" tasks)"), std::string::npos) << drawn.messages[0];
  // The same split gives the same draws, so the same mixes.
  const Fitted again = fit_on(data, split, eight);
  EXPECT_TRUE((dynamic_cast<const MetaEaseLearner&>(*drawn.learner).gate().mix.array() ==
               dynamic_cast<const MetaEaseLearner&>(*again.learner).gate().mix.array())
                  .all());

  // max_tasks caps users x draws: 40 tasks at 8 draws are five users'.
  const Fitted capped = fit_on(data, split, {{"draws", 8}, {"max_tasks", 40}});
  EXPECT_EQ(tasks_and_users(*capped.learner), std::make_pair(std::int64_t{40}, std::int64_t{5}));
  // Fewer tasks than draws: one user's first max_tasks draws.
  const Fitted tiny = fit_on(data, split, {{"draws", 8}, {"max_tasks", 5}});
  EXPECT_EQ(tasks_and_users(*tiny.learner), std::make_pair(std::int64_t{5}, std::int64_t{1}));

  split.published_tasks = true;
  const Fitted published = fit_on(data, split, eight);
  EXPECT_EQ(tasks_and_users(*published.learner), std::make_pair(meta_users, meta_users));
}

TEST(MetaEaseLearnerTest, ACatalogueBeyondTheDenseBudgetIsRefusedWithItsReason) {
  const std::int32_t items = 3000;
  std::vector<std::vector<std::int32_t>> rows;
  for (std::int32_t u = 0; u < 20; ++u) rows.push_back({u, u + 1, u + 2, u + 3});
  const Dataset data = testing::dataset_from_rows(rows, items);
  auto learner = make_learner("metacf_ease", {{"memory_budget_mib", 16}});
  const std::string why = learner->unfit_reason(data);
  EXPECT_NE(why.find("3000 items need 35 MiB, over the 16 MiB budget"), std::string::npos) << why;
  EXPECT_EQ(make_learner("metacf_ease", nlohmann::json::object())->unfit_reason(data), "");
  EXPECT_THROW(make_learner("metacf_ease", {{"min_gain_se", -1.0}}), std::invalid_argument);
  EXPECT_THROW(make_learner("metacf_ease", {{"draws", 0}}), std::invalid_argument);
  EXPECT_THROW(make_learner("metacf_ease", {{"draws", 65}}), std::invalid_argument);
}

}  // namespace
}  // namespace metacf
