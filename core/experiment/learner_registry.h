#pragma once
// Every learner by name, configured for one K and seed (names and descriptors:
// core/learners/registry.h).
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config/config_schema.h"
#include "core/model/learner.h"

namespace metacf {

// The learners in the order tables list them: baselines first, then the paper's.
std::vector<std::string> known_learners();

// `overrides` are the user's settings for this learner (may be empty); K and the seed are
// set from the experiment. Unknown names throw std::invalid_argument listing the known ones.
// Keys the learner does not have are skipped by default, so a run stored by an older version
// still loads (the simulator); what a user typed is checked with kReject, as
// learner_settings_problems() and run_experiment() do before anything runs.
std::unique_ptr<Learner> create_learner(const std::string& name, const nlohmann::json& overrides,
                                        int k, std::uint64_t seed,
                                        UnknownKeys unknown = UnknownKeys::kIgnore);

// "name: reason" for each of `names` whose overrides in `overrides_by_name` it rejects. Building a
// learner is cheap, so settings are checked before a run starts rather than after pretraining.
std::vector<std::string> learner_settings_problems(const std::vector<std::string>& names,
                                                   const nlohmann::json& overrides_by_name, int k);

}  // namespace metacf
