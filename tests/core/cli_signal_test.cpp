// SIGTERM (as sent by a job scheduler or `timeout`) cancels a run cleanly: exit 1, the run
// stored as cancelled with what it had, and nothing left marked as in progress.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/store/experiment_store.h"
#include "tests/core/temp_dir.h"

extern char** environ;

namespace metacf {
namespace {

using namespace std::chrono_literals;

bool run_has_started(const std::string& db) {
  try {
    return !ExperimentStore::open(db, ExperimentStore::Access::kReadOnly).list_runs().empty();
  } catch (const StoreError&) {
    return false;  // not created yet
  }
}

TEST(CliSignalTest, SigtermCancelsARunAndKeepsWhatItHad) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  std::vector<std::string> args = {
      METACF_CLI_PATH,
      "run",
      "--data",
      std::string(METACF_SAMPLE_DIR) + "/ratings.csv",
      "--learners",
      "bpr",  // it reads Q, so the run pretrains for as long as the configuration says
      "--config",
      dir.write("long.json", R"({"pretrain": {"max_epochs": 1000, "patience": 1000}})"),
      "--db",
      db};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
  pid_t child = 0;
  ASSERT_EQ(posix_spawn(&child, METACF_CLI_PATH, &quiet, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&quiet);

  for (int i = 0; i < 600 && !run_has_started(db); ++i) std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(run_has_started(db));
  kill(child, SIGTERM);
  int status = 0;
  for (int i = 0; i < 300 && waitpid(child, &status, WNOHANG) == 0; ++i) {
    std::this_thread::sleep_for(100ms);
  }
  if (waitpid(child, &status, WNOHANG) == 0) {  // still there after 30 s: fail, do not hang
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    FAIL() << "SIGTERM did not stop the run";
  }
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  auto store = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
  const RunRecord run = store.list_runs().at(0);
  EXPECT_EQ(run.status, RunStatus::kCancelled);
  EXPECT_FALSE(run.finished_at.empty());
}

}  // namespace
}  // namespace metacf
