#pragma once
// The results tables of the paper, built as report Tables so that the GUI shows and exports
// exactly what the CLI writes: Table 2 (learners x metrics at one K), Table 3 (a K sweep),
// the support-size sweep behind Fig. 2, and a side-by-side comparison of two runs.
#include <string>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/report/table.h"

namespace metacf::ui {

// Distinct K values and support sizes in the records (ascending).
std::vector<int> ks_of(const std::vector<ResultRecord>& records);
std::vector<int> support_sizes_of(const std::vector<ResultRecord>& records);
// True when any record carries per-user values (a live run), so paired intervals exist.
bool has_per_user(const std::vector<ResultRecord>& records);

// Bolds the largest number in `column` and underlines the second largest (ties share a mark).
void mark_best(Table& table, std::size_t column);

// Rows = learners (first-seen order), natural support, this K. Columns: Learner, HR@n, NDCG@n
// (mean ± std when several seeds), "Δ HR@n vs <baseline> [95% CI]" with " *" when the interval
// excludes 0, and Seeds, Users. Without per-user values the Δ cell says so.
Table table2(const std::vector<ResultRecord>& records, int k, int top_n,
             const std::string& baseline);

// Rows = learners, columns HR@n and NDCG@n for each K (means across seeds).
Table table3(const std::vector<ResultRecord>& records, int top_n);

// Rows = learners, one HR@n column per fixed support size, at this K (Fig. 2's data).
Table support_table(const std::vector<ResultRecord>& records, int k, int top_n);

// Rows = (learner, K) of either run, natural support; HR and NDCG of run A and B (means across
// seeds) and the difference B - A; "—" where one run lacks the row.
Table comparison_table(const std::vector<ResultRecord>& a, const std::vector<ResultRecord>& b,
                       const std::string& name_a, const std::string& name_b, int top_n);

}  // namespace metacf::ui
