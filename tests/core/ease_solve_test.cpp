// ease's two solves against references: the dense LAPACK path against a double-precision
// inverse, the sparse approximation converging to it as its density grows, the budget that
// chooses between them, and the same numbers on every fit.
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <filesystem>
#include <numeric>

#include "core/data/dataset_loader.h"
#include "core/learners/ease/ease_learner.h"
#include "core/learners/learner_factory.h"
#include "core/util/physical_memory.h"
#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

UserItemRows rows_of(const Dataset& data) {
  UserItemRows rows;
  rows.items = data.user_items;
  rows.offsets = data.user_offsets;
  return rows;
}

// B transposed from the definition, in double: column s = row s of I - P diag(1/diag P).
Eigen::MatrixXd reference_weights(const UserItemRows& rows, int n, double lambda) {
  Eigen::MatrixXd g = Eigen::MatrixXd::Zero(n, n);
  for (std::int64_t u = 0; u < rows.rows(); ++u) {
    for (auto a = rows.offsets[u]; a < rows.offsets[u + 1]; ++a) {
      for (auto b = rows.offsets[u]; b < rows.offsets[u + 1]; ++b)
        g(rows.items[a], rows.items[b]) += 1;
    }
  }
  g.diagonal().array() += lambda;
  const Eigen::MatrixXd p = g.llt().solve(Eigen::MatrixXd::Identity(n, n));
  Eigen::MatrixXd b_t(n, n);
  for (int s = 0; s < n; ++s) {
    for (int v = 0; v < n; ++v) b_t(v, s) = s == v ? 0.0 : -p(s, v) / p(v, v);
  }
  return b_t;
}

std::unique_ptr<EaseLearner> fitted(const nlohmann::json& config, const UserItemRows& rows, int n) {
  auto ease = std::make_unique<EaseLearner>(config.get<EaseConfig>());
  ease->fit_records(rows, n);
  return ease;
}

// Scores of every support {v, v + 1, v + 2} against the reference B, as the largest error
// relative to the largest reference score.
double relative_score_error(const EaseLearner& ease, const Eigen::MatrixXd& reference) {
  const auto n = reference.rows();
  double worst = 0, scale = 0;
  Eigen::VectorXf out(n);
  for (std::int32_t v = 0; v + 2 < n; ++v) {
    UserState state;
    state.support = {v, v + 1, v + 2};
    ease.score(state, out);
    const Eigen::VectorXd expected = reference.col(v) + reference.col(v + 1) + reference.col(v + 2);
    worst = std::max(worst, (out.cast<double>() - expected).cwiseAbs().maxCoeff());
    scale = std::max(scale, expected.cwiseAbs().maxCoeff());
  }
  return worst / scale;
}

TEST(EaseSolveTest, DenseSolveEqualsTheDoubleReference) {
  const Dataset data = testing::clustered_dataset(300, 120, 4, 3, 12, 7);
  const auto rows = rows_of(data);
  for (const double lambda : {1.0, 50.0, 10000.0}) {
    const auto ease = fitted({{"lambda", lambda}, {"mode", "dense"}}, rows, 120);
    EXPECT_EQ(ease->solve().mode, EaseMode::kDense);
    const Eigen::MatrixXd reference = reference_weights(rows, 120, lambda);
    const double scale = reference.cwiseAbs().maxCoeff();
    EXPECT_LT((ease->weights_by_column().cast<double>() - reference).cwiseAbs().maxCoeff(),
              1e-4 * scale)
        << "lambda " << lambda;
  }
}

// Many users on few items, so X^T X is dense and keeping every entry leaves nothing for the
// incomplete factor to drop: the sparse solve is then exact.
TEST(EaseSolveTest, SparseSolveApproachesTheExactOneAsItsDensityGrows) {
  const int n = 300;
  Rng rng(11);
  UserItemRows rows;
  for (int u = 0; u < 500; ++u) {
    for (std::int32_t v = 0; v < n; ++v) {
      if (rng.uniform() < 0.3) rows.items.push_back(v);
    }
    rows.offsets.push_back(static_cast<std::int64_t>(rows.items.size()));
  }
  const double lambda = 20.0;  // small: off-diagonal structure matters, the test is not trivial
  const Eigen::MatrixXd reference = reference_weights(rows, n, lambda);
  std::vector<double> errors;
  // kMinSparseEntries (256) of 299 off-diagonal entries, then 285, then all of them.
  for (const double density : {0.01, 0.95, 1.0}) {
    const auto ease =
        fitted({{"lambda", lambda}, {"mode", "sparse"}, {"sparse_density", density}}, rows, n);
    EXPECT_EQ(ease->solve().mode, EaseMode::kSparse);
    EXPECT_TRUE(ease->weights_by_column().size() == 0);
    errors.push_back(relative_score_error(*ease, reference));
  }
  EXPECT_GT(errors[0], errors[1]);
  EXPECT_GT(errors[1], errors[2]);
  EXPECT_LT(errors[2], 1e-3);  // everything kept: exact up to the inverse's drop tolerance
  EXPECT_GT(errors[0], 1e-3);  // a real approximation, or this test would check nothing
}

