#pragma once
// Which stored learners the simulator shows first. One function, so that the policy can later
// read learner capabilities from a registry instead of names.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/simulate/new_user_simulation.h"

namespace metacf {

// Indices into `stored` for side 0 (the learner simulated) and side 1 (the one compared with
// it; none when nothing else is stored). Side 0: the paper's best learner that is stored
// (metacf_p_neural, metacf_p_linear, metacf_g, then melu, bpr), else the first that
// meta-trains (Learner::meta_trains(), e.g. a MetaCF variant), else the first stored. Side 1:
// `remembered` (the user's last choice) when stored, else a baseline (bpr, pop, itemknn,
// itemknn_q, melu), else the first that does not meta-train, else any other learner; never
// the same name as side 0.
std::array<std::optional<std::size_t>, 2> preselect_simulator_learners(
    const std::vector<StoredLearnerKey>& stored, const std::string& remembered = {});

}  // namespace metacf
