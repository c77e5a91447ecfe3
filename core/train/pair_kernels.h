#pragma once
// The two passes of the pretraining loss that touch the embeddings, per batch of pairs: every
// pair's logit and squared norms, then every pair's contribution to the rows' gradients, in
// pair order. Written as Eigen expressions (SSE2) and again for AVX2 (pair_kernels_avx2.cpp),
// with the same roundings in the same order (core/simd/eigen_order_dot.h), so either gives the
// same bits; simd::avx2_enabled() chooses.
#include <span>

#include "core/train/mf_loss.h"

namespace metacf::pair_kernels {

struct PairTerms {
  float logit;  // p_u . q_v
  float norms;  // |p_u|^2 + |q_v|^2
  float error;  // d loss / d logit, scaled by 1 / n (written between the passes)
};

// terms[i].logit and .norms for every pair.
void logits_and_norms(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                      std::span<const LabelledPair> pairs, PairTerms* terms);

// grad_p.row(u) += error q_v + l2_scale p_u and grad_q.row(v) += error p_u + l2_scale q_v, pair
// after pair.
void accumulate_gradients(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                          std::span<const LabelledPair> pairs, const PairTerms* terms,
                          float l2_scale, EmbeddingMatrix& grad_p, EmbeddingMatrix& grad_q);

// The same passes, one instruction set each (for the tests that hold them to each other).
void logits_and_norms_baseline(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                               std::span<const LabelledPair> pairs, PairTerms* terms);
void accumulate_gradients_baseline(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                                   std::span<const LabelledPair> pairs, const PairTerms* terms,
                                   float l2_scale, EmbeddingMatrix& grad_p,
                                   EmbeddingMatrix& grad_q);
void logits_and_norms_avx2(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                           std::span<const LabelledPair> pairs, PairTerms* terms);
void accumulate_gradients_avx2(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                               std::span<const LabelledPair> pairs, const PairTerms* terms,
                               float l2_scale, EmbeddingMatrix& grad_p, EmbeddingMatrix& grad_q);

}  // namespace metacf::pair_kernels
