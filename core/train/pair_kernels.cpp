#include "core/train/pair_kernels.h"

#include "core/simd/instruction_set.h"

namespace metacf::pair_kernels {

void logits_and_norms_baseline(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                               std::span<const LabelledPair> pairs, PairTerms* terms) {
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto p = P.row(pairs[i].user);
    const auto q = Q.row(pairs[i].item);
    terms[i].logit = p.dot(q);
    terms[i].norms = p.squaredNorm() + q.squaredNorm();
  }
}

void accumulate_gradients_baseline(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                                   std::span<const LabelledPair> pairs, const PairTerms* terms,
                                   float l2_scale, EmbeddingMatrix& grad_p,
                                   EmbeddingMatrix& grad_q) {
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto p = P.row(pairs[i].user);
    const auto q = Q.row(pairs[i].item);
    const float error = terms[i].error;
    grad_p.row(pairs[i].user) += error * q + l2_scale * p;
    grad_q.row(pairs[i].item) += error * p + l2_scale * q;
  }
}

void logits_and_norms(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                      std::span<const LabelledPair> pairs, PairTerms* terms) {
  if (simd::avx2_enabled()) return logits_and_norms_avx2(P, Q, pairs, terms);
  logits_and_norms_baseline(P, Q, pairs, terms);
}

void accumulate_gradients(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                          std::span<const LabelledPair> pairs, const PairTerms* terms,
                          float l2_scale, EmbeddingMatrix& grad_p, EmbeddingMatrix& grad_q) {
  if (simd::avx2_enabled()) {
    return accumulate_gradients_avx2(P, Q, pairs, terms, l2_scale, grad_p, grad_q);
  }
  accumulate_gradients_baseline(P, Q, pairs, terms, l2_scale, grad_p, grad_q);
}

}  // namespace metacf::pair_kernels
