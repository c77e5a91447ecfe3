#include "core/experiment/summary.h"

#include <gtest/gtest.h>

#include <cmath>

namespace metacf {
namespace {

ResultRecord record(const std::string& learner, std::uint64_t seed, std::vector<double> hr) {
  ResultRecord r;
  r.learner = learner;
  r.k = 5;
  r.seed = seed;
  r.users = static_cast<std::int64_t>(hr.size());
  for (double h : hr) {
    r.per_user.push_back({h, h / 2});
    r.hr += h / static_cast<double>(hr.size());
  }
  r.ndcg = r.hr / 2;
  return r;
}

TEST(SummaryTest, PairedDifferenceIsMeanWithNormalInterval) {
  const std::vector<double> a{1, 0, 1, 1}, b{0, 0, 1, 0};
  const PairedDifference d = paired_difference(a, b);
  // Differences 1,0,0,1: mean 0.5, sample std sqrt(1/3), half width 1.96 * sqrt(1/3) / 2.
  EXPECT_DOUBLE_EQ(d.mean, 0.5);
  EXPECT_NEAR(d.high - d.mean, 1.96 * std::sqrt(1.0 / 3.0) / 2.0, 1e-12);
  EXPECT_FALSE(d.excludes_zero());  // four pairs are too few to tell: half width 0.566
  EXPECT_EQ(d.pairs, 4);
  const PairedDifference many =
      paired_difference(std::vector<double>(40, 1.0), std::vector<double>(40, 0.5));
  EXPECT_TRUE(many.excludes_zero());
}

TEST(SummaryTest, MeanAndStdAcrossSeedsAndPairsPerSeed) {
  std::vector<ResultRecord> results{
      record("pop", 1, {0, 1, 0, 0}),       // mean 0.25
      record("metacf_g", 1, {1, 1, 0, 1}),  // mean 0.75
      record("pop", 2, {0, 0, 0, 0}),       // mean 0
      record("metacf_g", 2, {1, 0, 1, 1}),  // mean 0.75
  };
  const auto rows = summarise(results, "pop");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].learner, "pop");
  EXPECT_FALSE(rows[0].hr_vs_baseline.has_value());
  EXPECT_DOUBLE_EQ(rows[0].hr_mean, 0.125);
  EXPECT_NEAR(rows[0].hr_std, std::sqrt(2 * 0.125 * 0.125), 1e-12);
  const SummaryRow& g = rows[1];
  EXPECT_EQ(g.seeds, 2);
  EXPECT_DOUBLE_EQ(g.hr_mean, 0.75);
  EXPECT_DOUBLE_EQ(g.hr_std, 0.0);
  ASSERT_TRUE(g.hr_vs_baseline.has_value());
  // Pairs within each seed: (1,1,0,1)-(0,1,0,0) and (1,0,1,1)-(0,0,0,0).
  EXPECT_EQ(g.hr_vs_baseline->pairs, 8);
  EXPECT_DOUBLE_EQ(g.hr_vs_baseline->mean, (2.0 + 3.0) / 8.0);
  EXPECT_DOUBLE_EQ(g.ndcg_vs_baseline->mean, (2.0 + 3.0) / 16.0);
}

}  // namespace
}  // namespace metacf
