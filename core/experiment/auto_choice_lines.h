#pragma once
// What each metacf_auto of a stored run chose and why, and which solve each ease used and why,
// one line per (seed, K), read back from stored parameters: the CLI and the studio print the
// same text.
#include <cstdint>
#include <string>
#include <vector>

#include "core/store/experiment_store.h"

namespace metacf {

// "metacf_auto (seed 1, K=5): chose 0.6 metacf_p_linear + 0.4 itemknn; validation HR@10 ..."
std::vector<std::string> auto_choice_lines(ExperimentStore& store, std::int64_t run_id);

}  // namespace metacf
