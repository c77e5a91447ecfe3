#pragma once
// MeLU without side information (Lee et al., KDD 2019): score = MLP([p_u ; q_v]) with two
// ReLU hidden layers and a sigmoid output. The parameters form one flat vector:
//   global part: W1 (H x 2D), b1 (H)              -- the input layer, updated only by the meta step
//   local part:  W2 (H x H), b2 (H), w3 (H), b3   -- the decision layers (second hidden layer and
//                                                    output), MeLU's local update
// Every block is column-major. Templated on the scalar for the finite-difference tests.
#include <Eigen/Core>
#include <algorithm>
#include <vector>

#include "core/learners/task_math.h"

namespace metacf {

struct MeluShape {
  Eigen::Index dim = 0;     // D
  Eigen::Index hidden = 0;  // H

  [[nodiscard]] Eigen::Index global_size() const { return hidden * 2 * dim + hidden; }
  [[nodiscard]] Eigen::Index local_size() const { return hidden * hidden + 2 * hidden + 1; }
  [[nodiscard]] Eigen::Index size() const { return global_size() + local_size(); }
};

namespace melu_math {

using task_math::MatX;
using task_math::VecX;

template <typename S>
struct HeadWorkspace {
  std::vector<S> a2, da2, z;
};

// H1 = relu(W1 [p_u ; q_v] + b1) for every item column of `items` (D x m). `global` points at
// the global part of the parameters.
template <typename S>
void first_layer(const MeluShape& shape, const S* global, Eigen::Ref<const VecX<S>> p_u,
                 Eigen::Ref<const MatX<S>> items, Eigen::Ref<MatX<S>> H1) {
  const Eigen::Index d = shape.dim, h = shape.hidden;
  Eigen::Map<const MatX<S>> W1(global, h, 2 * d);
  Eigen::Map<const VecX<S>> b1(global + h * 2 * d, h);
  const VecX<S> user_part = W1.leftCols(d) * p_u + b1;
  H1.noalias() = W1.rightCols(d) * items;
  H1 = (H1.colwise() + user_part).cwiseMax(S(0));
}

// The BCE (summed over the m pairs) of the decision layers `local` on first-layer outputs H1
// (H x m) with labels y. grad_local (local_size) receives its gradient; when dH1 is non-null it
// receives dLoss/dH1 (H x m), for the input layer's gradient.
template <typename S>
S head_loss_gradient(const MeluShape& shape, const S* local, Eigen::Ref<const MatX<S>> H1,
                     Eigen::Ref<const VecX<S>> y, S* grad_local, Eigen::Ref<MatX<S>>* dH1,
                     HeadWorkspace<S>& ws) {
  const Eigen::Index h = shape.hidden, m = H1.cols();
  Eigen::Map<const MatX<S>> W2(local, h, h);
  Eigen::Map<const VecX<S>> b2(local + h * h, h);
  Eigen::Map<const VecX<S>> w3(local + h * h + h, h);
  const S b3 = local[h * h + 2 * h];
  Eigen::Map<MatX<S>> A2(task_math::scratch(ws.a2, std::max<Eigen::Index>(h * m, 1)), h, m);
  Eigen::Map<MatX<S>> dA2(task_math::scratch(ws.da2, std::max<Eigen::Index>(h * m, 1)), h, m);
  Eigen::Map<VecX<S>> dz(task_math::scratch(ws.z, std::max<Eigen::Index>(m, 1)), m);
  A2.noalias() = W2 * H1;
  A2.colwise() += b2;
  S loss = 0;
  for (Eigen::Index i = 0; i < m; ++i) {
    const S z = A2.col(i).cwiseMax(S(0)).dot(w3) + b3;
    loss += task_math::softplus(z) - y[i] * z;
    dz[i] = task_math::sigmoid(z) - y[i];
  }
  Eigen::Map<MatX<S>> gW2(grad_local, h, h);
  Eigen::Map<VecX<S>> gb2(grad_local + h * h, h);
  Eigen::Map<VecX<S>> gw3(grad_local + h * h + h, h);
  gw3.noalias() = A2.cwiseMax(S(0)) * dz;
  grad_local[h * h + 2 * h] = dz.sum();
  // dA2 = (w3 dz^T) masked by the ReLU of the second layer.
  dA2.noalias() = w3 * dz.transpose();
  dA2 = dA2.cwiseProduct((A2.array() > S(0)).template cast<S>().matrix());
  gW2.noalias() = dA2 * H1.transpose();
  gb2 = dA2.rowwise().sum();
  if (dH1) dH1->noalias() = W2.transpose() * dA2;
  return loss;
}

// Gradient of the input layer from dLoss/dH1 (H x m) of the same items: grad_global
// (global_size) receives dW1 and db1.
template <typename S>
void first_layer_gradient(const MeluShape& shape, Eigen::Ref<const VecX<S>> p_u,
                          Eigen::Ref<const MatX<S>> items, Eigen::Ref<const MatX<S>> H1,
                          Eigen::Ref<const MatX<S>> dH1, S* grad_global) {
  const Eigen::Index d = shape.dim, h = shape.hidden;
  const MatX<S> dA1 = dH1.cwiseProduct((H1.array() > S(0)).template cast<S>().matrix());
  const VecX<S> row_sum = dA1.rowwise().sum();
  Eigen::Map<MatX<S>> gW1(grad_global, h, 2 * d);
  gW1.leftCols(d).noalias() = row_sum * p_u.transpose();
  gW1.rightCols(d).noalias() = dA1 * items.transpose();
  Eigen::Map<VecX<S>>(grad_global + h * 2 * d, h) = row_sum;
}

// Scratch of one MeLU task.
template <typename S>
struct TaskWorkspace {
  std::vector<S> h1_support, h1_query, dh1;
  std::vector<S> w2_support, w2_query, gram_support, gram_query, drift, drift_back;
  std::vector<S> a2, da2, b2, w3, gw3, z;
};

inline Eigen::Index at_least_one(Eigen::Index n) { return std::max<Eigen::Index>(n, 1); }

// The views the first-order task gradient works in, over a TaskWorkspace's buffers: for the
// support's ms and the query's mq items.
template <typename S>
struct FirstOrderViews {
  FirstOrderViews(TaskWorkspace<S>& ws, Eigen::Index h, Eigen::Index ms, Eigen::Index mq)
      : h1s(task_math::scratch(ws.h1_support, at_least_one(h * ms)), h, ms),
        h1q(task_math::scratch(ws.h1_query, at_least_one(h * mq)), h, mq),
        dh1(task_math::scratch(ws.dh1, at_least_one(h * mq)), h, mq),
        w2s(task_math::scratch(ws.w2_support, at_least_one(h * ms)), h, ms),
        w2q(task_math::scratch(ws.w2_query, at_least_one(h * mq)), h, mq),
        gram_s(task_math::scratch(ws.gram_support, at_least_one(ms * ms)), ms, ms),
        gram_q(task_math::scratch(ws.gram_query, at_least_one(ms * mq)), ms, mq),
        G(task_math::scratch(ws.drift, at_least_one(h * ms)), h, ms),
        a2_buffer(task_math::scratch(ws.a2, at_least_one(h * std::max(ms, mq))), h,
                  std::max(ms, mq)),
        da2_buffer(task_math::scratch(ws.da2, at_least_one(h * std::max(ms, mq))), h,
                   std::max(ms, mq)),
        dz_buffer(task_math::scratch(ws.z, at_least_one(std::max(ms, mq))), std::max(ms, mq)),
        b2(task_math::scratch(ws.b2, h), h),
        w3(task_math::scratch(ws.w3, h), h),
        gw3(task_math::scratch(ws.gw3, h), h),
        drift_back(task_math::scratch(ws.drift_back, at_least_one(ms * mq)), ms, mq) {}

