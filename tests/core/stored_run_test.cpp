#include <gtest/gtest.h>

#include <atomic>

#include "core/experiment/run_request.h"
#include "tests/core/synthetic_dataset.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

ExperimentConfig quick_config() {
  ExperimentConfig c;
  // itemknn_q reads the pretrained Q, so the run pretrains and stores it.
  c.learners = {"pop", "itemknn_q"};
  c.ks = {1};
  c.seeds = {1, 2};
  c.pretrain.dim = 8;
  c.pretrain.max_epochs = 5;
  return c;
}

TEST(StoredRunTest, EverythingThatRunsIsInTheStore) {
  testing::TempDir dir;
  const Dataset data = testing::clustered_dataset(300, 100, 4, 5, 20, 1);
  const std::string ratings = dir.write("ratings.csv", "not read: the hash only\n");
  auto store = ExperimentStore::open(dir.file("s.sqlite"));
  JobControl job;
  const StoredRun run =
      RunRequest{{ratings, "csv", "", {{"users", 300}}}, quick_config(), {}}.execute(
          store, ExperimentInputs{data}, job);
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(run.results.size(), 4u);
  const RunRecord record = store.run(run.run_id);
  EXPECT_EQ(record.status, RunStatus::kCompleted);
  EXPECT_EQ(record.config["learners"], nlohmann::json({"pop", "itemknn_q"}));
  EXPECT_EQ(store.results(run.run_id).size(), 8u);  // hr and ndcg per record
  EXPECT_FALSE(store.curves(run.run_id).empty());
  // Q and pop per seed; itemknn_q keeps no tensors of its own (it scores with Q).
  EXPECT_EQ(store.stored_parameters(run.run_id).size(), 4u);
  EXPECT_EQ(store.load_parameters(run.run_id, kItemEmbeddingsKey, 2)[0].cols, 8);
  EXPECT_EQ(store.list_datasets().size(), 1u);
  // Learners with results, listed without reading the results' values.
  const auto listed = store.result_learners(run.run_id);
  ASSERT_EQ(listed.size(), 4u);  // pop and itemknn_q, seeds 1 and 2
  EXPECT_EQ(listed[0].learner, "pop");
  EXPECT_EQ(listed[0].k, 1);

  // The same file again reuses its data set row.
  RunRequest{{ratings, "csv", "", {}}, quick_config(), {}}.execute(store, ExperimentInputs{data},
                                                                   job);
  EXPECT_EQ(store.list_datasets().size(), 1u);
}

// The studio's runs come through RunRequest::execute too: an estimate over the budget must stop
// them before anything is stored, as it stops `metacf run`.
TEST(StoredRunTest, ARunOverTheMemoryBudgetIsRefusedBeforeAnythingIsStored) {
  testing::TempDir dir;
  const Dataset data = testing::clustered_dataset(300, 100, 4, 5, 20, 1);
  auto store = ExperimentStore::open(dir.file("s.sqlite"));
  ExperimentConfig config = quick_config();
  config.memory_budget_mib = 1;
  JobControl job;
  try {
    (void)RunRequest{{dir.file("r.csv"), "csv", "", {}}, config, {}}.execute(
        store, ExperimentInputs{data}, job);
    FAIL() << "expected the run to be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("memory_budget_mib"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(store.list_runs().empty());
  EXPECT_TRUE(store.list_datasets().empty());
}

TEST(StoredRunTest, ACancelledRunIsStoredAsCancelledWithWhatItHad) {
  testing::TempDir dir;
  const Dataset data = testing::clustered_dataset(300, 100, 4, 5, 20, 2);
  auto store = ExperimentStore::open(dir.file("s.sqlite"));
  std::atomic<bool> cancel{false};
  JobControl job(
      [&](const Progress& p) {
        if (p.stage == Stage::kEvaluate && p.seed == 2)
          cancel = true;  // after seed 2's first learner
        return true;
      },
      &cancel);
  const StoredRun run =
      RunRequest{DataSource{}, quick_config(), {}}.execute(store, ExperimentInputs{data}, job);
  EXPECT_EQ(run.status, RunStatus::kCancelled);
  EXPECT_EQ(store.run(run.run_id).status, RunStatus::kCancelled);
  EXPECT_EQ(run.results.size(), 3u);
  EXPECT_EQ(store.results(run.run_id).size(), 6u);
}

// A run that fails once it has begun (here: too few users for a meta-test user) is stored
// with its reason; one that is not admitted (an unknown learner) stores nothing.
TEST(StoredRunTest, AFailingRunIsStoredWithItsError) {
  testing::TempDir dir;
  const Dataset data = testing::clustered_dataset(2, 100, 1, 5, 20, 3);
  auto store = ExperimentStore::open(dir.file("s.sqlite"));
  JobControl job;
  const StoredRun run =
      RunRequest{DataSource{}, quick_config(), {}}.execute(store, ExperimentInputs{data}, job);
  EXPECT_EQ(run.status, RunStatus::kFailed);
  EXPECT_NE(store.run(run.run_id).error.find("meta-test users"), std::string::npos)
      << store.run(run.run_id).error;

  ExperimentConfig c = quick_config();
  c.learners = {"pop", "no_such_learner"};
  EXPECT_THROW((void)(RunRequest{DataSource{}, c, {}}).execute(store, ExperimentInputs{data}, job),
               std::invalid_argument);
  EXPECT_EQ(store.list_runs().size(), 1u);
}

}  // namespace
}  // namespace metacf
