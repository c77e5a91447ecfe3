#pragma once
// Results across seeds: mean ± std per learner, K and support size, and the paired per-user
// difference against a baseline with a 95% interval, so a reader sees which gaps are real.
#include <optional>
#include <string>
#include <vector>

#include "core/experiment/experiment_runner.h"

namespace metacf {

struct PairedDifference {
  double mean = 0;
  double low = 0;  // 95% interval, normal approximation over all paired users of all seeds
  double high = 0;
  std::int64_t pairs = 0;
  [[nodiscard]] bool excludes_zero() const { return low > 0 || high < 0; }
};

struct SummaryRow {
  std::string learner;
  int k = 0;
  std::optional<int> support_size;
  int seeds = 0;
  double hr_mean = 0, hr_std = 0;  // std across seeds (0 with one seed)
  double ndcg_mean = 0, ndcg_std = 0;
  std::int64_t users = 0;                          // per seed (the first seed's count)
  std::optional<PairedDifference> hr_vs_baseline;  // none for the baseline itself
  std::optional<PairedDifference> ndcg_vs_baseline;
  std::optional<double> tasks_per_s;  // mean across seeds
  double serve_us_median = 0;         // median across seeds
  // Sampled protocol: users whose every unrated item was ranked (sampled_candidates reached
  // their number), out of all users, both summed over seeds.
  bool sampled = false;
  std::int64_t all_candidates_users = 0;
  std::int64_t users_over_seeds = 0;
};

// Rows in first-seen order of (learner, k, support size). `baseline` must have been run with
// the same K and support sizes for its differences to appear.
std::vector<SummaryRow> summarise(const std::vector<ResultRecord>& results,
                                  const std::string& baseline);

// Mean and 95% interval of paired differences a[i] - b[i].
PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace metacf
