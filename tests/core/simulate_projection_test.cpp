#include <gtest/gtest.h>

#include <Eigen/QR>
#include <cmath>
#include <stdexcept>

#include "core/simulate/projection.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

TEST(SimulateProjectionTest, HandWorkedCrossOfFourItems) {
  // Four items on the axes: mean 0, variance 2/4 = 0.5 along x and 2 * 0.25 / 4 = 0.125 along y.
  Eigen::MatrixXf Q(4, 2);
  Q << 1, 0, -1, 0, 0, 0.5f, 0, -0.5f;
  const Projection2D p = pca_projection(Q);
  EXPECT_NEAR(p.variance[0], 2.0 / 4.0, 1e-9);
  EXPECT_NEAR(p.variance[1], 2.0 * 0.25 / 4.0, 1e-9);
  EXPECT_NEAR(p.total_variance, 0.5 + 0.125, 1e-9);
  EXPECT_NEAR(p.explained_share(), 1.0, 1e-9);
  // The sign rule makes each axis's largest entry positive: +x then +y.
  EXPECT_NEAR(p.basis(0, 0), 1.0, 1e-6);
  EXPECT_NEAR(p.basis(1, 1), 1.0, 1e-6);
  EXPECT_NEAR(p.points(0, 0), 1.0, 1e-6);
  EXPECT_NEAR(p.points(2, 1), 0.5, 1e-6);
}

// Q = 3 z1 u1^T + 1.5 z2 u2^T + 0.1 noise + an offset, with u1, u2 orthonormal directions
// that are not coordinate axes.
Eigen::MatrixXf planted_q(int n, int d, Eigen::VectorXf& u1, Eigen::VectorXf& u2) {
  Rng rng(7);
  Eigen::MatrixXf random(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) random(i, j) = static_cast<float>(rng.normal());
  const Eigen::MatrixXf orthonormal = Eigen::HouseholderQR<Eigen::MatrixXf>(random).householderQ();
  u1 = orthonormal.col(0);
  u2 = orthonormal.col(1);
  Eigen::MatrixXf Q(n, d);
  for (int v = 0; v < n; ++v) {
    Eigen::VectorXf row =
        3.0f * static_cast<float>(rng.normal()) * u1 + 1.5f * static_cast<float>(rng.normal()) * u2;
    for (int i = 0; i < d; ++i) row[i] += 0.1f * static_cast<float>(rng.normal()) + 0.7f;
    Q.row(v) = row.transpose();
  }
  return Q;
}

TEST(SimulateProjectionTest, FindsThePlantedDirectionsAndTheirVariance) {
  constexpr int n = 4000, d = 16;
  Eigen::VectorXf u1, u2;
  const Eigen::MatrixXf Q = planted_q(n, d, u1, u2);
  const Projection2D p = pca_projection(Q);

  ASSERT_EQ(p.basis.rows(), d);
  ASSERT_EQ(p.basis.cols(), 2);
  const Eigen::Matrix2f gram = p.basis.transpose() * p.basis;
  EXPECT_TRUE(gram.isApprox(Eigen::Matrix2f::Identity(), 1e-5f)) << gram;

  EXPECT_GT(std::abs(p.basis.col(0).dot(u1)), 0.995f);
  EXPECT_GT(std::abs(p.basis.col(1).dot(u2)), 0.995f);
  // Variances 3^2 and 1.5^2 (sampling error of 4000 draws is a few per cent), then noise 0.01
  // in each of the d dimensions.
  EXPECT_NEAR(p.variance[0], 9.0, 9.0 * 0.08);
  EXPECT_NEAR(p.variance[1], 2.25, 2.25 * 0.08);
  const double planted = 9.0 + 2.25;
  EXPECT_NEAR(p.explained_share(), planted / (planted + d * 0.01), 0.01);
  EXPECT_GE(p.variance[0], p.variance[1]);

  // Items are centred before projecting: the projected cloud has mean 0.
  EXPECT_LT(p.points.colwise().mean().norm(), 1e-3f);
  EXPECT_TRUE(p.project_point(Q.row(17).transpose()).isApprox(p.points.row(17).transpose(), 1e-4f));
  // A user embedding is a direction: not centred.
  EXPECT_TRUE(p.project_direction(u1).isApprox(p.basis.transpose() * u1, 1e-6f));
}

TEST(SimulateProjectionTest, DeterministicAndSignFixedUnderNegation) {
  Eigen::VectorXf u1, u2;
  const Eigen::MatrixXf Q = planted_q(500, 8, u1, u2);
  const Projection2D a = pca_projection(Q);
  const Projection2D b = pca_projection(Q);
  EXPECT_EQ(a.basis, b.basis);
  EXPECT_EQ(a.points, b.points);
  // -Q has the same covariance: the sign rule must pick the same axes, not their negatives.
  const Projection2D negated = pca_projection(-Q);
  EXPECT_TRUE(negated.basis.isApprox(a.basis, 1e-4f));
  for (int axis = 0; axis < 2; ++axis) {
    Eigen::Index largest = 0;
    a.basis.col(axis).cwiseAbs().maxCoeff(&largest);
    EXPECT_GT(a.basis(largest, axis), 0.0f);
  }
}

TEST(SimulateProjectionTest, RejectsAnEmptyOrOneDimensionalMatrix) {
  EXPECT_THROW((void)pca_projection(Eigen::MatrixXf(0, 4)), std::invalid_argument);
  EXPECT_THROW((void)pca_projection(Eigen::MatrixXf::Ones(5, 1)), std::invalid_argument);
}

}  // namespace
}  // namespace metacf
