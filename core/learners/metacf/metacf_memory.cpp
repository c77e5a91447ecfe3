#include "core/learners/metacf/metacf_memory.h"

#include <algorithm>

#include "core/learners/meta_training_memory.h"

namespace metacf {

// Φ is the initialiser (a hidden layer only for metacf_p_neural), with D step sizes (+msgd) and
// an item bias (+bias). A meta-batch holds each task's pooled input, hidden pre-activations,
// p0 and its gradient (and step-size gradients); a thread's scratch is a task's items by D,
// its K + 1 points and gradients, and a bias per item of the task. The fitted learner keeps
// Q^T and the packed items for scoring (and the co-occurrence rows, +cooc), the pooled rows
// being built from the training users' records (4 B each and an offset per user).
LearnerMemory metacf_memory(InitKind kind, const MetaCFExtras& extras, const nlohmann::json& config,
                            const MemoryShape& shape) {
  const auto c = read_meta_config(config);
  if (!c) return {};
  InitShape init;
  init.kind = kind;
  init.dim = static_cast<Eigen::Index>(shape.dim);
  init.hidden = kind == InitKind::kNeural ? c->hidden : 0;
  init.input = extras.cooc ? 2 * init.dim : 0;
  const double d = shape.dim, in = static_cast<double>(init.input_dim());
  const double h = static_cast<double>(init.cache_rows());
  // The run sets K; a shape without one (a test of the model alone) takes the configured steps.
  const double k = shape.steps > 0 ? shape.steps : c->steps, m = task_pairs(*c, shape);
  MetaFloats f;
  f.params =
      static_cast<double>(init.size()) + (extras.msgd ? d : 0) + (extras.bias ? shape.items : 0);
  f.per_task = in + h + 2 * d + (extras.msgd ? d : 0) + (extras.bias ? m : 0);
  f.per_thread = 2 * m * in + (k + 2) * (2 * d + m) + (extras.bias ? 2 * m : 0);
  f.fitted = shape.items * (2 * d + 1 + (extras.cooc ? d : 0)) +
             (extras.cooc || extras.bias ? shape.records + shape.users : 0);
  return meta_training_memory(
      *c, shape, f,
      kind == InitKind::kNeural ? "batch_size, negatives or hidden" : "batch_size or negatives",
      "(7 x Φ + batch_size x (input + hidden + 2D) + threads x (K + 2) x (2D + task pairs) + "
      "items x 2D) x 4 B, Φ the initialiser's weights");
}

}  // namespace metacf
