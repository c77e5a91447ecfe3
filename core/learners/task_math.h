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
#include <algorithm>
#include <cmath>
#include <vector>

#include <Eigen/Core>

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

// Written so that neither branch overflows for large |z|.
template <typename S>
inline S sigmoid(S z) {
  if (z >= 0) return S(1) / (S(1) + std::exp(-z));
  const S e = std::exp(z);
  return e / (S(1) + e);
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

// L(p) = sum_i softplus(z_i) - y_i z_i with z = items^T p: the BCE of sigmoid(z) against y,
// SUMMED over the pairs (the local step size alpha is defined on this sum).
template <typename S>
S bce_loss(ConstMat<S> items, ConstVec<S> labels, ConstVec<S> p) {
  S loss = 0;
  for (Eigen::Index i = 0; i < items.cols(); ++i) {
    const S z = items.col(i).dot(p);
    loss += softplus(z) - labels[i] * z;
  }
  return loss;
}

// Returns L(p); grad = items (sigmoid(z) - y); sig (m) receives sigmoid(z) for the Hessian.
template <typename S>
S bce_loss_gradient(ConstMat<S> items, ConstVec<S> labels, ConstVec<S> p, MutVec<S> grad,
                    MutVec<S> sig) {
  S loss = 0;
  grad.setZero();
  for (Eigen::Index i = 0; i < items.cols(); ++i) {
    const S z = items.col(i).dot(p);
    loss += softplus(z) - labels[i] * z;
    sig[i] = sigmoid(z);
    grad.noalias() += (sig[i] - labels[i]) * items.col(i);
  }
  return loss;
}

// out = H v with H = sum_i s_i (1 - s_i) q_i q_i^T, in O(m D) and without forming H.
template <typename S>
void bce_hessian_vector(ConstMat<S> items, ConstVec<S> sig, ConstVec<S> v, MutVec<S> out) {
  out.setZero();
  for (Eigen::Index i = 0; i < items.cols(); ++i) {
    const S w = sig[i] * (S(1) - sig[i]) * items.col(i).dot(v);
    out.noalias() += w * items.col(i);
  }
}

// Scratch space of one thread; reused across tasks.
template <typename S>
struct AdaptWorkspace {
  std::vector<S> path;  // D x (K + 1): p_0 .. p_K
  std::vector<S> sig;   // m_S x K: support sigmoids at p_0 .. p_{K-1}
  std::vector<S> grad;  // D
  std::vector<S> hv;    // D
  std::vector<S> query_sig;
};

// Runs K steps p <- p - alpha grad L_S(p) from p0; afterwards the columns of the returned map
// are p_0 .. p_K. Keeps the support sigmoids of each step for the exact backward pass.
template <typename S>
Eigen::Map<MatX<S>> local_steps(ConstMat<S> support, ConstVec<S> support_labels, ConstVec<S> p0,
                                S alpha, int steps, AdaptWorkspace<S>& ws) {
  const Eigen::Index d = p0.size();
  const Eigen::Index m = support.cols();
  Eigen::Map<MatX<S>> path(scratch(ws.path, d * (steps + 1)), d, steps + 1);
  Eigen::Map<MatX<S>> sig(scratch(ws.sig, std::max<Eigen::Index>(m * steps, 1)), m, steps);
  Eigen::Map<VecX<S>> grad(scratch(ws.grad, d), d);
  path.col(0) = p0;
  for (int k = 0; k < steps; ++k) {
    bce_loss_gradient<S>(support, support_labels, path.col(k), grad, sig.col(k));
    path.col(k + 1) = path.col(k) - alpha * grad;
  }
  return path;
}

// Meta-loss of one task: K local steps on the support from p0, then the BCE of p_K on the query
// pairs (summed). g0 receives dMetaLoss/dp0:
//   first-order (the paper): dL/dp0 ~= dL/dp_K;
//   exact: dL/dp0 = prod_k (I - alpha H_k) dL/dp_K, applied right to left as Hessian-vector
//   products (every H_k is symmetric, so the transposed Jacobian is the same product).
template <typename S>
S meta_loss_gradient(ConstMat<S> support, ConstVec<S> support_labels, ConstMat<S> query,
                     ConstVec<S> query_labels, ConstVec<S> p0, S alpha, int steps, bool exact,
                     AdaptWorkspace<S>& ws, MutVec<S> g0) {
  const Eigen::Index d = p0.size();
  const Eigen::Index m = support.cols();
  auto path = local_steps<S>(support, support_labels, p0, alpha, steps, ws);
  Eigen::Map<VecX<S>> qsig(scratch(ws.query_sig, std::max<Eigen::Index>(query.cols(), 1)),
                           query.cols());
  const S loss = bce_loss_gradient<S>(query, query_labels, path.col(steps), g0, qsig);
  if (exact) {
    Eigen::Map<MatX<S>> sig(ws.sig.data(), m, steps);
    Eigen::Map<VecX<S>> hv(scratch(ws.hv, d), d);
    for (int k = steps - 1; k >= 0; --k) {
      bce_hessian_vector<S>(support, sig.col(k), g0, hv);
      g0 -= alpha * hv;
    }
  }
  return loss;
}

// BPR on one user: every positive column i of `positives` is paired with the negatives
// columns i*k .. i*k + k - 1. L(p) = sum_pairs -log sigmoid(p . (q_i - q_j)), summed over
// pairs; grad = -sum_pairs sigmoid(-x_ij) (q_i - q_j). Returns L(p).
template <typename S>
S bpr_loss_gradient(ConstMat<S> positives, ConstMat<S> negatives, int k, ConstVec<S> p,
                    MutVec<S> grad) {
  S loss = 0;
  grad.setZero();
  for (Eigen::Index i = 0; i < positives.cols(); ++i) {
    const S zi = positives.col(i).dot(p);
    for (int j = 0; j < k; ++j) {
      const Eigen::Index c = i * k + j;
      if (c >= negatives.cols()) break;
      const S x = zi - negatives.col(c).dot(p);
      loss += softplus(-x);
      const S w = sigmoid(-x);
      grad.noalias() -= w * (positives.col(i) - negatives.col(c));
    }
  }
  return loss;
}

}  // namespace metacf::task_math
