#pragma once
// The per-task mathematics of the MetaCF learners and BPR: the BCE task loss of an inner-product
// scorer, its gradient and Hessian-vector product with respect to the user embedding p, the K
// local steps, and the meta-gradient through them (first-order or exact).
//
// Templated on the scalar so that production runs in float and the gradient tests run the very
// same code in double against central finite differences.
//
// Items are stored as COLUMNS (D x m): a gathered item block is then contiguous per item and
// z = G^T p is a sequence of dot products.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include "core/learners/task_kernels.h"
#include "core/util/select_bits.h"

namespace metacf::task_math {

template <typename S>
using MatX = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <typename S>
using VecX = Eigen::Matrix<S, Eigen::Dynamic, 1>;
template <typename S>
using ConstMat = Eigen::Ref<const MatX<S>>;
template <typename S>
using ConstVec = Eigen::Ref<const VecX<S>>;
template <typename S>
using MutVec = Eigen::Ref<VecX<S>>;

// sigmoid(z) from e = exp(-|z|), the one exponential both it and softplus need: neither branch
// overflows for large |z|.
template <typename S>
inline S sigmoid_of(S z, S e) {
  // One division of a selected numerator, without a branch on the sign of z (which follows the
  // labels): 9% of meta-training went to its mispredictions.
  return select_bits(z >= 0, S(1), e) / (S(1) + e);
}

template <typename S>
inline S sigmoid(S z) {
  return sigmoid_of(z, std::exp(-std::abs(z)));
}

// log(1 + e^z) without overflow: the BCE of logit z against label 0.
template <typename S>
inline S softplus(S z) {
  return std::max(z, S(0)) + std::log1p(std::exp(-std::abs(z)));
}

// Grows a scratch buffer; never shrinks, so after the first tasks nothing is allocated.
template <typename S>
inline S* scratch(std::vector<S>& buffer, Eigen::Index size) {
  if (static_cast<Eigen::Index>(buffer.size()) < size) buffer.resize(static_cast<size_t>(size));
  return buffer.data();
}

// L(p) = sum_i softplus(z_i) - y_i z_i with z = items^T p (+ the items' biases b_i when bias
// is given, one per column): the BCE of sigmoid(z) against y, SUMMED over the pairs (the local
// step size alpha is defined on this sum).
template <typename S>
S bce_loss(ConstMat<S> items, ConstVec<S> labels, ConstVec<S> p, const S* bias = nullptr) {
  S loss = 0;
  for (Eigen::Index i = 0; i < items.cols(); ++i) {
    const S z = items.col(i).dot(p) + (bias ? bias[i] : S(0));
    loss += softplus(z) - labels[i] * z;
  }
  return loss;
}

// out = sum_i weights[i] items.col(i), each entry summed in column order (in float, by the
// kernel of the CPU's instruction set, all of which give the same bits).
template <typename S>
void weighted_column_sum(ConstMat<S> items, const S* weights, MutVec<S> out) {
  if constexpr (std::is_same_v<S, float>) {
    task_kernels::weighted_columns(items.data(), items.outerStride(), items.rows(), items.cols(),
                                   weights, out.data());
  } else {
    task_kernels::weighted_columns_loop<S>(items.data(), items.outerStride(), items.rows(),
                                           items.cols(), weights, out.data());
  }
}

// out[i] = items.col(i) . p, as Eigen's dot product sums it (in float, by the kernel of the
// CPU's instruction set).
template <typename S>
void column_dots(ConstMat<S> items, ConstVec<S> p, S* out) {
  if constexpr (std::is_same_v<S, float>) {
    task_kernels::column_dots(items.data(), items.outerStride(), items.rows(), items.cols(),
                              p.data(), out);
  } else {
    for (Eigen::Index i = 0; i < items.cols(); ++i) out[i] = items.col(i).dot(p);
  }
}

// A scratch buffer of at least `size` entries for this thread.
template <typename S>
S* thread_scratch(Eigen::Index size) {
  thread_local std::vector<S> buffer;
  return scratch(buffer, size);
}

// Returns L(p); grad = items (sigmoid(z) - y); sig (m) receives sigmoid(z) for the Hessian.
// The bias, when given, is constant in p: dL/db_i = sigmoid(z_i) - y_i.
// The loss and sigmoid share one exponential; with `with_loss` false (the local steps, whose
// loss nobody reads) the log is skipped too. The gradient is the same either way, bit for bit.
// The loss, which is only reported, takes log(1 + e) rather than log1p(e): under 6e-8 apart in
// float, and glibc's logf costs about 60% of its log1pf (which was 4% of meta-training).
// Three passes (every logit, then every exponential, then the gradient) rather than one per
// column: the dot products of different columns overlap, and no call to exp sits between a
// column's logit and the gradient's accumulators. Each value is the same sum as before.
template <typename S, bool with_loss = true>
S bce_loss_gradient(ConstMat<S> items, ConstVec<S> labels, ConstVec<S> p, MutVec<S> grad,
                    MutVec<S> sig, const S* bias = nullptr) {
  const Eigen::Index m = items.cols();
  column_dots<S>(items, p, sig.data());
  for (Eigen::Index i = 0; i < m; ++i) sig[i] = sig[i] + (bias ? bias[i] : S(0));
  S loss = 0;
  for (Eigen::Index i = 0; i < m; ++i) {
    const S z = sig[i];
    const S e = std::exp(-std::abs(z));
    if constexpr (with_loss) loss += std::max(z, S(0)) + std::log(S(1) + e) - labels[i] * z;
    sig[i] = sigmoid_of(z, e);
  }
  S* weights = thread_scratch<S>(m);
  for (Eigen::Index i = 0; i < m; ++i) weights[i] = sig[i] - labels[i];
  weighted_column_sum<S>(items, weights, grad);
  return loss;
}

// out = H v with H = sum_i s_i (1 - s_i) q_i q_i^T, in O(m D) and without forming H.
// `weights` (m) receives s_i (1 - s_i) q_i . v, the coefficient of each column.
template <typename S>
void bce_hessian_vector(ConstMat<S> items, ConstVec<S> sig, ConstVec<S> v, MutVec<S> out,
                        S* weights) {
  column_dots<S>(items, v, weights);
  for (Eigen::Index i = 0; i < items.cols(); ++i) {
    weights[i] = sig[i] * (S(1) - sig[i]) * weights[i];
  }
  weighted_column_sum<S>(items, weights, out);
}

template <typename S>
void bce_hessian_vector(ConstMat<S> items, ConstVec<S> sig, ConstVec<S> v, MutVec<S> out) {
  std::vector<S> weights(static_cast<std::size_t>(items.cols()));
  bce_hessian_vector<S>(items, sig, v, out, weights.data());
}

// Scratch space of one thread; reused across tasks.
template <typename S>
struct AdaptWorkspace {
  std::vector<S> path;        // D x (K + 1): p_0 .. p_K
  std::vector<S> sig;         // m_S x K: support sigmoids at p_0 .. p_{K-1}
  std::vector<S> grad;        // D x K: the support gradient at p_0 .. p_{K-1} (Meta-SGD needs them)
  std::vector<S> step;        // D
  std::vector<S> hv;          // D
  std::vector<S> hv_weights;  // m_S: the Hessian-vector product's column coefficients
  std::vector<S> query_sig;
};

// The local step: one scalar alpha, or (Meta-SGD, Li et al. 2017) one per dimension.
template <typename S>
struct StepSize {
  S scalar = 0;
  const S* per_dim = nullptr;  // D entries; overrides scalar when set
};

// The item biases of one task's blocks (one per column), or null for a pure inner product.
// They are constants of the local steps; only the meta-gradient moves them.
template <typename S>
struct TaskBias {
  const S* support = nullptr;
  const S* query = nullptr;
};

// Runs K steps p <- p - alpha .* grad L_S(p) from p0; afterwards the columns of the returned
// map are p_0 .. p_K. Keeps the support sigmoids and gradients of each step for the backward.
template <typename S>
Eigen::Map<MatX<S>> local_steps(ConstMat<S> support, ConstVec<S> support_labels, ConstVec<S> p0,
                                StepSize<S> alpha, int steps, AdaptWorkspace<S>& ws,
                                const S* support_bias = nullptr) {
  const Eigen::Index d = p0.size();
  const Eigen::Index m = support.cols();
  Eigen::Map<MatX<S>> path(scratch(ws.path, d * (steps + 1)), d, steps + 1);
  Eigen::Map<MatX<S>> sig(scratch(ws.sig, std::max<Eigen::Index>(m * steps, 1)), m, steps);
  Eigen::Map<MatX<S>> grad(scratch(ws.grad, std::max<Eigen::Index>(d * steps, 1)), d, steps);
  path.col(0) = p0;
  for (int k = 0; k < steps; ++k) {
    bce_loss_gradient<S, false>(support, support_labels, path.col(k), grad.col(k), sig.col(k),
                                support_bias);
    if (alpha.per_dim) {
      path.col(k + 1) =
          path.col(k) - Eigen::Map<const VecX<S>>(alpha.per_dim, d).cwiseProduct(grad.col(k));
    } else {
      path.col(k + 1) = path.col(k) - alpha.scalar * grad.col(k);
    }
  }
  return path;
}

template <typename S>
Eigen::Map<MatX<S>> local_steps(ConstMat<S> support, ConstVec<S> support_labels, ConstVec<S> p0,
                                S alpha, int steps, AdaptWorkspace<S>& ws) {
  return local_steps<S>(support, support_labels, p0, StepSize<S>{alpha, nullptr}, steps, ws);
}

// Where meta_loss_gradient writes the gradients beyond dMetaLoss/dp0; null entries are skipped.
template <typename S>
struct ExtraGradients {
  S* alpha = nullptr;         // D: dMetaLoss/dalpha (Meta-SGD only), overwritten
  S* support_bias = nullptr;  // m_S: dMetaLoss/db of each support column, overwritten
  S* query_bias = nullptr;    // m_Q: dMetaLoss/db of each query column, overwritten
};

// Meta-loss of one task: K local steps on the support from p0, then the BCE of p_K on the query
// pairs (summed). g0 receives dMetaLoss/dp0:
//   first-order (the paper): dL/dp0 ~= dL/dp_K;
//   exact: dL/dp0 = prod_k (I - A H_k)^T dL/dp_K with A = diag(alpha), applied right to left as
//   Hessian-vector products (H_k is symmetric, so (I - A H_k)^T g = g - H_k (alpha .* g)).
// With Meta-SGD, p_{k+1} depends on alpha through -alpha .* grad_k, so dL/dalpha collects
// -grad_k .* g_{k+1}; first-order holds every g_{k+1} at dL/dp_K. The support biases enter
// p_{k+1} through -A Q_S diag(s_k (1 - s_k)) b_S; first-order drops that (second-order) path and
// keeps only the biases' direct effect on the query loss.
template <typename S>
S meta_loss_gradient(ConstMat<S> support, ConstVec<S> support_labels, ConstMat<S> query,
                     ConstVec<S> query_labels, ConstVec<S> p0, StepSize<S> alpha, int steps,
                     bool exact, TaskBias<S> bias, AdaptWorkspace<S>& ws, MutVec<S> g0,
                     ExtraGradients<S> extra) {
  const Eigen::Index d = p0.size();
  const Eigen::Index m = support.cols();
  auto path = local_steps<S>(support, support_labels, p0, alpha, steps, ws, bias.support);
  Eigen::Map<VecX<S>> qsig(scratch(ws.query_sig, std::max<Eigen::Index>(query.cols(), 1)),
                           query.cols());
  const S loss = bce_loss_gradient<S>(query, query_labels, path.col(steps), g0, qsig, bias.query);
  if (extra.query_bias) {
    Eigen::Map<VecX<S>>(extra.query_bias, query.cols()) = qsig - query_labels;
  }
  if (extra.support_bias) Eigen::Map<VecX<S>>(extra.support_bias, m).setZero();
  if (extra.alpha) Eigen::Map<VecX<S>>(extra.alpha, d).setZero();
  Eigen::Map<const MatX<S>> sig(ws.sig.data(), m, steps);
  Eigen::Map<const MatX<S>> grad(ws.grad.data(), d, steps);
  Eigen::Map<VecX<S>> u(scratch(ws.step, d), d);
  Eigen::Map<VecX<S>> hv(scratch(ws.hv, d), d);
  for (int k = steps - 1; k >= 0; --k) {
    // g0 holds dL/dp_{k+1} here (or, first-order, dL/dp_K throughout).
    if (extra.alpha) Eigen::Map<VecX<S>>(extra.alpha, d) -= grad.col(k).cwiseProduct(g0);
    if (!exact) continue;
    if (alpha.per_dim) {
      u = Eigen::Map<const VecX<S>>(alpha.per_dim, d).cwiseProduct(g0);
    } else {
      u = alpha.scalar * g0;
    }
    S* weights = scratch(ws.hv_weights, std::max<Eigen::Index>(m, 1));
    bce_hessian_vector<S>(support, sig.col(k), u, hv, weights);
    if (extra.support_bias) {
      for (Eigen::Index i = 0; i < m; ++i) extra.support_bias[i] -= weights[i];
    }
    g0 -= hv;
  }
  return loss;
}

template <typename S>
S meta_loss_gradient(ConstMat<S> support, ConstVec<S> support_labels, ConstMat<S> query,
                     ConstVec<S> query_labels, ConstVec<S> p0, S alpha, int steps, bool exact,
                     AdaptWorkspace<S>& ws, MutVec<S> g0) {
  return meta_loss_gradient<S>(support, support_labels, query, query_labels, p0,
                               StepSize<S>{alpha, nullptr}, steps, exact, TaskBias<S>{}, ws, g0,
                               ExtraGradients<S>{});
}

// BPR on one user: every positive column i of `positives` is paired with the negatives
// columns i*k .. i*k + k - 1. L(p) = sum_pairs -log sigmoid(p . (q_i - q_j)), summed over
// pairs; grad = -sum_pairs sigmoid(-x_ij) (q_i - q_j). Adds L(p) to *loss when given: serving
// reads only the gradient, and the loss's log1p and second exp per pair were one in twenty of
// bpr's adapt() instructions.
template <typename S>
void bpr_gradient(ConstMat<S> positives, ConstMat<S> negatives, int k, ConstVec<S> p,
                  MutVec<S> grad, S* loss = nullptr) {
  grad.setZero();
  for (Eigen::Index i = 0; i < positives.cols(); ++i) {
    const S zi = positives.col(i).dot(p);
    for (int j = 0; j < k; ++j) {
      const Eigen::Index c = i * k + j;
      if (c >= negatives.cols()) break;
      const S x = zi - negatives.col(c).dot(p);
      if (loss != nullptr) *loss += softplus(-x);
      const S w = sigmoid(-x);
      grad.noalias() -= w * (positives.col(i) - negatives.col(c));
    }
  }
}

// bpr_gradient, returning L(p).
template <typename S>
S bpr_loss_gradient(ConstMat<S> positives, ConstMat<S> negatives, int k, ConstVec<S> p,
                    MutVec<S> grad) {
  S loss = 0;
  bpr_gradient<S>(positives, negatives, k, p, grad, &loss);
  return loss;
}

}  // namespace metacf::task_math
