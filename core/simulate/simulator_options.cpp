#include "core/simulate/simulator_options.h"

#include "core/experiment/experiment_config.h"

namespace metacf {

const ConfigSchema<SimulatorOptions>& simulator_options_schema() {
  using S = SimulatorOptions;
  // The steps a served learner may take are the K values an experiment may train with.
  static const FieldRange k_range = experiment_config_schema().info().find("ks")->range;
  static const ConfigSchema<S> schema(
      "simulator", RangeMessages::kSentence,
      {field("top", &S::top, between(1, 1000), "List length",
             "How many items the recommended list shows"),
       field("k", &S::k, k_range, "Adaptation steps",
             "Local steps on the clicks (default: the K the learner was trained with)")});
  return schema;
}

}  // namespace metacf
