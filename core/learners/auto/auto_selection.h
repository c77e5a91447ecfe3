#pragma once
// metacf_auto's choice: every candidate alone and the blends of the best few, ranked by HR@top_n
// (then NDCG@top_n) on the pooled validation users (each scored by candidates fitted without
// her); a blend must clear the margin of auto_margin.h.
#include <span>
#include <string>
#include <vector>

#include "core/learners/auto/auto_choice.h"
#include "core/learners/auto/auto_scoring.h"

namespace metacf {

// Pools every fold's users: each is scored by her own fold's candidates, and the folds are the
// groups the blend's out-of-fold gain is measured on. With a single fold its users are dealt
// into kSelectionGroups groups for that. `names[i]` is the name of each fold's
// `candidates[i]`. Throws Cancelled, or Diverged when a candidate scores a user with NaN or
// infinity.
AutoChoice choose_blend(std::span<const ScoredFold> folds, const std::vector<std::string>& names,
                        const SelectionOptions& options, JobControl& job);
// One fold.
AutoChoice choose_blend(std::span<const Learner* const> candidates,
                        const std::vector<std::string>& names, std::span<const Task> tasks,
                        const SelectionOptions& options, JobControl& job);

inline constexpr int kSelectionGroups = 5;

}  // namespace metacf
