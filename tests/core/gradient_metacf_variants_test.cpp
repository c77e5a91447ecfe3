// The gradients of the MetaCF variants against central finite differences, in double: the item
// bias (score p . q + b), Meta-SGD (a per-dimension local step alpha) and the co-occurrence
// initialiser input (x of 2D rows), through K = 1, 2, 3 local steps.
#include <gtest/gtest.h>

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
using testing::expect_close;
using testing::numeric_gradient;

VecD random_vector(Rng& rng, Eigen::Index size, double std) {
  VecD v(size);
  for (Eigen::Index i = 0; i < size; ++i) v[i] = std * rng.normal();
  return v;
}

MatD random_matrix(Rng& rng, Eigen::Index rows, Eigen::Index cols, double std) {
  return random_vector(rng, rows * cols, std).reshaped(rows, cols);
}

VecD positives_first(Eigen::Index positives, Eigen::Index total) {
  VecD y = VecD::Zero(total);
  y.head(positives).setOnes();
  return y;
}

// Everything one task's meta-loss depends on, flattened where finite differences perturb it.
struct Problem {
  InitShape shape;
  MatD support, query;
  VecD support_y, query_y;
  VecD x;       // initialiser input (input_dim)
  VecD phi;     // initialiser parameters
  VecD alphas;  // Meta-SGD steps (D), or empty for the scalar alpha
  double alpha = 0.4;
  VecD support_bias, query_bias;  // per column, or empty
  int steps = 1;

  [[nodiscard]] task_math::StepSize<double> step(const VecD& a) const {
    return {alpha, a.size() ? a.data() : nullptr};
  }
  [[nodiscard]] task_math::TaskBias<double> bias(const VecD& s, const VecD& q) const {
    return {s.size() ? s.data() : nullptr, q.size() ? q.data() : nullptr};
  }
};

Problem make_problem(InitKind kind, int steps, bool meta_sgd, bool bias, bool cooc,
                     std::uint64_t seed) {
  Rng rng(seed);
  Problem p;
  const Eigen::Index d = 6;
  p.shape = InitShape{kind, d, kind == InitKind::kNeural ? 5 : 0, cooc ? 2 * d : 0};
  p.support = random_matrix(rng, d, 8, 0.6);
  p.query = random_matrix(rng, d, 12, 0.6);
  p.support_y = positives_first(2, 8);
  p.query_y = positives_first(3, 12);
  p.x = random_vector(rng, p.shape.input_dim(), 0.7);
  p.phi = random_vector(rng, p.shape.size(), 0.5);
  // Steps large enough that (I - A H) differs clearly from I, and different per dimension.
  if (meta_sgd) p.alphas = (0.2 + 0.4 * random_vector(rng, d, 1.0).array().abs()).matrix();
  if (bias) {
    p.support_bias = random_vector(rng, 8, 0.8);
    p.query_bias = random_vector(rng, 12, 0.8);
  }
  p.steps = steps;
  return p;
}

// Forward only: the meta-loss as a function of every input that has a gradient.
double meta_loss(const Problem& p, const VecD& phi, const VecD& alphas, const VecD& sbias,
                 const VecD& qbias) {
  MatD a(p.shape.cache_rows(), 1);
  VecD p0(p.shape.dim);
  init_math::forward<double>(p.shape, phi.data(), p.x, a, p0);
  task_math::AdaptWorkspace<double> ws;
  const auto path = task_math::local_steps<double>(p.support, p.support_y, p0, p.step(alphas),
                                                   p.steps, ws, p.bias(sbias, qbias).support);
  const VecD pk = path.col(p.steps);
  return task_math::bce_loss<double>(p.query, p.query_y, pk, p.bias(sbias, qbias).query);
}

struct Gradients {
  double loss = 0;
  VecD g0, phi, alpha, support_bias, query_bias;
};

