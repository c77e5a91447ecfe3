#include "core/learners/metaease/ease_without_user.h"

namespace metacf {

EaseDowndate ease_downdate(const Eigen::MatrixXf& inverse, std::span<const std::int32_t> records) {
  const auto n = inverse.rows();
  EaseDowndate d;
  d.z = Eigen::VectorXd::Zero(n);
  for (const auto r : records) d.z += inverse.col(r).cast<double>();
  double xz = 0;
  for (const auto r : records) xz += d.z[r];
  d.c = 1.0 - xz;
  d.diagonal = inverse.diagonal().cast<double>() + d.z.cwiseAbs2() / d.c;
  return d;
}

void ease_scores_without_user(const Eigen::MatrixXf& inverse, const EaseDowndate& downdate,
                              std::span<const std::int32_t> support,
                              Eigen::Ref<Eigen::VectorXf> out) {
  Eigen::VectorXd numerator = Eigen::VectorXd::Zero(inverse.rows());
  double support_z = 0;
  for (const auto s : support) {
    numerator += inverse.col(s).cast<double>();
    support_z += downdate.z[s];
  }
  numerator += downdate.z * (support_z / downdate.c);
  out = (-numerator.cwiseQuotient(downdate.diagonal)).cast<float>();
  for (const auto s : support) out[s] = 0.0f;
}

}  // namespace metacf
