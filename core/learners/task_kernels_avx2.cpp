#include "core/learners/task_kernels.h"
#include "core/simd/eigen_order_dot.h"

namespace metacf::task_kernels {

#if defined(__x86_64__)
__attribute__((target("avx2"))) void column_dots_avx2(const float* items, Eigen::Index stride,
                                                      Eigen::Index d, Eigen::Index m,
                                                      const float* p, float* out) {
  for (Eigen::Index i = 0; i < m; ++i)
    out[i] = simd::dot_eigen_order_avx2(items + i * stride, p, d);
}

// Sixteen rows at a time in two 8-wide accumulators, the rows past the last sixteen as the
// shared loop does them: each entry the same sum, in the same order.
__attribute__((target("avx2"))) void weighted_columns_avx2(const float* items, Eigen::Index stride,
                                                           Eigen::Index d, Eigen::Index m,
                                                           const float* weights, float* out) {
  const Eigen::Index whole = d / 16 * 16;
  for (Eigen::Index first = 0; first < whole; first += 16) {
    __m256 low = _mm256_setzero_ps(), high = _mm256_setzero_ps();
    for (Eigen::Index i = 0; i < m; ++i) {
      const __m256 w = _mm256_set1_ps(weights[i]);
      const float* column = items + i * stride + first;
      low = _mm256_add_ps(low, _mm256_mul_ps(w, _mm256_loadu_ps(column)));
      high = _mm256_add_ps(high, _mm256_mul_ps(w, _mm256_loadu_ps(column + 8)));
    }
    _mm256_storeu_ps(out + first, low);
    _mm256_storeu_ps(out + first + 8, high);
  }
  if (whole < d) {
    weighted_columns_loop<float>(items + whole, stride, d - whole, m, weights, out + whole);
  }
}
#else
void column_dots_avx2(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                      const float* p, float* out) {
  column_dots_baseline(items, stride, d, m, p, out);
}
void weighted_columns_avx2(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                           const float* weights, float* out) {
  weighted_columns_baseline(items, stride, d, m, weights, out);
}
#endif

}  // namespace metacf::task_kernels