Gradients analytic(const Problem& p, bool exact) {
  MatD a(p.shape.cache_rows(), 1);
  MatD p0(p.shape.dim, 1);
  Gradients g;
  g.g0.resize(p.shape.dim);
  g.alpha.resize(p.alphas.size());
  g.support_bias.resize(p.support_bias.size());
  g.query_bias.resize(p.query_bias.size());
  task_math::ExtraGradients<double> extra;
  if (p.alphas.size()) extra.alpha = g.alpha.data();
  if (p.support_bias.size()) {
    extra.support_bias = g.support_bias.data();
    extra.query_bias = g.query_bias.data();
  }
  task_math::AdaptWorkspace<double> ws;
  g.loss = metacf_task_gradient<double>(p.shape, p.phi.data(), p.x, a, p0, p.support, p.support_y,
                                        p.query, p.query_y, p.step(p.alphas), p.steps, exact,
                                        p.bias(p.support_bias, p.query_bias), ws, g.g0, extra);
  g.phi.resize(p.shape.size());
  init_math::backward<double>(p.shape, p.phi.data(), p.x, a, g.g0, g.phi.data());
  return g;
}

TEST(GradientMetaCFVariantsTest, BiasedBceGradientMatchesFiniteDifferencesInPAndBias) {
  Rng rng(41);
  const MatD items = random_matrix(rng, 6, 8, 0.6);
  const VecD y = positives_first(2, 8);
  const VecD p = random_vector(rng, 6, 0.8);
  const VecD b = random_vector(rng, 8, 0.8);
  VecD grad(6), sig(8);
  const double loss = task_math::bce_loss_gradient<double>(items, y, p, grad, sig, b.data());
  EXPECT_NEAR(loss, task_math::bce_loss<double>(items, y, p, b.data()), 1e-12);
  expect_close(
      grad,
      numeric_gradient(
          [&](const VecD& v) { return task_math::bce_loss<double>(items, y, v, b.data()); }, p));
  // dL/db_i = sigmoid(z_i) - y_i.
  expect_close(
      sig - y,
      numeric_gradient(
          [&](const VecD& v) { return task_math::bce_loss<double>(items, y, p, v.data()); }, b));
}

// kind, K, Meta-SGD, item bias, co-occurrence input.
using Variant = std::tuple<InitKind, int, bool, bool, bool>;
class ExactVariantGradientTest : public ::testing::TestWithParam<Variant> {};

TEST_P(ExactVariantGradientTest, EveryMetaParameterMatchesFiniteDifferences) {
  const auto [kind, steps, meta_sgd, bias, cooc] = GetParam();
  const Problem p = make_problem(
      kind, steps, meta_sgd, bias, cooc,
      500 + static_cast<int>(kind) * 100 + steps * 10 + meta_sgd * 4 + bias * 2 + cooc);
  const Gradients g = analytic(p, true);
  EXPECT_NEAR(g.loss, meta_loss(p, p.phi, p.alphas, p.support_bias, p.query_bias), 1e-12);
  expect_close(g.phi, numeric_gradient(
                          [&](const VecD& v) {
                            return meta_loss(p, v, p.alphas, p.support_bias, p.query_bias);
                          },
                          p.phi));
  if (meta_sgd) {
    expect_close(g.alpha, numeric_gradient(
                              [&](const VecD& v) {
                                return meta_loss(p, p.phi, v, p.support_bias, p.query_bias);
                              },
                              p.alphas));
  }
  if (bias) {
    expect_close(g.support_bias,
                 numeric_gradient(
                     [&](const VecD& v) { return meta_loss(p, p.phi, p.alphas, v, p.query_bias); },
                     p.support_bias));
    expect_close(g.query_bias, numeric_gradient(
                                   [&](const VecD& v) {
                                     return meta_loss(p, p.phi, p.alphas, p.support_bias, v);
                                   },
                                   p.query_bias));
    // The support biases act only through the local steps: a test that could not tell the
    // exact path from none would pass with zeros.
    EXPECT_GT(g.support_bias.norm(), 1e-3);
  }
}

INSTANTIATE_TEST_SUITE_P(MetaSgdK123, ExactVariantGradientTest,
                         ::testing::Combine(::testing::Values(InitKind::kGlobal, InitKind::kLinear,
                                                              InitKind::kNeural),
                                            ::testing::Values(1, 2, 3), ::testing::Values(true),
                                            ::testing::Values(false), ::testing::Values(false)));
