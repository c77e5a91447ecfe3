#include "core/learners/meta_training_memory.h"

#include <algorithm>

namespace metacf {

double task_pairs(const MetaConfig& config, const MemoryShape& shape) {
  return std::min(shape.max_task, shape.records) * (1 + config.negatives);
}

std::optional<MetaConfig> read_meta_config(const nlohmann::json& config) {
  try {
    return config.is_object() ? config.get<MetaConfig>() : MetaConfig{};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

LearnerMemory meta_training_memory(const MetaConfig& config, const MemoryShape& shape,
                                   const MetaFloats& floats, std::string fields,
                                   std::string formula) {
  // A meta-batch never holds more tasks than there are users.
  const double batch = std::min(static_cast<double>(config.batch_size), shape.users);
  const double threads = std::max(shape.threads, 1);
  const double scores = 2 * shape.items;  // a float score and an int index per item
  LearnerMemory out;
  out.fitting = 4 * (7 * floats.params + batch * floats.per_task +
                     threads * (floats.per_thread + scores) + floats.fitted);
  out.fitted = 4 * (floats.params + floats.fitted);
  out.fields = std::move(fields);
  out.formula = std::move(formula);
  return out;
}

}  // namespace metacf
