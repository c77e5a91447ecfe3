#include "core/learners/auto_selection.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/eval/ranking.h"
#include "core/learners/blend_grid.h"

namespace metacf {
namespace {

constexpr std::uint64_t kCandidateStream = 0xa070;

struct Metrics {
  Eigen::MatrixXd hr, ndcg;  // users x columns
  [[nodiscard]] double mean_hr(Eigen::Index c) const { return hr.rows() ? hr.col(c).mean() : 0; }
  [[nodiscard]] double mean_ndcg(Eigen::Index c) const {
    return ndcg.rows() ? ndcg.col(c).mean() : 0;
  }
};

bool better(double hr, double ndcg, double best_hr, double best_ndcg) {
  return hr > best_hr || (hr == best_hr && ndcg > best_ndcg);
}

}  // namespace

Rng candidate_rng(const Rng& user_rng, std::size_t index) {
  return user_rng.fork(kCandidateStream + index);
}

AutoChoice choose_blend(std::span<const Learner* const> candidates,
                        const std::vector<std::string>& names, std::span<const Task> tasks,
                        const SelectionOptions& options, JobControl& job) {
  const ScoredFold fold{{candidates.begin(), candidates.end()}, tasks};
  return choose_blend(std::span<const ScoredFold>(&fold, 1), names, options, job);
}

AutoChoice choose_blend(std::span<const ScoredFold> folds, const std::vector<std::string>& names,
                        const SelectionOptions& options, JobControl& job) {
  const auto m = static_cast<Eigen::Index>(names.size());
  // Every fold's tasks in one list, each with the candidates that never saw its user.
  std::vector<const Task*> tasks;
  std::vector<const Learner* const*> scorers;
  for (const auto& fold : folds) {
    if (static_cast<Eigen::Index>(fold.candidates.size()) != m) {
      throw std::logic_error("metacf_auto: a fold's candidates do not match the names");
    }
    for (const Task& task : fold.tasks) {
      tasks.push_back(&task);
      scorers.push_back(fold.candidates.data());
    }
  }
  const auto users = static_cast<std::int64_t>(tasks.size());
  const Rng base(options.seed);
  std::vector<UserState> states(static_cast<std::size_t>(users * m));
  Metrics single{Eigen::MatrixXd::Zero(users, m), Eigen::MatrixXd::Zero(users, m)};
  std::atomic<bool> stop{false};
  std::atomic<int> diverged{-1};

  // Pass 1: every candidate alone; the adapted states are kept for the blends.
#pragma omp parallel
  {
    Eigen::VectorXf scores(options.num_items);
#pragma omp for schedule(dynamic, 4)
    for (std::int64_t i = 0; i < users; ++i) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (job.cancelled()) {
        stop = true;
        continue;
      }
      const Task& task = *tasks[static_cast<std::size_t>(i)];
      const Learner* const* candidates = scorers[static_cast<std::size_t>(i)];
      const Rng user_rng = base.fork(static_cast<std::uint64_t>(task.user));
      for (Eigen::Index c = 0; c < m; ++c) {
        Rng rng = candidate_rng(user_rng, static_cast<std::size_t>(c));
        auto adapted = candidates[c]->adapt(task.support, options.steps, rng);
        candidates[c]->score(adapted.back(), scores);
        if (!scores.allFinite()) {
          diverged = static_cast<int>(c);
          continue;
        }
        const auto metrics =
            ranking_metrics(top_k(scores, options.top_n, task.support), task.query, options.top_n);
        single.hr(i, c) = metrics.hr;
        single.ndcg(i, c) = metrics.ndcg;
        states[static_cast<std::size_t>(i * m + c)] = std::move(adapted.back());
      }
    }
  }
  if (stop) throw Cancelled();
  if (diverged >= 0) {
    throw Diverged("metacf_auto: candidate " + names[static_cast<std::size_t>(diverged.load())] +
                   " scored a validation user with NaN or infinity; its training diverged "
                   "(lower its step sizes or drop it from the candidates)");
  }

