#include "core/simd/instruction_set.h"

#include <cstdlib>
#include <cstring>

namespace metacf::simd {

bool avx2_enabled() {
  static const bool enabled = [] {
#if defined(__x86_64__)
    const char* forced = std::getenv("METACF_SIMD");
    if (forced != nullptr && std::strcmp(forced, "baseline") == 0) return false;
    return __builtin_cpu_supports("avx2") != 0;
#else
    return false;
#endif
  }();
  return enabled;
}

}  // namespace metacf::simd
