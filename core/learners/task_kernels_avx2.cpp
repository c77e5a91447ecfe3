#include <algorithm>

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
// Eigen's column-major matrix-vector kernel (GeneralMatrixVector.h) keeps, for every entry, one
// sum over a block of columns in order, c = a_ij x_j + c, then adds c times alpha (here 1) to
// the entry, zeroed first; the blocks are all the columns below 128 of them. Entry by entry,
// so eight rows to a register give the same bits.
__attribute__((target("avx2"))) void matrix_vector_avx2(const float* A, Eigen::Index rows,
                                                        Eigen::Index cols, const float* x,
                                                        float* out) {
  const Eigen::Index block =
      cols < 128 ? cols : (rows * static_cast<Eigen::Index>(sizeof(float)) < 32000 ? 16 : 4);
  for (Eigen::Index i = 0; i < rows; ++i) out[i] = 0.0f;
  for (Eigen::Index j0 = 0; j0 < cols; j0 += block) {
    const Eigen::Index j1 = std::min(j0 + block, cols);
    Eigen::Index i = 0;
    for (; i + 32 <= rows; i += 32) {  // four independent sums in flight, as Eigen keeps
      __m256 c[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(),
                     _mm256_setzero_ps()};
      for (Eigen::Index j = j0; j < j1; ++j) {
        const __m256 xj = _mm256_set1_ps(x[j]);
        const float* column = A + j * rows + i;
        for (int k = 0; k < 4; ++k) {
          c[k] = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(column + 8 * k), xj), c[k]);
        }
      }
      for (int k = 0; k < 4; ++k) {
        _mm256_storeu_ps(out + i + 8 * k, _mm256_add_ps(_mm256_mul_ps(c[k], _mm256_set1_ps(1.0f)),
                                                        _mm256_loadu_ps(out + i + 8 * k)));
      }
    }
    for (; i + 8 <= rows; i += 8) {
      __m256 c = _mm256_setzero_ps();
      for (Eigen::Index j = j0; j < j1; ++j) {
        c = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(A + j * rows + i), _mm256_set1_ps(x[j])),
                          c);
      }
      _mm256_storeu_ps(
          out + i, _mm256_add_ps(_mm256_mul_ps(c, _mm256_set1_ps(1.0f)), _mm256_loadu_ps(out + i)));
    }
    for (; i < rows; ++i) {
      float c = 0.0f;
      for (Eigen::Index j = j0; j < j1; ++j) c += A[j * rows + i] * x[j];
      out[i] += 1.0f * c;
    }
  }
}
#else
void matrix_vector_avx2(const float* A, Eigen::Index rows, Eigen::Index cols, const float* x,
                        float* out) {
  matrix_vector_baseline(A, rows, cols, x, out);
}
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
