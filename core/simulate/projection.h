#pragma once
// A 2-D picture of the item embedding space: the first two principal components of Q. The
// simulator draws every item there, and the new user's embedding p after each step, so one can
// see the user move towards the items she is then recommended.
#include <Eigen/Core>

namespace metacf {

struct Projection2D {
  Eigen::VectorXf mean;            // D: the mean item row, subtracted before projecting items
  Eigen::MatrixXf basis;           // D x 2: orthonormal, first column the largest variance
  Eigen::Vector2d variance{0, 0};  // variance of the items along each basis column
  double total_variance = 0;       // trace of the covariance, so shares can be shown
  Eigen::MatrixXf points;          // N x 2: every item, projected

  // The share of the items' variance the two axes show (0..1).
  [[nodiscard]] double explained_share() const {
    return total_variance > 0 ? (variance.sum() / total_variance) : 0.0;
  }
  // An item-like point (a row of Q): centred, then projected.
  [[nodiscard]] Eigen::Vector2f project_point(const Eigen::Ref<const Eigen::VectorXf>& q) const;
  // A user embedding p, projected without centring: a score is p . q, so the items p ranks
  // highest lie in the direction of basis^T p from the centre of the cloud.
  [[nodiscard]] Eigen::Vector2f project_direction(const Eigen::Ref<const Eigen::VectorXf>& p) const;
};

// PCA of Q (N x D): centred rows, the two leading eigenvectors of the D x D covariance
// (Eigen's SelfAdjointEigenSolver, in double). Each axis's sign is fixed so that its
// largest-magnitude entry is positive (the lower index wins a tie), so the picture is the same
// on every run. Throws std::invalid_argument when Q has no rows or fewer than 2 columns.
Projection2D pca_projection(const Eigen::MatrixXf& Q);

}  // namespace metacf
