#include "core/learners/auto/auto_margin.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace metacf {
namespace {

// Mean of column c over the used users. Plain loops: GCC 12 misreads Eigen's masked
// reductions as reading uninitialised memory.
double mean_of(const Eigen::MatrixXd& m, Eigen::Index c, std::span<const char> use) {
  double sum = 0;
  std::size_t n = 0;
  for (Eigen::Index u = 0; u < m.rows(); ++u) {
    if (!use[static_cast<std::size_t>(u)]) continue;
    sum += m(u, c);
    ++n;
  }
  return n ? sum / static_cast<double>(n) : 0.0;
}

bool better(double hr, double ndcg, double best_hr, double best_ndcg) {
  return hr > best_hr || (hr == best_hr && ndcg > best_ndcg);
}

// Per-user HR gain of `pick` over its first member alone, for the users with use[u] set
// (0 for all when the pick is that member alone).
void add_gains(const UserMetrics& singles, const BlendMetrics& blends, const BlendPick& pick,
               std::span<const char> use, std::vector<double>& out) {
  const UserMetrics* blend = pick.point == 0 ? nullptr : &blends(pick.members);
  for (Eigen::Index u = 0; u < singles.hr.rows(); ++u) {
    if (!use[static_cast<std::size_t>(u)]) continue;
    out.push_back(blend ? blend->hr(u, pick.point) - singles.hr(u, pick.members.front()) : 0.0);
  }
}

}  // namespace

BlendPick pick_blend(const UserMetrics& singles, const BlendMetrics& blends,
                     std::span<const char> use, int blend_size) {
  const Eigen::Index m = singles.hr.cols();
  std::vector<double> hr(static_cast<std::size_t>(m)), ndcg(static_cast<std::size_t>(m));
  for (Eigen::Index c = 0; c < m; ++c) {
    hr[static_cast<std::size_t>(c)] = mean_of(singles.hr, c, use);
    ndcg[static_cast<std::size_t>(c)] = mean_of(singles.ndcg, c, use);
  }
  BlendPick pick;
  pick.members.resize(static_cast<std::size_t>(m));
  std::iota(pick.members.begin(), pick.members.end(), 0);
  std::stable_sort(pick.members.begin(), pick.members.end(), [&](Eigen::Index a, Eigen::Index b) {
    const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
    return better(hr[i], ndcg[i], hr[j], ndcg[j]);
  });
  pick.members.resize(static_cast<std::size_t>(std::clamp<Eigen::Index>(blend_size, 1, m)));
  if (pick.members.size() < 2) return pick;
  const UserMetrics& metrics = blends(pick.members);
  double best_hr = mean_of(metrics.hr, 0, use), best_ndcg = mean_of(metrics.ndcg, 0, use);
  for (Eigen::Index g = 1; g < metrics.hr.cols(); ++g) {
    const double g_hr = mean_of(metrics.hr, g, use), g_ndcg = mean_of(metrics.ndcg, g, use);
    if (better(g_hr, g_ndcg, best_hr, best_ndcg)) {
      pick.point = g;
      best_hr = g_hr;
      best_ndcg = g_ndcg;
    }
  }
  return pick;
}

PairedGain paired_gain(std::span<const double> differences) {
  const auto n = static_cast<double>(differences.size());
  if (differences.empty()) return {0.0, std::numeric_limits<double>::infinity()};
  const double mean = std::accumulate(differences.begin(), differences.end(), 0.0) / n;
  if (differences.size() < 2) return {mean, std::numeric_limits<double>::infinity()};
  double squares = 0;
  for (const double d : differences) squares += (d - mean) * (d - mean);
  return {mean, std::sqrt(squares / (n - 1) / n)};
}

BlendDecision decide_blend(const UserMetrics& singles, const BlendMetrics& blends,
                           std::span<const int> fold_of_user, int folds, int blend_size,
                           double min_gain_se) {
  const std::vector<char> everyone(static_cast<std::size_t>(singles.hr.rows()), 1);
  BlendDecision decision;
  decision.best = pick_blend(singles, blends, everyone, blend_size);
  if (decision.best.point == 0) return decision;
  std::vector<double> gains;
  add_gains(singles, blends, decision.best, everyone, gains);
  decision.pooled = paired_gain(gains);

  gains.clear();
  int measured_folds = 0;
  for (int f = 0; f < folds; ++f) {
    std::vector<char> inside(everyone.size()), outside(everyone.size());
    for (std::size_t u = 0; u < everyone.size(); ++u) {
      inside[u] = fold_of_user[u] == f ? 1 : 0;
      outside[u] = inside[u] ? 0 : 1;
    }
    if (std::count(inside.begin(), inside.end(), 1) == 0 ||
        std::count(outside.begin(), outside.end(), 1) == 0)
      continue;
    ++measured_folds;
    add_gains(singles, blends, pick_blend(singles, blends, outside, blend_size), inside, gains);
  }
  decision.measured = measured_folds >= 2;
  if (!decision.measured) return decision;
  decision.crossed = paired_gain(gains);
  // min_gain_se 0 turns the margin off: the best blend on the pooled users is served.
  decision.blend = min_gain_se <= 0 || (decision.pooled.mean > min_gain_se * decision.pooled.se &&
                                        decision.crossed.mean > min_gain_se * decision.crossed.se);
  return decision;
}

}  // namespace metacf
