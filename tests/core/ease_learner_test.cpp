// ease on a matrix small enough to invert by hand, its stored form, and catalogues too large for
// its dense solve (solved sparsely; metacf_auto keeps it). The two solves against references:
// ease_solve_test.cpp.
#include "core/learners/ease/ease_learner.h"

#include <gtest/gtest.h>

#include "core/learners/auto/auto_learner.h"
#include "core/learners/learner_factory.h"
#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

// Users {0,1}, {1,2}, {0,1,2}: X^T X = [[2,2,1],[2,3,2],[1,2,2]]; with lambda = 1,
// G = [[3,2,1],[2,4,2],[1,2,3]], det 16, P = G^-1 = [[.5,-.25,0],[-.25,.5,-.25],[0,-.25,.5]]
// and B[s][v] = -P[s][v] / P[v][v] = [[0,.5,0],[.5,0,.5],[0,.5,0]].
TEST(EaseLearnerTest, WeightsMatchTheHandInvertedThreeItemCase) {
  UserItemRows rows;
  for (const auto& user : std::vector<std::vector<std::int32_t>>{{0, 1}, {1, 2}, {0, 1, 2}}) {
    rows.items.insert(rows.items.end(), user.begin(), user.end());
    rows.offsets.push_back(static_cast<std::int64_t>(rows.items.size()));
  }
  EaseLearner ease(EaseConfig{1.0});
  ease.fit_records(rows, 3);
  const float expected[3][3] = {{0, 0.5f, 0}, {0.5f, 0, 0.5f}, {0, 0.5f, 0}};
  for (int s = 0; s < 3; ++s) {
    for (int v = 0; v < 3; ++v) EXPECT_NEAR(ease.weights_by_column()(v, s), expected[s][v], 1e-6);
  }
  UserState state;
  state.support = {0, 2};
  Eigen::VectorXf scores(3);
  ease.score(state, scores);
  EXPECT_NEAR(scores[0], 0.0f, 1e-6);
  EXPECT_NEAR(scores[1], 1.0f, 1e-6);
  EXPECT_NEAR(scores[2], 0.0f, 1e-6);

  auto restored = make_learner("ease", {{"lambda", 1.0}});
  restored->load_parameters(ease.parameters(), nullptr);
  Eigen::VectorXf again(3);
  restored->score(state, again);
  EXPECT_TRUE((again.array() == scores.array()).all());
}

TEST(EaseLearnerTest, LambdaIsValidatedAndStored) {
  EXPECT_THROW(make_learner("ease", {{"lambda", 0.0}}), std::invalid_argument);
  EXPECT_THROW(make_learner("ease", {{"lambda", -5.0}}), std::invalid_argument);
  EXPECT_THROW(make_learner("ease", {{"lambda", "big"}}), std::invalid_argument);
  EXPECT_EQ(make_learner("ease", {{"lambda", 42.0}})->config()["lambda"], 42.0);
  EXPECT_GT(make_learner("ease", nlohmann::json::object())->config()["lambda"].get<double>(), 0.0);
}

// A catalogue past the old 8,000-item limit: with a budget too small for the dense matrix, ease
// solves sparsely instead of refusing, and metacf_auto keeps it as a candidate.
TEST(EaseLearnerTest, LargeCataloguesAreSolvedSparselyAndMetacfAutoKeepsEase) {
  const std::int32_t items = 8001;
  std::vector<std::vector<std::int32_t>> rows;
  for (std::int32_t u = 0; u < 60; ++u) rows.push_back({u % 7, 7 + u % 5, 20 + u, 100 + u % 3});
  const Dataset data = testing::dataset_from_rows(rows, items);
  Split split;
  for (std::int32_t u = 0; u < 50; ++u)
    split.meta_train.push_back({u, {rows[u][0], rows[u][1]}, {rows[u][2], rows[u][3]}});
  for (std::int32_t u = 50; u < 60; ++u) split.meta_test.push_back({u, {rows[u][0]}, {rows[u][1]}});
  TrainingContext ctx{data, split, nullptr, nullptr, nullptr, 1};
  std::vector<std::string> messages;
  JobControl job([&](const Progress& p) {
    if (!p.message.empty()) messages.push_back(p.message);
    return true;
  });

  auto ease = make_learner("ease", {{"memory_budget_mib", 16}});
  EXPECT_EQ(ease->unfit_reason(data), "");
  ease->fit(ctx, job);
  EXPECT_EQ(dynamic_cast<const EaseLearner&>(*ease).solve().mode, EaseMode::kSparse);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("sparse"), std::string::npos) << messages[0];
  EXPECT_NE(messages[0].find("over the 16 MiB budget"), std::string::npos) << messages[0];

  auto learner =
      make_learner("metacf_auto", {{"candidates", {"pop", "ease", "itemknn"}},
                                   {"folds", 2},
                                   {"candidate_configs", {{"ease", {{"memory_budget_mib", 16}}}}}});
  learner->fit(ctx, job);
  EXPECT_FALSE(learner->config().contains("left_out")) << learner->config().dump();
  const auto& choice = dynamic_cast<const AutoLearner&>(*learner).choice();
  ASSERT_EQ(choice.candidates.size(), 3u);
  EXPECT_EQ(choice.candidates[1].name, "ease");
}

}  // namespace
}  // namespace metacf
