// Blocked full ranking (blocks of users x blocks of items, bounded heaps) against the per-user
// path it replaces for dot-product learners: same scores bit for bit, same lists, same metrics.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/eval/blocked_ranking.h"
#include "core/eval/evaluator.h"
#include "core/model/dot_product_items.h"

namespace metacf {
namespace {

// N x D with every third item a copy of the one before it: exact ties in every ranking.
Eigen::MatrixXf items_with_ties(Eigen::Index n, Eigen::Index d, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXf Q(n, d);
  for (Eigen::Index v = 0; v < n; ++v) {
    for (Eigen::Index j = 0; j < d; ++j) Q(v, j) = static_cast<float>(rng.normal());
    if (v % 3 == 2) Q.row(v) = Q.row(v - 1);
  }
  return Q;
}

Eigen::MatrixXf random_users(Eigen::Index d, Eigen::Index b, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXf U(d, b);
  for (Eigen::Index i = 0; i < U.size(); ++i) U.data()[i] = static_cast<float>(rng.normal());
  return U;
}

TEST(BlockedEvaluationTest, BlockScoresAreBitIdenticalToOneUserScores) {
  // 1,003 items: the last chunk is partial; 7 users: a pass of four users and three alone.
  const Eigen::MatrixXf Q = items_with_ties(1003, 13, 1);
  Eigen::VectorXf bias(Q.rows());
  for (Eigen::Index v = 0; v < bias.size(); ++v) bias[v] = 0.01f * static_cast<float>(v % 17);
  const Eigen::MatrixXf U = random_users(13, 7, 2);
  for (const bool with_bias : {false, true}) {
    const DotProductItems items(Q, with_bias ? bias : Eigen::VectorXf());
    Eigen::MatrixXf block(Q.rows() - 8, U.cols());
    items.score_block(U, 8, Q.rows() - 8, block);
    Eigen::VectorXf one(Q.rows());
    for (Eigen::Index b = 0; b < U.cols(); ++b) {
      items.score(U.col(b), one);
      EXPECT_TRUE((block.col(b).array() == one.tail(Q.rows() - 8).array()).all()) << b;
      Eigen::VectorXf expected = Q * U.col(b);
      if (with_bias) expected += bias;
      EXPECT_TRUE(one.isApprox(expected, 1e-5f));
    }
  }
}

TEST(BlockedEvaluationTest, RejectsAnItemRangeOffTheChunks) {
  const DotProductItems items(items_with_ties(20, 4, 1));
  Eigen::MatrixXf out(5, 1);
  EXPECT_THROW(items.score_block(random_users(4, 1, 1), 3, 5, out), std::invalid_argument);
}

TEST(BlockedEvaluationTest, BlockedListsEqualTopKWithTiesAndExclusions) {
  // 5,003 items span three item blocks; users exclude items in each of them.
  const Eigen::MatrixXf Q = items_with_ties(5003, 8, 3);
  const DotProductItems items(Q);
  const Eigen::MatrixXf U = random_users(8, 9, 4);
  std::vector<std::vector<std::int32_t>> excluded(9);
  std::vector<std::span<const std::int32_t>> spans;
  Eigen::VectorXf scores(Q.rows());
  for (Eigen::Index b = 0; b < U.cols(); ++b) {
    // Exclude the user's own top 5 and a few items far apart, one of a tied pair among them.
    items.score(U.col(b), scores);
    excluded[static_cast<std::size_t>(b)] = top_k(scores, 5);
    for (std::int32_t v : {1, 2049, 4097, 5002}) excluded[static_cast<std::size_t>(b)].push_back(v);
    std::sort(excluded[static_cast<std::size_t>(b)].begin(),
              excluded[static_cast<std::size_t>(b)].end());
    spans.emplace_back(excluded[static_cast<std::size_t>(b)]);
  }
  std::vector<std::vector<std::int32_t>> top;
  rank_users_blocked(items, U, spans, 20, top);
  ASSERT_EQ(top.size(), 9u);
  for (Eigen::Index b = 0; b < U.cols(); ++b) {
    items.score(U.col(b), scores);
    const auto expected = top_k(scores, 20, excluded[static_cast<std::size_t>(b)]);
    EXPECT_EQ(top[static_cast<std::size_t>(b)], expected) << b;
    for (auto v : excluded[static_cast<std::size_t>(b)]) {
      EXPECT_EQ(std::count(expected.begin(), expected.end(), v), 0);
    }
  }
}

TEST(BlockedEvaluationTest, TiedItemsKeepIndexOrderAcrossItemBlocks) {
  // Every item scores the same: the list is the lowest indices outside the exclusions.
  const DotProductItems items(Eigen::MatrixXf::Ones(4100, 2));
  const Eigen::MatrixXf U = Eigen::MatrixXf::Ones(2, 1);
  const std::vector<std::int32_t> excluded{0, 2, 3};
  const std::vector<std::span<const std::int32_t>> spans{excluded};
  std::vector<std::vector<std::int32_t>> top;
  rank_users_blocked(items, U, spans, 4, top);
  EXPECT_EQ(top[0], (std::vector<std::int32_t>{1, 4, 5, 6}));
}

// A learner whose user vector is a noisy mean of its support items. It can hide its
// dot-product scores (forcing the per-user path) or score inconsistently with them.
class InnerProductLearner final : public Learner {
 public:
  InnerProductLearner(Eigen::MatrixXf Q, bool declare, bool consistent)
      : Q_(std::move(Q)), items_(Q_), declare_(declare), consistent_(consistent) {}
  [[nodiscard]] std::string name() const override { return "inner_product"; }
  [[nodiscard]] nlohmann::json config() const override { return nlohmann::json::object(); }
  void fit(const TrainingContext&, JobControl&) override {}
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override {
    UserState s;
    s.params = Eigen::VectorXf::Zero(Q_.cols());
    for (auto v : support) s.params += Q_.row(v).transpose();
    for (Eigen::Index j = 0; j < s.params.size(); ++j) {
      s.params[j] += static_cast<float>(0.3 * rng.normal());
    }
    s.support.assign(support.begin(), support.end());
    return std::vector<UserState>(static_cast<std::size_t>(steps) + 1, s);
  }
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override {
    items_.score(state.params, out);
    if (!consistent_) out = -out;
  }
  [[nodiscard]] const DotProductItems* dot_product_items() const override {
    return declare_ ? &items_ : nullptr;
  }
  [[nodiscard]] std::vector<NamedTensor> parameters() const override { return {}; }
  void load_parameters(std::span<const NamedTensor>, ItemEmbeddings) override {}

