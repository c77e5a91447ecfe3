#pragma once
// The initial user embedding p0 = g(S_u; Phi) of the three MetaCF learners, and its backward
// pass. Phi is one flat vector so that the optimiser, the gradient buffers and the stored
// parameters treat every learner alike; matrices inside it are column-major.
//
// Batched over users: column t of X is x_t (the mean of the support items' embeddings, followed,
// with the co-occurrence input, by the mean of their co-occurrence rows R), column
// t of P0 is p0_t. The forward runs per task (a column at a time) inside the parallel loop; the
// backward runs once per meta-batch as small matrix products, in a fixed order, so the summed
// gradient does not depend on the number of threads.
#include <omp.h>

#include <Eigen/Core>
#include <algorithm>
#include <stdexcept>
#include <type_traits>

#include "core/learners/task_kernels.h"
#include "core/learners/task_math.h"

namespace metacf {

enum class InitKind {
  kGlobal,  // metacf_g:        p0 = phi                      (Eq. 8)
  kLinear,  // metacf_p_linear: p0 = W x + b                  (Eq. 9-10)
  kNeural,  // metacf_p_neural: p0 = W2 relu(W1 x + b1) + b2
};

struct InitShape {
  InitKind kind = InitKind::kGlobal;
  Eigen::Index dim = 0;     // D
  Eigen::Index hidden = 0;  // H (neural only)
  Eigen::Index input = 0;   // rows of x when not D: 2D when the co-occurrence rows are pooled

