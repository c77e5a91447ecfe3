#include "core/model/quantized_kernels.h"

#include <algorithm>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace metacf::quantized {
namespace {

constexpr Eigen::Index kLanes = QuantizedItems::kLanes;
constexpr Eigen::Index kChunkGroupBytes = kLanes * QuantizedItems::kGroup;

// The float half of a_v, shared by the portable kernel and written out lane by lane in the
// vector ones: the same two (or three) roundings in the same order.
inline float finish(float scale, float user_scale, std::int32_t dot, const float* bias,
                    Eigen::Index i) {
  const float w = scale * user_scale;
  float a = w * static_cast<float>(dot);
  if (bias != nullptr) a = a + bias[i];
  return a;
}

}  // namespace

#if defined(__x86_64__)
bool cpu_has_avx512_vnni() {
  static const bool has = __builtin_cpu_supports("avx512f") != 0 &&
                          __builtin_cpu_supports("avx512bw") != 0 &&
                          __builtin_cpu_supports("avx512vnni") != 0;
  return has;
}
#else
bool cpu_has_avx512_vnni() { return false; }
#endif

void approximate_portable(const Block& block, const QuantizedUser& user, float* approx,
                          float* maxima) {
  const std::int32_t offset = 128 * user.code_sum;
  for (Eigen::Index c = 0; c < block.chunks; ++c) {
    const std::uint8_t* codes = block.codes + c * block.groups * kChunkGroupBytes;
    std::int32_t dots[kLanes] = {};
    for (Eigen::Index g = 0; g < block.groups; ++g) {
      const std::int32_t* t = user.codes.data() + g * QuantizedItems::kGroup;
      const std::uint8_t* group = codes + g * kChunkGroupBytes;
      for (Eigen::Index i = 0; i < kLanes; ++i) {
        const std::uint8_t* item = group + i * QuantizedItems::kGroup;
        dots[i] += item[0] * t[0] + item[1] * t[1] + item[2] * t[2] + item[3] * t[3];
      }
    }
    float* out = approx + c * kLanes;
    const float* bias = block.bias ? block.bias + c * kLanes : nullptr;
    for (Eigen::Index i = 0; i < kLanes; ++i) {
      out[i] = finish(block.scales[c * kLanes + i], user.scale, dots[i] - offset, bias, i);
    }
    maxima[c] = *std::max_element(out, out + kLanes);
  }
}

#if defined(__x86_64__)
namespace {

__attribute__((target("avx2"))) float lane_max(__m256 x) {
  x = _mm256_max_ps(x, _mm256_permute2f128_ps(x, x, 1));
  x = _mm256_max_ps(x, _mm256_shuffle_ps(x, x, 0x4E));
  x = _mm256_max_ps(x, _mm256_shuffle_ps(x, x, 0xB1));
  return _mm256_cvtss_f32(x);
}

// Zero-masked forms throughout: GCC 12's plain _mm512_max_ps, _mm512_cvtepi32_ps and
// _mm512_reduce_max_ps trip its own -Wmaybe-uninitialized on the placeholder they pass.
__attribute__((target("avx512f"))) float lane_max(__m512 x) {
  constexpr __mmask16 kAll = 0xFFFF;
  x = _mm512_maskz_max_ps(kAll, x, _mm512_maskz_shuffle_f32x4(kAll, x, x, 0x4E));
  x = _mm512_maskz_max_ps(kAll, x, _mm512_maskz_shuffle_f32x4(kAll, x, x, 0xB1));
  x = _mm512_maskz_max_ps(kAll, x, _mm512_maskz_permute_ps(kAll, x, 0x4E));
  x = _mm512_maskz_max_ps(kAll, x, _mm512_maskz_permute_ps(kAll, x, 0xB1));
  return _mm512_cvtss_f32(x);
}

}  // namespace

