#pragma once
// The pretraining objective (paper Eq. 2): binary cross-entropy of sigmoid(p_u . q_v) over
// positives and sampled negatives, with L2 on the rows each pair touches.
#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <span>

namespace metacf {

struct LabelledPair {
  std::int32_t user;  // row of P
  std::int32_t item;  // row of Q
  float label;        // 1 positive, 0 sampled negative
};

// loss = (1/n) sum_pairs [ BCE(sigmoid(p_u.q_v), y) + l2 (|p_u|^2 + |q_v|^2) ].
// Adds d loss / d P and d loss / d Q into grad_p, grad_q (same shapes as P, Q) and returns the
// loss. Row-major storage: a row is one embedding.
using EmbeddingMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

double mf_loss_and_gradient(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                            std::span<const LabelledPair> pairs, double l2, EmbeddingMatrix& grad_p,
                            EmbeddingMatrix& grad_q);

// log(1 + exp(-|x|)) + max(x, 0) - x*y without overflow: the BCE of sigmoid(x) against y.
inline double bce_with_logit(double x, double y) {
  const double abs_x = x < 0 ? -x : x;
  return (x > 0 ? x : 0.0) - x * y + std::log1p(std::exp(-abs_x));
}

// The same loss given e = exp(-x), for reporting only: log(1 + exp(-|x|)) is taken in float
// as log(1 + e) or log(1 + 1/e), which saves bce_with_logit's second exp and its double log1p
// (together a fifth of pretraining's samples; the float log costs under half of that). Its
// error is under 1e-7 per pair; for |x| past 17 the 1 absorbs the exponential and the term,
// under 4e-8, is lost.
inline double bce_from_exp(double x, double e, double y) {
  const double small = x >= 0 ? e : 1.0 / e;  // exp(-|x|); 1 / inf is 0
  return (x > 0 ? x : 0.0) - x * y +
         static_cast<double>(std::log(1.0f + static_cast<float>(small)));
}

}  // namespace metacf
