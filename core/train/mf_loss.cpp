#include "core/train/mf_loss.h"

#include <vector>

namespace metacf {
namespace {

struct PairTerms {
  float logit;
  float norms;  // |p_u|^2 + |q_v|^2
  float error;  // d loss / d logit, scaled by 1 / n
};

}  // namespace

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
  thread_local std::vector<PairTerms> terms;
  terms.resize(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto p = P.row(pairs[i].user);
    const auto q = Q.row(pairs[i].item);
    terms[i].logit = p.dot(q);
    terms[i].norms = p.squaredNorm() + q.squaredNorm();
  }
  double loss = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const double x = terms[i].logit;
    // One exp serves the sigmoid and the loss (bce_with_logit's value, which spent a second
    // exp and a log1p on it: a fifth of pretraining), and the gradient is computed as before.
    const double e = std::exp(-x);
    loss += bce_from_exp(x, e, pairs[i].label) + l2 * terms[i].norms;
    terms[i].error = static_cast<float>(1.0 / (1.0 + e) - pairs[i].label) * scale;
  }
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto p = P.row(pairs[i].user);
    const auto q = Q.row(pairs[i].item);
    const float error = terms[i].error;
    grad_p.row(pairs[i].user) += error * q + l2_scale * p;
    grad_q.row(pairs[i].item) += error * p + l2_scale * q;
  }
  return loss * inv_n;
}

}  // namespace metacf
