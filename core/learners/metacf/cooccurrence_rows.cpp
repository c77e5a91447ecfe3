#include "core/learners/metacf/cooccurrence_rows.h"

#include <cmath>

namespace metacf {

Eigen::MatrixXf cooccurrence_rows(const UserItemRows& users, const Eigen::MatrixXf& Q) {
  const Eigen::Index n = Q.rows();
  const Eigen::Index d = Q.cols();
  // Accumulated in double: popular items sum thousands of rows.
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(d, n);
  Eigen::VectorXd weights = Eigen::VectorXd::Zero(n);
  Eigen::VectorXd user_sum(d);
  for (std::int64_t u = 0; u < users.rows(); ++u) {
    const auto begin = users.offsets[static_cast<std::size_t>(u)];
    const auto end = users.offsets[static_cast<std::size_t>(u) + 1];
    user_sum.setZero();
    for (auto i = begin; i < end; ++i) {
      user_sum += Q.row(users.items[static_cast<std::size_t>(i)]).transpose().cast<double>();
    }
    for (auto i = begin; i < end; ++i) {
      const std::int32_t v = users.items[static_cast<std::size_t>(i)];
      sums.col(v) += user_sum - Q.row(v).transpose().cast<double>();
      weights[v] += static_cast<double>(end - begin - 1);
    }
  }
  Eigen::MatrixXf R = Eigen::MatrixXf::Zero(n, d);
  for (Eigen::Index v = 0; v < n; ++v) {
    if (weights[v] > 0) R.row(v) = (sums.col(v) / weights[v]).transpose().cast<float>();
  }
  return R;
}

Eigen::VectorXf log_popularity(const UserItemRows& users, Eigen::Index num_items) {
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(num_items);
  for (const std::int32_t v : users.items) counts[v] += 1;
  const Eigen::VectorXd logs = (counts.array() + 1).log().matrix();
  return (logs.array() - logs.mean()).cast<float>().matrix();
}

}  // namespace metacf