TEST(EaseSolveTest, TheMemoryBudgetChoosesTheSolve) {
  // 600 items: a 600 x 600 float matrix is 1.37 MiB.
  EaseConfig config;
  config.memory_budget_mib = 1;
  EaseSolve solve = choose_ease_solve(config, 600);
  EXPECT_EQ(solve.mode, EaseMode::kSparse);
  EXPECT_EQ(solve.dense_mib, 2);
  EXPECT_EQ(solve.sparse_entries, EaseConfig::kMinSparseEntries);  // of 599
  EXPECT_NE(solve.summary().find("would need 2 MiB dense, over the 1 MiB budget"),
            std::string::npos)
      << solve.summary();
  config.memory_budget_mib = 2;
  EXPECT_EQ(choose_ease_solve(config, 600).mode, EaseMode::kDense);
  config.mode = "sparse";
  solve = choose_ease_solve(config, 600);
  EXPECT_EQ(solve.mode, EaseMode::kSparse);
  EXPECT_NE(solve.summary().find("mode sparse in the config"), std::string::npos)
      << solve.summary();
  config.mode = "dense";
  config.memory_budget_mib = 1;
  EXPECT_EQ(choose_ease_solve(config, 600).mode, EaseMode::kDense);
  // The default budget is a share of this machine's memory: far above a small catalogue.
  ASSERT_GT(physical_memory_mib(), 0);
  EXPECT_EQ(choose_ease_solve(EaseConfig{}, 600).budget_mib, physical_memory_mib() / 4);
  EXPECT_EQ(choose_ease_solve(EaseConfig{}, 600).mode, EaseMode::kDense);
}

TEST(EaseSolveTest, NewSettingsAreValidated) {
  EXPECT_THROW(make_learner("ease", {{"mode", "fast"}}), std::invalid_argument);
  EXPECT_THROW(make_learner("ease", {{"memory_budget_mib", -1}}), std::invalid_argument);
  EXPECT_THROW(make_learner("ease", {{"memory_budget_mib", 1.5}}), std::invalid_argument);
  EXPECT_THROW(make_learner("ease", {{"sparse_density", 0.0}}), std::invalid_argument);
  EXPECT_THROW(make_learner("ease", {{"sparse_density", 1.5}}), std::invalid_argument);
  const auto config =
      make_learner("ease", {{"mode", "sparse"}, {"sparse_density", 0.01}})->config();
  EXPECT_EQ(config["mode"], "sparse");
  EXPECT_EQ(config["sparse_density"], 0.01);
}

// Same records, same numbers: twice in one process and after a store round trip, which
// refits with the stored solve even where this configuration would choose the other one.
TEST(EaseSolveTest, EveryFitGivesTheSameScores) {
  const int n = 300;
  const Dataset data = testing::clustered_dataset(500, n, 5, 3, 15, 3);
  const auto rows = rows_of(data);
  const nlohmann::json config = {{"memory_budget_mib", 0}, {"mode", "sparse"}};
  const auto first = fitted(config, rows, n);
  const auto second = fitted(config, rows, n);
  auto restored = make_learner("ease", {{"mode", "auto"}});
  restored->load_parameters(first->parameters(), nullptr);
  EXPECT_EQ(dynamic_cast<const EaseLearner&>(*restored).solve().mode, EaseMode::kSparse);
  Eigen::VectorXf a(n), b(n), c(n);
  for (std::int32_t v = 0; v + 1 < n; v += 7) {
    UserState state;
    state.support = {v, v + 1};
    first->score(state, a);
    second->score(state, b);
    restored->score(state, c);
    ASSERT_TRUE((a.array() == b.array()).all()) << v;
    ASSERT_TRUE((a.array() == c.array()).all()) << v;
  }
}

// Float is accurate enough for the dense solve on MovieLens 100K: every user's top 10 from her
// first three items is nearly always the double-precision one.
TEST(EaseSolveTest, FloatDenseSolveRanksLikeDoubleOnMovieLens100K) {
  const std::string path = std::string(METACF_SHARED_DATASETS_DIR) + "/ml-100k/u.data";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  const Dataset data = load_dataset(path, LoadOptions{});
  const auto rows = rows_of(data);
  const int n = data.num_items();
  const auto ease = fitted({{"mode", "dense"}}, rows, n);
  const Eigen::MatrixXd reference = reference_weights(rows, n, EaseConfig{}.lambda);
  int same = 0;
  Eigen::VectorXf out(n);
  const auto top10 = [](auto scores, const std::vector<std::int32_t>& support) {
    std::vector<int> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    for (const auto s : support) scores[s] = -1e30;
    std::partial_sort(order.begin(), order.begin() + 10, order.end(), [&](int a, int b) {
      return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
    });
    order.resize(10);
    return order;
  };
  for (std::int32_t u = 0; u < data.num_users(); ++u) {
    UserState state;
    state.support.assign(data.user_items.begin() + data.user_offsets[u],
                         data.user_items.begin() + data.user_offsets[u] + 3);
    ease->score(state, out);
    Eigen::VectorXd expected = Eigen::VectorXd::Zero(n);
    for (const auto s : state.support) expected += reference.col(s);
    same +=
        top10(Eigen::VectorXd(out.cast<double>()), state.support) == top10(expected, state.support);
  }
  EXPECT_GE(same, data.num_users() * 99 / 100) << same << " of " << data.num_users();
}

}  // namespace
}  // namespace metacf
