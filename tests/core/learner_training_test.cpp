// Meta-training end to end on synthetic clustered data: learning, determinism across thread
// counts, cancellation, divergence, parameter round trips.
#include <gtest/gtest.h>
#include <omp.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <iostream>
#include <thread>

#include "core/learners/learner_factory.h"
#include "tests/core/learner_synthetic.h"

namespace metacf {
namespace {

using testing_support::cluster_hit_rate;
using testing_support::make_world;
using testing_support::SyntheticWorld;

nlohmann::json quick_config(int steps, int epochs) {
  return {{"steps", steps},   {"alpha", 0.1},   {"beta", 0.01}, {"meta_epochs", epochs},
          {"batch_size", 32}, {"negatives", 3}, {"hidden", 16}, {"seed", 5}};
}

std::unique_ptr<Learner> fit(const std::string& name, const nlohmann::json& config,
                             const SyntheticWorld& w, std::vector<Progress>* reports = nullptr) {
  auto learner = make_learner(name, config);
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  JobControl job([reports](const Progress& p) {
    if (reports) reports->push_back(p);
    return true;
  });
  learner->fit(ctx, job);
  return learner;
}

TEST(LearnerTrainingTest, MetaCFPLearnersRankTheUsersClusterAndBeatBprAtOneStep) {
  const SyntheticWorld w = make_world(1, 400, 100);
  const double chance = (SyntheticWorld::kItemsPerCluster - 2.0) /
                        (SyntheticWorld::kClusters * SyntheticWorld::kItemsPerCluster - 2.0);
  const double bpr = cluster_hit_rate(*fit("bpr", {{"steps", 1}}, w), w, 1, 2, 9);
  std::cout << "bpr support 2: cluster HR@10 " << bpr << " (chance " << chance << ")\n";
  for (const std::string name : {"metacf_p_linear", "metacf_p_neural"}) {
    for (const int support : {1, 2}) {
      const double hr = cluster_hit_rate(*fit(name, quick_config(1, 30), w), w, 1, support, 9);
      std::cout << name << " support " << support << ": cluster HR@10 " << hr << "\n";
      EXPECT_GT(hr, 5 * chance) << name << " with " << support << " support items";
      if (support == 2) {
        EXPECT_GT(hr, bpr + 0.1) << name << " vs bpr " << bpr;
      }
    }
  }
  EXPECT_GT(bpr, chance);  // BPR learns something too, just less
}

TEST(LearnerTrainingTest, ReportsOneEpochDonePerEpochWithAFiniteFallingLoss) {
  const SyntheticWorld w = make_world(2, 200, 10);
  std::vector<Progress> reports;
  fit("metacf_p_linear", quick_config(1, 8), w, &reports);
  ASSERT_EQ(reports.size(), 8u);
  for (size_t i = 0; i < reports.size(); ++i) {
    EXPECT_TRUE(reports[i].epoch_done);
    EXPECT_EQ(reports[i].stage, Stage::kMetaTrain);
    EXPECT_EQ(reports[i].learner, "metacf_p_linear");
    EXPECT_EQ(reports[i].epoch, static_cast<int>(i) + 1);
    EXPECT_TRUE(std::isfinite(reports[i].loss));
  }
  EXPECT_LT(reports.back().loss, reports.front().loss);
  EXPECT_DOUBLE_EQ(reports.back().fraction, 1.0);
}

TEST(LearnerTrainingTest, ValidatesEveryNthEpochAndOnTheLast) {
  const SyntheticWorld w = make_world(3, 100, 10);
  auto learner = make_learner("metacf_g", quick_config(1, 5));
  int calls = 0;
  TrainingContext ctx{w.data,
                      w.split,
                      w.Q,
                      &w.known,
                      [&](const Learner&) {
                        ++calls;
                        return ValidationScore{0.5, 0.25};
                      },
                      2};
  std::vector<Progress> reports;
  JobControl job([&](const Progress& p) {
    reports.push_back(p);
    return true;
  });
  learner->fit(ctx, job);
  EXPECT_EQ(calls, 3);  // epochs 2, 4 and the last, 5
  EXPECT_TRUE(std::isnan(reports[0].val_hr));
  EXPECT_DOUBLE_EQ(reports[1].val_hr, 0.5);
  EXPECT_DOUBLE_EQ(reports[4].val_ndcg, 0.25);
}

// Same seed: bit-identical parameters and scores with 1 and 2 threads.
class DeterminismTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DeterminismTest, OneAndTwoThreadsGiveBitIdenticalParametersAndScores) {
  const SyntheticWorld w = make_world(4, 150, 5);
  nlohmann::json config = quick_config(2, 3);
  if (GetParam() != "melu") config["meta_gradient"] = "exact";
  const int saved = omp_get_max_threads();
  omp_set_num_threads(1);
  const auto one = fit(GetParam(), config, w);
  omp_set_num_threads(2);
  const auto two = fit(GetParam(), config, w);
  omp_set_num_threads(saved);
  const auto a = one->parameters(), b = two->parameters();
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].values, b[i].values) << a[i].name;
  Rng ra(7), rb(7);
  const std::vector<std::int32_t> support{3, 25};
  Eigen::VectorXf sa(w.Q->rows()), sb(w.Q->rows());
  one->score(one->adapt(support, 2, ra).back(), sa);
  two->score(two->adapt(support, 2, rb).back(), sb);
  EXPECT_TRUE((sa.array() == sb.array()).all());
  // A different seed gives different parameters (so the equality above means something).
  config["seed"] = 6;
  EXPECT_NE(fit(GetParam(), config, w)->parameters()[0].values, a[0].values);
}

