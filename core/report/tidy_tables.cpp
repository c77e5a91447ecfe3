#include "core/report/tidy_tables.h"

#include <algorithm>
#include <cmath>

#include "core/report/interval_tables.h"
#include "core/report/sweep_tables.h"

namespace metacf {
namespace {

// Full precision: a script reads the value, not what a person would round it to.
Cell real(double value) { return std::isfinite(value) ? Cell::of(value, 6) : Cell(""); }

Cell real(const std::optional<double>& value) { return value ? real(*value) : Cell(""); }

Cell support_cell(const std::optional<int>& support) {
  return support ? Cell::integer(*support) : Cell("");
}

// Grouped as the people's tables read: each support size (each user's own first), then each K.
std::vector<SummaryRow> in_table_order(std::vector<SummaryRow> rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const SummaryRow& a, const SummaryRow& b) {
    return std::pair(a.support_size.value_or(-1), a.k) <
           std::pair(b.support_size.value_or(-1), b.k);
  });
  return rows;
}

// delta, ci_low, ci_high, significant, pairs: empty where there is no paired difference.
void append_paired(std::vector<Cell>& cells, const std::optional<PairedDifference>& d) {
  if (!d) {
    cells.insert(cells.end(), 5, Cell(""));
    return;
  }
  cells.push_back(real(d->mean));
  cells.push_back(real(d->low));
  cells.push_back(real(d->high));
  cells.push_back(Cell::boolean(d->excludes_zero()));
  cells.push_back(Cell::integer(d->pairs));
}

}  // namespace

Table tidy_results_table(const std::vector<SummaryRow>& unordered, int top_n,
                         const std::string& reference) {
  const std::vector<SummaryRow> rows = in_table_order(unordered);
  const std::string n = std::to_string(top_n);
  Table table;
  table.caption = "Results (one value per column)";
  table.columns = {"learner",
                   "k",
                   "support_size",
                   "seeds",
                   "users",
                   "hr" + n + "_mean",
                   "hr" + n + "_std",
                   "ndcg" + n + "_mean",
                   "ndcg" + n + "_std",
                   "delta_hr" + n,
                   "ci_low",
                   "ci_high",
                   "significant",
                   "reference",
                   "tasks_per_s",
                   "serve_us_median",
                   "all_candidates_users"};
  for (const auto& r : rows) {
    std::vector<Cell> cells{
        Cell(r.learner),        Cell::integer(r.k),     support_cell(r.support_size),
        Cell::integer(r.seeds), Cell::integer(r.users), real(r.hr_mean),
        real(r.hr_std),         real(r.ndcg_mean),      real(r.ndcg_std)};
    if (r.hr_vs_baseline) {
      const PairedDifference& d = *r.hr_vs_baseline;
      cells.push_back(real(d.mean));
      cells.push_back(real(d.low));
      cells.push_back(real(d.high));
      cells.push_back(Cell::boolean(d.excludes_zero()));
    } else {
      cells.insert(cells.end(), 4, Cell(""));
    }
    cells.emplace_back(reference);
    cells.push_back(r.tasks_per_s ? real(*r.tasks_per_s) : Cell(""));
    cells.push_back(real(r.serve_us_median));
    cells.push_back(r.sampled ? Cell::integer(r.all_candidates_users) : Cell(""));
    table.rows.push_back(std::move(cells));
  }
  return table;
}

Table tidy_sweep_table(const std::vector<ResultRecord>& records, int top_n,
                       const std::string& reference, bool by_support) {
  std::vector<ResultRecord> chosen;
  for (const auto& r : records) {
    if (r.support_size.has_value() == by_support) chosen.push_back(r);
  }
  const std::string n = std::to_string(top_n);
  Table table;
  table.caption = by_support ? "Fig. 2 (one value per column)" : "Table 3 (one value per column)";
  table.columns = {"learner",
                   "k",
                   "support_size",
                   "seeds",
                   "users",
                   "hr" + n + "_mean",
                   "hr" + n + "_ci_low",
                   "hr" + n + "_ci_high",
                   "ndcg" + n + "_mean",
                   "delta_hr" + n,
                   "ci_low",
                   "ci_high",
                   "significant",
                   "pairs",
                   "reference"};
  for (const auto& r : in_table_order(summarise(chosen, reference))) {
    const auto mean = hr_interval(chosen, r.learner, r.k, r.support_size);
    std::vector<Cell> cells{Cell(r.learner),
                            Cell::integer(r.k),
                            support_cell(r.support_size),
                            Cell::integer(r.seeds),
                            Cell::integer(r.users),
                            real(r.hr_mean),
                            real(mean ? mean->low : std::nullopt),
                            real(mean ? mean->high : std::nullopt),
                            real(r.ndcg_mean)};
    append_paired(cells, r.hr_vs_baseline);
    cells.emplace_back(reference);
    table.rows.push_back(std::move(cells));
  }
  return table;
}

