// BPR's step size is picked per K on the validator the run hands it (training users only) and
// travels with its stored parameters.
#include <gtest/gtest.h>

#include <cmath>

#include "core/learners/bpr/bpr_learner.h"
#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

TEST(BprStepSizeTest, PicksTheValidatorsBestStepAndStoresIt) {
  const Dataset data = testing::clustered_dataset(50, 40, 4, 3, 8, 1);
  Split split;
  auto Q = std::make_shared<const Eigen::MatrixXf>(Eigen::MatrixXf::Random(40, 4));
  std::vector<double> seen;
  TrainingContext ctx{data, split, Q, nullptr, {}, 1};
  // A validator that likes 0.3 best, and reads the step the learner is trying.
  ctx.validate = [&](const Learner& l) {
    const double step = l.config()["step_size"].get<double>();
    seen.push_back(step);
    return ValidationScore{1.0 - std::abs(std::log(step / 0.3)), 0.0};
  };
  BprLearner bpr(BprConfig{});
  JobControl job;
  bpr.fit(ctx, job);
  EXPECT_EQ(seen.size(), 6u);
  EXPECT_NEAR(bpr.config()["step_size"].get<double>(), 0.3, 1e-6);

  BprLearner restored(BprConfig{});
  restored.load_parameters(bpr.parameters(), Q);
  EXPECT_EQ(restored.config()["step_size"], bpr.config()["step_size"]);
  Rng a(3), b(3);
  const std::vector<std::int32_t> support{1, 2};
  Eigen::VectorXf sa(40), sb(40);
  bpr.score(bpr.adapt(support, 3, a).back(), sa);
  restored.score(restored.adapt(support, 3, b).back(), sb);
  EXPECT_TRUE(sa == sb);
}

TEST(BprStepSizeTest, KeepsTheGivenStepWhenSelectionIsOff) {
  const Dataset data = testing::clustered_dataset(50, 40, 4, 3, 8, 1);
  Split split;
  auto Q = std::make_shared<const Eigen::MatrixXf>(Eigen::MatrixXf::Random(40, 4));
  TrainingContext ctx{data, split, Q, nullptr, [](const Learner&) { return ValidationScore{}; }, 1};
  BprConfig config;
  config.select_step_size = false;
  config.step_size = 0.7;
  BprLearner bpr(config);
  JobControl job;
  bpr.fit(ctx, job);
  EXPECT_DOUBLE_EQ(bpr.config()["step_size"].get<double>(), 0.7);
}

}  // namespace
}  // namespace metacf
