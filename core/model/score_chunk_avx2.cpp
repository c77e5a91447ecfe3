#include "core/model/score_chunk_avx2.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "core/model/dot_product_items.h"

namespace metacf::score_kernels {

#if defined(__x86_64__)
namespace {

template <int Users>
__attribute__((target("avx2"))) void score(const float* chunk, const float* bias, Eigen::Index dim,
                                           const float* const* user, float* const* out) {
  static_assert(DotProductItems::kChunk == 8, "one 8-wide register per chunk");
  __m256 acc[Users];
  for (int j = 0; j < Users; ++j) acc[j] = _mm256_setzero_ps();
  for (Eigen::Index d = 0; d < dim; ++d) {
    const __m256 q = _mm256_loadu_ps(chunk + d * DotProductItems::kChunk);
    for (int j = 0; j < Users; ++j) {
      acc[j] = _mm256_add_ps(acc[j], _mm256_mul_ps(q, _mm256_set1_ps(user[j][d])));
    }
  }
  for (int j = 0; j < Users; ++j) {
    if (bias != nullptr) acc[j] = _mm256_add_ps(acc[j], _mm256_loadu_ps(bias));
    _mm256_storeu_ps(out[j], acc[j]);
  }
}

}  // namespace

void score_chunk_avx2(const float* chunk, const float* bias, Eigen::Index dim, int users,
                      const float* const* user, float* const* out) {
  if (users == 4) return score<4>(chunk, bias, dim, user, out);
  for (int j = 0; j < users; ++j) score<1>(chunk, bias, dim, user + j, out + j);
}
#else
void score_chunk_avx2(const float*, const float*, Eigen::Index, int, const float* const*,
                      float* const*) {}
#endif

}  // namespace metacf::score_kernels
