#include "core/report/sweep_tables.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>

#include "core/report/best_marks.h"
#include "core/report/interval_tables.h"

namespace metacf {
namespace {

const char* const kMissing = "—";

std::string metric_name(const char* metric, int top_n) {
  return std::string(metric) + "@" + std::to_string(top_n);
}

// Mean over seeds of the natural-support records of one (learner, K).
struct Means {
  double hr = 0, ndcg = 0;
  int seeds = 0;
};
using LearnerK = std::pair<std::string, int>;

std::map<LearnerK, Means> natural_means(const std::vector<ResultRecord>& records,
                                        std::vector<LearnerK>* order) {
  std::map<LearnerK, Means> means;
  for (const auto& r : records) {
    if (r.support_size) continue;
    const LearnerK key{r.learner, r.k};
    auto [it, inserted] = means.try_emplace(key);
    if (inserted && order) order->push_back(key);
    it->second.hr += r.hr;
    it->second.ndcg += r.ndcg;
    ++it->second.seeds;
  }
  for (auto& [key, m] : means) {
    m.hr /= m.seeds;
    m.ndcg /= m.seeds;
  }
  return means;
}

std::vector<std::string> learners_in_order(const std::vector<ResultRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) {
    if (std::find(out.begin(), out.end(), r.learner) == out.end()) out.push_back(r.learner);
  }
  return out;
}

Cell signed_difference(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%+.*f", kResultDecimals, value);
  Cell cell{std::string(text)};
  cell.number = value;
  return cell;
}

std::set<std::uint64_t> seeds_of(const std::vector<ResultRecord>& records) {
  std::set<std::uint64_t> seeds;
  for (const auto& r : records) {
    if (!r.support_size) seeds.insert(r.seed);
  }
  return seeds;
}

std::string seed_list(const std::set<std::uint64_t>& seeds) {
  std::string out;
  for (std::uint64_t s : seeds) out += (out.empty() ? "" : ", ") + std::to_string(s);
  return out;
}

// When the runs' seeds differ, Δ (of each run's means over its own seeds) and the interval
// (paired over the seeds both have) are of different users and may disagree: say so.
std::string seeds_note(const std::vector<ResultRecord>& a, const std::vector<ResultRecord>& b,
                       const std::string& name_a, const std::string& name_b) {
  const auto seeds_a = seeds_of(a);
  const auto seeds_b = seeds_of(b);
  if (seeds_a == seeds_b) return {};
  std::set<std::uint64_t> shared;
  std::set_intersection(seeds_a.begin(), seeds_a.end(), seeds_b.begin(), seeds_b.end(),
                        std::inserter(shared, shared.begin()));
  return "; Δ is between the means over each run's seeds (" + name_a + ": " + seed_list(seeds_a) +
         "; " + name_b + ": " + seed_list(seeds_b) +
         "), the interval is of the paired difference over the seeds both have (" +
         (shared.empty() ? std::string("none") : seed_list(shared)) + ")";
}

}  // namespace

std::vector<int> ks_of(const std::vector<ResultRecord>& records) {
  std::set<int> ks;
  for (const auto& r : records) ks.insert(r.k);
  return {ks.begin(), ks.end()};
}

std::vector<int> support_sizes_of(const std::vector<ResultRecord>& records) {
  std::set<int> sizes;
  for (const auto& r : records) {
    if (r.support_size) sizes.insert(*r.support_size);
  }
  return {sizes.begin(), sizes.end()};
}

bool has_per_user(const std::vector<ResultRecord>& records) {
  return std::any_of(records.begin(), records.end(),
                     [](const ResultRecord& r) { return !r.per_user.empty(); });
}

Table k_sweep_table(const std::vector<ResultRecord>& records, int top_n) {
  const std::vector<int> ks = ks_of(records);
  const auto means = natural_means(records, nullptr);
  Table table;
  table.caption = "Table 3: HR and NDCG against the local steps K";
  table.columns = {"Learner"};
  for (int k : ks) {
    table.columns.push_back(metric_name("HR", top_n) + " K=" + std::to_string(k));
    table.columns.push_back(metric_name("NDCG", top_n) + " K=" + std::to_string(k));
  }
  for (const auto& learner : learners_in_order(records)) {
    std::vector<Cell> row{Cell(learner)};
    for (int k : ks) {
      const auto it = means.find({learner, k});
      if (it == means.end()) {
        row.emplace_back(kMissing);
        row.emplace_back(kMissing);
      } else {
        row.push_back(Cell::of(it->second.hr, kResultDecimals));
        row.push_back(Cell::of(it->second.ndcg, kResultDecimals));
      }
    }
    table.rows.push_back(std::move(row));
  }
  for (std::size_t c = 1; c < table.columns.size(); ++c) mark_best(table, c);
  return table;
}

