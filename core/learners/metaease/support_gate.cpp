#include "core/learners/metaease/support_gate.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/eval/ranking.h"

namespace metacf {
namespace {
constexpr int kTop = 10;
}  // namespace

int SupportGate::size_of(std::size_t support_size) {
  return static_cast<int>(std::clamp<std::size_t>(support_size, 1, kGateSizes)) - 1;
}

std::vector<float> gate_mix_grid() {
  // ease's scaled scores of the top items run to tens; f is about -2..2.
  std::vector<float> grid{0.0f};
  for (const float r : {0.02f, 0.05f, 0.1f, 0.2f, 0.5f, 1.0f, 2.0f, 5.0f, 10.0f}) {
    grid.push_back(r);
    grid.push_back(-r);
  }
  return grid;
}

std::vector<double> gate_task_hits(const GateTask& task, const Eigen::VectorXf& popularity,
                                   std::span<const float> grid) {
  Eigen::VectorXf f = popularity;
  for (std::size_t i = 0; i < task.own_items.size(); ++i)
    f[task.own_items[i]] = task.own_popularity[i];
  std::vector<double> hits;
  hits.reserve(grid.size());
  Eigen::VectorXf scores(f.size());
  for (const float r : grid) {
    scores = task.ease + r * f;
    const auto top = top_k(scores, kTop, task.support);
    hits.push_back(ranking_metrics(top, task.query, kTop).hr);
  }
  return hits;
}

SupportGate choose_support_gate(std::span<const GateTask> tasks, const Eigen::VectorXf& popularity,
                                double min_gain_se, JobControl& job,
                                std::vector<GateChoice>* choices) {
  const std::vector<float> grid = gate_mix_grid();
  const auto count = static_cast<std::int64_t>(tasks.size());
  std::vector<std::vector<double>> hits(tasks.size());
#pragma omp parallel for schedule(dynamic, 16)
  for (std::int64_t t = 0; t < count; ++t) {
    if (job.cancelled()) continue;
    hits[static_cast<std::size_t>(t)] =
        gate_task_hits(tasks[static_cast<std::size_t>(t)], popularity, grid);
  }
  job.check();
  SupportGate gate;
  if (choices) choices->assign(kGateSizes, {});
  for (int g = 0; g < kGateSizes; ++g) {
    // This size's tasks grouped by user, in the order users first appear.
    std::map<std::int32_t, std::size_t> group_of;
    std::vector<std::vector<std::size_t>> groups;
    std::int64_t sized = 0;
    for (std::size_t t = 0; t < tasks.size(); ++t) {
      if (SupportGate::size_of(tasks[t].support.size()) != g) continue;
      ++sized;
      const auto [it, fresh] = group_of.try_emplace(tasks[t].user, groups.size());
      if (fresh) groups.emplace_back();
      groups[it->second].push_back(t);
    }
    if (groups.size() < 2) {  // no spread to guard with: ease alone
      if (choices)
        (*choices)[static_cast<std::size_t>(g)] = {sized, static_cast<std::int64_t>(groups.size())};
      continue;
    }
    // Mean gain over r = 0 (grid[0]) for each mix, users weighted alike, and its paired
    // standard error over users.
    std::size_t best = 0;
    double best_gain = 0, best_se = 0;
    for (std::size_t m = 1; m < grid.size(); ++m) {
      double sum = 0, sum2 = 0;
      for (const auto& group : groups) {
        double d = 0;
        for (const auto t : group) d += hits[t][m] - hits[t][0];
        d /= static_cast<double>(group.size());
        sum += d;
        sum2 += d * d;
      }
      const double n = static_cast<double>(groups.size());
      const double mean = sum / n;
      const double var = std::max(0.0, (sum2 - n * mean * mean) / (n - 1));
      if (mean > best_gain) {
        best = m;
        best_gain = mean;
        best_se = std::sqrt(var / n);
      }
    }
    const bool kept = best != 0 && best_gain > min_gain_se * best_se;
    gate.mix[g] = kept ? grid[best] : 0.0f;
    if (choices) {
      (*choices)[static_cast<std::size_t>(g)] = {sized,
                                                 static_cast<std::int64_t>(groups.size()),
                                                 gate.mix[g],
                                                 kept ? best_gain : 0.0,
                                                 kept ? best_se : 0.0,
                                                 grid[best]};
    }
  }
  return gate;
}

}  // namespace metacf
