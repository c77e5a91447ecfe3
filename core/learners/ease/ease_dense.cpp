#include "core/learners/ease/ease_dense.h"

#include <lapack.h>

#include <stdexcept>
#include <string>

namespace metacf {

Eigen::MatrixXf dense_ease_weights(const UserItemRows& rows, std::int32_t num_items, double lambda,
                                   const JobControl* job) {
  Eigen::MatrixXf b_t = dense_ease_inverse(rows, num_items, lambda, job);
  ease_weights_from_inverse(b_t);
  return b_t;
}

Eigen::MatrixXf dense_ease_inverse(const UserItemRows& rows, std::int32_t num_items, double lambda,
                                   const JobControl* job) {
  const Eigen::Index n = num_items;
  // G = X^T X + lambda I, counted in float: entries are user counts, exact below 2^24. Only the
  // lower triangle is counted: spotrf and spotri read and write nothing else.
  Eigen::MatrixXf b_t = Eigen::MatrixXf::Zero(n, n);
  for (std::int64_t u = 0; u < rows.rows(); ++u) {
    if (job && u % 1024 == 0) job->check();
    const auto begin = rows.items.begin() + rows.offsets[static_cast<std::size_t>(u)];
    const auto end = rows.items.begin() + rows.offsets[static_cast<std::size_t>(u) + 1];
    for (auto a = begin; a != end; ++a) {
      for (auto b = begin; b != end; ++b) {
        if (*b >= *a) b_t(*b, *a) += 1.0f;
      }
    }
  }
  b_t.diagonal().array() += static_cast<float>(lambda);
  if (n == 0) return b_t;

  // P = G^-1 from G's Cholesky factor, both in place (G is positive definite for lambda > 0).
  const char lower = 'L';
  const lapack_int size = static_cast<lapack_int>(n);
  lapack_int info = 0;
  if (job) job->check();
  LAPACK_spotrf(&lower, &size, b_t.data(), &size, &info);
  if (info != 0)
    throw std::runtime_error("ease: Cholesky factor of X^T X + lambda I failed (spotrf info " +
                             std::to_string(info) + ")");
  if (job) job->check();
  LAPACK_spotri(&lower, &size, b_t.data(), &size, &info);
  if (info != 0)
    throw std::runtime_error("ease: inverse of X^T X + lambda I failed (spotri info " +
                             std::to_string(info) + ")");
  b_t.triangularView<Eigen::StrictlyUpper>() = b_t.transpose();
  return b_t;
}

void ease_weights_from_inverse(Eigen::MatrixXf& b_t) {
  const Eigen::Index n = b_t.cols();
  // B[s, v] = -P[s, v] / P[v, v] off the diagonal; P is symmetric, so row s of B is
  // -P.col(s) / diag(P), stored as column s.
  const Eigen::VectorXf inv_diag = b_t.diagonal().cwiseInverse();
  for (Eigen::Index s = 0; s < n; ++s) {
    b_t.col(s) = -b_t.col(s).cwiseProduct(inv_diag);
    b_t(s, s) = 0.0f;
  }
}

}  // namespace metacf
