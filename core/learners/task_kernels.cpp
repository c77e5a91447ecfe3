#include "core/learners/task_kernels.h"

#include "core/simd/instruction_set.h"

namespace metacf::task_kernels {

void column_dots_baseline(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                          const float* p, float* out) {
  const Eigen::Map<const Eigen::VectorXf> user(p, d);
  for (Eigen::Index i = 0; i < m; ++i) {
    out[i] = Eigen::Map<const Eigen::VectorXf>(items + i * stride, d).dot(user);
  }
}

void weighted_columns_baseline(const float* items, Eigen::Index stride, Eigen::Index d,
                               Eigen::Index m, const float* weights, float* out) {
  weighted_columns_loop<float>(items, stride, d, m, weights, out);
}

void column_dots(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                 const float* p, float* out) {
  if (simd::avx2_enabled()) return column_dots_avx2(items, stride, d, m, p, out);
  column_dots_baseline(items, stride, d, m, p, out);
}

void weighted_columns(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                      const float* weights, float* out) {
  if (simd::avx2_enabled()) return weighted_columns_avx2(items, stride, d, m, weights, out);
  weighted_columns_baseline(items, stride, d, m, weights, out);
}

}  // namespace metacf::task_kernels