// AVX2 has no 8-bit dot product that cannot saturate, so the codes are widened to 16 bits and
// multiplied in pairs (vpmaddwd): four items' 4 dimensions per 256-bit register.
__attribute__((target("avx2"))) void approximate_avx2(const Block& block, const QuantizedUser& user,
                                                      float* approx, float* maxima) {
  const __m256i offset = _mm256_set1_epi32(128 * user.code_sum);
  const __m256 user_scale = _mm256_set1_ps(user.scale);
  for (Eigen::Index c = 0; c < block.chunks; ++c) {
    const std::uint8_t* codes = block.codes + c * block.groups * kChunkGroupBytes;
    __m256i acc[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(),
                      _mm256_setzero_si256()};
    for (Eigen::Index g = 0; g < block.groups; ++g) {
      const __m256i t = _mm256_set1_epi64x(user.pairs[static_cast<std::size_t>(g)]);
      const std::uint8_t* group = codes + g * kChunkGroupBytes;
      for (int q = 0; q < 4; ++q) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(group + 16 * q));
        acc[q] = _mm256_add_epi32(acc[q], _mm256_madd_epi16(_mm256_cvtepu8_epi16(bytes), t));
      }
    }
    // acc[q] holds items 4q..4q+3 as (dims 0-1, dims 2-3) pairs; hadd then restoring the
    // 64-bit order gives items 0-7 and 8-15 in order.
    const __m256i low = _mm256_permute4x64_epi64(_mm256_hadd_epi32(acc[0], acc[1]), 0xD8);
    const __m256i high = _mm256_permute4x64_epi64(_mm256_hadd_epi32(acc[2], acc[3]), 0xD8);
    const __m256i halves[2] = {low, high};
    __m256 a[2];
    for (int h = 0; h < 2; ++h) {
      const __m256 dot = _mm256_cvtepi32_ps(_mm256_sub_epi32(halves[h], offset));
      const __m256 w =
          _mm256_mul_ps(_mm256_loadu_ps(block.scales + c * kLanes + 8 * h), user_scale);
      a[h] = _mm256_mul_ps(w, dot);
      if (block.bias) a[h] = _mm256_add_ps(a[h], _mm256_loadu_ps(block.bias + c * kLanes + 8 * h));
      _mm256_storeu_ps(approx + c * kLanes + 8 * h, a[h]);
    }
    maxima[c] = lane_max(_mm256_max_ps(a[0], a[1]));
  }
}

// One vpdpbusd per group of 4 dimensions: 16 items x 4 unsigned codes x 4 signed user codes.
__attribute__((target("avx512f,avx512bw,avx512vnni"))) void approximate_avx512_vnni(
    const Block& block, const QuantizedUser& user, float* approx, float* maxima) {
  const __m512i offset = _mm512_set1_epi32(128 * user.code_sum);
  const __m512 user_scale = _mm512_set1_ps(user.scale);
  for (Eigen::Index c = 0; c < block.chunks; ++c) {
    const std::uint8_t* codes = block.codes + c * block.groups * kChunkGroupBytes;
    __m512i acc = _mm512_setzero_si512();
    for (Eigen::Index g = 0; g < block.groups; ++g) {
      const __m512i t = _mm512_set1_epi32(user.packed[static_cast<std::size_t>(g)]);
      acc = _mm512_dpbusd_epi32(acc, _mm512_loadu_si512(codes + g * kChunkGroupBytes), t);
    }
    constexpr __mmask16 kAll = 0xFFFF;
    const __m512 dot = _mm512_maskz_cvtepi32_ps(kAll, _mm512_sub_epi32(acc, offset));
    const __m512 w = _mm512_mul_ps(_mm512_loadu_ps(block.scales + c * kLanes), user_scale);
    __m512 a = _mm512_mul_ps(w, dot);
    if (block.bias) a = _mm512_add_ps(a, _mm512_loadu_ps(block.bias + c * kLanes));
    _mm512_storeu_ps(approx + c * kLanes, a);
    maxima[c] = lane_max(a);
  }
}
#else
// Never called: the CPU checks above say no.
void approximate_avx2(const Block& block, const QuantizedUser& user, float* approx, float* maxima) {
  approximate_portable(block, user, approx, maxima);
}
void approximate_avx512_vnni(const Block& block, const QuantizedUser& user, float* approx,
                             float* maxima) {
  approximate_portable(block, user, approx, maxima);
}
#endif

}  // namespace metacf::quantized
