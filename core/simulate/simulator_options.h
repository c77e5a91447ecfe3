#pragma once
// What a person chooses when a stored learner is served to a new user, stated once: the
// studio's simulator controls and `metacf simulate`'s flags take their ranges, defaults and
// help from this table.
#include "core/config/config_schema.h"

namespace metacf {

struct SimulatorOptions {
  int top = 10;  // the list's length
  int k = 5;     // adaptation steps; front ends start from the K the learner was trained with
};

const ConfigSchema<SimulatorOptions>& simulator_options_schema();

}  // namespace metacf
