#pragma once
// How much memory this machine has: the default budgets are shares of it.
#include <cstdint>

namespace metacf {

// Physical memory of this machine in MiB (sysconf), 0 when unknown.
std::int64_t physical_memory_mib();

}  // namespace metacf