INSTANTIATE_TEST_SUITE_P(ItemBiasK123, ExactVariantGradientTest,
                         ::testing::Combine(::testing::Values(InitKind::kGlobal, InitKind::kLinear,
                                                              InitKind::kNeural),
                                            ::testing::Values(1, 2, 3), ::testing::Values(false),
                                            ::testing::Values(true), ::testing::Values(false)));
INSTANTIATE_TEST_SUITE_P(CooccurrenceInputK123, ExactVariantGradientTest,
                         ::testing::Combine(::testing::Values(InitKind::kLinear, InitKind::kNeural),
                                            ::testing::Values(1, 2, 3), ::testing::Values(false),
                                            ::testing::Values(false), ::testing::Values(true)));
INSTANTIATE_TEST_SUITE_P(AllTogetherK123, ExactVariantGradientTest,
                         ::testing::Combine(::testing::Values(InitKind::kLinear, InitKind::kNeural),
                                            ::testing::Values(1, 2, 3), ::testing::Values(true),
                                            ::testing::Values(true), ::testing::Values(true)));

class FirstOrderMetaSgdTest : public ::testing::TestWithParam<int> {};

// First-order Meta-SGD holds every dL/dp_{k+1} at dL/dp_K and the support gradients fixed: its
// alpha gradient is then the exact gradient of L_Q(p0 - alpha .* sum_k grad_k), with the
// grad_k frozen at the actual path. At K = 1 nothing is dropped, so it is the true gradient.
TEST_P(FirstOrderMetaSgdTest, AlphaGradientIsTheFrozenPathGradientAndExactAtOneStep) {
  const int steps = GetParam();
  const Problem p = make_problem(InitKind::kLinear, steps, true, true, false, 700 + steps);
  const Gradients fo = analytic(p, false);

  MatD a(p.shape.cache_rows(), 1);
  VecD p0(p.shape.dim);
  init_math::forward<double>(p.shape, p.phi.data(), p.x, a, p0);
  task_math::AdaptWorkspace<double> ws;
  task_math::local_steps<double>(p.support, p.support_y, p0, p.step(p.alphas), steps, ws,
                                 p.support_bias.data());
  const VecD summed = Eigen::Map<const MatD>(ws.grad.data(), p.shape.dim, steps).rowwise().sum();
  expect_close(fo.alpha, numeric_gradient(
                             [&](const VecD& v) {
                               const VecD pk = p0 - v.cwiseProduct(summed);
                               return task_math::bce_loss<double>(p.query, p.query_y, pk,
                                                                  p.query_bias.data());
                             },
                             p.alphas));
  const Gradients exact = analytic(p, true);
  if (steps == 1) {
    expect_close(fo.alpha, exact.alpha, 1e-12);
  } else {
    EXPECT_GT((fo.alpha - exact.alpha).norm(), 1e-4 * exact.alpha.norm());
  }
  // The query biases' gradient needs no approximation; the support biases' is dropped.
  expect_close(fo.query_bias, exact.query_bias, 1e-12);
  EXPECT_EQ(fo.support_bias.norm(), 0.0);
}

INSTANTIATE_TEST_SUITE_P(K123, FirstOrderMetaSgdTest, ::testing::Values(1, 2, 3));

// With every alpha_d equal to the scalar alpha, Meta-SGD is the plain learner.
TEST(GradientMetaCFVariantsTest, EqualStepsReproduceTheScalarStep) {
  Problem p = make_problem(InitKind::kNeural, 3, false, false, false, 800);
  const Gradients scalar = analytic(p, true);
  p.alphas = VecD::Constant(p.shape.dim, p.alpha);
  const Gradients per_dim = analytic(p, true);
  EXPECT_NEAR(per_dim.loss, scalar.loss, 1e-12);
  expect_close(per_dim.phi, scalar.phi, 1e-12);
}

}  // namespace
}  // namespace metacf
