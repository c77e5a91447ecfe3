#pragma once
// Builds a learner by name from its JSON configuration, through the registry (registry.h).
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config/config_schema.h"
#include "core/model/learner.h"

namespace metacf {

// The one factory, in two forms.
// As `config` says: throws std::invalid_argument for an unknown name (listing the known ones)
// or a bad config field (naming it and its range). Missing config fields take their defaults;
// keys the learner does not have are skipped (check user input with UnknownKeys::kReject).
std::unique_ptr<Learner> make_learner(const std::string& name, const nlohmann::json& config);

// As an experiment builds it: `overrides` are the user's settings for this learner (may be
// empty); K and the seed are set from the experiment. Keys the learner does not have are
// skipped by default, so a run stored by an older version still loads (the simulator); what a
// user typed is checked with kReject, as learner_settings_problems() does before a run starts.
std::unique_ptr<Learner> make_learner(const std::string& name, const nlohmann::json& overrides,
                                      int k, std::uint64_t seed,
                                      UnknownKeys unknown = UnknownKeys::kIgnore);

// "name: reason" for each of `names` whose overrides in `overrides_by_name` it rejects. Building a
// learner is cheap, so settings are checked before a run starts rather than after pretraining.
std::vector<std::string> learner_settings_problems(const std::vector<std::string>& names,
                                                   const nlohmann::json& overrides_by_name, int k);

// The count-based baselines (fitted by counting or a closed form, no K or seed): pop, itemknn,
// itemknn_q, ease.
std::vector<std::string> baseline_learner_names();
// The learners with trained or adapted parameters (bpr, melu, the MetaCF learners and their
// variants), in list order.
std::vector<std::string> trained_learner_names();

}  // namespace metacf
