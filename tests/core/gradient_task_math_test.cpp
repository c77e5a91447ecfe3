// Every hand-derived gradient of the MetaCF/BPR task math against central finite differences,
// in double (the production code is the same template instantiated for float).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <tuple>

#include "core/learners/metacf/initializer.h"
#include "core/learners/metacf/metacf_task.h"
#include "core/learners/task_math.h"
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

VecD labels_positive_first(Eigen::Index positives, Eigen::Index total) {
  VecD y = VecD::Zero(total);
  y.head(positives).setOnes();
  return y;
}

using testing::expect_close;
using testing::numeric_gradient;

// One task: support 2 positives + 6 negatives, query 3 positives + 9 negatives, D = 6.
struct TaskD {
  MatD support, query;
  VecD support_y, query_y;
};

TaskD random_task(Rng& rng, Eigen::Index d) {
  TaskD t;
  t.support = random_matrix(rng, d, 8, 0.6);
  t.query = random_matrix(rng, d, 12, 0.6);
  t.support_y = labels_positive_first(2, 8);
  t.query_y = labels_positive_first(3, 12);
  return t;
}

TEST(GradientTaskMathTest, BceGradientMatchesFiniteDifferences) {
  Rng rng(11);
  const TaskD t = random_task(rng, 6);
  const VecD p = random_matrix(rng, 6, 1, 0.8);
  VecD grad(6), sig(8);
  const double loss = task_math::bce_loss_gradient<double>(t.support, t.support_y, p, grad, sig);
  EXPECT_NEAR(loss, task_math::bce_loss<double>(t.support, t.support_y, p), 1e-12);
  expect_close(grad, numeric_gradient(
                         [&](const VecD& x) {
                           return task_math::bce_loss<double>(t.support, t.support_y, x);
                         },
                         p));
}

TEST(GradientTaskMathTest, BceLossIsTheSumOfPairwiseCrossEntropies) {
  // Two pairs by hand: z = 0 (label 1) costs log 2; z = 2 (label 0) costs log(1 + e^2).
  MatD items(2, 2);
  items << 0, 1,  //
      0, 1;
  VecD y(2);
  y << 1, 0;
  VecD p(2);
  p << 1, 1;
  EXPECT_NEAR(task_math::bce_loss<double>(items, y, p), std::log(2.0) + std::log(1 + std::exp(2.0)),
              1e-12);
}

TEST(GradientTaskMathTest, HessianVectorProductMatchesFiniteDifferencesOfTheGradient) {
  Rng rng(12);
  const TaskD t = random_task(rng, 6);
  const VecD p = random_matrix(rng, 6, 1, 0.8);
  const VecD v = random_matrix(rng, 6, 1, 1.0);
  VecD grad(6), sig(8), hv(6);
  task_math::bce_loss_gradient<double>(t.support, t.support_y, p, grad, sig);
  task_math::bce_hessian_vector<double>(t.support, sig, v, hv);
  // d/de grad(p + e v) at e = 0 is H v.
  const double eps = 1e-6;
  VecD gp(6), gm(6), s(8);
  task_math::bce_loss_gradient<double>(t.support, t.support_y, p + eps * v, gp, s);
  task_math::bce_loss_gradient<double>(t.support, t.support_y, p - eps * v, gm, s);
  expect_close(hv, (gp - gm) / (2 * eps));
}

TEST(GradientTaskMathTest, BprGradientMatchesFiniteDifferences) {
  Rng rng(13);
  const int k = 3;
  const MatD pos = random_matrix(rng, 5, 2, 0.7);
  const MatD neg = random_matrix(rng, 5, 2 * k, 0.7);
  const VecD p = random_matrix(rng, 5, 1, 0.8);
  VecD grad(5), unused(5);
  task_math::bpr_loss_gradient<double>(pos, neg, k, p, grad);
  expect_close(grad, numeric_gradient(
                         [&](const VecD& x) {
                           return task_math::bpr_loss_gradient<double>(pos, neg, k, x, unused);
                         },
                         p));
}

// Serving asks for the gradient alone; it must be the very gradient the loss's check covers.
TEST(GradientTaskMathTest, BprGradientWithoutTheLossIsTheSameGradient) {
  using MatF = task_math::MatX<float>;
  using VecF = task_math::VecX<float>;
  Rng rng(14);
  const int k = 3;
  const MatF pos = random_matrix(rng, 32, 5, 0.7).cast<float>();
  const MatF neg = random_matrix(rng, 32, 5 * k, 0.7).cast<float>();
  const VecF p = random_matrix(rng, 32, 1, 0.8).cast<float>();
  VecF with_loss(32), alone(32);
  const float loss = task_math::bpr_loss_gradient<float>(pos, neg, k, p, with_loss);
  task_math::bpr_gradient<float>(pos, neg, k, p, alone);
  EXPECT_GT(loss, 0.0f);
  EXPECT_EQ(0, std::memcmp(with_loss.data(), alone.data(), sizeof(float) * 32));
}