Table tidy_comparison_table(const std::vector<ResultRecord>& a, const std::vector<ResultRecord>& b,
                            std::int64_t run_a, std::int64_t run_b, int top_n,
                            const std::string& pairing_problem) {
  const std::string hr = "hr" + std::to_string(top_n);
  const std::string ndcg = "ndcg" + std::to_string(top_n);
  Table table;
  table.caption = "Comparison of run " + std::to_string(run_b) + " against run " +
                  std::to_string(run_a) + " (one value per column)";
  table.columns = {"learner",
                   "k",
                   "run_a",
                   "run_b",
                   hr + "_a",
                   hr + "_b",
                   "delta_" + hr,
                   "paired_delta_" + hr,
                   "ci_low",
                   "ci_high",
                   "significant",
                   ndcg + "_a",
                   ndcg + "_b",
                   "delta_" + ndcg,
                   "paired_delta_" + ndcg,
                   "paired_delta_" + ndcg + "_ci_low",
                   "paired_delta_" + ndcg + "_ci_high",
                   "pairs",
                   "interval_note"};
  for (const ComparedRow& row : compared_rows(a, b, pairing_problem)) {
    const bool both = row.hr_a && row.hr_b;
    const auto delta = [&](const std::optional<double>& va, const std::optional<double>& vb) {
      return both ? real(*vb - *va) : Cell("");
    };
    std::string note;
    if (!row.hr_a || !row.hr_b) {
      note = "only in run " + std::to_string(row.hr_a ? run_a : run_b);
    } else if (!pairing_problem.empty()) {
      note = "not paired: " + pairing_problem;
    } else if (!row.paired) {
      note = "no per-user values";
    }
    const auto& d = row.paired;
    std::vector<Cell> cells{Cell(row.learner),        Cell::integer(row.k), Cell::integer(run_a),
                            Cell::integer(run_b),     real(row.hr_a),       real(row.hr_b),
                            delta(row.hr_a, row.hr_b)};
    if (d) {
      const PairedDifference hr_d{d->hr_mean, d->hr_low, d->hr_high, d->pairs};
      cells.insert(cells.end(), {real(d->hr_mean), real(d->hr_low), real(d->hr_high),
                                 Cell::boolean(hr_d.excludes_zero())});
    } else {
      cells.insert(cells.end(), 4, Cell(""));
    }
    cells.insert(cells.end(), {real(row.ndcg_a), real(row.ndcg_b), delta(row.ndcg_a, row.ndcg_b)});
    if (d) {
      cells.insert(cells.end(), {real(d->ndcg_mean), real(d->ndcg_low), real(d->ndcg_high),
                                 Cell::integer(d->pairs)});
    } else {
      cells.insert(cells.end(), 4, Cell(""));
    }
    cells.emplace_back(note);
    table.rows.push_back(std::move(cells));
  }
  return table;
}

Table per_user_table(const std::vector<ResultRecord>& records, int top_n) {
  const std::string n = std::to_string(top_n);
  Table table;
  table.caption = "Per-user HR@" + n + " and NDCG@" + n + " of every meta-test user";
  table.columns = {"learner", "k",        "support_size", "seed",
                   "user_id", "position", "hr" + n,       "ndcg" + n};
  for (const auto& r : records) {
    // Ids are kept only when there is one per user (runs stored before they were kept have
    // none, and their users are known by position only).
    const bool ids = r.user_ids.size() == r.per_user.size();
    for (std::size_t u = 0; u < r.per_user.size(); ++u) {
      table.rows.push_back({Cell(r.learner), Cell::integer(r.k), support_cell(r.support_size),
                            Cell::integer(static_cast<std::int64_t>(r.seed)),
                            Cell(ids ? r.user_ids[u] : std::string()),
                            Cell::integer(static_cast<std::int64_t>(u)), real(r.per_user[u].hr),
                            real(r.per_user[u].ndcg)});
    }
  }
  return table;
}

Table tidy_curves_table(const std::vector<CurvePoint>& points, int top_n) {
  const std::string n = std::to_string(top_n);
  Table table;
  table.caption = "Training curves";
  table.columns = {"stage",      "learner",      "k",           "seed", "epoch", "loss",
                   "val_hr" + n, "val_ndcg" + n, "wall_seconds"};
  for (const auto& p : points) {
    table.rows.push_back({Cell(stage_name(p.stage)), Cell(p.learner), Cell::integer(p.k),
                          Cell::integer(static_cast<std::int64_t>(p.seed)), Cell::integer(p.epoch),
                          real(p.loss), real(p.val_hr), real(p.val_ndcg), real(p.wall_seconds)});
  }
  return table;
}

}  // namespace metacf
