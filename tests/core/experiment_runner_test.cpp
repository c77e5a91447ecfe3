#include "core/experiment/experiment_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/experiment/summary.h"
#include "core/split/validation_holdout.h"
#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

ExperimentConfig quick_config() {
  ExperimentConfig c;
  c.learners = {"pop", "itemknn", "itemknn_q"};
  c.ks = {1, 2};
  c.seeds = {1, 2};
  c.pretrain.dim = 8;
  c.pretrain.max_epochs = 40;
  c.pretrain.patience = 5;
  c.pretrain.lr = 2e-2;
  return c;
}

struct Recorder : ExperimentObserver {
  int splits = 0, embeddings = 0, curve_points = 0, fitted = 0, results = 0;
  void on_split(std::uint64_t, const Split&) override { ++splits; }
  void on_item_embeddings(std::uint64_t, const Eigen::MatrixXf&) override { ++embeddings; }
  void on_curve_point(const CurvePoint& p) override {
    ++curve_points;
    EXPECT_EQ(p.stage, Stage::kPretrain);
  }
  void on_learner_fitted(std::uint64_t, int, const Learner&) override { ++fitted; }
  void on_result(const ResultRecord&) override { ++results; }
};

TEST(ExperimentRunnerTest, RunsEveryLearnerKAndSeedAndBeatsRandom) {
  const Dataset data = testing::clustered_dataset(800, 300, 6, 5, 40, 11);
  Recorder recorder;
  JobControl job;
  const auto results = run_experiment({data}, quick_config(), job, &recorder);
  EXPECT_EQ(results.size(), 3u * 2u * 2u);
  EXPECT_EQ(recorder.splits, 2);
  EXPECT_EQ(recorder.embeddings, 2);
  EXPECT_GT(recorder.curve_points, 0);
  EXPECT_EQ(recorder.fitted, 12);
  EXPECT_EQ(recorder.results, 12);
  for (const auto& r : results) {
    std::printf("%s k=%d seed=%llu hr=%.4f ndcg=%.4f\n", r.learner.c_str(), r.k,
                static_cast<unsigned long long>(r.seed), r.hr, r.ndcg);
    EXPECT_GT(r.users, 50);
    EXPECT_EQ(static_cast<std::int64_t>(r.per_user.size()), r.users);
    // Random ranking of ~300 items gets HR@10 around 10/300; every learner here uses structure.
    EXPECT_GT(r.hr, 2 * 10.0 / 300) << r.learner;
    if (r.learner == "itemknn") {
      EXPECT_GT(r.hr, 0.2);
    }
    EXPECT_FALSE(r.tasks_per_s.has_value());
  }
  const auto rows = summarise(results, "pop");
  ASSERT_EQ(rows.size(), 6u);
  // itemknn uses the cluster co-occurrence that pop ignores.
  for (const auto& row : rows) {
    if (row.learner == "itemknn") {
      EXPECT_TRUE(row.hr_vs_baseline->excludes_zero());
    }
  }
}

TEST(ExperimentRunnerTest, SameSeedSameNumbers) {
  const Dataset data = testing::clustered_dataset(400, 150, 5, 5, 30, 12);
  JobControl job;
  ExperimentConfig c = quick_config();
  c.seeds = {3};
  const auto a = run_experiment({data}, c, job);
  const auto b = run_experiment({data}, c, job);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].hr, b[i].hr);
    EXPECT_EQ(a[i].ndcg, b[i].ndcg);
  }
}

