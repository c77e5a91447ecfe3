#pragma once
// Tables for scripts: one value per column, numbers as numbers, names a program can use as
// identifiers. The CSV and JSON exports of the CLI (`metacf export`) and of the studio write
// these; Markdown and LaTeX keep the formatted tables of results_tables.h for people.
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

// One row per meta-test user of each result: learner, k, support_size, seed, user_id (the
// data set's own id of the user, as loaded; empty for runs stored before ids were kept),
// position (her place in the task order, the same for every learner of a seed), hr<N>, ndcg<N>.
Table per_user_table(const std::vector<ResultRecord>& records, int top_n);

// Every curve point: stage, learner, k, seed, epoch, loss, val_hr<N>, val_ndcg<N>,
// wall_seconds; empty where a value was not measured.
Table tidy_curves_table(const std::vector<CurvePoint>& points, int top_n);

}  // namespace metacf
