#pragma once
// The memory model of the MetaCF learners and their variants, for the run's estimate.
#include <nlohmann/json.hpp>

#include "core/learners/learner_descriptor.h"
#include "core/learners/metacf/initializer.h"

namespace metacf {

// The suffixes a variant's name adds: an item bias, one step size per dimension (Meta-SGD), the
// co-occurrence rows pooled into the initialiser's input.
struct MetaCFExtras {
  bool bias = false;
  bool msgd = false;
  bool cooc = false;
};

LearnerMemory metacf_memory(InitKind kind, const MetaCFExtras& extras, const nlohmann::json& config,
                            const MemoryShape& shape);

}  // namespace metacf