Table support_size_table(const std::vector<ResultRecord>& records, int k, int top_n) {
  const std::vector<int> sizes = support_sizes_of(records);
  Table table;
  table.caption = "Fig. 2: " + metric_name("HR", top_n) +
                  " against the support size (K = " + std::to_string(k) + ")";
  table.columns = {"Learner"};
  for (int s : sizes) table.columns.push_back("|S|=" + std::to_string(s));
  for (const auto& learner : learners_in_order(records)) {
    std::vector<Cell> row{Cell(learner)};
    for (int s : sizes) {
      double sum = 0;
      int n = 0;
      for (const auto& r : records) {
        if (r.learner == learner && r.k == k && r.support_size == s) {
          sum += r.hr;
          ++n;
        }
      }
      row.push_back(n ? Cell::of(sum / n, kResultDecimals) : Cell(kMissing));
    }
    table.rows.push_back(std::move(row));
  }
  for (std::size_t c = 1; c < table.columns.size(); ++c) mark_best(table, c);
  return table;
}

std::vector<ComparedRow> compared_rows(const std::vector<ResultRecord>& a,
                                       const std::vector<ResultRecord>& b,
                                       const std::string& pairing_problem) {
  std::vector<LearnerK> order;
  const auto means_a = natural_means(a, &order);
  const auto means_b = natural_means(b, &order);
  std::vector<std::string> learners;
  for (const auto& key : order) {
    if (std::find(learners.begin(), learners.end(), key.first) == learners.end()) {
      learners.push_back(key.first);
    }
  }
  auto rank = [&](const LearnerK& key) {
    return std::pair(std::find(learners.begin(), learners.end(), key.first) - learners.begin(),
                     key.second);
  };
  std::sort(order.begin(), order.end(),
            [&](const LearnerK& x, const LearnerK& y) { return rank(x) < rank(y); });
  order.erase(std::unique(order.begin(), order.end()), order.end());
  std::vector<ComparedRow> rows;
  for (const LearnerK& key : order) {
    ComparedRow row;
    row.learner = key.first;
    row.k = key.second;
    if (const auto it = means_a.find(key); it != means_a.end()) {
      row.hr_a = it->second.hr;
      row.ndcg_a = it->second.ndcg;
    }
    if (const auto it = means_b.find(key); it != means_b.end()) {
      row.hr_b = it->second.hr;
      row.ndcg_b = it->second.ndcg;
    }
    if (pairing_problem.empty() && row.hr_a && row.hr_b) {
      row.paired = paired_between_runs(a, b, key.first, key.second);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Table run_comparison_table(const std::vector<ResultRecord>& a, const std::vector<ResultRecord>& b,
                           const std::string& name_a, const std::string& name_b, int top_n,
                           const std::string& pairing_problem) {
  const std::string hr = metric_name("HR", top_n);
  const std::string ndcg = metric_name("NDCG", top_n);
  Table table;
  table.caption = "Comparison: " + name_b + " against " + name_a + " (means across seeds)";
  table.caption += pairing_problem.empty()
                       ? "; 95% intervals paired over the users of the seeds both runs have"
                       : "; " + pairing_problem;
  if (pairing_problem.empty()) table.caption += seeds_note(a, b, name_a, name_b);
  table.columns = {"Learner",           "K",
                   hr + " " + name_a,   hr + " " + name_b,
                   "Δ " + hr,           "95% CI of Δ " + hr,
                   ndcg + " " + name_a, ndcg + " " + name_b,
                   "Δ " + ndcg,         "95% CI of Δ " + ndcg};
  for (const ComparedRow& row : compared_rows(a, b, pairing_problem)) {
    const bool both = row.hr_a && row.hr_b;
    auto value = [](const std::optional<double>& v) {
      return v ? Cell::of(*v, kResultDecimals) : Cell(kMissing);
    };
    auto delta = [&](const std::optional<double>& va, const std::optional<double>& vb) {
      return both ? signed_difference(*vb - *va) : Cell(kMissing);
    };
    auto interval = [&](bool hr_metric) {
      if (!both) return Cell(kMissing);
      if (!pairing_problem.empty()) return Cell("not paired");
      if (!row.paired) return Cell("no per-user values");
      const RunPairedDifference& d = *row.paired;
      return hr_metric ? Cell(interval_text(d.hr_mean, d.hr_low, d.hr_high))
                       : Cell(interval_text(d.ndcg_mean, d.ndcg_low, d.ndcg_high));
    };
    table.rows.push_back({Cell(row.learner), Cell::integer(row.k), value(row.hr_a), value(row.hr_b),
                          delta(row.hr_a, row.hr_b), interval(true), value(row.ndcg_a),
                          value(row.ndcg_b), delta(row.ndcg_a, row.ndcg_b), interval(false)});
  }
  return table;
}

}  // namespace metacf
