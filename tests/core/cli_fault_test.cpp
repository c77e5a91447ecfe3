// `metacf run` when training goes wrong: a learning rate that diverges, and a SIGKILL in the
// middle of meta-training. Each checks what the store holds afterwards, through the store API.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "core/store/experiment_store.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

extern char** environ;

namespace metacf {
namespace {

const std::string kRatings = std::string(METACF_SAMPLE_DIR) + "/ratings.csv";

// Nothing NaN or infinite may reach the store. A curve's NaN means "not measured" and is stored
// as NULL, so a loss read back must be finite and a validation metric finite or unmeasured.
void expect_nothing_non_finite_stored(ExperimentStore& store, std::int64_t run) {
  for (const CurvePoint& p : store.curves(run)) {
    EXPECT_TRUE(std::isfinite(p.loss))
        << stage_name(p.stage) << " " << p.learner << " epoch " << p.epoch;
    EXPECT_FALSE(std::isinf(p.val_hr) || std::isinf(p.val_ndcg))
        << stage_name(p.stage) << " " << p.epoch;
  }
  for (const ResultRow& r : store.results(run)) {
    EXPECT_TRUE(std::isfinite(r.value)) << r.learner << " " << r.metric;
  }
  for (const StoredParameters& p : store.stored_parameters(run)) {
    for (const NamedTensor& t : store.load_parameters(run, p.learner, p.seed, p.k)) {
      for (const float v : t.values) ASSERT_TRUE(std::isfinite(v)) << p.learner << " " << t.name;
    }
  }
}

bool has_results_of(ExperimentStore& store, std::int64_t run, const std::string& learner) {
  for (const ResultRow& r : store.results(run)) {
    if (r.learner == learner) return true;
  }
  return false;
}

struct DivergingCase {
  std::string learners;
  std::string config;
  std::string message;  // what stderr and the stored error must say
  std::string before;   // a learner whose results were stored before the failure ("" none)
};

void PrintTo(const DivergingCase& c, std::ostream* os) { *os << c.learners << " " << c.message; }

class CliDivergenceTest : public ::testing::TestWithParam<DivergingCase> {};

TEST_P(CliDivergenceTest, FailsTheRunNamingTheCauseAndStoresNoNaN) {
  const DivergingCase& c = GetParam();
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  const auto r =
      testing::run_cli("run --data '" + kRatings + "' --learners " + c.learners + " --config '" +
                       dir.write("diverge.json", c.config) + "' --db '" + db + "' 2>&1 >/dev/null");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("error: run 1 failed: " + c.message), std::string::npos) << r.output;

  auto store = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
  const RunRecord run = store.run(1);
  EXPECT_EQ(run.status, RunStatus::kFailed);
  EXPECT_NE(run.error.find(c.message), std::string::npos) << run.error;
  if (!c.before.empty()) {  // what it had is kept
    EXPECT_FALSE(store.curves(1).empty());
    EXPECT_TRUE(has_results_of(store, 1, c.before));
  }
  expect_nothing_non_finite_stored(store, 1);
}

INSTANTIATE_TEST_SUITE_P(
    Rates, CliDivergenceTest,
    ::testing::Values(DivergingCase{"pop,metacf_p_neural",
                                    R"({"pretrain": {"max_epochs": 3},
                          "learner_configs": {"metacf_p_neural": {"alpha": 1000, "beta": 1000,
                                              "optimizer": "sgd", "meta_epochs": 5}}})",
                                    "meta-training metacf_p_neural diverged at epoch 1", "pop"},
                      DivergingCase{"pop,melu",
                                    R"({"pretrain": {"max_epochs": 3},
                          "learner_configs": {"melu": {"alpha": 1000, "beta": 1000,
                                              "optimizer": "sgd", "meta_epochs": 5}}})",
                                    "meta-training melu diverged at epoch 1", "pop"},
                      DivergingCase{"bpr", R"({"pretrain": {"max_epochs": 3, "lr": 1000}})",
                                    "pretraining diverged at epoch 1", ""}),
    [](const auto& test_param) { return "Case" + std::to_string(test_param.index); });

// kill -9 while a meta-learner is between meta-epochs: every earlier run still loads with its
// results and parameters, and the killed one keeps its finished epochs, all finite.
TEST(CliFaultTest, SigkillDuringMetaTrainingKeepsEveryEarlierRun) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  const std::string quick = dir.write("quick.json", R"({"pretrain": {"max_epochs": 3},
    "learner_configs": {"metacf_p_linear": {"meta_epochs": 3}}})");
  ASSERT_EQ(
      testing::run_cli("run --data '" + kRatings + "' --learners pop,metacf_p_linear --config '" +
                       quick + "' --db '" + db + "' >/dev/null 2>&1")
          .exit_code,
      0);
  std::vector<ResultRow> reference_results;
  std::vector<NamedTensor> reference_parameters;
  {
    auto store = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
    reference_results = store.results(1);
    reference_parameters = store.load_parameters(1, "metacf_p_linear", 1, 5);
    ASSERT_FALSE(reference_results.empty());
    ASSERT_FALSE(reference_parameters.empty());
  }

  // Long enough that the kill always lands in meta-training.
  const std::string endless = dir.write("endless.json", R"({"pretrain": {"max_epochs": 3},
    "validate_every": 1000,
    "learner_configs": {"metacf_p_linear": {"meta_epochs": 100000}}})");
  const std::vector<std::string> args{
      METACF_CLI_PATH,   "run",      "--data", kRatings, "--learners",
      "metacf_p_linear", "--config", endless,  "--db",   db};
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
  pid_t child = 0;
  ASSERT_EQ(posix_spawn(&child, argv[0], &quiet, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&quiet);

  // Wait for stored meta-training epochs, then kill.
  std::size_t meta_epochs = 0;
  for (int i = 0; i < 1200 && meta_epochs < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    try {
      auto store = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
      meta_epochs = 0;
      for (const CurvePoint& p : store.curves(2))
        meta_epochs += p.stage == Stage::kMetaTrain ? 1 : 0;
    } catch (const std::exception&) {
      // the run is not begun yet
    }
  }
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the run ended by itself";
  ASSERT_GE(meta_epochs, 3u) << "meta-training never started";

  auto store = ExperimentStore::open(db);  // a writer open marks the killed run interrupted
  EXPECT_EQ(store.integrity_check(), "ok");
  const RunRecord earlier = store.run(1);
  EXPECT_EQ(earlier.status, RunStatus::kCompleted);
  const auto results = store.results(1);
  ASSERT_EQ(results.size(), reference_results.size());
  for (std::size_t i = 0; i < results.size(); ++i)
    EXPECT_EQ(results[i].value, reference_results[i].value);
  const auto parameters = store.load_parameters(1, "metacf_p_linear", 1, 5);
  ASSERT_EQ(parameters.size(), reference_parameters.size());
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    EXPECT_EQ(parameters[i].values, reference_parameters[i].values);
  }

  const RunRecord killed = store.run(2);
  EXPECT_EQ(killed.status, RunStatus::kInterrupted);
  std::size_t kept = 0;
  for (const CurvePoint& p : store.curves(2)) kept += p.stage == Stage::kMetaTrain ? 1 : 0;
  EXPECT_GE(kept, 3u);
  expect_nothing_non_finite_stored(store, 2);
}

}  // namespace
}  // namespace metacf
