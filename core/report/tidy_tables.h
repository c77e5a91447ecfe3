#pragma once
// Tables for scripts: one value per column, numbers as numbers, names a program can use as
// identifiers. The CSV and JSON exports of the CLI (`metacf export`) and of the studio write
// these; Markdown and LaTeX keep the formatted tables of results_tables.h for people.
#include <cstdint>
#include <string>
#include <vector>

#include "core/experiment/summary.h"
#include "core/report/table.h"
#include "core/store/curve_point.h"

namespace metacf {

// One row per (learner, K, support size): learner, k, support_size (empty for each user's own
// support), seeds, users, hr<N>_mean, hr<N>_std, ndcg<N>_mean, ndcg<N>_std, delta_hr<N>,
// ci_low, ci_high (the paired difference against `reference` and its 95% interval; empty
// where there is none), significant (the interval excludes 0), reference, tasks_per_s,
// serve_us_median, all_candidates_users (sampled protocol: users, summed over seeds, whose
// every unrated item was ranked; empty for full ranking). Rows in the order of results_table().
Table tidy_results_table(const std::vector<SummaryRow>& rows, int top_n,
                         const std::string& reference);

// Table 3 (`by_support` false: each user's own support, one row per learner and K) or Fig. 2
// (`by_support` true: one row per learner, K and support size), the means and the paired
// differences the Results page's tab shows together: learner, k, support_size, seeds, users,
// hr<N>_mean with hr<N>_ci_low and hr<N>_ci_high (the 95% interval of that mean, Fig. 2's
// error bars), ndcg<N>_mean, delta_hr<N> with ci_low and ci_high (the paired difference
// against `reference` and its 95% interval), significant (it excludes 0), pairs (the users
// paired, over all seeds), reference. Empty where there is none (the reference's own row, a
// single value). Rows in the order of tidy_results_table().
Table tidy_sweep_table(const std::vector<ResultRecord>& records, int top_n,
                       const std::string& reference, bool by_support);

// Two runs compared, one row per learner and K (compared_rows() of sweep_tables.h): learner, k,
// run_a, run_b, hr<N>_a, hr<N>_b, delta_hr<N> (B - A of the means across seeds),
// paired_delta_hr<N> with ci_low and ci_high (the paired difference over the users of the seeds
// both runs have, the point estimate of that interval; it differs from delta_hr<N> when the
// runs' seeds differ), significant, ndcg<N>_a, ndcg<N>_b, delta_ndcg<N>, paired_delta_ndcg<N>
// with paired_delta_ndcg<N>_ci_low and _ci_high, pairs, interval_note (why a row has no
// interval; empty when it has one).
Table tidy_comparison_table(const std::vector<ResultRecord>& a, const std::vector<ResultRecord>& b,
                            std::int64_t run_a, std::int64_t run_b, int top_n,
                            const std::string& pairing_problem);

// One row per meta-test user of each result: learner, k, support_size, seed, user_id (the
// data set's own id of the user, as loaded; empty for runs stored before ids were kept),
// position (her place in the task order, the same for every learner of a seed), hr<N>, ndcg<N>.
Table per_user_table(const std::vector<ResultRecord>& records, int top_n);

// Every curve point: stage, learner, k, seed, epoch, loss, val_hr<N>, val_ndcg<N>,
// wall_seconds; empty where a value was not measured.
Table tidy_curves_table(const std::vector<CurvePoint>& points, int top_n);

}  // namespace metacf
