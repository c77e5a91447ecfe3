#include "core/train/mf_loss.h"

namespace metacf {

double mf_loss_and_gradient(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                            std::span<const LabelledPair> pairs, double l2, EmbeddingMatrix& grad_p,
                            EmbeddingMatrix& grad_q) {
  if (pairs.empty()) return 0.0;
  const double inv_n = 1.0 / static_cast<double>(pairs.size());
  const auto scale = static_cast<float>(inv_n);
  const auto l2_scale = static_cast<float>(2.0 * l2 * inv_n);
  double loss = 0;
  for (const auto& pair : pairs) {
    const auto p = P.row(pair.user);
    const auto q = Q.row(pair.item);
    const double x = p.dot(q);
    // One exp serves the sigmoid and the loss (bce_with_logit's value, which spent a second
    // exp and a log1p on it: a fifth of pretraining), and the gradient is computed as before.
    const double e = std::exp(-x);
    loss += bce_from_exp(x, e, pair.label) + l2 * (p.squaredNorm() + q.squaredNorm());
    const auto error = static_cast<float>(1.0 / (1.0 + e) - pair.label) * scale;
    grad_p.row(pair.user) += error * q + l2_scale * p;
    grad_q.row(pair.item) += error * p + l2_scale * q;
  }
  return loss * inv_n;
}

}  // namespace metacf
