#pragma once
// Which stored learners the simulator shows first, by the registry's capabilities
// (preferred_simulator_learner, preferred_comparison_learner), never by name.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/simulate/new_user_simulation.h"

namespace metacf {

// Indices into `stored` for side 0 (the learner simulated) and side 1 (the one compared with
// it; none when nothing else is stored). Side 0: the registry's preferred simulator learner
// among those stored (one that adapts, meta-trained first, the paper's before extras), else the
// first stored. Side 1: `remembered` (the user's last choice) when stored, else the registry's
// preferred comparison (trained without meta-learning: bpr, then the counting baselines), else
// any other learner; never the same name as side 0.
std::array<std::optional<std::size_t>, 2> preselect_simulator_learners(
    const std::vector<StoredLearnerKey>& stored, const std::string& remembered = {});

}  // namespace metacf
