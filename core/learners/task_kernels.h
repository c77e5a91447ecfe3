#pragma once
// The two block operations of a task's gradient in float, written for SSE2 (Eigen) and again
// for AVX2 (task_kernels_avx2.cpp) with the same roundings in the same order, so either gives
// the same bits; simd::avx2_enabled() chooses. Items are columns of `stride` floats, the first
// d of them used.
#include <Eigen/Core>

namespace metacf::task_kernels {

// out[i] = items.col(i) . p, summed as Eigen's dot product sums it.
void column_dots(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                 const float* p, float* out);

// out = sum_i weights[i] items.col(i), in column order for every entry.
void weighted_columns(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                      const float* weights, float* out);

// out = A x for a column-major rows x cols matrix A, summed as Eigen sums `out.noalias() = A * x`
// for an x held as a one-column matrix, when matrix_vector_applies(rows, cols): its
// matrix-vector kernel, each entry over the columns in order, in blocks of columns when there
// are 128 or more.
void matrix_vector(const float* A, Eigen::Index rows, Eigen::Index cols, const float* x,
                   float* out);

// Eigen takes that kernel unless the product is tiny (rows + cols + 1 under 20: coefficient by
// coefficient) or A is one row (a dot product); callers keep Eigen's expression for those.
inline bool matrix_vector_applies(Eigen::Index rows, Eigen::Index cols) {
  return rows >= 2 && cols >= 1 && rows + cols + 1 >= 20;
}

// One instruction set each, for the tests that hold them to each other.
void matrix_vector_baseline(const float* A, Eigen::Index rows, Eigen::Index cols, const float* x,
                            float* out);
void matrix_vector_avx2(const float* A, Eigen::Index rows, Eigen::Index cols, const float* x,
                        float* out);
void column_dots_baseline(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                          const float* p, float* out);
void column_dots_avx2(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                      const float* p, float* out);
void weighted_columns_baseline(const float* items, Eigen::Index stride, Eigen::Index d,
                               Eigen::Index m, const float* weights, float* out);
void weighted_columns_avx2(const float* items, Eigen::Index stride, Eigen::Index d, Eigen::Index m,
                           const float* weights, float* out);

// The loop of weighted_columns (in S, so that the gradient tests run it in double too):
// sixteen rows at a time held in registers, each entry summed over the columns in order
// (`out += w_i * q_i` one column at a time, bit for bit), one pass over the block instead of a
// load and store of `out` per column. Inlined into each instruction set's kernel, which
// vectorises it as wide as it may: entry by entry, so alike.
template <typename S>
inline void weighted_columns_loop(const S* items, Eigen::Index stride, Eigen::Index d,
                                  Eigen::Index m, const S* weights, S* out) {
  constexpr Eigen::Index kRows = 16;
  Eigen::Index first = 0;
  for (; first + kRows <= d; first += kRows) {
    S acc[kRows] = {};
    for (Eigen::Index i = 0; i < m; ++i) {
      const S w = weights[i];
      const S* column = items + i * stride + first;
      for (Eigen::Index r = 0; r < kRows; ++r) acc[r] += w * column[r];
    }
    for (Eigen::Index r = 0; r < kRows; ++r) out[first + r] = acc[r];
  }
  for (Eigen::Index r = first; r < d; ++r) {
    S acc = 0;
    for (Eigen::Index i = 0; i < m; ++i) acc += weights[i] * items[i * stride + r];
    out[r] = acc;
  }
}

}  // namespace metacf::task_kernels
