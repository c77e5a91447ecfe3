#include "core/train/mf_loss.h"

#include <vector>

#include "core/train/pair_kernels.h"

namespace metacf {

double mf_loss_and_gradient(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                            std::span<const LabelledPair> pairs, double l2, EmbeddingMatrix& grad_p,
                            EmbeddingMatrix& grad_q) {
  if (pairs.empty()) return 0.0;
  const double inv_n = 1.0 / static_cast<double>(pairs.size());
  const auto scale = static_cast<float>(inv_n);
  const auto l2_scale = static_cast<float>(2.0 * l2 * inv_n);
  // In passes over the batch (every logit, every exponential and loss term, then the rows'
  // gradients in pair order): the logits and the exponentials of different pairs overlap
  // rather than each waiting behind the previous pair's row updates. Each value and each sum
  // is taken in the same order as one pair at a time, bit for bit.
  thread_local std::vector<pair_kernels::PairTerms> terms;
  terms.resize(pairs.size());
  pair_kernels::logits_and_norms(P, Q, pairs, terms.data());
  double loss = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const double x = terms[i].logit;
    // One exp serves the sigmoid and the loss (bce_with_logit's value, which spent a second
    // exp and a log1p on it: a fifth of pretraining), and the gradient is computed as before.
    const double e = std::exp(-x);
    loss += bce_from_exp(x, e, pairs[i].label) + l2 * terms[i].norms;
    terms[i].error = static_cast<float>(1.0 / (1.0 + e) - pairs[i].label) * scale;
  }
  pair_kernels::accumulate_gradients(P, Q, pairs, terms.data(), l2_scale, grad_p, grad_q);
  return loss * inv_n;
}

}  // namespace metacf
