#pragma once
// DotProductItems' chunk kernel in AVX2: a chunk's eight items in one register, each item's
// score summed over the dimensions in order (acc + q * u, never fused), the bias added last:
// the values of the SSE2 kernel in dot_product_items.cpp, bit for bit, chosen at run time.
#include <Eigen/Core>

namespace metacf::score_kernels {

// Scores one chunk of 8 items for `users` user vectors (1 or 4).
void score_chunk_avx2(const float* chunk, const float* bias, Eigen::Index dim, int users,
                      const float* const* user, float* const* out);

}  // namespace metacf::score_kernels
