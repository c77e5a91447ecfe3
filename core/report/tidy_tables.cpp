#include "core/report/tidy_tables.h"

#include <algorithm>
#include <cmath>

namespace metacf {
namespace {

// Full precision: a script reads the value, not what a person would round it to.
Cell real(double value) { return std::isfinite(value) ? Cell::of(value, 6) : Cell(""); }

Cell support_cell(const std::optional<int>& support) {
  return support ? Cell::integer(*support) : Cell("");
}

}  // namespace

Table tidy_results_table(const std::vector<SummaryRow>& unordered, int top_n,
                         const std::string& reference) {
  std::vector<SummaryRow> rows = unordered;
  std::stable_sort(rows.begin(), rows.end(), [](const SummaryRow& a, const SummaryRow& b) {
    return std::pair(a.support_size.value_or(-1), a.k) <
           std::pair(b.support_size.value_or(-1), b.k);
  });
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
