// The meta step's schedule: with "linear" the Phi a fit keeps is where the steps have shrunk to
// nothing, not one iterate of a constant-size walk.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/learners/learner_factory.h"
#include "core/nn/optimizer.h"
#include "tests/core/learner_synthetic.h"

namespace metacf {
namespace {

using testing_support::make_world;
using testing_support::SyntheticWorld;

// Phi after each meta-epoch, read through the learner's own parameters at each epoch's report.
std::vector<std::vector<float>> phi_per_epoch(const std::string& schedule, int epochs) {
  const SyntheticWorld w = make_world(7, 200, 10);
  auto learner = make_learner("metacf_p_linear", {{"steps", 1},
                                                  {"alpha", 0.1},
                                                  {"beta", 0.01},
                                                  {"meta_epochs", epochs},
                                                  {"batch_size", 16},
                                                  {"seed", 3},
                                                  {"beta_schedule", schedule}});
  std::vector<std::vector<float>> snapshots;
  JobControl job([&](const Progress& p) {
    if (p.epoch_done) {
      std::vector<float> flat;
      for (const auto& t : learner->parameters()) {
        flat.insert(flat.end(), t.values.begin(), t.values.end());
      }
      snapshots.push_back(std::move(flat));
    }
    return true;
  });
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  learner->fit(ctx, job);
  return snapshots;
}

double distance(const std::vector<float>& a, const std::vector<float>& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(sum);
}

// How far Phi moved in the last epoch against the second (the first starts Adam's moments).
double last_over_second_move(const std::string& schedule) {
  const auto phi = phi_per_epoch(schedule, 10);
  EXPECT_EQ(phi.size(), 10u);
  return distance(phi[9], phi[8]) / distance(phi[2], phi[1]);
}

TEST(BetaScheduleTest, LinearDecayShrinksTheLastEpochsStepsAndConstantDoesNot) {
  const double linear = last_over_second_move("linear");
  const double constant = last_over_second_move("constant");
  // Linear: the last epoch's rate is 0..1/10 of beta, the second's 8/10..9/10 of it.
  EXPECT_LT(linear, 0.25) << "constant: " << constant;
  EXPECT_GT(constant, 0.4) << "linear: " << linear;
}

TEST(BetaScheduleTest, AnUnknownScheduleIsRejectedNamingTheField) {
  try {
    make_learner("metacf_g", {{"beta_schedule", "cosine"}});
    FAIL() << "accepted beta_schedule cosine";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("beta_schedule"), std::string::npos) << e.what();
  }
}

TEST(BetaScheduleTest, ARateOfZeroLeavesTheParametersWhereTheyAre) {
  FlatOptimizer adam("adam", 0.1f, 3);
  Eigen::VectorXf params = Eigen::VectorXf::Constant(3, 1.0f);
  const Eigen::VectorXf grad = Eigen::VectorXf::Constant(3, 0.5f);
  adam.step(params, grad);
  const Eigen::VectorXf after_one = params;
  adam.set_learning_rate(0.0f);
  adam.step(params, grad);
  EXPECT_EQ(params, after_one);
  EXPECT_FALSE(after_one.isApprox(Eigen::VectorXf::Constant(3, 1.0f)));
}

}  // namespace
}  // namespace metacf