// pop, itemknn and ease never read Q: a run of them alone does not pretrain (nor store a Q), and
// their numbers are those of a run that pretrained for bpr beside them, as pretraining draws
// from a generator of its own.
TEST(ExperimentRunnerTest, ARunWhoseLearnersNeverReadQSkipsPretrainingWithTheSameNumbers) {
  const Dataset data = testing::clustered_dataset(500, 200, 5, 5, 30, 4);
  ExperimentConfig c = quick_config();
  c.learners = {"pop", "itemknn", "ease"};
  c.seeds = {3};
  c.ks = {1};
  Recorder without_q;
  JobControl job;
  const auto alone = run_experiment({data}, c, job, &without_q);
  EXPECT_EQ(without_q.embeddings, 0);
  EXPECT_EQ(without_q.curve_points, 0);  // no pretraining curve either
  c.learners = {"bpr", "pop", "itemknn", "ease"};
  Recorder with_q;
  const auto beside_bpr = run_experiment({data}, c, job, &with_q);
  EXPECT_EQ(with_q.embeddings, 1);
  ASSERT_EQ(alone.size(), 3u);
  for (const auto& r : alone) {
    const auto same = std::find_if(beside_bpr.begin(), beside_bpr.end(), [&](const auto& o) {
      return o.learner == r.learner && o.k == r.k && o.seed == r.seed;
    });
    ASSERT_NE(same, beside_bpr.end()) << r.learner;
    EXPECT_EQ(r.hr, same->hr) << r.learner;
    EXPECT_EQ(r.ndcg, same->ndcg) << r.learner;
    ASSERT_EQ(r.per_user.size(), same->per_user.size()) << r.learner;
    for (std::size_t u = 0; u < r.per_user.size(); ++u) {
      EXPECT_EQ(r.per_user[u].hr, same->per_user[u].hr) << r.learner << " user " << u;
    }
  }
}

TEST(ExperimentRunnerTest, SupportSizeSweepKeepsQueriesAndCountsSkippedUsers) {
  const Dataset data = testing::clustered_dataset(400, 150, 5, 2, 30, 13);
  Split split = make_split(data, SplitConfig{});
  for (int size : {1, 3, 5}) {
    std::int64_t skipped = -1;
    const auto sized = tasks_with_support_size(data, split.meta_test, size, 1, skipped);
    EXPECT_EQ(static_cast<std::int64_t>(sized.size()) + skipped,
              static_cast<std::int64_t>(split.meta_test.size()));
    for (const auto& t : sized) {
      EXPECT_EQ(static_cast<int>(t.support.size()), size);
      std::set<std::int32_t> q(t.query.begin(), t.query.end());
      for (auto v : t.support) EXPECT_EQ(q.count(v), 0u);
    }
  }
}

TEST(ExperimentRunnerTest, ValidationUsersAreNeverTrainedOn) {
  const Dataset data = testing::clustered_dataset(400, 150, 5, 5, 30, 14);
  Split split = make_split(data, SplitConfig{});
  const auto before = split.meta_train.size();
  std::vector<Task> validation;
  hold_out_validation(split, 0.1, 1, validation);
  EXPECT_EQ(validation.size(), before / 10);
  EXPECT_EQ(split.meta_train.size() + validation.size(), before);
  std::set<std::int32_t> train;
  for (const auto& t : split.meta_train) train.insert(t.user);
  for (const auto& t : validation) EXPECT_EQ(train.count(t.user), 0u);
}

TEST(ExperimentRunnerTest, CancelStopsTheRun) {
  const Dataset data = testing::clustered_dataset(400, 150, 5, 5, 30, 15);
  std::atomic<bool> cancel{false};
  int reports = 0;
  JobControl job(
      [&](const Progress&) {
        if (++reports == 3) cancel = true;
        return true;
      },
      &cancel);
  EXPECT_THROW(run_experiment({data}, quick_config(), job), Cancelled);
}

}  // namespace
}  // namespace metacf

namespace metacf {
namespace {

TEST(ValidationCapTest, HeldOutMetaTrainingUsersStopAtTheCap) {
  const Dataset data = testing::clustered_dataset(400, 150, 5, 5, 30, 16);
  Split split = make_split(data, SplitConfig{});
  const auto before = split.meta_train.size();
  std::vector<Task> validation;
  hold_out_validation(split, 0.4, 1, validation, 50);
  EXPECT_EQ(validation.size(), 50u);
  EXPECT_EQ(split.meta_train.size(), before - 50);
}

TEST(ValidationCapTest, PretrainingValidatesAtMostTheCap) {
  const Dataset data = testing::clustered_dataset(400, 150, 5, 5, 30, 17);
  const Split split = make_split(data, SplitConfig{});
  PretrainConfig c;
  c.dim = 4;
  c.max_epochs = 2;
  c.max_validation_users = 30;
  JobControl job;
  EXPECT_EQ(pretrain(data, split, c, job).validation_users, 30);
  c.max_validation_users = 100000;
  EXPECT_EQ(pretrain(data, split, c, job).validation_users,
            static_cast<std::int64_t>(split.pretrain_users.size()));
}

}  // namespace
}  // namespace metacf