// The meta-loss as a function of Phi, computed forward only.
double meta_loss_of_phi(const InitShape& shape, const VecD& phi, const VecD& x, const TaskD& t,
                        double alpha, int steps) {
  MatD a(shape.cache_rows(), 1);
  VecD p0(shape.dim);
  init_math::forward<double>(shape, phi.data(), x, a, p0);
  task_math::AdaptWorkspace<double> ws;
  const auto path = task_math::local_steps<double>(t.support, t.support_y, p0, alpha, steps, ws);
  const VecD pk = path.col(steps);
  return task_math::bce_loss<double>(t.query, t.query_y, pk);
}

struct MetaGradient {
  VecD phi_grad;
  VecD g0;
  double loss;
};

MetaGradient analytic_meta_gradient(const InitShape& shape, const VecD& phi, const VecD& x,
                                    const TaskD& t, double alpha, int steps, bool exact) {
  MatD a(shape.cache_rows(), 1);
  MatD p0(shape.dim, 1);
  VecD g0(shape.dim);
  task_math::AdaptWorkspace<double> ws;
  MetaGradient out;
  out.loss = metacf_task_gradient<double>(shape, phi.data(), x, a, p0, t.support, t.support_y,
                                          t.query, t.query_y, alpha, steps, exact, ws, g0);
  out.phi_grad.resize(shape.size());
  init_math::backward<double>(shape, phi.data(), x, a, g0, out.phi_grad.data());
  out.g0 = g0;
  return out;
}

class ExactMetaGradientTest : public ::testing::TestWithParam<std::tuple<InitKind, int>> {};

TEST_P(ExactMetaGradientTest, EveryPhiEntryMatchesFiniteDifferences) {
  const auto [kind, steps] = GetParam();
  Rng rng(100 + static_cast<int>(kind) * 10 + steps);
  InitShape shape{kind, 6, kind == InitKind::kNeural ? 5 : 0};
  const TaskD t = random_task(rng, shape.dim);
  const VecD x = t.support.leftCols(2).rowwise().mean();
  const VecD phi = random_matrix(rng, shape.size(), 1, 0.5);
  // A step large enough that (I - alpha H) differs clearly from I.
  const double alpha = 0.4;
  const MetaGradient g = analytic_meta_gradient(shape, phi, x, t, alpha, steps, true);
  EXPECT_NEAR(g.loss, meta_loss_of_phi(shape, phi, x, t, alpha, steps), 1e-12);
  expect_close(
      g.phi_grad,
      numeric_gradient(
          [&](const VecD& v) { return meta_loss_of_phi(shape, v, x, t, alpha, steps); }, phi));
  // ... and it is not the first-order approximation (so the test above can tell them apart).
  const MetaGradient fo = analytic_meta_gradient(shape, phi, x, t, alpha, steps, false);
  EXPECT_GT((fo.phi_grad - g.phi_grad).norm(), 1e-3 * g.phi_grad.norm());
}

INSTANTIATE_TEST_SUITE_P(AllInitialisersK123, ExactMetaGradientTest,
                         ::testing::Combine(::testing::Values(InitKind::kGlobal, InitKind::kLinear,
                                                              InitKind::kNeural),
                                            ::testing::Values(1, 2, 3)));

class FirstOrderMetaGradientTest : public ::testing::TestWithParam<InitKind> {};

// First-order: dL/dp0 is replaced by dL/dpK, the query-loss gradient at the adapted embedding,
// and that vector is pulled back through the initialiser exactly.
TEST_P(FirstOrderMetaGradientTest, IsTheQueryGradientAtPKPulledBackThroughTheInitialiser) {
  const InitKind kind = GetParam();
  Rng rng(200 + static_cast<int>(kind));
  InitShape shape{kind, 6, kind == InitKind::kNeural ? 5 : 0};
  const TaskD t = random_task(rng, shape.dim);
  const VecD x = t.support.leftCols(2).rowwise().mean();
  const VecD phi = random_matrix(rng, shape.size(), 1, 0.5);
  const double alpha = 0.4;
  const int steps = 3;
  const MetaGradient fo = analytic_meta_gradient(shape, phi, x, t, alpha, steps, false);

  MatD a(shape.cache_rows(), 1);
  VecD p0(shape.dim);
  init_math::forward<double>(shape, phi.data(), x, a, p0);
  task_math::AdaptWorkspace<double> ws;
  const VecD pk =
      task_math::local_steps<double>(t.support, t.support_y, p0, alpha, steps, ws).col(steps);
  const VecD query_grad = numeric_gradient(
      [&](const VecD& p) { return task_math::bce_loss<double>(t.query, t.query_y, p); }, pk);
  expect_close(fo.g0, query_grad);
  // Phi gradient = d/dPhi (g0 . p0(Phi)) with g0 held fixed.
  expect_close(fo.phi_grad, numeric_gradient(
                                [&](const VecD& v) {
                                  MatD a2(shape.cache_rows(), 1);
                                  VecD q0(shape.dim);
                                  init_math::forward<double>(shape, v.data(), x, a2, q0);
                                  return fo.g0.dot(q0);
                                },
                                phi));
}

