#include "core/learners/auto/auto_scoring.h"

#include <atomic>
#include <stdexcept>

#include "core/eval/ranking.h"
#include "core/learners/auto/blend_grid.h"
#include "core/util/all_finite.h"

namespace metacf {
namespace {

constexpr std::uint64_t kCandidateStream = 0xa070;

// Runs body(u) for every user in parallel; throws Cancelled once the job is cancelled.
template <class Body>
void for_each_user(Eigen::Index users, JobControl& job, const Body& body) {
  std::atomic<bool> stop{false};
#pragma omp parallel for schedule(dynamic, 1)
  for (Eigen::Index u = 0; u < users; ++u) {
    if (stop.load(std::memory_order_relaxed)) continue;
    if (job.cancelled()) {
      stop = true;
      continue;
    }
    body(u);
  }
  if (stop) throw Cancelled();
}

}  // namespace

Rng candidate_rng(const Rng& user_rng, std::size_t index) {
  return user_rng.fork(kCandidateStream + index);
}

PooledScoring::PooledScoring(std::span<const ScoredFold> folds,
                             const std::vector<std::string>& names, const SelectionOptions& options,
                             JobControl& job)
    : options_(options), job_(job), candidates_(static_cast<Eigen::Index>(names.size())) {
  for (std::size_t f = 0; f < folds.size(); ++f) {
    if (static_cast<Eigen::Index>(folds[f].candidates.size()) != candidates_) {
      throw std::logic_error("metacf_auto: a fold's candidates do not match the names");
    }
    for (const Task& task : folds[f].tasks) {
      if (first_task_.empty() || tasks_.back()->user != task.user ||
          fold_.back() != static_cast<int>(f)) {
        first_task_.push_back(tasks_.size());
        fold_.push_back(static_cast<int>(f));
      }
      tasks_.push_back(&task);
      scorers_.push_back(folds[f].candidates.data());
    }
  }
  first_task_.push_back(tasks_.size());
  const Eigen::Index m = candidates_;
  states_.resize(tasks_.size() * static_cast<std::size_t>(m));
  singles_ = {Eigen::MatrixXd::Zero(users(), m), Eigen::MatrixXd::Zero(users(), m)};
  const Rng base(options_.seed);
  std::atomic<int> diverged{-1};
  for_each_user(users(), job_, [&](Eigen::Index u) {
    Eigen::VectorXf scores(options_.num_items);
    const std::size_t begin = first_task_[static_cast<std::size_t>(u)];
    const std::size_t end = first_task_[static_cast<std::size_t>(u) + 1];
    for (std::size_t t = begin; t < end; ++t) {
      const Task& task = *tasks_[t];
      const Rng user_rng = base.fork(static_cast<std::uint64_t>(task.user));
      for (Eigen::Index c = 0; c < m; ++c) {
        const Learner& candidate = *scorers_[t][c];
        Rng rng = candidate_rng(user_rng, static_cast<std::size_t>(c));
        auto adapted = candidate.adapt(task.support, options_.steps, rng);
        candidate.score(adapted.back(), scores);
        if (!all_finite(scores)) {
          diverged = static_cast<int>(c);
          continue;
        }
        const auto metrics = ranking_metrics(top_k(scores, options_.top_n, task.support),
                                             task.query, options_.top_n);
        singles_.hr(u, c) += metrics.hr / static_cast<double>(end - begin);
        singles_.ndcg(u, c) += metrics.ndcg / static_cast<double>(end - begin);
        states_[t * static_cast<std::size_t>(m) + static_cast<std::size_t>(c)] =
            std::move(adapted.back());
      }
    }
  });
  if (diverged >= 0) {
    throw Diverged("metacf_auto: candidate " + names[static_cast<std::size_t>(diverged.load())] +
                   " scored a validation user with NaN or infinity; its training diverged "
                   "(lower its step sizes or drop it from the candidates)");
  }
}

const std::vector<std::vector<double>>& PooledScoring::grid(std::size_t members) const {
  auto it = grids_.find(members);
  if (it == grids_.end()) {
    it =
        grids_.emplace(members, simplex_grid(static_cast<int>(members), options_.grid_steps)).first;
  }
  return it->second;
}

const UserMetrics& PooledScoring::blends(const std::vector<Eigen::Index>& members) {
  if (const auto it = blends_.find(members); it != blends_.end()) return it->second;
  const auto& points = grid(members.size());
  const auto k = static_cast<Eigen::Index>(members.size());
  const auto g_count = static_cast<Eigen::Index>(points.size());
  Eigen::MatrixXf weights(k, g_count);
  for (Eigen::Index g = 0; g < g_count; ++g) {
    for (Eigen::Index j = 0; j < k; ++j) {
      weights(j, g) =
          static_cast<float>(points[static_cast<std::size_t>(g)][static_cast<std::size_t>(j)]);
    }
  }
  UserMetrics out{Eigen::MatrixXd::Zero(users(), g_count), Eigen::MatrixXd::Zero(users(), g_count)};
  const auto m = static_cast<std::size_t>(candidates_);
  for_each_user(users(), job_, [&](Eigen::Index u) {
    Eigen::MatrixXf z(options_.num_items, k);
    Eigen::VectorXf mixed(options_.num_items);
    const std::size_t begin = first_task_[static_cast<std::size_t>(u)];
    const std::size_t end = first_task_[static_cast<std::size_t>(u) + 1];
    for (std::size_t t = begin; t < end; ++t) {
      const Task& task = *tasks_[t];
      for (Eigen::Index j = 0; j < k; ++j) {
        const auto c = members[static_cast<std::size_t>(j)];
        scorers_[t][c]->score(states_[t * m + static_cast<std::size_t>(c)], z.col(j));
        standardise(z.col(j));
      }
      for (Eigen::Index g = 0; g < g_count; ++g) {
        mixed.noalias() = z * weights.col(g);
        const auto metrics =
            ranking_metrics(top_k(mixed, options_.top_n, task.support), task.query, options_.top_n);
        out.hr(u, g) += metrics.hr / static_cast<double>(end - begin);
        out.ndcg(u, g) += metrics.ndcg / static_cast<double>(end - begin);
      }
    }
  });
  return blends_.emplace(members, std::move(out)).first->second;
}

}  // namespace metacf
