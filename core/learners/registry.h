#pragma once
// The learners by name: the one place a name is matched. The factory, the CLI's checks and
// help, the presets, the studio's forms and the simulator's default choice all read it.
#include <optional>
#include <string>
#include <vector>

#include "core/learners/learner_descriptor.h"

namespace metacf {

// Adds a learner after the built-in ones (a plug-in, or a test's own learner). Call before any
// thread reads the registry. Throws std::invalid_argument when the name is taken.
void register_learner(LearnerEntry entry);

// Every learner name, in the order tables list them: each learner followed by its variants.
std::vector<std::string> learner_names();
// The paper's learners (no variants): what a run takes when none are named.
std::vector<std::string> default_learner_names();

// The learner paired differences are taken against unless one is chosen: the first of the
// default learners (popularity).
std::string default_reference_learner();

// Null when the name is unknown; throws std::invalid_argument when it is a malformed name of a
// family (e.g. "metacf_p_linear+msgd+bias"), saying why.
std::optional<LearnerDescriptor> find_learner(const std::string& name);
// As find_learner, but an unknown name throws std::invalid_argument listing the known ones.
LearnerDescriptor describe_learner(const std::string& name);
// Never throws.
bool is_known_learner(const std::string& name);
// Whether any of `learners` reads the item matrix Q (an unknown or malformed name counts as one
// that does), that is whether a run of them needs pretraining. Never throws.
bool any_reads_item_matrix(const std::vector<std::string>& learners);

// The learner a simulator shows first among `available` (say, those a run stored): one whose
// list adapts to the clicks, meta-trained first, the paper's before extras; empty when none is
// available. Among equals, the later registered (the MetaCF initialisers are registered from
// the simplest to the richest).
std::string preferred_simulator_learner(const std::vector<std::string>& available);
// The learner to compare it with: one trained without meta-learning (bpr, then the counting
// baselines in list order), never `avoid`; empty when none is available.
std::string preferred_comparison_learner(const std::vector<std::string>& available,
                                         const std::string& avoid);

}  // namespace metacf