INSTANTIATE_TEST_SUITE_P(MetaTrainedLearners, DeterminismTest,
                         ::testing::Values("metacf_g", "metacf_p_linear", "metacf_p_neural",
                                           "melu"));

TEST(LearnerTrainingTest, CancelFlagSetBeforeFitThrowsCancelled) {
  const SyntheticWorld w = make_world(5, 100, 5);
  auto learner = make_learner("metacf_p_neural", quick_config(1, 10));
  std::atomic<bool> cancel{true};
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  JobControl job(nullptr, &cancel);
  EXPECT_THROW(learner->fit(ctx, job), Cancelled);
}

TEST(LearnerTrainingTest, CancelFlagSetWhileFittingStopsWithin200Milliseconds) {
  const SyntheticWorld w = make_world(6, 400, 5);
  for (const std::string name : {"metacf_p_neural", "melu"}) {
    auto learner = make_learner(name, quick_config(5, 100000));
    std::atomic<bool> cancel{false};
    TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
    JobControl job(nullptr, &cancel);
    std::chrono::steady_clock::time_point cancelled_at;
    std::thread canceller([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      cancelled_at = std::chrono::steady_clock::now();
      cancel = true;
    });
    EXPECT_THROW(learner->fit(ctx, job), Cancelled) << name;
    const auto stopped_at = std::chrono::steady_clock::now();
    canceller.join();
    EXPECT_LT(std::chrono::duration<double>(stopped_at - cancelled_at).count(), 0.2) << name;
  }
}

TEST(LearnerTrainingTest, ProgressCallbackReturningFalseCancels) {
  const SyntheticWorld w = make_world(7, 100, 5);
  auto learner = make_learner("metacf_g", quick_config(1, 50));
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  int epochs_seen = 0;
  JobControl job([&](const Progress&) { return ++epochs_seen < 2; });
  EXPECT_THROW(learner->fit(ctx, job), Cancelled);
  EXPECT_EQ(epochs_seen, 2);
}

TEST(LearnerTrainingTest, AbsurdStepSizesDivergeWithAnActionableMessageAndFiniteParameters) {
  const SyntheticWorld w = make_world(8, 200, 5);
  for (const std::string name : {"metacf_g", "metacf_p_linear", "metacf_p_neural", "melu"}) {
    nlohmann::json config = quick_config(5, 50);
    config["alpha"] = 1000.0;
    config["beta"] = 1000.0;
    config["optimizer"] = "sgd";
    auto learner = make_learner(name, config);
    TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
    JobControl job;
    try {
      learner->fit(ctx, job);
      ADD_FAILURE() << name << " did not diverge";
    } catch (const Diverged& e) {
      const std::string what = e.what();
      std::string expected = "meta-training ";
      expected.append(name).append(" diverged at epoch");
      EXPECT_NE(what.find(expected), std::string::npos) << what;
      EXPECT_NE(what.find("try a smaller alpha or beta"), std::string::npos) << what;
    }
    for (const auto& t : learner->parameters()) {
      for (float v : t.values) ASSERT_TRUE(std::isfinite(v)) << name << " " << t.name;
    }
  }
}

TEST(LearnerTrainingTest, ParametersRoundTripGivesIdenticalScores) {
  const SyntheticWorld w = make_world(9, 100, 5);
  for (const std::string& name : trained_learner_names()) {
    const nlohmann::json config = quick_config(2, 2);
    const auto trained = fit(name, config, w);
    auto restored = make_learner(name, trained->config());
    const auto tensors = trained->parameters();
    restored->load_parameters(tensors, w.Q);
    Rng ra(3), rb(3);
    const std::vector<std::int32_t> support{1, 44, 97};
    const auto sa = trained->adapt(support, 2, ra);
    const auto sb = restored->adapt(support, 2, rb);
    ASSERT_EQ(sa.size(), 3u) << name;
    ASSERT_EQ(sb.size(), 3u) << name;
    for (size_t k = 0; k < sa.size(); ++k) {
      EXPECT_TRUE((sa[k].params.array() == sb[k].params.array()).all()) << name << " step " << k;
      Eigen::VectorXf a(w.Q->rows()), b(w.Q->rows());
      trained->score(sa[k], a);
      restored->score(sb[k], b);
      EXPECT_TRUE((a.array() == b.array()).all()) << name << " step " << k;
    }
    // And the steps actually move the state.
    EXPECT_FALSE((sa[0].params.array() == sa[2].params.array()).all()) << name;
  }
}

TEST(LearnerTrainingTest, LoadingTensorsOfTheWrongShapeIsRejectedWithTheTensorName) {
  const SyntheticWorld w = make_world(10, 60, 5);
  const auto trained = fit("metacf_p_linear", quick_config(1, 1), w);
  auto tensors = trained->parameters();
  tensors[0].rows += 1;
  tensors[0].values.resize(static_cast<size_t>(tensors[0].rows * tensors[0].cols));
  auto restored = make_learner("metacf_p_linear", trained->config());
  try {
    restored->load_parameters(tensors, w.Q);
    ADD_FAILURE() << "wrong shape accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("\"W\""), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace metacf