  // The best few alone are the blend's members.
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
    return better(single.mean_hr(a), single.mean_ndcg(a), single.mean_hr(b), single.mean_ndcg(b));
  });
  order.resize(static_cast<std::size_t>(std::min<Eigen::Index>(options.blend_size, m)));
  const auto members = static_cast<Eigen::Index>(order.size());
  const auto grid = simplex_grid(static_cast<int>(members), options.grid_steps);
  const auto points = static_cast<Eigen::Index>(grid.size());
  Eigen::MatrixXf weights(members, points);
  for (Eigen::Index g = 0; g < points; ++g) {
    for (Eigen::Index j = 0; j < members; ++j) {
      weights(j, g) =
          static_cast<float>(grid[static_cast<std::size_t>(g)][static_cast<std::size_t>(j)]);
    }
  }

  // Pass 2: every blend on the grid, from per-user standardised scores.
  Metrics blend{Eigen::MatrixXd::Zero(users, points), Eigen::MatrixXd::Zero(users, points)};
#pragma omp parallel
  {
    Eigen::MatrixXf z(options.num_items, members);
    Eigen::VectorXf mixed(options.num_items);
#pragma omp for schedule(dynamic, 4)
    for (std::int64_t i = 0; i < users; ++i) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (job.cancelled()) {
        stop = true;
        continue;
      }
      const Task& task = *tasks[static_cast<std::size_t>(i)];
      const Learner* const* candidates = scorers[static_cast<std::size_t>(i)];
      for (Eigen::Index j = 0; j < members; ++j) {
        const auto c = order[static_cast<std::size_t>(j)];
        candidates[c]->score(states[static_cast<std::size_t>(i * m + c)], z.col(j));
        standardise(z.col(j));
      }
      for (Eigen::Index g = 0; g < points; ++g) {
        mixed.noalias() = z * weights.col(g);
        const auto metrics =
            ranking_metrics(top_k(mixed, options.top_n, task.support), task.query, options.top_n);
        blend.hr(i, g) = metrics.hr;
        blend.ndcg(i, g) = metrics.ndcg;
      }
    }
  }
  if (stop) throw Cancelled();

  // Ties go to the earlier grid point: the best single candidate comes first, then blends
  // leaning on it.
  Eigen::Index chosen = 0;
  for (Eigen::Index g = 1; g < points; ++g) {
    if (better(blend.mean_hr(g), blend.mean_ndcg(g), blend.mean_hr(chosen),
               blend.mean_ndcg(chosen))) {
      chosen = g;
    }
  }
  // The best of many blends beats the best single candidate on a few validation users by
  // chance alone: keep the single candidate unless the blend's paired gain is clear.
  if (chosen != 0 && users > 1) {
    const Eigen::ArrayXd task_gain = (blend.hr.col(chosen) - blend.hr.col(0)).array();
    const Eigen::Index group = std::max(1, options.tasks_per_user);
    const Eigen::Index groups = users / group;
    // Plain loops: GCC 12 misreads Eigen's reductions here as reading uninitialised memory.
    std::vector<double> gain(static_cast<std::size_t>(std::max<Eigen::Index>(groups, 1)), 0.0);
    for (Eigen::Index u = 0; u < groups; ++u) {
      for (Eigen::Index t = 0; t < group; ++t)
        gain[static_cast<std::size_t>(u)] += task_gain[u * group + t];
      gain[static_cast<std::size_t>(u)] /= static_cast<double>(group);
    }
    const double mean =
        std::accumulate(gain.begin(), gain.end(), 0.0) / static_cast<double>(gain.size());
    double squares = 0;
    for (const double g : gain) squares += (g - mean) * (g - mean);
    const double se =
        std::sqrt(squares / static_cast<double>(std::max<std::size_t>(gain.size() - 1, 1)) /
                  static_cast<double>(gain.size()));
    if (!(mean > options.min_gain_se * se)) chosen = 0;
  }
  AutoChoice choice;
  choice.hr = blend.mean_hr(chosen);
  choice.ndcg = blend.mean_ndcg(chosen);
  choice.validation_users = users / std::max(1, options.tasks_per_user);
  for (Eigen::Index c = 0; c < m; ++c) {
    choice.candidates.push_back(
        {names[static_cast<std::size_t>(c)], 0.0, single.mean_hr(c), single.mean_ndcg(c)});
  }
  for (Eigen::Index j = 0; j < members; ++j) {
    choice.candidates[static_cast<std::size_t>(order[static_cast<std::size_t>(j)])].weight =
        grid[static_cast<std::size_t>(chosen)][static_cast<std::size_t>(j)];
  }
  return choice;
}

}  // namespace metacf