 private:
  Eigen::MatrixXf Q_;
  DotProductItems items_;
  bool declare_;
  bool consistent_;
};

std::vector<Task> tasks_over(Eigen::Index num_items, int count, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<Task> tasks;
  for (int u = 0; u < count; ++u) {
    Task t;
    t.user = u;
    // Clustered around a random item so that the query is often near the support.
    const auto centre =
        static_cast<std::int32_t>(rng.uniform_index(static_cast<std::size_t>(num_items - 40)));
    for (int i = 0; i < 3; ++i)
      t.support.push_back(centre + static_cast<std::int32_t>(rng.uniform_index(20)));
    for (int i = 0; i < 4; ++i)
      t.query.push_back(centre + static_cast<std::int32_t>(rng.uniform_index(40)));
    tasks.push_back(t);
  }
  return tasks;
}

TEST(BlockedEvaluationTest, BlockedEvaluationEqualsThePerUserPathUserByUser) {
  // Items on a circle, so that neighbouring indices are similar and a user's support points
  // at her query; low dimension and copied items (exact ties) besides. 150 users span three
  // user blocks, the last one partial.
  Eigen::MatrixXf Q = items_with_ties(3001, 3, 5);
  for (Eigen::Index v = 0; v < Q.rows(); ++v) {
    const auto angle = 0.002f * static_cast<float>(v - v % 3 + (v % 3 == 2 ? 1 : v % 3));
    Q(v, 0) = std::cos(angle);
    Q(v, 1) = std::sin(angle);
    Q(v, 2) *= 0.01f;
  }
  const std::vector<Task> tasks = tasks_over(Q.rows(), 150, 6);
  const InnerProductLearner blocked(Q, true, true), per_user(Q, false, true);
  EvaluationOptions options;
  options.num_items = static_cast<std::int32_t>(Q.rows());
  options.steps = 2;
  options.seed = 7;
  const Evaluation a = evaluate(blocked, tasks, options);
  const Evaluation b = evaluate(per_user, tasks, options);
  ASSERT_EQ(a.per_user.size(), tasks.size());
  ASSERT_EQ(b.per_user.size(), tasks.size());
  int hits = 0;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    EXPECT_EQ(a.per_user[i].hr, b.per_user[i].hr) << i;
    EXPECT_EQ(a.per_user[i].ndcg, b.per_user[i].ndcg) << i;
    hits += a.per_user[i].hr > 0 ? 1 : 0;
  }
  EXPECT_GT(hits, 10);  // the comparison is not between two lists of zeros
  EXPECT_EQ(a.hr, b.hr);
  EXPECT_EQ(a.ndcg, b.ndcg);
  EXPECT_GT(a.serve_us_median, 0.0);
}

// A validation point ranks about 50 users: they are shared between the threads in blocks
// smaller than 64, and every user's list is still the one the per-user path gives.
TEST(BlockedEvaluationTest, FewUsersSharedBetweenThreadsRankAsThePerUserPath) {
  const Eigen::MatrixXf Q = items_with_ties(900, 4, 6);
  const InnerProductLearner blocked(Q, true, true), per_user(Q, false, true);
  EvaluationOptions options;
  options.num_items = static_cast<std::int32_t>(Q.rows());
  options.seed = 8;
  options.serving_sample = false;
  const int saved = omp_get_max_threads();
  for (const int users : {1, 7, 50}) {
    const std::vector<Task> tasks =
        tasks_over(Q.rows(), users, 20 + static_cast<std::uint64_t>(users));
    omp_set_num_threads(1);
    const Evaluation expected = evaluate(per_user, tasks, options);
    for (const int threads : {1, 2, 3}) {
      omp_set_num_threads(threads);
      const Evaluation got = evaluate(blocked, tasks, options);
      ASSERT_EQ(got.per_user.size(), tasks.size());
      for (std::size_t i = 0; i < tasks.size(); ++i) {
        EXPECT_EQ(got.per_user[i].hr, expected.per_user[i].hr)
            << users << " users, " << threads << " threads, user " << i;
        EXPECT_EQ(got.per_user[i].ndcg, expected.per_user[i].ndcg) << i;
      }
    }
  }
  omp_set_num_threads(saved);
}

TEST(BlockedEvaluationTest, WithoutTheServingSampleTheMetricsAreTheSameAndNothingIsTimed) {
  const Eigen::MatrixXf Q = items_with_ties(700, 4, 10);
  const std::vector<Task> tasks = tasks_over(Q.rows(), 90, 11);
  const InnerProductLearner learner(Q, true, true);
  EvaluationOptions options;
  options.num_items = static_cast<std::int32_t>(Q.rows());
  options.seed = 12;
  const Evaluation full = evaluate(learner, tasks, options);
  options.serving_sample = false;
  const Evaluation quick = evaluate(learner, tasks, options);
  ASSERT_EQ(quick.per_user.size(), full.per_user.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    EXPECT_EQ(quick.per_user[i].hr, full.per_user[i].hr) << i;
    EXPECT_EQ(quick.per_user[i].ndcg, full.per_user[i].ndcg) << i;
  }
  EXPECT_EQ(quick.hr, full.hr);
  EXPECT_GT(full.serve_us_median, 0.0);
  EXPECT_EQ(quick.serve_us_median, 0.0);
  // The consistency check belongs to the serving sample: a validation point does not make it.
  const InnerProductLearner liar(Q, true, false);
  EXPECT_NO_THROW(evaluate(liar, tasks, options));
}

TEST(BlockedEvaluationTest, AScoreThatIsNotTheDeclaredInnerProductIsCaught) {
  const Eigen::MatrixXf Q = items_with_ties(500, 4, 8);
  const std::vector<Task> tasks = tasks_over(Q.rows(), 20, 9);
  const InnerProductLearner liar(Q, true, false);
  EvaluationOptions options;
  options.num_items = static_cast<std::int32_t>(Q.rows());
  EXPECT_THROW(evaluate(liar, tasks, options), std::logic_error);
}

}  // namespace
}  // namespace metacf
