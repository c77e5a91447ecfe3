#include "core/learners/learner_descriptor.h"

namespace metacf {

LearnerMemory learner_memory(const LearnerDescriptor& descriptor, const nlohmann::json& config,
                             const MemoryShape& shape) {
  if (descriptor.memory) return descriptor.memory(config, shape);
  LearnerMemory out;
  // A counting learner keeps the training records by user and by item (8 B a record); the
  // others copy the item matrix about four times (by rows, by columns, packed for scoring,
  // co-occurrence rows).
  out.fitted = descriptor.family == LearnerFamily::kCounting ? shape.records * 8 + shape.items * 4
                                                             : 4 * shape.items * shape.dim * 4;
  return out;
}

}  // namespace metacf