  Eigen::Map<MatX<S>> h1s, h1q, dh1;   // first-layer outputs of support and query, dLoss/dH1q
  Eigen::Map<MatX<S>> w2s, w2q;        // W2_0 H1s and W2_0 H1q
  Eigen::Map<MatX<S>> gram_s, gram_q;  // H1s^T H1s and H1s^T H1q
  Eigen::Map<MatX<S>> G;               // the drift of W2 is G H1s^T
  Eigen::Map<MatX<S>> a2_buffer, da2_buffer;
  Eigen::Map<VecX<S>> dz_buffer;
  Eigen::Map<VecX<S>> b2, w3, gw3;  // the adapted b2 and w3, and w3's gradient
  Eigen::Map<MatX<S>> drift_back;   // G^T dA2q
};

// z = relu(A2)' w3 + b3 and dz = sigmoid(z) - y on the columns of A2; returns the BCE sum.
template <typename S>
S head_logits(Eigen::Ref<MatX<S>> A2, const Eigen::Map<VecX<S>>& w3, S b3,
              Eigen::Ref<const VecX<S>> y, Eigen::Ref<VecX<S>> dz) {
  S loss = 0;
  for (Eigen::Index i = 0; i < A2.cols(); ++i) {
    const S z = A2.col(i).cwiseMax(S(0)).dot(w3) + b3;
    loss += task_math::softplus(z) - y[i] * z;
    dz[i] = task_math::sigmoid(z) - y[i];
  }
  return loss;
}

// The K local steps on the support's BCE: v.G, v.b2, v.w3 and b3 end as the adapted decision
// layers.
template <typename S>
void adapt_first_order(FirstOrderViews<S>& v, Eigen::Ref<const VecX<S>> support_y, S alpha,
                       int steps, S& b3) {
  const Eigen::Index ms = v.h1s.cols();
  auto A2s = v.a2_buffer.leftCols(ms);
  auto dA2s = v.da2_buffer.leftCols(ms);
  auto dzs = v.dz_buffer.head(ms);
  for (int k = 0; k < steps; ++k) {
    A2s = v.w2s;
    A2s.noalias() += v.G * v.gram_s;
    A2s.colwise() += v.b2;
    head_logits<S>(A2s, v.w3, b3, support_y, dzs);
    // Every gradient at the current parameters first, then one step on all of them.
    v.gw3.noalias() = A2s.cwiseMax(S(0)) * dzs;
    const S gb3 = dzs.sum();
    dA2s.noalias() = v.w3 * dzs.transpose();
    dA2s = dA2s.cwiseProduct((A2s.array() > S(0)).template cast<S>().matrix());
    v.G -= alpha * dA2s;
    v.b2 -= alpha * dA2s.rowwise().sum();
    v.w3 -= alpha * v.gw3;
    b3 -= alpha * gb3;
  }
}

// The query's BCE at the adapted decision layers (b3 the adapted one); grad receives its
// gradient with respect to them and, through dH1q, to the input layer.
template <typename S>
S query_gradient_first_order(const MeluShape& shape, FirstOrderViews<S>& v,
                             const Eigen::Map<const MatX<S>>& W2_0, Eigen::Ref<const VecX<S>> p_u,
                             Eigen::Ref<const MatX<S>> query, Eigen::Ref<const VecX<S>> query_y,
                             S b3, S* grad) {
  const Eigen::Index h = shape.hidden, mq = query.cols();
  auto A2q = v.a2_buffer.leftCols(mq);
  auto dA2q = v.da2_buffer.leftCols(mq);
  auto dzq = v.dz_buffer.head(mq);
  A2q = v.w2q;
  A2q.noalias() += v.G * v.gram_q;
  A2q.colwise() += v.b2;
  const S loss = head_logits<S>(A2q, v.w3, b3, query_y, dzq);
  S* grad_local = grad + shape.global_size();
  Eigen::Map<MatX<S>> gW2(grad_local, h, h);
  Eigen::Map<VecX<S>>(grad_local + h * h + h, h).noalias() = A2q.cwiseMax(S(0)) * dzq;
  grad_local[h * h + 2 * h] = dzq.sum();
  dA2q.noalias() = v.w3 * dzq.transpose();
  dA2q = dA2q.cwiseProduct((A2q.array() > S(0)).template cast<S>().matrix());
  gW2.noalias() = dA2q * v.h1q.transpose();
  Eigen::Map<VecX<S>>(grad_local + h * h, h) = dA2q.rowwise().sum();
  // dH1q = W2^T dA2q with W2 = W2_0 + G H1s^T.
  v.dh1.noalias() = W2_0.transpose() * dA2q;
  v.drift_back.noalias() = v.G.transpose() * dA2q;
  v.dh1.noalias() += v.h1s * v.drift_back;
  first_layer_gradient<S>(shape, p_u, query, v.h1q, v.dh1, grad);
  return loss;
}

// First-order MAML on one task: K local steps on the decision layers from params' local part
// over the support, then the query BCE at the adapted parameters. grad (size) receives the
// first-order meta-gradient: the query loss's gradient at the adapted decision layers, and its
// gradient with respect to the input layer at those adapted layers. Returns the query loss.
//
// Every local step changes W2 by -alpha dA2 H1s^T, H1s being the support's first-layer outputs,
// which the steps do not change. So after k steps W2 = W2_0 + G H1s^T with G (H x m_s) the sum
// of -alpha dA2, and W2 H1 = W2_0 H1 + G (H1s^T H1): with W2_0 H1s and the Gram matrix H1s^T H1s
// computed once, a step costs H m_s^2 instead of 2 H^2 m_s, and W2 is never formed until the
// query's gradient needs it.
template <typename S>
S task_gradient_first_order(const MeluShape& shape, const S* params, Eigen::Ref<const VecX<S>> p_u,
                            Eigen::Ref<const MatX<S>> support, Eigen::Ref<const VecX<S>> support_y,
                            Eigen::Ref<const MatX<S>> query, Eigen::Ref<const VecX<S>> query_y,
                            S alpha, int steps, TaskWorkspace<S>& ws, S* grad) {
  const Eigen::Index h = shape.hidden;
  FirstOrderViews<S> v(ws, h, support.cols(), query.cols());
  first_layer<S>(shape, params, p_u, support, v.h1s);
  first_layer<S>(shape, params, p_u, query, v.h1q);
  const S* local0 = params + shape.global_size();
  Eigen::Map<const MatX<S>> W2_0(local0, h, h);
  v.b2 = Eigen::Map<const VecX<S>>(local0 + h * h, h);
  v.w3 = Eigen::Map<const VecX<S>>(local0 + h * h + h, h);
  S b3 = local0[h * h + 2 * h];
  v.w2s.noalias() = W2_0 * v.h1s;
  v.w2q.noalias() = W2_0 * v.h1q;
  v.gram_s.noalias() = v.h1s.transpose() * v.h1s;
  v.gram_q.noalias() = v.h1s.transpose() * v.h1q;
  v.G.setZero();
  adapt_first_order<S>(v, support_y, alpha, steps, b3);
  return query_gradient_first_order<S>(shape, v, W2_0, p_u, query, query_y, b3, grad);
}

}  // namespace melu_math
}  // namespace metacf
