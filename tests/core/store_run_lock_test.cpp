// Runs in progress are told by a lock the kernel drops when their process dies, not by PIDs:
// it works across PID namespaces, where a PID means nothing to another namespace.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "core/store/experiment_store.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

extern char** environ;

namespace metacf {
namespace {

using namespace std::chrono_literals;

TEST(StoreRunLockTest, ARunIsInProgressExactlyWhileItsConnectionHoldsIt) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  std::int64_t run = 0;
  {
    auto writer = ExperimentStore::open(db);
    run = writer.begin_run(std::nullopt, std::nullopt, {});
    EXPECT_EQ(writer.run(run).status, RunStatus::kRunning);
    // Other connections, read-write or read-only, see it running and leave it so.
    EXPECT_EQ(ExperimentStore::open(db).run(run).status, RunStatus::kRunning);
    auto reader = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
    EXPECT_EQ(reader.run(run).status, RunStatus::kRunning);
    EXPECT_EQ(reader.list_runs().at(0).status, RunStatus::kRunning);
  }  // the connection is gone without finishing the run
  auto reader = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
  const RunRecord seen = reader.run(run);
  EXPECT_EQ(seen.status, RunStatus::kInterrupted);  // read as such, without writing
  EXPECT_NE(seen.error.find("ended without finishing"), std::string::npos) << seen.error;
  EXPECT_TRUE(seen.finished_at.empty());
  const RunRecord marked = ExperimentStore::open(db).run(run);  // a writer records it
  EXPECT_EQ(marked.status, RunStatus::kInterrupted);
  EXPECT_FALSE(marked.finished_at.empty());
}

TEST(StoreRunLockTest, AFinishedRunReleasesItsLock) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  auto writer = ExperimentStore::open(db);
  const auto first = writer.begin_run(std::nullopt, std::nullopt, {});
  writer.finish_run(first, RunStatus::kCompleted);
  const auto second = writer.begin_run(std::nullopt, std::nullopt, {});
  auto other = ExperimentStore::open(db);
  EXPECT_EQ(other.run(first).status, RunStatus::kCompleted);
  EXPECT_EQ(other.run(second).status, RunStatus::kRunning);
}

bool wait_for(const std::function<bool()>& condition, std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (condition()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

std::optional<RunStatus> status_of_run_1(const std::string& db) {
  try {
    auto store = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
    const auto runs = store.list_runs();
    if (runs.empty()) return std::nullopt;
    return runs.back().status;
  } catch (const StoreError&) {
    return std::nullopt;  // not created yet
  }
}

// `metacf run` in a new PID namespace (as in a container): seen from outside it is running,
// whatever its PID there means here; killed with its namespace it is interrupted.
TEST(StoreRunLockTest, AWriterInAnotherPidNamespaceIsTrackedAcrossIt) {
  if (testing::run_shell("unshare --pid --fork --mount-proc true 2>&1").exit_code != 0) {
    GTEST_SKIP() << "unshare --pid is not permitted here";
  }
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  const std::string config = dir.write(
      "long.json", R"({"pretrain": {"max_epochs": 1000, "patience": 1000}})");  // bpr reads Q
  const std::string data = std::string(METACF_SAMPLE_DIR) + "/ratings.csv";
  std::vector<std::string> args = {"unshare",      "--pid",         "--fork", "--kill-child",
                                   "--mount-proc", METACF_CLI_PATH, "run",    "--data",
                                   data,           "--learners",    "bpr",    "--config",
                                   config,         "--db",          db};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
  pid_t unshare = 0;
  ASSERT_EQ(posix_spawnp(&unshare, "unshare", &quiet, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&quiet);

  ASSERT_TRUE(wait_for([&] { return status_of_run_1(db).has_value(); }, 60s));
  EXPECT_EQ(status_of_run_1(db), RunStatus::kRunning);
  // A plain `runs` and a read-write open from this namespace leave the live run alone.
  const auto listed = testing::run_cli("runs --db '" + db + "'");
  EXPECT_NE(listed.output.find("running"), std::string::npos) << listed.output;
  EXPECT_EQ(ExperimentStore::open(db).list_runs().back().status, RunStatus::kRunning);

  kill(unshare, SIGKILL);  // --kill-child takes the namespace's processes with it
  waitpid(unshare, nullptr, 0);
  EXPECT_TRUE(wait_for([&] { return status_of_run_1(db) == RunStatus::kInterrupted; }, 30s));
  const RunRecord killed = ExperimentStore::open(db).list_runs().back();
  EXPECT_EQ(killed.status, RunStatus::kInterrupted);
  EXPECT_FALSE(killed.finished_at.empty());
}

}  // namespace
}  // namespace metacf
