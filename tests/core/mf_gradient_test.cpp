#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/train/mf_loss.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

void fill(EmbeddingMatrix& m, Rng& rng) {
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal() * 0.5);
}

double loss_only(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                 const std::vector<LabelledPair>& pairs, double l2) {
  EmbeddingMatrix gp = EmbeddingMatrix::Zero(P.rows(), P.cols());
  EmbeddingMatrix gq = EmbeddingMatrix::Zero(Q.rows(), Q.cols());
  return mf_loss_and_gradient(P, Q, pairs, l2, gp, gq);
}

// Central differences in float need a step large enough to beat rounding; the loss is smooth,
// so 1e-2 keeps truncation error (~eps^2) well under the 1e-4 relative tolerance... checked
// against the analytic gradient entry by entry.
TEST(MfGradientTest, MatchesCentralFiniteDifferences) {
  Rng rng(21);
  EmbeddingMatrix P(3, 4), Q(5, 4);
  fill(P, rng);
  fill(Q, rng);
  const std::vector<LabelledPair> pairs{{0, 1, 1}, {0, 3, 0}, {1, 1, 0},
                                        {2, 4, 1}, {2, 0, 0}, {1, 2, 1}};
  const double l2 = 0.05;
  EmbeddingMatrix gp = EmbeddingMatrix::Zero(3, 4), gq = EmbeddingMatrix::Zero(5, 4);
  mf_loss_and_gradient(P, Q, pairs, l2, gp, gq);

  auto check = [&](EmbeddingMatrix& m, const EmbeddingMatrix& analytic) {
    for (Eigen::Index i = 0; i < m.size(); ++i) {
      const float original = m.data()[i];
      const float eps = 1e-2f;
      m.data()[i] = original + eps;
      const double up = loss_only(P, Q, pairs, l2);
      m.data()[i] = original - eps;
      const double down = loss_only(P, Q, pairs, l2);
      m.data()[i] = original;
      const double numeric = (up - down) / (2.0 * eps);
      EXPECT_NEAR(analytic.data()[i], numeric, 1e-4 * std::max(1.0, std::abs(numeric)) + 2e-5)
          << "entry " << i;
    }
  };
  check(P, gp);
  check(Q, gq);
}

TEST(MfGradientTest, BceWithLogitIsStableForLargeLogits) {
  EXPECT_NEAR(bce_with_logit(0.0, 1.0), std::log(2.0), 1e-12);
  EXPECT_NEAR(bce_with_logit(100.0, 1.0), 0.0, 1e-12);
  EXPECT_NEAR(bce_with_logit(100.0, 0.0), 100.0, 1e-9);
  EXPECT_NEAR(bce_with_logit(-100.0, 1.0), 100.0, 1e-9);
  EXPECT_TRUE(std::isfinite(bce_with_logit(-1e6, 1.0)));
}

// The training loop's form of the loss, from the exp(-x) its sigmoid already paid for.
TEST(MfGradientTest, BceFromExpAgreesWithBceWithLogit) {
  for (double x :
       {-1e6, -800.0, -100.0, -36.0, -5.5, -1.0, -1e-3, 0.0, 1e-3, 0.7, 4.0, 30.0, 100.0, 800.0}) {
    for (double y : {0.0, 1.0}) {
      const double reference = bce_with_logit(x, y);
      EXPECT_NEAR(bce_from_exp(x, std::exp(-x), y), reference, 2e-7 * std::max(1.0, reference))
          << "x " << x << " y " << y;
    }
  }
}

}  // namespace
}  // namespace metacf
