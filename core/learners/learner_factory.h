#pragma once
// Builds a learner by name from its JSON configuration, through the registry (registry.h).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/model/learner.h"

namespace metacf {

// Throws std::invalid_argument for an unknown name (listing the known ones) or a bad config
// field (naming it and its range). Missing config fields take their defaults; keys the learner
// does not have are skipped (check user input with create_learner(..., UnknownKeys::kReject)).
std::unique_ptr<Learner> make_learner(const std::string& name, const nlohmann::json& config);

// The count-based baselines (fitted by counting or a closed form, no K or seed): pop, itemknn,
// itemknn_q, ease.
std::vector<std::string> baseline_learner_names();
// Every learner, in the order tables list them (learner_names()).
std::vector<std::string> known_learner_names();

// The learners with trained or adapted parameters (bpr, melu, the MetaCF learners and their
// variants), in list order.
std::vector<std::string> trained_learner_names();

}  // namespace metacf
