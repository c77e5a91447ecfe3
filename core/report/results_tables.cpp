#include "core/report/results_tables.h"

#include "core/experiment/stored_results.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace metacf {
namespace {

std::string format_number(double v, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

Cell mean_std(double mean, double std, int seeds) {
  Cell c = Cell::of(mean, 4);
  if (seeds > 1) c.text += " ± " + format_number(std, 4);
  return c;
}

// Bold for the best, underline for the second best of each group of rows sharing K and
// support size.
void emphasise(Table& table, const std::vector<SummaryRow>& rows, std::size_t column,
               double SummaryRow::*value) {
  std::map<std::pair<int, int>, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    groups[{rows[i].k, rows[i].support_size.value_or(-1)}].push_back(i);
  }
  for (auto& [key, members] : groups) {
    if (members.size() < 2) continue;
    std::sort(members.begin(), members.end(),
              [&](std::size_t a, std::size_t b) { return rows[a].*value > rows[b].*value; });
    table.rows[members[0]][column].emphasis = Emphasis::kBold;
    if (rows[members[1]].*value < rows[members[0]].*value) {
      table.rows[members[1]][column].emphasis = Emphasis::kUnderline;
    }
  }
}

}  // namespace

Table results_table(const std::vector<SummaryRow>& unordered, int top_n,
                    const std::string& baseline) {
  // Grouped as the paper's tables read: each support size, then each K, learners in run order.
  std::vector<SummaryRow> rows = unordered;
  std::stable_sort(rows.begin(), rows.end(), [](const SummaryRow& a, const SummaryRow& b) {
    return std::pair(a.support_size.value_or(-1), a.k) < std::pair(b.support_size.value_or(-1), b.k);
  });
  const std::string n = std::to_string(top_n);
  Table table;
  table.caption = "HR@" + n + " and NDCG@" + n + " on meta-test users";
  table.columns = {"learner", "K", "support", "seeds", "users", "HR@" + n, "NDCG@" + n,
                   "ΔHR@" + n + " vs " + baseline + " [95% CI]", "tasks/s", "serve µs"};
  for (const auto& r : rows) {
    std::vector<Cell> cells;
    cells.emplace_back(r.learner);
    cells.push_back(Cell::of(r.k, 0));
    cells.emplace_back(r.support_size ? std::to_string(*r.support_size) : std::string("natural"));
    cells.push_back(Cell::of(r.seeds, 0));
    cells.push_back(Cell::of(static_cast<double>(r.users), 0));
    cells.push_back(mean_std(r.hr_mean, r.hr_std, r.seeds));
    cells.push_back(mean_std(r.ndcg_mean, r.ndcg_std, r.seeds));
    if (r.hr_vs_baseline) {
      const auto& d = *r.hr_vs_baseline;
      Cell c(format_number(d.mean, 4) + " [" + format_number(d.low, 4) + ", " +
             format_number(d.high, 4) + "]" + (d.excludes_zero() ? " *" : ""));
      c.number = d.mean;
      cells.push_back(c);
    } else {
      cells.emplace_back(r.learner == baseline ? "(baseline)" : "");
    }
    cells.push_back(r.tasks_per_s ? Cell::of(*r.tasks_per_s, 0) : Cell(""));
    cells.push_back(Cell::of(r.serve_us_median, 1));
    table.rows.push_back(std::move(cells));
  }
  emphasise(table, rows, 5, &SummaryRow::hr_mean);
  emphasise(table, rows, 6, &SummaryRow::ndcg_mean);
  return table;
}

std::vector<SummaryRow> summarise_stored(const std::vector<ResultRow>& stored,
                                         const std::string& baseline) {
  return summarise(records_from_rows(stored).records, baseline);
}

Table curves_table(const std::vector<CurvePoint>& points) {
  Table table;
  table.caption = "Training curves";
  table.columns = {"stage", "learner", "K", "seed", "epoch", "loss", "val HR@10", "val NDCG@10",
                   "wall s"};
  auto maybe = [](double v, int decimals) { return std::isnan(v) ? Cell("") : Cell::of(v, decimals); };
  for (const auto& p : points) {
    table.rows.push_back({Cell(p.stage), Cell(p.learner), Cell::of(p.k, 0),
                          Cell::of(static_cast<double>(p.seed), 0), Cell::of(p.epoch, 0),
                          maybe(p.loss, 6), maybe(p.val_hr, 4), maybe(p.val_ndcg, 4),
                          Cell::of(p.wall_seconds, 3)});
  }
  return table;
}

}  // namespace metacf