namespace metacf {
namespace {

TEST(ValidationCapTest, EvenlySpacedTasksCoverTheRangeWithoutRepeats) {
  std::vector<Task> tasks(10);
  for (int i = 0; i < 10; ++i) tasks[static_cast<std::size_t>(i)].user = i;
  const auto users = [](const std::vector<Task>& ts) {
    std::vector<std::int32_t> u;
    for (const auto& t : ts) u.push_back(t.user);
    return u;
  };
  EXPECT_EQ(users(evenly_spaced(tasks, 4)), (std::vector<std::int32_t>{0, 2, 5, 7}));
  EXPECT_EQ(users(evenly_spaced(tasks, 10)).size(), 10u);
  EXPECT_EQ(users(evenly_spaced(tasks, 99)).size(), 10u);
  EXPECT_EQ(users(evenly_spaced(tasks, 0)), (std::vector<std::int32_t>{0}));
  EXPECT_TRUE(evenly_spaced({}, 5).empty());
}

// The score budget thins a meta-trained learner's curve, never what it trains or is tested on.
TEST(ValidationCapTest, ATightScoreBudgetChangesTheCurveOnly) {
  const Dataset data = testing::clustered_dataset(400, 150, 5, 5, 30, 18);
  ExperimentConfig c = quick_config();
  c.learners = {"metacf_g"};
  c.ks = {1};
  c.seeds = {1};
  c.learner_configs = {{"metacf_g", {{"meta_epochs", 4}}}};
  c.validate_every = 2;
  struct Curves : ExperimentObserver {
    std::vector<double> val_hr;
    void on_curve_point(const CurvePoint& p) override {
      if (p.stage == Stage::kMetaTrain && !std::isnan(p.val_hr)) val_hr.push_back(p.val_hr);
    }
  };
  JobControl job;
  Curves wide, narrow;
  const auto full = run_experiment({data}, c, job, &wide);
  c.max_validation_scores = 2 * data.num_items();  // two users a point
  const auto thin = run_experiment({data}, c, job, &narrow);
  ASSERT_EQ(full.size(), 1u);
  ASSERT_EQ(thin.size(), 1u);
  ASSERT_EQ(full[0].per_user.size(), thin[0].per_user.size());
  for (std::size_t i = 0; i < full[0].per_user.size(); ++i) {
    EXPECT_EQ(full[0].per_user[i].hr, thin[0].per_user[i].hr);
    EXPECT_EQ(full[0].per_user[i].ndcg, thin[0].per_user[i].ndcg);
  }
  ASSERT_EQ(wide.val_hr.size(), 2u);
  ASSERT_EQ(narrow.val_hr.size(), 2u);
  EXPECT_NE(wide.val_hr, narrow.val_hr);
  c.max_validation_scores = 0;
  EXPECT_THROW(c.validate(), std::invalid_argument);
}

}  // namespace
}  // namespace metacf

namespace metacf {
namespace {

// ease no longer refuses a catalogue for its size: past the old 8,000-item limit, with a budget
// too small for its dense matrix, the run completes with a sparse solve.
TEST(ExperimentRunnerTest, EaseRunsOnACatalogueOfAnySize) {
  const Dataset data = testing::clustered_dataset(300, 8100, 5, 5, 10, 19);
  ASSERT_GT(data.num_items(), 8000);
  ExperimentConfig c = quick_config();
  c.learners = {"pop", "ease"};
  c.learner_configs["ease"] = {{"memory_budget_mib", 64}};
  Recorder recorder;
  JobControl job;
  const auto results = run_experiment({data}, c, job, &recorder);
  ASSERT_EQ(results.size(), 2u * 2u * 2u);  // learners x K x seeds
  for (const auto& r : results) EXPECT_GT(r.users, 0) << r.learner;
  EXPECT_EQ(std::count_if(results.begin(), results.end(),
                          [](const auto& r) { return r.learner == "ease"; }),
            4);
}

}  // namespace
}  // namespace metacf
