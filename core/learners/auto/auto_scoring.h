#pragma once
// metacf_auto's scoring of its pooled validation users: each user's HR and NDCG (the mean over
// her draws) under every candidate alone and under the blends of a few of them, each user
// scored by the candidates of her own fold, which were fitted without her.
#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/model/learner.h"

namespace metacf {

struct SelectionOptions {
  std::int32_t num_items = 0;
  int steps = 5;
  int top_n = 10;
  std::uint64_t seed = 1;  // adaptation negatives: one stream per user, then per candidate
  int blend_size = 3;
  int grid_steps = 10;
  // The margin a blend must clear over the best single candidate, in paired standard errors of
  // the per-user HR gain (auto_margin.h).
  double min_gain_se = 1.0;
};

// One fold of the choice: the candidates fitted without its users, and its users' tasks (a
// user's draws consecutive: consecutive tasks of one user are one user).
struct ScoredFold {
  std::vector<const Learner*> candidates;  // in the order of the candidate names
  std::span<const Task> tasks;
};

// users x columns, each entry the mean over the user's tasks.
struct UserMetrics {
  Eigen::MatrixXd hr, ndcg;
};

// The random stream candidate `index` adapts with for one user; selection and serving share it.
Rng candidate_rng(const Rng& user_rng, std::size_t index);

class PooledScoring {
 public:
  // Ranks every user's tasks under every candidate alone (the adapted states are kept for the
  // blends). Throws Cancelled, or Diverged when a candidate scores a user with NaN or infinity.
  PooledScoring(std::span<const ScoredFold> folds, const std::vector<std::string>& names,
                const SelectionOptions& options, JobControl& job);

  [[nodiscard]] Eigen::Index users() const { return static_cast<Eigen::Index>(fold_.size()); }
  // The fold whose candidates scored user u (0-based, in the order of `folds`).
  [[nodiscard]] int fold_of_user(Eigen::Index u) const {
    return fold_[static_cast<std::size_t>(u)];
  }
  [[nodiscard]] const UserMetrics& singles() const { return singles_; }
  // Weight vectors over a blend's members (simplex_grid), the first the first member alone.
  [[nodiscard]] const std::vector<std::vector<double>>& grid(std::size_t members) const;
  // Every grid point's metrics for a blend of these candidates' z-scored scores (indices into
  // the names; the first is the grid's first vertex). Computed once per member list.
  const UserMetrics& blends(const std::vector<Eigen::Index>& members);

 private:
  const SelectionOptions options_;
  JobControl& job_;
  std::vector<const Task*> tasks_;
  std::vector<const Learner* const*> scorers_;  // each task's fold's candidates
  std::vector<std::size_t> first_task_;         // of each user, plus the end
  std::vector<int> fold_;                       // of each user
  Eigen::Index candidates_ = 0;
  std::vector<UserState> states_;  // task x candidate
  UserMetrics singles_;
  mutable std::map<std::size_t, std::vector<std::vector<double>>> grids_;
  std::map<std::vector<Eigen::Index>, UserMetrics> blends_;
};

}  // namespace metacf
