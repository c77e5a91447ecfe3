#pragma once
// Uncertainty beside every compared number: the paired difference against a reference learner
// for each K (Table 3) and each support size (Fig. 2), the interval of each mean that Fig. 2's
// error bars draw, and whether two stored runs can be paired user by user at all.
#include <optional>
#include <string>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/report/table.h"
#include "core/store/records.h"

namespace metacf {

// Rows = learners, one column per K: the paired difference in HR@n against `reference` (each
// user's own support) with its 95% interval, "*" when it excludes 0; "(reference)" on the
// reference's row and the reason where there is none.
Table k_sweep_interval_table(const std::vector<ResultRecord>& records, int top_n,
                             const std::string& reference);

// Rows = learners, one column per support size at this K: as k_sweep_interval_table().
Table support_size_interval_table(const std::vector<ResultRecord>& records, int k, int top_n,
                                  const std::string& reference);

// Mean HR@n of one learner at (K, support size) over all users of all seeds, with a 95%
// interval of that mean (1.96 standard errors over users when per-user values exist, else
// over seeds; none with a single value).
struct MeanInterval {
  double mean = 0;
  std::optional<double> low, high;
};
std::optional<MeanInterval> hr_interval(const std::vector<ResultRecord>& records,
                                        const std::string& learner, int k,
                                        std::optional<int> support_size);

// Empty when two runs can be paired user by user (same data set, same split configuration:
// their seeds draw the same meta-test users in the same order); else why not, in words.
std::string pairing_problem(const RunRecord& a, const RunRecord& b);

// The paired difference B - A in HR and NDCG of one (learner, K) over the seeds both runs have
// with per-user values of equal length; none when no seed pairs.
struct RunPairedDifference {
  double hr_mean = 0, hr_low = 0, hr_high = 0;
  double ndcg_mean = 0, ndcg_low = 0, ndcg_high = 0;
  std::int64_t pairs = 0;
};
std::optional<RunPairedDifference> paired_between_runs(const std::vector<ResultRecord>& a,
                                                       const std::vector<ResultRecord>& b,
                                                       const std::string& learner, int k);

// "+0.0328 [+0.0058, +0.0598] *": a difference and its interval as the tables print it.
std::string interval_text(double mean, double low, double high);

}  // namespace metacf
