#pragma once
// The meta-training users a run holds out to validate on: never trained on, so that curves,
// `tune` and metacf_auto's choices are scored on users the fit did not see.
#include <cstdint>
#include <vector>

#include "core/split/split.h"

namespace metacf {

// Moves a share of `split`'s meta-training tasks (at most `max_users`, drawn with `seed`) into
// `validation`, keeping the rest in their order.
void hold_out_validation(Split& split, double share, std::uint64_t seed,
                         std::vector<Task>& validation, std::int64_t max_users = 1000);

}  // namespace metacf
