#include "core/eval/ranking.h"

#include <gtest/gtest.h>

#include <cmath>

namespace metacf {
namespace {

Eigen::VectorXf vec(std::initializer_list<float> v) {
  Eigen::VectorXf out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (float x : v) out[i++] = x;
  return out;
}

TEST(RankingTest, TopKOrdersByScoreThenIndexAndSkipsExcluded) {
  const Eigen::VectorXf s = vec({0.1f, 0.9f, 0.5f, 0.9f, 0.7f});
  EXPECT_EQ(top_k(s, 3), (std::vector<std::int32_t>{1, 3, 4}));
  const std::vector<std::int32_t> excluded{1};
  EXPECT_EQ(top_k(s, 3, excluded), (std::vector<std::int32_t>{3, 4, 2}));
  EXPECT_EQ(top_k(s, 10).size(), 5u);
  EXPECT_TRUE(top_k(s, 0).empty());
}

TEST(RankingTest, TiesGoToTheLowerIndex) {
  const Eigen::VectorXf s = vec({1, 1, 1, 1});
  EXPECT_EQ(top_k(s, 2), (std::vector<std::int32_t>{0, 1}));
}

TEST(RankingTest, HitRateIsARecallOverMinOfKAndRelevant) {
  const std::vector<std::int32_t> ranked{5, 3, 8};
  // Two of three relevant items in a top-3: 2 / min(3, 3).
  EXPECT_DOUBLE_EQ(ranking_metrics(ranked, std::vector<std::int32_t>{3, 8, 9}, 3).hr, 2.0 / 3.0);
  // Five relevant, K = 3: the denominator is min(K, 5) = 3.
  EXPECT_DOUBLE_EQ(ranking_metrics(ranked, std::vector<std::int32_t>{5, 3, 8, 1, 2}, 3).hr, 1.0);
}

TEST(RankingTest, NdcgUsesBinaryGainsAndIdealOverMinHits) {
  const std::vector<std::int32_t> ranked{5, 3, 8, 1};
  // Hits at positions 2 and 4 (1-based); two relevant items: IDCG = 1 + 1/log2(3).
  const double dcg = 1 / std::log2(3.0) + 1 / std::log2(5.0);
  const double idcg = 1 + 1 / std::log2(3.0);
  EXPECT_NEAR(ranking_metrics(ranked, std::vector<std::int32_t>{3, 1}, 4).ndcg, dcg / idcg, 1e-12);
  EXPECT_DOUBLE_EQ(ranking_metrics(ranked, std::vector<std::int32_t>{7}, 4).ndcg, 0.0);
  EXPECT_DOUBLE_EQ(ranking_metrics(ranked, std::vector<std::int32_t>{5}, 4).ndcg, 1.0);
}

TEST(RankingTest, SampledProtocolRanksEachPositiveAgainstItsNegatives) {
  // Item 0 beats both of its negatives; item 2 ties with negative 1 and loses the tie to it
  // (lower index first), and loses to negative 3: rank 2.
  const Eigen::VectorXf s = vec({0.9f, 0.5f, 0.5f, 0.8f, 0.1f});
  const std::vector<std::int32_t> relevant{0, 2};
  const std::vector<std::vector<std::int32_t>> negatives{{3, 4}, {1, 3, 4}};
  const auto m1 = sampled_metrics(s, relevant, negatives, 1);
  EXPECT_DOUBLE_EQ(m1.hr, 0.5);
  EXPECT_DOUBLE_EQ(m1.ndcg, 0.5);
  const auto m3 = sampled_metrics(s, relevant, negatives, 3);
  EXPECT_DOUBLE_EQ(m3.hr, 1.0);
  EXPECT_NEAR(m3.ndcg, (1.0 + 1.0 / std::log2(4.0)) / 2, 1e-12);
}

}  // namespace
}  // namespace metacf
