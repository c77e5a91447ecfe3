// Lazy Adam (Adam::step_rows) against the dense step it stands in for.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/train/adam.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

constexpr Eigen::Index kRows = 5;
constexpr Eigen::Index kWidth = 3;

Eigen::ArrayXf random_array(Eigen::Index n, Rng& rng) {
  Eigen::ArrayXf a(n);
  for (Eigen::Index i = 0; i < n; ++i) a[i] = static_cast<float>(rng.normal());
  return a;
}

TEST(LazyAdamTest, RowsTouchedAtEveryStepMoveExactlyAsUnderDenseAdam) {
  Rng rng(1);
  const AdamConfig config{.lr = 0.05};
  Adam dense(kRows * kWidth, config), lazy(kRows * kWidth, config);
  Eigen::ArrayXf a = random_array(kRows * kWidth, rng);
  Eigen::ArrayXf b = a;
  const std::vector<std::int32_t> all{3, 0, 4, 1, 2};  // any order
  for (int step = 0; step < 20; ++step) {
    const Eigen::ArrayXf grad = random_array(kRows * kWidth, rng);
    dense.step(Eigen::Map<Eigen::ArrayXf>(a.data(), a.size()),
               Eigen::Map<const Eigen::ArrayXf>(grad.data(), grad.size()));
    lazy.step_rows(b.data(), grad.data(), kWidth, all);
  }
  EXPECT_TRUE((a == b).all());
}

TEST(LazyAdamTest, UntouchedRowsKeepTheirValuesAndMoments) {
  Rng rng(2);
  const AdamConfig config{.lr = 0.05};
  Adam lazy(kRows * kWidth, config);
  Eigen::ArrayXf table = random_array(kRows * kWidth, rng);
  const Eigen::ArrayXf start = table;
  // Row 1 takes part in steps 1 and 3 only; row 4 in step 2 only; rows 0, 2, 3 in none.
  const std::vector<std::vector<std::int32_t>> touched{{1}, {4}, {1}};
  std::vector<Eigen::ArrayXd> row1_grads;
  for (const auto& rows : touched) {
    Eigen::ArrayXf grad = Eigen::ArrayXf::Zero(kRows * kWidth);
    for (auto r : rows) grad.segment(r * kWidth, kWidth) = random_array(kWidth, rng);
    if (rows[0] == 1) row1_grads.push_back(grad.segment(kWidth, kWidth).cast<double>());
    lazy.step_rows(table.data(), grad.data(), kWidth, rows);
  }
  for (Eigen::Index r : {0, 2, 3}) {
    EXPECT_TRUE((table.segment(r * kWidth, kWidth) == start.segment(r * kWidth, kWidth)).all())
        << r;
  }
  EXPECT_FALSE((table.segment(4 * kWidth, kWidth) == start.segment(4 * kWidth, kWidth)).all());
  // Row 1 by hand: its moments saw only its own two gradients (step 2 left them alone), while
  // the bias correction counts every step (t = 1, then t = 3).
  const double b1 = config.beta1, b2 = config.beta2;
  Eigen::ArrayXd p = start.segment(kWidth, kWidth).cast<double>();
  Eigen::ArrayXd m = (1 - b1) * row1_grads[0];
  Eigen::ArrayXd v = (1 - b2) * row1_grads[0].square();
  p -= config.lr / (1 - b1) * m / (v.sqrt() / std::sqrt(1 - b2) + config.eps);
  m = b1 * m + (1 - b1) * row1_grads[1];
  v = b2 * v + (1 - b2) * row1_grads[1].square();
  p -= config.lr / (1 - std::pow(b1, 3)) * m /
       (v.sqrt() / std::sqrt(1 - std::pow(b2, 3)) + config.eps);
  for (Eigen::Index j = 0; j < kWidth; ++j) EXPECT_NEAR(table[kWidth + j], p[j], 1e-5) << j;
}

}  // namespace
}  // namespace metacf
