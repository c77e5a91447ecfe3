#include "core/report/interval_tables.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/experiment/summary.h"
#include "core/report/best_marks.h"
#include "core/report/sweep_tables.h"

namespace metacf {
namespace {

std::string signed_number(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%+.*f", kResultDecimals, v);
  return text;
}

std::vector<std::string> learners_of(const std::vector<ResultRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) {
    if (std::find(out.begin(), out.end(), r.learner) == out.end()) out.push_back(r.learner);
  }
  return out;
}

const SummaryRow* find_row(const std::vector<SummaryRow>& rows, const std::string& learner, int k,
                           std::optional<int> support) {
  for (const auto& r : rows) {
    if (r.learner == learner && r.k == k && r.support_size == support) return &r;
  }
  return nullptr;
}

Cell difference_cell(const SummaryRow* row, const std::string& reference, bool reference_present) {
  if (!row) return Cell("—");
  if (row->learner == reference) return Cell("(reference)");
  if (!row->hr_vs_baseline) {
    return Cell(reference_present ? std::string("no per-user values")
                                  : "no " + reference + " rows");
  }
  const PairedDifference& d = *row->hr_vs_baseline;
  Cell cell(interval_text(d.mean, d.low, d.high));
  cell.number = d.mean;
  return cell;
}

// One column per `slots` value; `select` keeps the records of a slot.
template <typename Slot, typename Name>
Table interval_table(const std::vector<ResultRecord>& records, const std::vector<Slot>& slots,
                     const std::string& reference, int k_of_slot_or_minus, Name column_name,
                     bool by_support) {
  const std::vector<SummaryRow> rows = summarise(records, reference);
  Table table;
  table.columns = {"Learner"};
  for (const auto& s : slots) table.columns.push_back(column_name(s));
  for (const auto& learner : learners_of(records)) {
    std::vector<Cell> cells{Cell(learner)};
    for (const auto& s : slots) {
      const int k = by_support ? k_of_slot_or_minus : s;
      const std::optional<int> support = by_support ? std::optional<int>(s) : std::nullopt;
      cells.push_back(difference_cell(find_row(rows, learner, k, support), reference,
                                      find_row(rows, reference, k, support) != nullptr));
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

}  // namespace

std::string interval_text(double mean, double low, double high) {
  const bool significant = low > 0 || high < 0;
  return signed_number(mean) + " [" + signed_number(low) + ", " + signed_number(high) + "]" +
         (significant ? " *" : "");
}

Table k_sweep_interval_table(const std::vector<ResultRecord>& records, int top_n,
                             const std::string& reference) {
  std::vector<ResultRecord> natural;
  for (const auto& r : records) {
    if (!r.support_size) natural.push_back(r);
  }
  const std::string n = std::to_string(top_n);
  Table table = interval_table(
      natural, ks_of(natural), reference, -1,
      [&](int k) { return "ΔHR@" + n + " K=" + std::to_string(k) + " [95% CI]"; }, false);
  table.caption = "Table 3 (paired): HR@" + n + " difference against " + reference +
                  " for each K, 95% intervals over users (* excludes 0)";
  return table;
}

Table support_size_interval_table(const std::vector<ResultRecord>& records, int k, int top_n,
                                  const std::string& reference) {
  std::vector<ResultRecord> at_k;
  for (const auto& r : records) {
    if (r.support_size && r.k == k) at_k.push_back(r);
  }
  const std::string n = std::to_string(top_n);
  Table table = interval_table(
      at_k, support_sizes_of(at_k), reference, k,
      [&](int s) { return "ΔHR@" + n + " |S|=" + std::to_string(s) + " [95% CI]"; }, true);
  table.caption = "Fig. 2 (paired): HR@" + n + " difference against " + reference +
                  " for each support size (K = " + std::to_string(k) + ")";
  return table;
}

std::optional<MeanInterval> hr_interval(const std::vector<ResultRecord>& records,
                                        const std::string& learner, int k,
                                        std::optional<int> support_size) {
  std::vector<double> per_user, per_seed;
  for (const auto& r : records) {
    if (r.learner != learner || r.k != k || r.support_size != support_size) continue;
    per_seed.push_back(r.hr);
    for (const auto& m : r.per_user) per_user.push_back(m.hr);
  }
  if (per_seed.empty()) return std::nullopt;
  const std::vector<double>& values = per_user.empty() ? per_seed : per_user;
  MeanInterval out;
  const double n = static_cast<double>(values.size());
  out.mean =
      std::accumulate(per_seed.begin(), per_seed.end(), 0.0) / static_cast<double>(per_seed.size());
  if (values.size() > 1) {
    const double m = std::accumulate(values.begin(), values.end(), 0.0) / n;
    double ss = 0;
    for (double v : values) ss += (v - m) * (v - m);
    const double half = 1.96 * std::sqrt(ss / (n - 1)) / std::sqrt(n);
    out.low = out.mean - half;
    out.high = out.mean + half;
  }
  return out;
}

std::string pairing_problem(const RunRecord& a, const RunRecord& b) {
  if (!a.dataset_id || !b.dataset_id || *a.dataset_id != *b.dataset_id) {
    return "the runs use different data sets, so their users cannot be paired; the differences "
           "are of means only, without intervals";
  }
  const auto split_of = [](const RunRecord& r) {
    return r.config.value("split", nlohmann::json::object());
  };
  if (split_of(a) != split_of(b)) {
    return "the runs split the data set differently, so their meta-test users differ; the "
           "differences are of means only, without intervals";
  }
  return {};
}

std::optional<RunPairedDifference> paired_between_runs(const std::vector<ResultRecord>& a,
                                                       const std::vector<ResultRecord>& b,
                                                       const std::string& learner, int k) {
  std::vector<double> hr_a, hr_b, ndcg_a, ndcg_b;
  for (const auto& ra : a) {
    if (ra.learner != learner || ra.k != k || ra.support_size || ra.per_user.empty()) continue;
    for (const auto& rb : b) {
      if (rb.learner != learner || rb.k != k || rb.support_size || rb.seed != ra.seed ||
          rb.per_user.size() != ra.per_user.size()) {
        continue;
      }
      for (std::size_t u = 0; u < ra.per_user.size(); ++u) {
        hr_a.push_back(ra.per_user[u].hr);
        hr_b.push_back(rb.per_user[u].hr);
        ndcg_a.push_back(ra.per_user[u].ndcg);
        ndcg_b.push_back(rb.per_user[u].ndcg);
      }
      break;
    }
  }
  if (hr_a.empty()) return std::nullopt;
  const PairedDifference hr = paired_difference(hr_b, hr_a);
  const PairedDifference ndcg = paired_difference(ndcg_b, ndcg_a);
  return RunPairedDifference{hr.mean, hr.low, hr.high, ndcg.mean, ndcg.low, ndcg.high, hr.pairs};
}

}  // namespace metacf
