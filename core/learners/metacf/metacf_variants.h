#pragma once
// The MetaCF learners by name: metacf_g, metacf_p_linear, metacf_p_neural, each optionally
// followed by the suffixes +bias, +msgd, +cooc in that order (+cooc for the personalised
// initialisers only), e.g. metacf_p_linear+bias+msgd. The suffixes set the MetaConfig flags.
// Their registry entries (metacf_*_learner_entry) generate and parse these names.
#include <string>
#include <vector>

namespace metacf {

// Every variant name (with at least one suffix), in a fixed order.
std::vector<std::string> metacf_variant_names();

}  // namespace metacf
