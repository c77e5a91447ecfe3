#pragma once
// metacf_auto's choice: every candidate alone and every blend of the best few, ranked on
// validation tasks (held-out meta-training users) by HR@top_n, then NDCG@top_n.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/learners/auto_choice.h"
#include "core/learners/learner.h"

namespace metacf {

struct SelectionOptions {
  std::int32_t num_items = 0;
  int steps = 5;
  int top_n = 10;
  std::uint64_t seed = 1;  // adaptation negatives: one stream per user, then per candidate
  int blend_size = 3;
  int grid_steps = 10;
  // A blend replaces the best single candidate only when its mean per-user HR gain over it on
  // the validation tasks exceeds this many standard errors.
  double min_gain_se = 1.0;
  // Consecutive tasks of one user (several draws of her records): the gain's standard error is
  // taken over users, not over correlated tasks.
  int tasks_per_user = 1;
};

// The random stream candidate `index` adapts with for one user; selection and serving share it.
Rng candidate_rng(const Rng& user_rng, std::size_t index);

// One fold of the choice: the candidates fitted without its users, and its users' tasks (each
// user's tasks_per_user draws consecutive).
struct ScoredFold {
  std::vector<const Learner*> candidates;  // in the order of `names`
  std::span<const Task> tasks;
};

// Pools every fold's tasks: each task is scored by its own fold's candidates. `names[i]` is the
// name of each fold's `candidates[i]`. Throws Cancelled, or Diverged when a candidate scores a
// user with NaN or infinity.
AutoChoice choose_blend(std::span<const ScoredFold> folds, const std::vector<std::string>& names,
                        const SelectionOptions& options, JobControl& job);
// One fold.
AutoChoice choose_blend(std::span<const Learner* const> candidates,
                        const std::vector<std::string>& names, std::span<const Task> tasks,
                        const SelectionOptions& options, JobControl& job);

}  // namespace metacf
