// The task gradient runs in passes (every logit, every exponential, then the gradient held in
// registers sixteen rows at a time) so that the work of different columns overlaps. That must
// not change a bit of what the learners compute: here each pass is held, in float, against the
// column-at-a-time loop it replaced, at dimensions on and off the sixteen-row runs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <tuple>

#include "core/learners/task_math.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

using MatF = Eigen::MatrixXf;
using VecF = Eigen::VectorXf;

MatF random_matrix(Rng& rng, Eigen::Index rows, Eigen::Index cols, double std) {
  MatF m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(std * rng.normal());
  return m;
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expect_same_bits(const VecF& got, const VecF& want) {
  ASSERT_EQ(got.size(), want.size());
  for (Eigen::Index i = 0; i < got.size(); ++i) {
    EXPECT_TRUE(same_bits(got[i], want[i])) << "entry " << i << ": " << got[i] << " vs " << want[i];
  }
}

// The loop bce_loss_gradient was before it ran in passes.
float column_at_a_time(const MatF& items, const VecF& labels, const VecF& p, const float* bias,
                       VecF& grad, VecF& sig) {
  float loss = 0;
  grad.setZero();
  for (Eigen::Index i = 0; i < items.cols(); ++i) {
    const float z = items.col(i).dot(p) + (bias ? bias[i] : 0.0f);
    const float e = std::exp(-std::abs(z));
    loss += std::max(z, 0.0f) + std::log(1.0f + e) - labels[i] * z;
    sig[i] = z >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);  // the sigmoid with its branch
    grad.noalias() += (sig[i] - labels[i]) * items.col(i);
  }
  return loss;
}

class TaskMathOrderTest : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(TaskMathOrderTest, GradientInPassesIsTheColumnAtATimeSumBitForBit) {
  const auto [d, m] = GetParam();
  Rng rng(static_cast<std::uint64_t>(100 * d + m));
  const MatF items = random_matrix(rng, d, m, 0.7);
  const VecF p = random_matrix(rng, d, 1, 0.9);
  const VecF bias = random_matrix(rng, m, 1, 0.5);
  VecF labels = VecF::Zero(m);
  labels.head((m + 3) / 4).setOnes();
  for (const float* b : {static_cast<const float*>(nullptr), bias.data()}) {
    VecF grad(d), sig(m), want_grad(d), want_sig(m);
    const float loss = task_math::bce_loss_gradient<float>(items, labels, p, grad, sig, b);
    const float want = column_at_a_time(items, labels, p, b, want_grad, want_sig);
    EXPECT_TRUE(same_bits(loss, want)) << loss << " vs " << want;
    expect_same_bits(grad, want_grad);
    expect_same_bits(sig, want_sig);
    // Without the loss the gradient is the same too.
    VecF grad_only(d), sig_only(m);
    task_math::bce_loss_gradient<float, false>(items, labels, p, grad_only, sig_only, b);
    expect_same_bits(grad_only, want_grad);
  }
}

TEST_P(TaskMathOrderTest, HessianVectorInPassesIsTheColumnAtATimeSumBitForBit) {
  const auto [d, m] = GetParam();
  Rng rng(static_cast<std::uint64_t>(7 * d + m));
  const MatF items = random_matrix(rng, d, m, 0.7);
  const VecF v = random_matrix(rng, d, 1, 0.9);
  VecF sig(m);
  for (Eigen::Index i = 0; i < m; ++i) sig[i] = static_cast<float>(rng.uniform());
  VecF want = VecF::Zero(d);
  for (Eigen::Index i = 0; i < m; ++i) {
    const float w = sig[i] * (1.0f - sig[i]) * items.col(i).dot(v);
    want.noalias() += w * items.col(i);
  }
  VecF got(d);
  task_math::bce_hessian_vector<float>(items, sig, v, got);
  expect_same_bits(got, want);
}

// D on and off the runs of sixteen rows (32 is the default); support-sized and larger blocks.
INSTANTIATE_TEST_SUITE_P(Shapes, TaskMathOrderTest,
                         ::testing::Combine(::testing::Values(1, 6, 16, 17, 32, 37, 64),
                                            ::testing::Values(1, 11, 40)));

}  // namespace
}  // namespace metacf
