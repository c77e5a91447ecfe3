#include "core/train/pretrain.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <vector>

#include "tests/core/synthetic_dataset.h"

namespace metacf {
namespace {

PretrainConfig small_config() {
  PretrainConfig c;
  c.dim = 8;
  c.max_epochs = 30;
  c.patience = 5;
  c.batch_size = 256;
  c.lr = 2e-2;
  return c;
}

TEST(PretrainTest, LearnsClusterStructureFarAboveRandom) {
  const Dataset data = testing::clustered_dataset(600, 200, 5, 10, 30, 1);
  const Split split = make_split(data, SplitConfig{});
  JobControl job;
  const PretrainResult r = pretrain(data, split, small_config(), job);
  EXPECT_EQ(r.Q.rows(), 200);
  EXPECT_EQ(r.Q.cols(), 8);
  // Random ranking puts a held-out item in the top 10 of ~180 unrated items ~5.5% of the time.
  EXPECT_GT(r.best_val_hr, 0.25);
  EXPECT_GE(r.best_epoch, 1);
  EXPECT_LE(r.best_epoch, r.epochs_run);
}

TEST(PretrainTest, ReportsOneCurvePointPerEpochAndStopsEarly) {
  const Dataset data = testing::clustered_dataset(300, 100, 4, 10, 20, 2);
  const Split split = make_split(data, SplitConfig{});
  int points = 0;
  JobControl job([&](const Progress& p) {
    if (p.epoch_done) {
      ++points;
      EXPECT_EQ(p.epoch, points);  // measured beside the next epoch, reported in order
      EXPECT_EQ(p.stage, Stage::kPretrain);
      EXPECT_TRUE(std::isfinite(p.loss));
    }
    return true;
  });
  PretrainConfig c = small_config();
  c.max_epochs = 200;
  const PretrainResult r = pretrain(data, split, c, job);
  EXPECT_EQ(points, r.epochs_run);
  EXPECT_LT(r.epochs_run, 200);  // patience ended it
  EXPECT_EQ(r.epochs_run - r.best_epoch, c.patience);
}

TEST(PretrainTest, SameSeedSameItemMatrix) {
  const Dataset data = testing::clustered_dataset(200, 80, 4, 5, 15, 3);
  const Split split = make_split(data, SplitConfig{});
  JobControl job;
  PretrainConfig c = small_config();
  c.max_epochs = 5;
  const auto a = pretrain(data, split, c, job);
  const auto b = pretrain(data, split, c, job);
  EXPECT_TRUE(a.Q == b.Q);
  c.seed = 2;
  EXPECT_FALSE(a.Q == pretrain(data, split, c, job).Q);
}

// A user who rated 1,990 of 2,000 items among ordinary ones: her negatives are her 10 unrated
// items (rejection sampling spent some 64 draws and a walk over her ratings on each).
TEST(PretrainTest, ANearCompleteUserPretrainsAndLongEpochsReportProgress) {
  constexpr std::int32_t kItems = 2000;
  std::vector<std::vector<std::int32_t>> rows(1);
  for (std::int32_t v = 0; v < kItems; ++v) {
    if (v % 200 != 199) rows[0].push_back(v);
  }
  Rng rng(4);
  for (int u = 0; u < 200; ++u) {
    auto& row = rows.emplace_back();
    while (row.size() < 15) {
      const auto v = static_cast<std::int32_t>(rng.uniform_index(kItems));
      if (std::find(row.begin(), row.end(), v) == row.end()) row.push_back(v);
    }
  }
  const Dataset data = testing::dataset_from_rows(rows, kItems);
  Split split;
  for (int u = 0; u <= 200; ++u) split.pretrain_users.push_back(u);
  PretrainConfig c = small_config();
  c.max_epochs = 2;
  c.batch_size = 16;  // 1,989 + 200 x 14 positives: 300 batches, 4 reports within each epoch
  std::vector<Progress> within;
  int epochs = 0;
  double shown = 0;
  JobControl job([&](const Progress& p) {
    // Epoch 1's verdict comes while epoch 2 trains: the bar never moves back.
    EXPECT_GE(p.fraction, shown);
    shown = p.fraction;
    if (p.epoch_done) {
      ++epochs;
    } else {
      within.push_back(p);
    }
    return true;
  });
  const PretrainResult r = pretrain(data, split, c, job);
  EXPECT_EQ(epochs, 2);
  EXPECT_TRUE(r.Q.allFinite());
  ASSERT_EQ(within.size(), 2u * 4u);
  for (std::size_t i = 0; i < within.size(); ++i) {
    EXPECT_EQ(within[i].stage, Stage::kPretrain);
    EXPECT_EQ(within[i].epoch, i < 4 ? 1 : 2);
    EXPECT_EQ(within[i].epochs, 2);
    EXPECT_TRUE(std::isfinite(within[i].loss));
    EXPECT_GT(within[i].fraction, i == 0 ? 0.0 : within[i - 1].fraction);
    EXPECT_LT(within[i].fraction, within[i].epoch / 2.0);  // before the epoch's end
  }
}

TEST(PretrainTest, CancelStopsWithCancelled) {
  const Dataset data = testing::clustered_dataset(200, 80, 4, 5, 15, 3);
  const Split split = make_split(data, SplitConfig{});
  std::atomic<bool> cancel{true};
  JobControl job(nullptr, &cancel);
  EXPECT_THROW(pretrain(data, split, small_config(), job), Cancelled);
}

TEST(PretrainTest, AHugeStepDivergesWithAClearMessage) {
  const Dataset data = testing::clustered_dataset(200, 80, 4, 5, 15, 3);
  const Split split = make_split(data, SplitConfig{});
  PretrainConfig c = small_config();
  // The largest values the schema allows.
  c.lr = 1000;
  c.init_std = 1;
  JobControl job;
  try {
    pretrain(data, split, c, job);
    FAIL() << "expected divergence";
  } catch (const Diverged& e) {
    EXPECT_NE(std::string(e.what()).find("pretraining"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("smaller lr"), std::string::npos);
  }
}

// With Adam the steps stay bounded, so an absurd lr alone keeps the loss finite instead of
// overflowing; that is divergence all the same, not a result.
TEST(PretrainTest, AHugeLrWithAFiniteLossStillDiverges) {
  const Dataset data = testing::clustered_dataset(200, 80, 4, 5, 15, 3);
  const Split split = make_split(data, SplitConfig{});
  PretrainConfig c = small_config();
  c.lr = 1000;  // the schema's largest
  JobControl job;
  try {
    pretrain(data, split, c, job);
    FAIL() << "expected divergence";
  } catch (const Diverged& e) {
    EXPECT_NE(std::string(e.what()).find("pretraining diverged at epoch 1"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("try a smaller lr"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace metacf
