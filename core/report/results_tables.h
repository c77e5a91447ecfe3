#pragma once
// The paper's tables built from experiment results: Table 2 (learners at each K, with the
// paired difference against the baseline), and the curves table. The CLI prints these, the
// studio shows them, and both export them with the same writers.
#include <string>
#include <vector>

#include "core/experiment/curve_point.h"
#include "core/experiment/summary.h"
#include "core/report/table.h"
#include "core/store/records.h"

namespace metacf {

// One row per (learner, K, support size): HR@N and NDCG@N as mean ± std (std only with several
// seeds), the paired difference in HR@N against the baseline with its 95% interval (marked "*"
// when it excludes 0), meta-training tasks/s and the median time to serve one user.
// Best value per metric column in bold, second underlined (within the same K and support size).
Table results_table(const std::vector<SummaryRow>& rows, int top_n, const std::string& baseline);

// Summary rows rebuilt from stored result rows; paired differences against `baseline` come
// from the per-user values stored with each row.
std::vector<SummaryRow> summarise_stored(const std::vector<ResultRow>& rows,
                                         const std::string& baseline);

// Every stored curve point of a run.
Table curves_table(const std::vector<CurvePoint>& points);

}  // namespace metacf
