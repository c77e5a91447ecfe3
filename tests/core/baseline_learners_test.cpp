#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "core/learners/knn/itemknn_learner.h"
#include "core/learners/knn/itemknn_q_learner.h"
#include "core/learners/pop/pop_learner.h"
#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

// Users 0-2 are training users, user 3 is a meta-test user whose records must not count.
struct Fixture {
  Dataset data = testing::dataset_from_rows({{0, 1}, {0, 1, 2}, {0, 3}, {3, 2}}, 4);
  Split split;
  std::shared_ptr<const Eigen::MatrixXf> Q;
  Fixture() {
    split.pretrain_users = {0};
    split.meta_train = {{1, {0}, {1, 2}}, {2, {0}, {3}}};
    split.meta_test = {{3, {3}, {2}}};
    Eigen::MatrixXf q(4, 2);
    q << 1, 0,       //
        0.6f, 0.8f,  //
        0, 2,        //
        -1, 0;
    Q = std::make_shared<const Eigen::MatrixXf>(q);
  }
  TrainingContext context() const { return {data, split, Q, nullptr, {}, 1}; }
};

TEST(BaselineLearnersTest, PopCountsTrainingUsersOnly) {
  Fixture f;
  PopLearner pop;
  JobControl job;
  pop.fit(f.context(), job);
  Rng rng(1);
  const auto states = pop.adapt(std::vector<std::int32_t>{1}, 3, rng);
  EXPECT_EQ(states.size(), 4u);
  Eigen::VectorXf scores(4);
  pop.score(states.back(), scores);
  // Item 0: users 0,1,2; item 1: users 0,1; item 2: user 1; item 3: user 2 (user 3 excluded).
  EXPECT_FLOAT_EQ(scores[0], 3);
  EXPECT_FLOAT_EQ(scores[1], 2);
  EXPECT_FLOAT_EQ(scores[2], 1);
  EXPECT_FLOAT_EQ(scores[3], 1);
}

TEST(BaselineLearnersTest, ItemKnnSumsCosinesOfBinaryUserColumns) {
  Fixture f;
  ItemKnnLearner knn;
  JobControl job;
  knn.fit(f.context(), job);
  Rng rng(1);
  Eigen::VectorXf scores(4);
  // Support {1, 3}. Columns over users 0..2: item0 = {0,1,2}, item1 = {0,1}, item2 = {1},
  // item3 = {2}. cos(v,s) = co(v,s) / sqrt(n_v n_s).
  knn.score(knn.adapt(std::vector<std::int32_t>{1, 3}, 1, rng).back(), scores);
  EXPECT_NEAR(scores[0], 2 / std::sqrt(3.0 * 2) + 1 / std::sqrt(3.0 * 1), 1e-6);
  EXPECT_NEAR(scores[1], 2 / std::sqrt(2.0 * 2) + 0, 1e-6);
  EXPECT_NEAR(scores[2], 1 / std::sqrt(1.0 * 2) + 0, 1e-6);
  EXPECT_NEAR(scores[3], 0 + 1 / std::sqrt(1.0 * 1), 1e-6);
}

TEST(BaselineLearnersTest, ItemKnnQSumsCosinesOfItemEmbeddings) {
  Fixture f;
  ItemKnnQLearner knn;
  JobControl job;
  knn.fit(f.context(), job);
  Rng rng(1);
  Eigen::VectorXf scores(4);
  knn.score(knn.adapt(std::vector<std::int32_t>{0, 2}, 0, rng).back(), scores);
  // Unit rows: (1,0), (0.6,0.8), (0,1), (-1,0); support rows sum to (1,1).
  EXPECT_NEAR(scores[0], 1, 1e-6);
  EXPECT_NEAR(scores[1], 0.6 + 0.8, 1e-6);
  EXPECT_NEAR(scores[2], 1, 1e-6);
  EXPECT_NEAR(scores[3], -1, 1e-6);
}

TEST(BaselineLearnersTest, ParametersRoundTripGivesTheSameScores) {
  Fixture f;
  JobControl job;
  Rng rng(1);
  const std::vector<std::int32_t> support{1, 3};
  auto roundtrip = [&](Learner& fitted, Learner& fresh) {
    fitted.fit(f.context(), job);
    fresh.load_parameters(fitted.parameters(), f.Q);
    Eigen::VectorXf a(4), b(4);
    fitted.score(fitted.adapt(support, 1, rng).back(), a);
    fresh.score(fresh.adapt(support, 1, rng).back(), b);
    EXPECT_TRUE(a == b) << fitted.name();
  };
  PopLearner p1, p2;
  roundtrip(p1, p2);
  ItemKnnLearner k1, k2;
  roundtrip(k1, k2);
  ItemKnnQLearner q1, q2;
  roundtrip(q1, q2);
}

}  // namespace
}  // namespace metacf
