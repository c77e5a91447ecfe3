#pragma once
// The memory of meta-training (MetaCF and MeLU alike), for the run's estimate.
#include <nlohmann/json.hpp>

#include "core/learners/learner_descriptor.h"

namespace metacf {

// A meta-batch of users, each task's records with their negatives, through embeddings of D and,
// when `has_hidden`, a hidden layer of the configured width, forward and backward (activations
// and gradients of both). A learner that `scores_through_hidden` (MeLU; MetaCF scores by inner
// product) holds a block of users x items x hidden activations when it ranks. `config` is a
// MetaConfig object.
LearnerMemory meta_training_memory(const nlohmann::json& config, const MemoryShape& shape,
                                   bool has_hidden, bool scores_through_hidden);

}  // namespace metacf
