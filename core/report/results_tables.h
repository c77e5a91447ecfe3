#pragma once
// The paper's Table 2 built from experiment results, and the curves table. `metacf run`,
// `show` and `export` print these, and the studio's Results page shows exactly the same cells
// and marks (through a thin Qt model), so a table reads the same wherever it goes. The K sweep
// (Table 3), the support-size sweep (Fig. 2) and the comparison of two runs are in
// sweep_tables.h. Best and second-best marks follow the one rule of best_marks.h.
#include <string>
#include <vector>

#include "core/experiment/summary.h"
#include "core/report/table.h"
#include "core/store/curve_point.h"
#include "core/store/records.h"

namespace metacf {

// One row per (learner, K, support size): HR@N and NDCG@N as mean ± std (std only with several
// seeds), the paired difference in HR@N against the baseline with its 95% interval (marked "*"
// when it excludes 0; where there is none the cell says why), meta-training tasks/s and the
// median time to serve one user; in the sampled protocol, when some user had no more unrated
// items than sampled_candidates, "all ranked": for how many users of all (summed over seeds)
// every unrated item was ranked. Rows grouped by support size, then K, learners in run order;
// the best and second-best HR and NDCG are marked within each group of the same K and support.
Table results_table(const std::vector<SummaryRow>& rows, int top_n, const std::string& baseline);

// Table 2 at one K: the rows of results_table() for K = `k` and each user's own support, with
// the same cells and marks.
Table table2(const std::vector<ResultRecord>& records, int k, int top_n,
             const std::string& baseline);

// Summary rows rebuilt from stored result rows; paired differences against `baseline` come
// from the per-user values stored with each row.
std::vector<SummaryRow> summarise_stored(const std::vector<ResultRow>& rows,
                                         const std::string& baseline);

// Every stored curve point of a run.
Table curves_table(const std::vector<CurvePoint>& points);

}  // namespace metacf
