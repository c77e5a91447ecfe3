#pragma once
// What makes a run admissible, in one place: every front end, and run_experiment itself, asks
// here before anything is trained or stored.
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/experiment/experiment_config.h"

namespace metacf {

// One sentence per problem, the configuration's first: its schema and names (validate()),
// a baseline outside the run's learners, each learner's settings; then, given the data, a
// learner that cannot take it and an estimated peak memory over the budget. Empty: admitted.
// The default reference may be absent from the learners (a run of other learners simply has
// no paired differences); any other baseline must be one of them.
std::vector<std::string> run_problems(const ExperimentConfig& config,
                                      const Dataset* data = nullptr);

// Throws std::invalid_argument with the first of run_problems(config, &data).
void admit_run(const ExperimentConfig& config, const Dataset& data);

}  // namespace metacf
