#include "core/util/all_finite.h"

#include <gtest/gtest.h>

#include <limits>

namespace metacf {
namespace {

TEST(AllFiniteTest, AgreesWithEigenOnFiniteInfiniteAndNaNEntries) {
  const float big = std::numeric_limits<float>::max();
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (const Eigen::Index size : {0, 1, 7, 33, 4257}) {
    Eigen::VectorXf x = Eigen::VectorXf::LinSpaced(size, -1e30f, 1e30f);
    if (size > 1) {
      x[0] = -big;  // x - x stays 0 at the edges of the range
      x[size - 1] = big;
    }
    EXPECT_TRUE(all_finite(x)) << size;
    EXPECT_EQ(all_finite(x), x.allFinite());
    for (const float bad : {inf, -inf, nan}) {
      for (Eigen::Index at = 0; at < size; at += std::max<Eigen::Index>(1, size / 5)) {
        Eigen::VectorXf y = x;
        y[at] = bad;
        EXPECT_FALSE(all_finite(y)) << size << " " << at << " " << bad;
        EXPECT_EQ(all_finite(y), y.allFinite());
      }
    }
  }
  Eigen::MatrixXf m = Eigen::MatrixXf::Constant(5, 4, -big);
  EXPECT_TRUE(all_finite(m));
  m(4, 3) = nan;
  EXPECT_FALSE(all_finite(m));
}

}  // namespace
}  // namespace metacf
