#include "core/simd/instruction_set.h"

#include <cstdlib>
#include <cstring>

namespace metacf::simd {

bool cpu_has_avx2() {
#if defined(__x86_64__)
  static const bool has = __builtin_cpu_supports("avx2") != 0;
  return has;
#else
  return false;
#endif
}

bool avx2_enabled() {
  static const bool enabled = [] {
    const char* forced = std::getenv("METACF_SIMD");
    if (forced != nullptr && std::strcmp(forced, "baseline") == 0) return false;
    return cpu_has_avx2();
  }();
  return enabled;
}

}  // namespace metacf::simd
