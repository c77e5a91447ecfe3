#pragma once
// A dot product of floats summed exactly as Eigen 3.4's dot() and squaredNorm() sum one with
// SSE2 packets of four, in AVX2: the same multiplications and the same additions in the same
// order, so the same bits, with half the instructions. Eigen's order (Redux.h, linear
// vectorised traversal): two partial sums take alternate packets; they are added; a last odd
// packet is added to that; its four lanes are summed as (0 + 2) + (1 + 3); the entries past
// the last whole packet follow one by one. Here one 8-wide register carries both partial sums.
// Only for translation units built with -ffp-contract=off (no fused multiply-add).
#include <Eigen/Core>

#if defined(__x86_64__)
#include <immintrin.h>

namespace metacf::simd {

__attribute__((target("avx2"))) inline float dot_eigen_order_avx2(const float* a, const float* b,
                                                                  Eigen::Index n) {
  if (n <= 0) return 0.0f;
  if (n < 4) {  // too short for a packet: Eigen sums the products in turn
    float sum = a[0] * b[0];
    for (Eigen::Index i = 1; i < n; ++i) sum = sum + a[i] * b[i];
    return sum;
  }
  const Eigen::Index end8 = n / 8 * 8;
  const Eigen::Index end4 = n / 4 * 4;
  __m128 packet;
  if (n < 8) {
    packet = _mm_mul_ps(_mm_loadu_ps(a), _mm_loadu_ps(b));
  } else {
    __m256 both = _mm256_mul_ps(_mm256_loadu_ps(a), _mm256_loadu_ps(b));
    for (Eigen::Index i = 8; i < end8; i += 8) {
      both = _mm256_add_ps(both, _mm256_mul_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i)));
    }
    packet = _mm_add_ps(_mm256_castps256_ps128(both), _mm256_extractf128_ps(both, 1));
    if (end4 > end8) {
      packet = _mm_add_ps(packet, _mm_mul_ps(_mm_loadu_ps(a + end8), _mm_loadu_ps(b + end8)));
    }
  }
  const __m128 pairs = _mm_add_ps(packet, _mm_movehl_ps(packet, packet));
  float sum = _mm_cvtss_f32(_mm_add_ss(pairs, _mm_shuffle_ps(pairs, pairs, 1)));
  for (Eigen::Index i = end4; i < n; ++i) sum = sum + a[i] * b[i];
  return sum;
}

}  // namespace metacf::simd
#endif