INSTANTIATE_TEST_SUITE_P(AllInitialisers, FirstOrderMetaGradientTest,
                         ::testing::Values(InitKind::kGlobal, InitKind::kLinear,
                                           InitKind::kNeural));

TEST(GradientTaskMathTest, WithZeroStepsExactAndFirstOrderAgree) {
  Rng rng(300);
  InitShape shape{InitKind::kLinear, 6, 0};
  const TaskD t = random_task(rng, 6);
  const VecD x = t.support.leftCols(2).rowwise().mean();
  const VecD phi = random_matrix(rng, shape.size(), 1, 0.5);
  const auto exact = analytic_meta_gradient(shape, phi, x, t, 0.4, 0, true);
  const auto fo = analytic_meta_gradient(shape, phi, x, t, 0.4, 0, false);
  expect_close(exact.phi_grad, fo.phi_grad, 1e-12);
}

// The learner computes the initialiser's backward once per batch; it must equal the sum of the
// per-task backward passes.
TEST(GradientTaskMathTest, BatchedInitialiserBackwardIsTheSumOverTasks) {
  Rng rng(301);
  InitShape shape{InitKind::kNeural, 6, 5};
  const VecD phi = random_matrix(rng, shape.size(), 1, 0.5);
  const MatD X = random_matrix(rng, 6, 4, 0.7);
  const MatD G0 = random_matrix(rng, 6, 4, 1.0);
  MatD A(5, 4), P0(6, 4);
  init_math::forward<double>(shape, phi.data(), X, A, P0);
  VecD batched(shape.size()), one(shape.size()), summed = VecD::Zero(shape.size());
  init_math::backward<double>(shape, phi.data(), X, A, G0, batched.data());
  for (int t = 0; t < 4; ++t) {
    init_math::backward<double>(shape, phi.data(), X.col(t), A.col(t), G0.col(t), one.data());
    summed += one;
  }
  expect_close(batched, summed, 1e-12);
}

// Shared between threads by rows, the learner's float backward must give the one-thread
// gradient bit for bit, so that meta-training does not depend on the thread count. Shapes: the
// learners' defaults (D 32, hidden 64; the co-occurrence input doubles the input), a full and
// a last, ragged meta-batch, and rows that do not fill the runs of 16.
TEST(GradientTaskMathTest, BackwardSharedByRowsEqualsOnePassBitForBit) {
  using MatF = task_math::MatX<float>;
  using VecF = task_math::VecX<float>;
  Rng rng(302);
  const auto random_float = [&](Eigen::Index rows, Eigen::Index cols) {
    return MatF(random_matrix(rng, rows, cols, 0.7).cast<float>());
  };
  for (const InitShape& shape :
       {InitShape{InitKind::kNeural, 32, 64}, InitShape{InitKind::kNeural, 32, 64, 64},
        InitShape{InitKind::kNeural, 20, 50}, InitShape{InitKind::kLinear, 32, 0},
        InitShape{InitKind::kLinear, 40, 0, 80}, InitShape{InitKind::kGlobal, 32, 0}}) {
    for (const Eigen::Index batch : {32, 7}) {
      const VecF phi = random_float(shape.size(), 1);
      const MatF X = random_float(shape.input_dim(), batch);
      const MatF G0 = random_float(shape.dim, batch);
      MatF A(shape.cache_rows(), batch), P0(shape.dim, batch);
      init_math::forward<float>(shape, phi.data(), X, A, P0);
      VecF one(shape.size());
      init_math::backward<float>(shape, phi.data(), X, A, G0, one.data(), 1);
      for (const int parts : {2, 3, 4}) {
        VecF shared = VecF::Constant(shape.size(), -7.0f);
        init_math::backward<float>(shape, phi.data(), X, A, G0, shared.data(), parts);
        EXPECT_TRUE(shared == one) << "kind " << static_cast<int>(shape.kind) << ", dim "
                                   << shape.dim << ", batch " << batch << ", parts " << parts;
        // The same runs shared out among a team the caller already started, as the learner
        // does after its task loop.
        VecF in_team = VecF::Constant(shape.size(), -7.0f);
#pragma omp parallel num_threads(parts)
        init_math::backward_in_team<float>(shape, phi.data(), X, A, G0, in_team.data());
        EXPECT_TRUE(in_team == one)
            << "in a team: kind " << static_cast<int>(shape.kind) << ", dim " << shape.dim
            << ", batch " << batch << ", threads " << parts;
      }
    }
  }
}

}  // namespace
}  // namespace metacf
