#include "core/report/sweep_tables.h"

#include <algorithm>
#include <cstdio>
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

Table run_comparison_table(const std::vector<ResultRecord>& a, const std::vector<ResultRecord>& b,
                           const std::string& name_a, const std::string& name_b, int top_n,
                           const std::string& pairing_problem) {
  std::vector<LearnerK> order;
  const auto means_a = natural_means(a, &order);
  const auto means_b = natural_means(b, &order);
  // Learners in the order they first appear (as in Table 2), each learner's K ascending.
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
  const std::string hr = metric_name("HR", top_n);
  const std::string ndcg = metric_name("NDCG", top_n);
  Table table;
  table.caption = "Comparison: " + name_b + " against " + name_a + " (means across seeds)";
  table.caption += pairing_problem.empty()
                       ? "; 95% intervals paired over the users of the seeds both runs have"
                       : "; " + pairing_problem;
  table.columns = {"Learner",           "K",
                   hr + " " + name_a,   hr + " " + name_b,
                   "Δ " + hr,           "95% CI of Δ " + hr,
                   ndcg + " " + name_a, ndcg + " " + name_b,
                   "Δ " + ndcg,         "95% CI of Δ " + ndcg};
  for (const LearnerK& key : order) {
    const auto ia = means_a.find(key);
    const auto ib = means_b.find(key);
    const Means* ma = ia == means_a.end() ? nullptr : &ia->second;
    const Means* mb = ib == means_b.end() ? nullptr : &ib->second;
    auto value = [](const Means* m, double Means::*field) {
      return m ? Cell::of(m->*field, kResultDecimals) : Cell(kMissing);
    };
    auto delta = [&](double Means::*field) {
      return ma && mb ? signed_difference(mb->*field - ma->*field) : Cell(kMissing);
    };
    std::optional<RunPairedDifference> paired;
    if (pairing_problem.empty() && ma && mb)
      paired = paired_between_runs(a, b, key.first, key.second);
    auto interval = [&](bool hr_metric) {
      if (!ma || !mb) return Cell(kMissing);
      if (!pairing_problem.empty()) return Cell("not paired");
      if (!paired) return Cell("no per-user values");
      return hr_metric
                 ? Cell(interval_text(paired->hr_mean, paired->hr_low, paired->hr_high))
                 : Cell(interval_text(paired->ndcg_mean, paired->ndcg_low, paired->ndcg_high));
    };
    table.rows.push_back({Cell(key.first), Cell::of(key.second, 0), value(ma, &Means::hr),
                          value(mb, &Means::hr), delta(&Means::hr), interval(true),
                          value(ma, &Means::ndcg), value(mb, &Means::ndcg), delta(&Means::ndcg),
                          interval(false)});
  }
  return table;
}

}  // namespace metacf
