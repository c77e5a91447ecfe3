// MeLU's MLP gradients against central finite differences, in double.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/learners/melu/melu_math.h"
#include "core/util/rng.h"
#include "tests/core/finite_differences.h"

namespace metacf {
namespace {

using MatD = Eigen::MatrixXd;
using VecD = Eigen::VectorXd;

MatD random_matrix(Rng& rng, Eigen::Index rows, Eigen::Index cols, double std) {
  MatD m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = std * rng.normal();
  return m;
}

using testing::expect_close;
using testing::numeric_gradient;

struct MeluCase {
  MeluShape shape{4, 5};
  VecD params, p_u, support_y, query_y;
  MatD support, query;
};

MeluCase random_case(std::uint64_t seed) {
  Rng rng(seed);
  MeluCase c;
  c.params = random_matrix(rng, c.shape.size(), 1, 0.6);
  c.p_u = random_matrix(rng, 4, 1, 0.5);
  c.support = random_matrix(rng, 4, 6, 0.8);
  c.query = random_matrix(rng, 4, 8, 0.8);
  c.support_y = VecD::Zero(6);
  c.support_y.head(2).setOnes();
  c.query_y = VecD::Zero(8);
  c.query_y.head(2).setOnes();
  return c;
}

// The BCE of the full MLP on (items, y), forward only.
double mlp_loss(const MeluShape& shape, const VecD& params, const VecD& p_u, const MatD& items,
                const VecD& y) {
  MatD h1(shape.hidden, items.cols());
  melu_math::first_layer<double>(shape, params.data(), p_u, items, h1);
  VecD unused(shape.local_size());
  melu_math::HeadWorkspace<double> ws;
  return melu_math::head_loss_gradient<double>(shape, params.data() + shape.global_size(), h1, y,
                                               unused.data(), nullptr, ws);
}

TEST(GradientMeluTest, FullMlpGradientMatchesFiniteDifferences) {
  const MeluCase c = random_case(21);
  const MeluShape& s = c.shape;
  MatD h1(s.hidden, c.query.cols()), dh1(s.hidden, c.query.cols());
  melu_math::first_layer<double>(s, c.params.data(), c.p_u, c.query, h1);
  VecD grad(s.size());
  melu_math::HeadWorkspace<double> ws;
  Eigen::Ref<MatD> dh1_ref(dh1);
  melu_math::head_loss_gradient<double>(s, c.params.data() + s.global_size(), h1, c.query_y,
                                        grad.data() + s.global_size(), &dh1_ref, ws);
  melu_math::first_layer_gradient<double>(s, c.p_u, c.query, h1, dh1, grad.data());
  expect_close(grad, numeric_gradient(
                         [&](const VecD& v) { return mlp_loss(s, v, c.p_u, c.query, c.query_y); },
                         c.params));
}

// First-order MAML: the gradient is the full MLP gradient of the query loss, evaluated at the
// decision layers after K local steps on the support (input layer unchanged).
void expect_first_order_gradient(const MeluCase& c, int steps) {
  const MeluShape& s = c.shape;
  const double alpha = 0.2;
  VecD grad(s.size());
  melu_math::TaskWorkspace<double> ws;
  const double loss = melu_math::task_gradient_first_order<double>(
      s, c.params.data(), c.p_u, c.support, c.support_y, c.query, c.query_y, alpha, steps, ws,
      grad.data());

  // The adapted parameters, by plain gradient descent on the support loss with the local
  // gradient taken numerically (so this does not reuse the code under test).
  VecD adapted = c.params;
  for (int k = 0; k < steps; ++k) {
    const VecD local_grad = numeric_gradient(
        [&](const VecD& local) {
          VecD full = adapted;
          full.tail(s.local_size()) = local;
          return mlp_loss(s, full, c.p_u, c.support, c.support_y);
        },
        adapted.tail(s.local_size()));
    adapted.tail(s.local_size()) -= alpha * local_grad;
  }
  EXPECT_NEAR(loss, mlp_loss(s, adapted, c.p_u, c.query, c.query_y), 1e-8);
  expect_close(
      grad,
      numeric_gradient([&](const VecD& v) { return mlp_loss(s, v, c.p_u, c.query, c.query_y); },
                       adapted),
      1e-5);
}

TEST(GradientMeluTest, FirstOrderTaskGradientIsTheQueryGradientAtTheAdaptedParameters) {
  expect_first_order_gradient(random_case(22), 3);
}

// Fewer support items than hidden units (the usual case: the drift G H1s^T is then of low
// rank), more steps, and no step at all.
TEST(GradientMeluTest, FirstOrderTaskGradientHoldsForFewSupportItemsAndAnyK) {
  MeluCase c = random_case(23);
  c.support = c.support.leftCols(2).eval();
  c.support_y = c.support_y.head(2).eval();
  c.support_y[1] = 0;
  expect_first_order_gradient(c, 5);
  expect_first_order_gradient(c, 0);
}

}  // namespace
}  // namespace metacf
