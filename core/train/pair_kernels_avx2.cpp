#include "core/simd/eigen_order_dot.h"
#include "core/train/pair_kernels.h"

namespace metacf::pair_kernels {

#if defined(__x86_64__)
namespace {

// row += (a * x) + (b * y), entry by entry, as Eigen evaluates `row += a * x + b * y`.
__attribute__((target("avx2"))) void add_scaled_pair(float* row, float a, const float* x, float b,
                                                     const float* y, Eigen::Index n) {
  const __m256 va = _mm256_set1_ps(a);
  const __m256 vb = _mm256_set1_ps(b);
  Eigen::Index j = 0;
  for (; j + 8 <= n; j += 8) {
    const __m256 sum = _mm256_add_ps(_mm256_mul_ps(va, _mm256_loadu_ps(x + j)),
                                     _mm256_mul_ps(vb, _mm256_loadu_ps(y + j)));
    _mm256_storeu_ps(row + j, _mm256_add_ps(_mm256_loadu_ps(row + j), sum));
  }
  for (; j < n; ++j) row[j] = row[j] + (a * x[j] + b * y[j]);
}

}  // namespace

__attribute__((target("avx2"))) void logits_and_norms_avx2(const EmbeddingMatrix& P,
                                                           const EmbeddingMatrix& Q,
                                                           std::span<const LabelledPair> pairs,
                                                           PairTerms* terms) {
  const Eigen::Index d = P.cols();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const float* p = P.data() + static_cast<Eigen::Index>(pairs[i].user) * d;
    const float* q = Q.data() + static_cast<Eigen::Index>(pairs[i].item) * d;
    terms[i].logit = simd::dot_eigen_order_avx2(p, q, d);
    terms[i].norms = simd::dot_eigen_order_avx2(p, p, d) + simd::dot_eigen_order_avx2(q, q, d);
  }
}

void accumulate_gradients_avx2(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                               std::span<const LabelledPair> pairs, const PairTerms* terms,
                               float l2_scale, EmbeddingMatrix& grad_p, EmbeddingMatrix& grad_q) {
  const Eigen::Index d = P.cols();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const Eigen::Index u = pairs[i].user;
    const Eigen::Index v = pairs[i].item;
    const float* p = P.data() + u * d;
    const float* q = Q.data() + v * d;
    add_scaled_pair(grad_p.data() + u * d, terms[i].error, q, l2_scale, p, d);
    add_scaled_pair(grad_q.data() + v * d, terms[i].error, p, l2_scale, q, d);
  }
}
#else
void logits_and_norms_avx2(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                           std::span<const LabelledPair> pairs, PairTerms* terms) {
  logits_and_norms_baseline(P, Q, pairs, terms);
}
void accumulate_gradients_avx2(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                               std::span<const LabelledPair> pairs, const PairTerms* terms,
                               float l2_scale, EmbeddingMatrix& grad_p, EmbeddingMatrix& grad_q) {
  accumulate_gradients_baseline(P, Q, pairs, terms, l2_scale, grad_p, grad_q);
}
#endif

}  // namespace metacf::pair_kernels
