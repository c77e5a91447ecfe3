#pragma once
// The results tables beside Table 2: the K sweep (the paper's Table 3), the support-size sweep
// behind Fig. 2, and a side-by-side comparison of two runs. The studio's Results page shows
// them through a thin Qt model; best and second-best follow the one rule of best_marks.h.
#include <optional>
#include <string>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/report/interval_tables.h"
#include "core/report/table.h"

namespace metacf {

// Distinct K values and support sizes in the records (ascending).
std::vector<int> ks_of(const std::vector<ResultRecord>& records);
std::vector<int> support_sizes_of(const std::vector<ResultRecord>& records);
// True when any record carries per-user values, so paired intervals exist.
bool has_per_user(const std::vector<ResultRecord>& records);

// Rows = learners (first-seen order), columns HR@n and NDCG@n for each K (means across seeds
// of each user's own support); "—" where a learner lacks a K. Each column is marked.
Table k_sweep_table(const std::vector<ResultRecord>& records, int top_n);

// Rows = learners, one HR@n column per fixed support size, at this K (Fig. 2's data); each
// column is marked.
Table support_size_table(const std::vector<ResultRecord>& records, int k, int top_n);

// One (learner, K) of two runs compared, natural support: the means across seeds of each run
// (none where that run lacks the row) and, when the runs pair, the paired difference B - A over
// the users of the seeds both have (none without per-user values).
struct ComparedRow {
  std::string learner;
  int k = 0;
  std::optional<double> hr_a, hr_b, ndcg_a, ndcg_b;
  std::optional<RunPairedDifference> paired;
};
// Learners in the order they first appear in A then B (as in Table 2), each one's K ascending.
std::vector<ComparedRow> compared_rows(const std::vector<ResultRecord>& a,
                                       const std::vector<ResultRecord>& b,
                                       const std::string& pairing_problem);

// Rows = (learner, K) of either run, natural support; HR and NDCG of run A and B (means across
// seeds), the difference B - A and its paired 95% interval over the users of the seeds both
// runs share; "—" where one run lacks the row. `pairing_problem` (see interval_tables.h) is
// empty when the runs share data set and split; otherwise it is said in the caption and in
// place of the intervals. No marks.
Table run_comparison_table(const std::vector<ResultRecord>& a, const std::vector<ResultRecord>& b,
                           const std::string& name_a, const std::string& name_b, int top_n,
                           const std::string& pairing_problem = {});

}  // namespace metacf
