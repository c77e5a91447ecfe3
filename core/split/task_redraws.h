#pragma once
// Several draws of a validation user's task: a choice made once on a few users (metacf_auto's
// blend, the paper learners' step sizes) is scored on each user's records redrawn into support
// and query, so that one lucky draw does not decide it.
#include <cstdint>
#include <span>
#include <vector>

#include "core/data/dataset.h"
#include "core/split/split.h"

namespace metacf {

// Each task followed by `draws - 1` redraws of its user's records into a support and a query
// of the task's sizes, as the protocol draws them (a user's draws are consecutive). A published
// split's tasks (Split::published_tasks) have no other draw: they come back as they are.
std::vector<Task> with_redraws(const Dataset& data, const Split& split, std::span<const Task> tasks,
                               int draws, std::uint64_t seed);

}  // namespace metacf
