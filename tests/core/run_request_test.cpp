// A run's admission and provenance, the steps both front ends share (RunRequest).
#include "core/experiment/run_request.h"

#include <gtest/gtest.h>

#include "core/experiment/run_admission.h"
#include "tests/core/synthetic_dataset.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

ExperimentConfig two_learners() {
  ExperimentConfig c;
  c.learners = {"pop", "itemknn"};
  c.ks = {1};
  c.seeds = {1};
  c.pretrain.dim = 8;
  c.pretrain.max_epochs = 3;
  return c;
}

bool mentions(const std::vector<std::string>& problems, const std::string& part) {
  for (const auto& p : problems) {
    if (p.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(RunRequestTest, AnAdmissibleRunHasNoProblems) {
  const Dataset data = testing::clustered_dataset(200, 60, 4, 5, 20, 1);
  const RunRequest request{{}, two_learners(), {}};
  EXPECT_TRUE(request.problems().empty());
  EXPECT_TRUE(request.problems(&data).empty());
}

// Each check in its own words, all of them at once where they can be read together.
TEST(RunRequestTest, EveryProblemIsNamed) {
  ExperimentConfig c = two_learners();
  c.baseline = "bpr";
  c.learner_configs = {{"itemknn", {{"neighbours_typo", 3}}}};
  const auto problems = RunRequest{{}, c, {}}.problems();
  EXPECT_TRUE(mentions(problems, "baseline 'bpr' is not a learner of this run (pop, itemknn)"));
  EXPECT_TRUE(mentions(problems, "itemknn: "));
  EXPECT_TRUE(mentions(problems, "neighbours_typo"));

  c = two_learners();
  c.learners.push_back("no_such_learner");
  EXPECT_TRUE(mentions((RunRequest{{}, c, {}}).problems(), "unknown learner 'no_such_learner'"));

  c = two_learners();
  c.ks.clear();
  EXPECT_FALSE((RunRequest{{}, c, {}}).problems().empty());
}

// The default reference may be outside the run (no paired differences then); another may not.
TEST(RunRequestTest, OnlyTheDefaultReferenceMayBeOutsideTheRun) {
  ExperimentConfig c = two_learners();
  c.learners = {"itemknn"};
  c.baseline = default_reference_learner();
  EXPECT_TRUE((RunRequest{{}, c, {}}).problems().empty());
}

// The budget needs the data's size: without data it cannot be judged, with it it is.
TEST(RunRequestTest, TheMemoryBudgetIsCheckedWithTheData) {
  const Dataset data = testing::clustered_dataset(200, 60, 4, 5, 20, 1);
  ExperimentConfig c = two_learners();
  c.memory_budget_mib = 1;
  const RunRequest request{{}, c, {}};
  EXPECT_TRUE(request.problems().empty());
  EXPECT_TRUE(mentions(request.problems(&data), "memory_budget_mib"));
  // run_experiment, which benches call directly, admits the same way.
  JobControl job;
  EXPECT_THROW((void)run_experiment(ExperimentInputs{data}, c, job), std::invalid_argument);
}

TEST(RunRequestTest, TheStoredConfigurationSaysWhereAndHowTheDataWasRead) {
  DataSource source{"/data/r.csv", "csv", "/data/items.csv", {{"users", 3}}, {}};
  source.load = {{"column_order", "item-user"}, {"lenient", true}};
  const RunRequest request{source, two_learners(), "a label"};
  const nlohmann::json stored = request.stored_configuration();
  EXPECT_EQ(stored.at("data").at("path"), "/data/r.csv");
  EXPECT_EQ(stored.at("data").at("titles"), "/data/items.csv");
  EXPECT_EQ(stored.at("data").at("column_order"), "item-user");
  EXPECT_EQ(stored.at("data").at("lenient"), true);
  nlohmann::json experiment = stored;
  experiment.erase("data");
  EXPECT_EQ(experiment, nlohmann::json(two_learners()));

  // What is stored is what the store has after the run.
  testing::TempDir dir;
  auto store = ExperimentStore::open(dir.file("s.sqlite"));
  const Dataset data = testing::clustered_dataset(200, 60, 4, 5, 20, 1);
  JobControl job;
  const StoredRun run = request.execute(store, ExperimentInputs{data}, job);
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(store.run(run.run_id).config, stored);
  EXPECT_EQ(store.run(run.run_id).label, "a label");
}

// The store takes curve points in batches; every point the live view was shown is stored by
// the time the run ends, whether it completed or was cancelled in the middle of a fit.
TEST(RunRequestTest, EveryCurvePointShownLiveIsStoredWhenTheRunEnds) {
  struct Seen final : ExperimentObserver {
    void on_curve_point(const CurvePoint& point) override { points.push_back(point); }
    std::vector<CurvePoint> points;
  };
  ExperimentConfig config = two_learners();
  config.learners = {"pop", "metacf_g"};
  config.learner_configs = {{"metacf_g", {{"meta_epochs", 30}}}};
  const Dataset data = testing::clustered_dataset(200, 60, 4, 5, 20, 1);
  const RunRequest request{{"r.csv", "csv", "", {}, {}}, config, {}};
  testing::TempDir dir;
  auto store = ExperimentStore::open(dir.file("s.sqlite"));
  for (const bool cancel : {false, true}) {
    SCOPED_TRACE(cancel ? "cancelled" : "completed");
    Seen seen;
    int meta_epochs = 0;
    JobControl job([&](const Progress& p) {
      if (p.stage == Stage::kMetaTrain && p.epoch_done) ++meta_epochs;
      return !(cancel && meta_epochs == 17);
    });
    const StoredRun run = request.execute(store, ExperimentInputs{data}, job, &seen);
    EXPECT_EQ(run.status, cancel ? RunStatus::kCancelled : RunStatus::kCompleted);
    const auto stored = store.curves(run.run_id);
    ASSERT_EQ(stored.size(), seen.points.size());
    ASSERT_FALSE(stored.empty());
    EXPECT_EQ(stored.back().learner, "metacf_g");
    EXPECT_EQ(stored.back().epoch, cancel ? 17 : 30);
  }
}

TEST(RunRequestTest, TheCommandLineReadsTheDataAsItWasRead) {
  DataSource source{"/data/my ratings.txt", "csv", "", {}, {}};
  source.load = {{"column_order", "item-user"}, {"delimiter", ";"}, {"rating_threshold", 3.5}};
  const std::string line = RunRequest{source, two_learners(), {}}.command_line("/c/e.json");
  EXPECT_EQ(line.rfind("metacf run --data '/data/my ratings.txt' --format csv", 0), 0u) << line;
  EXPECT_NE(line.find("--column-order item-user"), std::string::npos) << line;
  EXPECT_NE(line.find("--delimiter ';'"), std::string::npos) << line;
  EXPECT_NE(line.find("--rating-threshold 3.5"), std::string::npos) << line;
  EXPECT_NE(line.find("--reference pop"), std::string::npos) << line;
  EXPECT_NE(line.find("--config /c/e.json"), std::string::npos) << line;

  // A published split is a folder given with --presplit.
  const std::string presplit =
      RunRequest{{"/data/split", "presplit", "", {}, {}}, two_learners(), {}}.command_line("c");
  EXPECT_EQ(presplit.rfind("metacf run --presplit /data/split --learners", 0), 0u) << presplit;

  // `--reference` must name a learner of the run; the default one outside it is left out.
  ExperimentConfig c = two_learners();
  c.learners = {"itemknn"};
  EXPECT_EQ((RunRequest{source, c, {}}).command_line("c").find("--reference"), std::string::npos);
}

}  // namespace
}  // namespace metacf
