#pragma once
// The memory of meta-training (MetaCF and MeLU alike), for the run's estimate. Each learner
// counts the floats its own code allocates, by what scales them (MetaFloats); this adds what
// run_meta_training and the evaluation around it hold, and turns them into bytes.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/learners/learner_descriptor.h"
#include "core/learners/meta_config.h"

namespace metacf {

// Floats a meta-trained learner allocates, by what scales them.
struct MetaFloats {
  double params = 0;      // Φ, the flat vector meta-training updates
  double per_task = 0;    // held for each task of a meta-batch at once (MeLU: a whole gradient)
  double per_thread = 0;  // each worker thread's scratch: one task's, and one evaluated user's
  double fitted = 0;      // caches the fitted learner keeps beside Φ (items by D, ...)
};

// The records of a task with their negatives: what a task's scratch scales with.
double task_pairs(const MetaConfig& config, const MemoryShape& shape);

// `config` as the learner reads it; none when it cannot be read (its own check names why).
std::optional<MetaConfig> read_meta_config(const nlohmann::json& config);

// While fitting: Φ, its gradient, the step before and Adam's two moments (5 Φ); a meta-batch of
// per-task parts; each thread's scratch and its scores over the catalogue (validation ranks
// every item); the fitted caches; and the copy of Φ the store writes (2 Φ: the tensors and the
// bytes bound to SQLite). Once fitted: Φ and the caches. `fields` and `formula` describe it.
LearnerMemory meta_training_memory(const MetaConfig& config, const MemoryShape& shape,
                                   const MetaFloats& floats, std::string fields,
                                   std::string formula);

}  // namespace metacf
