#include "core/learners/meta_training_memory.h"

#include <algorithm>

#include "core/learners/meta_config.h"

namespace metacf {
namespace {

// Users whose scores over all items are held at once by the blocked evaluation.
constexpr double kUsersPerBlock = 64;

}  // namespace

LearnerMemory meta_training_memory(const nlohmann::json& config, const MemoryShape& shape,
                                   bool has_hidden, bool scores_through_hidden) {
  MetaConfig c;
  try {
    if (config.is_object()) c = config.get<MetaConfig>();
  } catch (const std::exception&) {
    return {};
  }
  const double h = has_hidden ? c.hidden : 0;
  // A meta-batch never holds more records than the data set has.
  const double pairs = std::min(c.batch_size * shape.max_task, shape.records) * (1 + c.negatives);
  const double training = pairs * (shape.dim + h) * 4 * 2 * 2;
  const double scoring = scores_through_hidden ? kUsersPerBlock * shape.items * h * 4 * 2 : 0;
  // Half of pretraining's factors: P and Q with their gradients and moments.
  const double factors = (4 * shape.users + 5 * shape.items) * shape.dim * 4 / 2;
  LearnerMemory out;
  out.fitting = training + scoring + factors;
  out.fitted = 4 * shape.items * shape.dim * 4;
  out.fields = has_hidden ? "batch_size, negatives or hidden" : "batch_size or negatives";
  out.formula = has_hidden ? "min(batch_size x max_selected, records) x (1 + negatives) x (D + "
                             "hidden) x 16 B"
                           : "min(batch_size x max_selected, records) x (1 + negatives) x D x 16 B";
  if (scores_through_hidden) out.formula += " + 64 users x items x hidden x 8 B";
  return out;
}

}  // namespace metacf
