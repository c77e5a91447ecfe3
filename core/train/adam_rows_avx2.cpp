#include <cmath>
#include <cstdint>
#include <limits>

#include "core/train/adam_rows.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace metacf::adam_rows {

#if defined(__x86_64__)
namespace {

// Eigen's square root of a float packet (psqrt<Packet4f> under EIGEN_FAST_MATH, its default):
// the reciprocal-square-root estimate and one Newton step, x times it, zero below the smallest
// normal float. The same operations on eight lanes.
__attribute__((target("avx2"))) __m256 eigen_packet_sqrt(__m256 x) {
  const __m256 minus_half_x = _mm256_mul_ps(x, _mm256_set1_ps(-0.5f));
  const __m256 tiny = _mm256_andnot_ps(
      _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OS),
      _mm256_cmp_ps(x, _mm256_set1_ps(std::numeric_limits<float>::min()), _CMP_LT_OS));
  __m256 r = _mm256_rsqrt_ps(x);
  r = _mm256_mul_ps(
      r, _mm256_add_ps(_mm256_mul_ps(minus_half_x, _mm256_mul_ps(r, r)), _mm256_set1_ps(1.5f)));
  return _mm256_andnot_ps(tiny, _mm256_mul_ps(x, r));
}

__attribute__((target("avx2"))) __m128 eigen_packet_sqrt(__m128 x) {
  const __m128 minus_half_x = _mm_mul_ps(x, _mm_set1_ps(-0.5f));
  const __m128 tiny =
      _mm_andnot_ps(_mm_cmplt_ps(x, _mm_setzero_ps()),
                    _mm_cmplt_ps(x, _mm_set1_ps(std::numeric_limits<float>::min())));
  __m128 r = _mm_rsqrt_ps(x);
  r = _mm_mul_ps(r, _mm_add_ps(_mm_mul_ps(minus_half_x, _mm_mul_ps(r, r)), _mm_set1_ps(1.5f)));
  return _mm_andnot_ps(tiny, _mm_mul_ps(x, r));
}

struct Lanes {
  __m256 b1, c1, b2, c2, size, inv, eps;
};

// One entry off Eigen's packets: its scalar path, with the exact square root.
void update_entry(float* p, const float* g, float* m, float* v, const Step& step, float c1,
                  float c2) {
  *m = step.b1 * *m + c1 * *g;
  *v = step.b2 * *v + c2 * (*g * *g);
  *p = *p - (step.step_size * *m) / (std::sqrt(*v) * step.inv_sqrt_c2 + step.eps);
}

__attribute__((target("avx2"))) void update_eight(float* p, const float* g, float* m, float* v,
                                                  const Lanes& k) {
  const __m256 gj = _mm256_loadu_ps(g);
  const __m256 mj = _mm256_add_ps(_mm256_mul_ps(k.b1, _mm256_loadu_ps(m)), _mm256_mul_ps(k.c1, gj));
  const __m256 vj = _mm256_add_ps(_mm256_mul_ps(k.b2, _mm256_loadu_ps(v)),
                                  _mm256_mul_ps(k.c2, _mm256_mul_ps(gj, gj)));
  _mm256_storeu_ps(m, mj);
  _mm256_storeu_ps(v, vj);
  const __m256 denominator = _mm256_add_ps(_mm256_mul_ps(eigen_packet_sqrt(vj), k.inv), k.eps);
  _mm256_storeu_ps(
      p, _mm256_sub_ps(_mm256_loadu_ps(p), _mm256_div_ps(_mm256_mul_ps(k.size, mj), denominator)));
}

__attribute__((target("avx2"))) __m128 lo(__m256 x) { return _mm256_castps256_ps128(x); }

__attribute__((target("avx2"))) void update_four(float* p, const float* g, float* m, float* v,
                                                 const Lanes& k) {
  const __m128 gj = _mm_loadu_ps(g);
  const __m128 mj = _mm_add_ps(_mm_mul_ps(lo(k.b1), _mm_loadu_ps(m)), _mm_mul_ps(lo(k.c1), gj));
  const __m128 vj =
      _mm_add_ps(_mm_mul_ps(lo(k.b2), _mm_loadu_ps(v)), _mm_mul_ps(lo(k.c2), _mm_mul_ps(gj, gj)));
  _mm_storeu_ps(m, mj);
  _mm_storeu_ps(v, vj);
  const __m128 denominator = _mm_add_ps(_mm_mul_ps(eigen_packet_sqrt(vj), lo(k.inv)), lo(k.eps));
  _mm_storeu_ps(p,
                _mm_sub_ps(_mm_loadu_ps(p), _mm_div_ps(_mm_mul_ps(lo(k.size), mj), denominator)));
}

// Where Eigen's packets start in a row at p (Eigen's first_aligned for 16-byte packets): the
// entries before it, and those after the last whole packet, take the scalar path.
Eigen::Index first_packet(const float* p, Eigen::Index width) {
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  if (address % sizeof(float) != 0) return width;
  const auto first = static_cast<Eigen::Index>((4 - (address / sizeof(float)) % 4) % 4);
  return first < width ? first : width;
}

}  // namespace

__attribute__((target("avx2"))) void update_avx2(float* params, const float* grad, float* m_all,
                                                 float* v_all, Eigen::Index width,
                                                 std::span<const std::int32_t> rows,
                                                 const Step& step) {
  const float c1 = 1 - step.b1, c2 = 1 - step.b2;
  const Lanes k{_mm256_set1_ps(step.b1),        _mm256_set1_ps(c1),
                _mm256_set1_ps(step.b2),        _mm256_set1_ps(c2),
                _mm256_set1_ps(step.step_size), _mm256_set1_ps(step.inv_sqrt_c2),
                _mm256_set1_ps(step.eps)};
  for (const std::int32_t r : rows) {
    const Eigen::Index at = static_cast<Eigen::Index>(r) * width;
    float* p = params + at;
    const float* g = grad + at;
    float* m = m_all + at;
    float* v = v_all + at;
    const Eigen::Index head = first_packet(p, width);
    const Eigen::Index end = head + (width - head) / 4 * 4;
    Eigen::Index j = 0;
    for (; j < head; ++j) update_entry(p + j, g + j, m + j, v + j, step, c1, c2);
    for (; j + 8 <= end; j += 8) update_eight(p + j, g + j, m + j, v + j, k);
    for (; j + 4 <= end; j += 4) update_four(p + j, g + j, m + j, v + j, k);
    for (; j < width; ++j) update_entry(p + j, g + j, m + j, v + j, step, c1, c2);
  }
}
#else
void update_avx2(float* params, const float* grad, float* m, float* v, Eigen::Index width,
                 std::span<const std::int32_t> rows, const Step& step) {
  update_baseline(params, grad, m, v, width, rows, step);
}
#endif

}  // namespace metacf::adam_rows
