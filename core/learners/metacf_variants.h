#pragma once
// The MetaCF learners by name: metacf_g, metacf_p_linear, metacf_p_neural, each optionally
// followed by the suffixes +bias, +msgd, +cooc in that order (+cooc for the personalised
// initialisers only), e.g. metacf_p_linear+bias+msgd. The suffixes set the MetaConfig flags.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/learners/learner.h"

namespace metacf {

// The learner of that name, or null when the name is not a MetaCF learner. Throws
// std::invalid_argument for a bad config, or a MetaCF name with unknown or misordered suffixes.
std::unique_ptr<Learner> make_metacf_learner(const std::string& name, const nlohmann::json& config);

// Every variant name (with at least one suffix), in a fixed order.
std::vector<std::string> metacf_variant_names();

}  // namespace metacf
