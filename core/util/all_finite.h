#pragma once
// Whether every entry is finite, as Eigen's allFinite() answers, in one vectorised pass:
// allFinite() tests entry by entry with a branch each, which was 5% of a meta-training run
// that checks Phi and its gradient after every meta-batch.
#include <Eigen/Core>

namespace metacf {

// x - x is 0 for a finite x and NaN for an infinite or NaN one; a sum of zeros is 0, and one
// NaN makes the sum NaN.
template <typename Derived>
bool all_finite(const Eigen::DenseBase<Derived>& x) {
  return (x.derived().array() - x.derived().array()).sum() == 0;
}

}  // namespace metacf
