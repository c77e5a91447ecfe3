#include "core/experiment/summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace metacf {
namespace {

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

double sample_std(const std::vector<double>& v) {
  if (v.size() < 2) return 0.0;
  const double m = mean_of(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

using Key = std::tuple<std::string, int, int>;  // learner, k, support size (-1 = natural)
Key key_of(const ResultRecord& r) { return {r.learner, r.k, r.support_size.value_or(-1)}; }

}  // namespace

PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  PairedDifference d;
  const std::size_t n = std::min(a.size(), b.size());
  d.pairs = static_cast<std::int64_t>(n);
  if (n == 0) return d;
  std::vector<double> diff(n);
  for (std::size_t i = 0; i < n; ++i) diff[i] = a[i] - b[i];
  d.mean = mean_of(diff);
  const double half = n > 1 ? 1.96 * sample_std(diff) / std::sqrt(static_cast<double>(n)) : 0.0;
  d.low = d.mean - half;
  d.high = d.mean + half;
  return d;
}

std::vector<SummaryRow> summarise(const std::vector<ResultRecord>& results,
                                  const std::string& baseline) {
  std::vector<Key> order;
  std::map<Key, std::vector<const ResultRecord*>> groups;
  for (const auto& r : results) {
    const Key key = key_of(r);
    if (!groups.count(key)) order.push_back(key);
    groups[key].push_back(&r);
  }
  std::vector<SummaryRow> rows;
  for (const Key& key : order) {
    const auto& group = groups[key];
    SummaryRow row;
    row.learner = std::get<0>(key);
    row.k = std::get<1>(key);
    if (std::get<2>(key) >= 0) row.support_size = std::get<2>(key);
    row.seeds = static_cast<int>(group.size());
    row.users = group.front()->users;
    std::vector<double> hr, ndcg, tasks, serve;
    for (const auto* r : group) {
      row.sampled = row.sampled || r->protocol == Protocol::kSampled;
      row.all_candidates_users += r->all_candidates_users;
      row.users_over_seeds += r->users;
      hr.push_back(r->hr);
      ndcg.push_back(r->ndcg);
      if (r->tasks_per_s) tasks.push_back(*r->tasks_per_s);
      serve.push_back(r->serve_us_median);
    }
    row.hr_mean = mean_of(hr);
    row.hr_std = sample_std(hr);
    row.ndcg_mean = mean_of(ndcg);
    row.ndcg_std = sample_std(ndcg);
    if (!tasks.empty()) row.tasks_per_s = mean_of(tasks);
    std::nth_element(serve.begin(), serve.begin() + static_cast<std::ptrdiff_t>(serve.size() / 2),
                     serve.end());
    row.serve_us_median = serve[serve.size() / 2];

    const Key base_key{baseline, std::get<1>(key), std::get<2>(key)};
    if (row.learner != baseline && groups.count(base_key)) {
      std::vector<double> a_hr, b_hr, a_ndcg, b_ndcg;
      for (const auto* r : group) {
        for (const auto* b : groups[base_key]) {
          if (b->seed != r->seed || b->per_user.size() != r->per_user.size()) continue;
          for (std::size_t i = 0; i < r->per_user.size(); ++i) {
            a_hr.push_back(r->per_user[i].hr);
            b_hr.push_back(b->per_user[i].hr);
            a_ndcg.push_back(r->per_user[i].ndcg);
            b_ndcg.push_back(b->per_user[i].ndcg);
          }
        }
      }
      if (!a_hr.empty()) {
        row.hr_vs_baseline = paired_difference(a_hr, b_hr);
        row.ndcg_vs_baseline = paired_difference(a_ndcg, b_ndcg);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace metacf
