#include "core/learners/metaease/ease_without_user.h"

namespace metacf {

void ease_scores_without_user(const Eigen::MatrixXf& inverse, std::span<const std::int32_t> records,
                              std::span<const std::int32_t> support,
                              Eigen::Ref<Eigen::VectorXf> out) {
  const auto n = inverse.rows();
  // Sums in double: c = 1 - x^T P x can be small, and z enters squared.
  Eigen::VectorXd z = Eigen::VectorXd::Zero(n);
  for (const auto r : records) z += inverse.col(r).cast<double>();
  double xz = 0;
  for (const auto r : records) xz += z[r];
  const double c = 1.0 - xz;
  Eigen::VectorXd numerator = Eigen::VectorXd::Zero(n);
  double support_z = 0;
  for (const auto s : support) {
    numerator += inverse.col(s).cast<double>();
    support_z += z[s];
  }
  numerator += z * (support_z / c);
  const Eigen::VectorXd diagonal = inverse.diagonal().cast<double>() + z.cwiseAbs2() / c;
  out = (-numerator.cwiseQuotient(diagonal)).cast<float>();
  for (const auto s : support) out[s] = 0.0f;
}

}  // namespace metacf
