#pragma once
// Central finite differences in double, to check hand-derived gradients.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <functional>

namespace metacf::testing {

// Central differences of f at x, one coordinate at a time.
inline Eigen::VectorXd numeric_gradient(const std::function<double(const Eigen::VectorXd&)>& f,
                                        Eigen::VectorXd x, double eps = 1e-6) {
  Eigen::VectorXd g(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double xi = x[i];
    x[i] = xi + eps;
    const double up = f(x);
    x[i] = xi - eps;
    const double down = f(x);
    x[i] = xi;
    g[i] = (up - down) / (2 * eps);
  }
  return g;
}

// |a - b| <= tol * max(1, |b|) in every coordinate, with the first offender in the message.
inline void expect_close(const Eigen::VectorXd& analytic, const Eigen::VectorXd& numeric,
                         double tol = 1e-6) {
  ASSERT_EQ(analytic.size(), numeric.size());
  for (Eigen::Index i = 0; i < analytic.size(); ++i) {
    EXPECT_NEAR(analytic[i], numeric[i], tol * std::max(1.0, std::abs(numeric[i])))
        << "coordinate " << i;
  }
}

}  // namespace metacf::testing
