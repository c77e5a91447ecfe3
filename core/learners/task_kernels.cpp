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

void matrix_vector_baseline(const float* A, Eigen::Index rows, Eigen::Index cols, const float* x,
                            float* out) {
  Eigen::Map<Eigen::VectorXf>(out, rows).noalias() =
      Eigen::Map<const Eigen::MatrixXf>(A, rows, cols) * Eigen::Map<const Eigen::VectorXf>(x, cols);
}

void matrix_vector(const float* A, Eigen::Index rows, Eigen::Index cols, const float* x,
                   float* out) {
  if (simd::avx2_enabled()) return matrix_vector_avx2(A, rows, cols, x, out);
  matrix_vector_baseline(A, rows, cols, x, out);
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
