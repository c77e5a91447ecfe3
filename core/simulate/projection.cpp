#include "core/simulate/projection.h"

#include <Eigen/Eigenvalues>
#include <stdexcept>
#include <string>

namespace metacf {

Eigen::Vector2f Projection2D::project_point(const Eigen::Ref<const Eigen::VectorXf>& q) const {
  return basis.transpose() * (q - mean);
}

Eigen::Vector2f Projection2D::project_direction(const Eigen::Ref<const Eigen::VectorXf>& p) const {
  return basis.transpose() * p;
}

Projection2D pca_projection(const Eigen::MatrixXf& Q) {
  if (Q.rows() == 0 || Q.cols() < 2) {
    throw std::invalid_argument("PCA needs at least one item and 2 dimensions; Q is " +
                                std::to_string(Q.rows()) + " x " + std::to_string(Q.cols()));
  }
  // Double precision: float sums over thousands of items lose the small eigenvalues' digits.
  const Eigen::MatrixXd X = Q.cast<double>();
  const Eigen::RowVectorXd mean = X.colwise().mean();
  const Eigen::MatrixXd centred = X.rowwise() - mean;
  const Eigen::MatrixXd covariance =
      (centred.transpose() * centred) / static_cast<double>(Q.rows());
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
  if (solver.info() != Eigen::Success) {
    throw std::runtime_error("PCA of the item matrix did not converge");
  }
  // Eigenvalues come in ascending order: the last two columns are the leading components.
  const Eigen::Index d = covariance.cols();
  Eigen::MatrixXd basis(d, 2);
  Projection2D out;
  for (int axis = 0; axis < 2; ++axis) {
    Eigen::VectorXd v = solver.eigenvectors().col(d - 1 - axis);
    Eigen::Index largest = 0;
    for (Eigen::Index i = 1; i < d; ++i) {
      if (std::abs(v[i]) > std::abs(v[largest]) + 1e-12) largest = i;
    }
    if (v[largest] < 0) v = -v;
    basis.col(axis) = v;
    out.variance[axis] = std::max(0.0, solver.eigenvalues()[d - 1 - axis]);
  }
  out.total_variance = covariance.trace();
  out.mean = mean.transpose().cast<float>();
  out.basis = basis.cast<float>();
  out.points = (centred * basis).cast<float>();
  return out;
}

}  // namespace metacf