  [[nodiscard]] Eigen::Index input_dim() const { return input > 0 ? input : dim; }
  [[nodiscard]] Eigen::Index size() const {
    const Eigen::Index in = input_dim();
    switch (kind) {
      case InitKind::kGlobal:
        return dim;
      case InitKind::kLinear:
        return dim * in + dim;
      case InitKind::kNeural:
        return hidden * in + hidden + dim * hidden + dim;
    }
    return 0;
  }
  // Rows of the hidden pre-activation cache A (0 unless neural).
  [[nodiscard]] Eigen::Index cache_rows() const { return kind == InitKind::kNeural ? hidden : 0; }
};

namespace init_math {

using task_math::MatX;
using task_math::VecX;

// Y = W X for the forward: one task's column in float through the kernel of the CPU's
// instruction set (task_kernels::matrix_vector, the bits of Eigen's product), otherwise Eigen.
template <typename S, typename Lhs, typename Rhs>
void layer_product(const Lhs& W, const Rhs& X, Eigen::Ref<MatX<S>> Y) {
  if constexpr (std::is_same_v<S, float>) {
    if (X.cols() == 1 && Y.cols() == 1 && task_kernels::matrix_vector_applies(W.rows(), W.cols())) {
      const VecX<S> x = X.col(0);  // evaluated, as Eigen evaluates an expression operand
      task_kernels::matrix_vector(W.data(), W.rows(), W.cols(), x.data(), Y.data());
      return;
    }
  }
  Y.noalias() = W * X;
}

// P0 = g(X; phi); A receives the neural pre-activations W1 X + b1 (unused otherwise).
template <typename S>
void forward(const InitShape& shape, const S* phi, Eigen::Ref<const MatX<S>> X,
             Eigen::Ref<MatX<S>> A, Eigen::Ref<MatX<S>> P0) {
  const Eigen::Index d = shape.dim;
  const Eigen::Index h = shape.hidden;
  const Eigen::Index in = shape.input_dim();
  switch (shape.kind) {
    case InitKind::kGlobal:
      P0.colwise() = Eigen::Map<const VecX<S>>(phi, d);
      return;
    case InitKind::kLinear: {
      Eigen::Map<const MatX<S>> W(phi, d, in);
      Eigen::Map<const VecX<S>> b(phi + d * in, d);
      layer_product<S>(W, X, P0);
      P0.colwise() += b;
      return;
    }
    case InitKind::kNeural: {
      Eigen::Map<const MatX<S>> W1(phi, h, in);
      Eigen::Map<const VecX<S>> b1(phi + h * in, h);
      Eigen::Map<const MatX<S>> W2(phi + h * in + h, d, h);
      Eigen::Map<const VecX<S>> b2(phi + h * in + h + d * h, d);
      layer_product<S>(W1, X, A);
      A.colwise() += b1;
      layer_product<S>(W2, A.cwiseMax(S(0)), P0);
      P0.colwise() += b2;
      return;
    }
  }
}

// The part of backward() that concerns output rows [first, first + count) of the layer whose
// weights it splits (the hidden rows of metacf_p_neural, the rows of W for metacf_p_linear);
// part 0 also writes the output bias. Every entry is a sum over the batch taken in task order,
// the same whichever rows a part holds, so the parts together equal one whole pass.
template <typename S>
void backward_part(const InitShape& shape, const S* phi, Eigen::Ref<const MatX<S>> X,
                   Eigen::Ref<const MatX<S>> A, Eigen::Ref<const MatX<S>> G0, S* grad,
                   Eigen::Index first, Eigen::Index count) {
  const Eigen::Index d = shape.dim;
  const Eigen::Index h = shape.hidden;
  const Eigen::Index in = shape.input_dim();
  switch (shape.kind) {
    case InitKind::kGlobal:
      if (first == 0) Eigen::Map<VecX<S>>(grad, d) = G0.rowwise().sum();
      return;
    case InitKind::kLinear: {
      Eigen::Map<MatX<S>>(grad, d, in).middleRows(first, count).noalias() =
          G0.middleRows(first, count) * X.transpose();
      Eigen::Map<VecX<S>>(grad + d * in, d).segment(first, count) =
          G0.middleRows(first, count).rowwise().sum();
      return;
    }
    case InitKind::kNeural: {
      Eigen::Map<const MatX<S>> W2(phi + h * in + h, d, h);
      const auto a = A.middleRows(first, count);
      Eigen::Map<MatX<S>>(grad + h * in + h, d, h).middleCols(first, count).noalias() =
          G0 * a.cwiseMax(S(0)).transpose();
      if (first == 0) Eigen::Map<VecX<S>>(grad + h * in + h + d * h, d) = G0.rowwise().sum();
      // Through the ReLU: the derivative is 1 where the pre-activation is positive.
      const MatX<S> dA = (W2.middleCols(first, count).transpose() * G0)
                             .cwiseProduct((a.array() > S(0)).template cast<S>().matrix());
      Eigen::Map<MatX<S>>(grad, h, in).middleRows(first, count).noalias() = dA * X.transpose();
      Eigen::Map<VecX<S>>(grad + h * in, h).segment(first, count) = dA.rowwise().sum();
      return;
    }
  }
  throw std::logic_error("init_math::backward: unknown initialiser kind");
}

// Rows of the split layer: hidden units for metacf_p_neural, D for the others.
inline Eigen::Index split_rows(const InitShape& shape) {
  return shape.kind == InitKind::kNeural ? shape.hidden : shape.dim;
}

// The meta-gradient's backward (see backward()) in runs of 16 rows of the split layer, shared
// out among a parallel region's team: every thread of the team calls it (an orphaned omp for),
// so a meta-batch's task loop and its backward share one region. The loop keeps no barrier of
// its own: the caller's region ends right after it and waits for every thread. Every entry is
// a sum over the batch in task order, so the result is one pass's, bit for bit.
template <typename S>
void backward_in_team(const InitShape& shape, const S* phi, Eigen::Ref<const MatX<S>> X,
                      Eigen::Ref<const MatX<S>> A, Eigen::Ref<const MatX<S>> G0, S* grad) {
  constexpr Eigen::Index kRowsPerRun = 16;
  const Eigen::Index rows = split_rows(shape);
  const Eigen::Index runs = (rows + kRowsPerRun - 1) / kRowsPerRun;
  const auto count =
      shape.kind == InitKind::kGlobal
          ? Eigen::Index{1}
          : std::max<Eigen::Index>(1, std::min<Eigen::Index>(omp_get_num_threads(), runs));
#pragma omp for schedule(static) nowait
  for (Eigen::Index part = 0; part < count; ++part) {
    const Eigen::Index first = runs * part / count * kRowsPerRun;
    const Eigen::Index last = std::min(rows, runs * (part + 1) / count * kRowsPerRun);
    backward_part<S>(shape, phi, X, A, G0, grad, first, last - first);
  }
}

// grad = d/dphi sum_t G0.col(t) . p0_t, i.e. the meta-gradient of the batch once G0 holds each
// task's dMetaLoss/dp0. Overwrites grad (shape.size() entries). With `parts` threads (0: as many
// as OpenMP offers) the rows are shared as backward_in_team shares them, with the same result,
// bit for bit, as one.
template <typename S>
void backward(const InitShape& shape, const S* phi, Eigen::Ref<const MatX<S>> X,
              Eigen::Ref<const MatX<S>> A, Eigen::Ref<const MatX<S>> G0, S* grad, int parts = 1) {
  if (parts <= 0) parts = omp_get_max_threads();
  if (parts == 1 || shape.kind == InitKind::kGlobal) {
    backward_part<S>(shape, phi, X, A, G0, grad, 0, split_rows(shape));
    return;
  }
#pragma omp parallel num_threads(parts)
  backward_in_team<S>(shape, phi, X, A, G0, grad);
}

}  // namespace init_math
}  // namespace metacf
