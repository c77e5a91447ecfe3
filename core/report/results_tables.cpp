#include "core/report/results_tables.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/experiment/stored_results.h"
#include "core/report/best_marks.h"

namespace metacf {
namespace {

// Column positions of results_table(), for the marks.
constexpr std::size_t kHrColumn = 5;
constexpr std::size_t kNdcgColumn = 6;

std::string format_number(double v, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

Cell mean_std(double mean, double std, int seeds) {
  Cell c = Cell::of(mean, kResultDecimals);
  if (seeds > 1) c.text += " ± " + format_number(std, kResultDecimals);
  return c;
}

using Group = std::pair<int, int>;  // (support size or -1, K)
Group group_of(const SummaryRow& r) { return {r.support_size.value_or(-1), r.k}; }

// The paired-difference cell: the interval, or why there is none.
Cell difference_cell(const SummaryRow& r, const std::string& baseline, bool baseline_in_group) {
  if (r.learner == baseline) return Cell("(baseline)");
  if (!r.hr_vs_baseline) {
    return Cell(baseline_in_group ? std::string("no per-user values stored")
                                  : "no " + baseline + " rows to pair with");
  }
  const auto& d = *r.hr_vs_baseline;
  const int n = kResultDecimals;
  Cell c(format_number(d.mean, n) + " [" + format_number(d.low, n) + ", " +
         format_number(d.high, n) + "]" + (d.excludes_zero() ? " *" : ""));
  c.number = d.mean;
  return c;
}

}  // namespace

Table results_table(const std::vector<SummaryRow>& unordered, int top_n,
                    const std::string& baseline) {
  // Grouped as the paper's tables read: each support size, then each K, learners in run order.
  std::vector<SummaryRow> rows = unordered;
  std::stable_sort(rows.begin(), rows.end(), [](const SummaryRow& a, const SummaryRow& b) {
    return group_of(a) < group_of(b);
  });
  std::map<Group, std::vector<std::size_t>> groups;
  std::map<Group, bool> has_baseline;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    groups[group_of(rows[i])].push_back(i);
    if (rows[i].learner == baseline) has_baseline[group_of(rows[i])] = true;
  }
  const std::string n = std::to_string(top_n);
  Table table;
  table.caption = "HR@" + n + " and NDCG@" + n + " on meta-test users";
  table.columns = {"learner", "K",       "support",   "seeds",
                   "users",   "HR@" + n, "NDCG@" + n, "ΔHR@" + n + " vs " + baseline + " [95% CI]",
                   "tasks/s", "serve µs"};
  // The sampled protocol ranks every unrated item of a user who has no more of them than
  // sampled_candidates (nothing is left to sample): the table says for how many users.
  const bool all_ranked = std::any_of(rows.begin(), rows.end(), [](const SummaryRow& r) {
    return r.sampled && r.all_candidates_users > 0;
  });
  if (all_ranked) {
    table.columns.emplace_back("all ranked");
    table.caption +=
        "; all ranked: users whose every unrated item was ranked, sampled_candidates reaching "
        "their number (summed over seeds)";
  }
  for (const auto& r : rows) {
    std::vector<Cell> cells;
    cells.emplace_back(r.learner);
    cells.push_back(Cell::integer(r.k));
    cells.emplace_back(r.support_size ? std::to_string(*r.support_size) : std::string("natural"));
    cells.push_back(Cell::integer(r.seeds));
    cells.push_back(Cell::integer(r.users));
    cells.push_back(mean_std(r.hr_mean, r.hr_std, r.seeds));
    cells.push_back(mean_std(r.ndcg_mean, r.ndcg_std, r.seeds));
    cells.push_back(difference_cell(r, baseline, has_baseline[group_of(r)]));
    cells.push_back(r.tasks_per_s ? Cell::of(*r.tasks_per_s, 0) : Cell(""));
    cells.push_back(Cell::of(r.serve_us_median, 1));
    if (all_ranked) {
      Cell c(std::to_string(r.all_candidates_users) + " of " + std::to_string(r.users_over_seeds));
      c.number = static_cast<double>(r.all_candidates_users);
      cells.push_back(std::move(c));
    }
    table.rows.push_back(std::move(cells));
  }
  for (const auto& [group, members] : groups) {
    mark_best(table, kHrColumn, members);
    mark_best(table, kNdcgColumn, members);
  }
  return table;
}

Table table2(const std::vector<ResultRecord>& records, int k, int top_n,
             const std::string& baseline) {
  std::vector<ResultRecord> at_k;
  for (const auto& r : records) {
    if (r.k == k && !r.support_size) at_k.push_back(r);
  }
  Table table = results_table(summarise(at_k, baseline), top_n, baseline);
  table.caption = "Table 2: learners at K = " + std::to_string(k) + " (" + table.caption + ")";
  return table;
}

std::vector<SummaryRow> summarise_stored(const std::vector<ResultRow>& stored,
                                         const std::string& baseline) {
  return summarise(records_from_rows(stored).records, baseline);
}

Table curves_table(const std::vector<CurvePoint>& points) {
  Table table;
  table.caption = "Training curves";
  table.columns = {"stage", "learner",   "K",           "seed",  "epoch",
                   "loss",  "val HR@10", "val NDCG@10", "wall s"};
  auto maybe = [](double v, int decimals) {
    return std::isnan(v) ? Cell("") : Cell::of(v, decimals);
  };
  for (const auto& p : points) {
    table.rows.push_back({Cell(stage_name(p.stage)), Cell(p.learner), Cell::integer(p.k),
                          Cell::integer(static_cast<std::int64_t>(p.seed)), Cell::integer(p.epoch),
                          maybe(p.loss, 6), maybe(p.val_hr, 4), maybe(p.val_ndcg, 4),
                          Cell::of(p.wall_seconds, 3)});
  }
  return table;
}

}  // namespace metacf
