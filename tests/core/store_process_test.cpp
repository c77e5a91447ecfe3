// Several processes on one store: a run killed with SIGKILL, two writers at once, and a writer
// that runs out of space. Children are forked and leave with _exit so they never return into
// the test framework.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "core/store/experiment_store.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

class StoreProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("metacf_proc_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string db_path() const { return (dir_ / "experiments.sqlite").string(); }

  // A finished run with results and parameters that later mishaps must leave alone.
  std::int64_t add_completed_run() {
    auto store = ExperimentStore::open(db_path());
    const auto run = store.begin_run(std::nullopt, std::nullopt, {{"seed", 1}}, "reference");
    store.add_curve_points(
        run, std::vector<CurvePoint>{{Stage::kMetaTrain, "metacf", 1, 0.5, 0.25, 0.125, 1.0}});
    store.add_results(run, std::vector<ResultRow>{
                               {"metacf", 5, std::nullopt, 1, "full", "hr@10", 0.375, 236, {}}});
    store.save_parameters(run, "metacf", 1, std::vector{kReferenceTensor});
    store.finish_run(run, RunStatus::kCompleted);
    return run;
  }

  void expect_completed_run_intact(ExperimentStore& store, std::int64_t run) {
    const RunRecord r = store.run(run);
    EXPECT_EQ(r.status, RunStatus::kCompleted);
    EXPECT_EQ(r.label, "reference");
    ASSERT_EQ(store.curves(run).size(), 1u);
    ASSERT_EQ(store.results(run).size(), 1u);
    EXPECT_EQ(store.results(run)[0].value, 0.375);
    const auto tensors = store.load_parameters(run, "metacf", 1);
    ASSERT_EQ(tensors.size(), 1u);
    EXPECT_EQ(tensors[0].values, kReferenceTensor.values);
  }

  inline static const NamedTensor kReferenceTensor{"Q", 2, 2, {0.5f, -1.25f, 3.0f, 1e-7f}};
  fs::path dir_;
};

// Writes all of `text` to a pipe (small messages: one write suffices).
void send(int fd, const std::string& text) {
  if (write(fd, text.data(), text.size()) < 0) _exit(90);
}

// Reads one '\n'-terminated line from a pipe; empty at end of file.
std::string receive_line(int fd) {
  std::string line;
  char c = 0;
  while (read(fd, &c, 1) == 1) {
    if (c == '\n') return line;
    line += c;
  }
  return line;
}

int wait_exit_code(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST_F(StoreProcessTest, KilledRunIsInterruptedAndKeepsCommittedEpochs) {
  const auto reference = add_completed_run();
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipe_fds[0]);
    try {
      auto store = ExperimentStore::open(db_path());
      const auto run = store.begin_run(std::nullopt, std::nullopt, {{"seed", 2}});
      send(pipe_fds[1], std::to_string(run) + "\n");
      for (int epoch = 1;; ++epoch) {
        store.add_curve_points(run, std::vector<CurvePoint>{{Stage::kMetaTrain, "metacf", epoch,
                                                             1.0 / epoch, 0, 0, 0}});
        send(pipe_fds[1], std::to_string(epoch) + "\n");  // told only once committed
      }
    } catch (...) {
      _exit(2);
    }
  }
  close(pipe_fds[1]);
  const std::int64_t run = std::stoll(receive_line(pipe_fds[0]));
  int committed = 0;
  while (committed < 5) committed = std::stoi(receive_line(pipe_fds[0]));
  kill(child, SIGKILL);
  EXPECT_EQ(wait_exit_code(child), 128 + SIGKILL);
  close(pipe_fds[0]);

  auto store = ExperimentStore::open(db_path());
  EXPECT_EQ(store.integrity_check(), "ok");
  expect_completed_run_intact(store, reference);
  const RunRecord killed = store.run(run);
  EXPECT_EQ(killed.status, RunStatus::kInterrupted);
  EXPECT_NE(killed.error.find(std::to_string(child)), std::string::npos) << killed.error;
  EXPECT_FALSE(killed.finished_at.empty());
  const auto curves = store.curves(run);
  ASSERT_GE(curves.size(), 5u);  // everything reported as committed survived
  for (std::size_t i = 0; i < curves.size(); ++i) {
    EXPECT_EQ(curves[i].epoch, static_cast<int>(i) + 1);  // no gaps, no half-written epoch
  }
}

TEST_F(StoreProcessTest, RunOfALiveProcessIsNotMarkedInterrupted) {
  auto store = ExperimentStore::open(db_path());
  const auto run = store.begin_run(std::nullopt, std::nullopt, {});
  auto second = ExperimentStore::open(db_path());  // this process is alive: leave it running
  EXPECT_EQ(second.run(run).status, RunStatus::kRunning);
}

TEST_F(StoreProcessTest, TwoWritersAtOnceBothLand) {
  const auto reference = add_completed_run();
  constexpr int kEpochs = 60;
  pid_t children[2];
  for (int c = 0; c < 2; ++c) {
    children[c] = fork();
    ASSERT_GE(children[c], 0);
    if (children[c] == 0) {
      try {
        auto store = ExperimentStore::open(db_path());
        const auto run = store.begin_run(std::nullopt, std::nullopt, {{"writer", c}});
        for (int epoch = 1; epoch <= kEpochs; ++epoch) {
          store.add_curve_points(
              run, std::vector<CurvePoint>{{Stage::kMetaTrain, "bpr", epoch, 0, 0, 0, 0}});
        }
        store.add_results(run, std::vector<ResultRow>{
                                   {"bpr", 1, std::nullopt, 1, "full", "hr@10", 0.5 + c, 10, {}}});
        store.finish_run(run, RunStatus::kCompleted);
        _exit(0);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "writer %d: %s\n", c, e.what());
        _exit(3);
      }
    }
  }
  EXPECT_EQ(wait_exit_code(children[0]), 0);
  EXPECT_EQ(wait_exit_code(children[1]), 0);

  auto store = ExperimentStore::open(db_path());
  EXPECT_EQ(store.integrity_check(), "ok");
  expect_completed_run_intact(store, reference);
  const auto runs = store.list_runs();
  ASSERT_EQ(runs.size(), 3u);
  int seen_writers = 0;
  for (const auto& r : runs) {
    if (r.id == reference) continue;
    EXPECT_EQ(r.status, RunStatus::kCompleted);
    EXPECT_EQ(store.curves(r.id).size(), static_cast<std::size_t>(kEpochs));
    ASSERT_EQ(store.results(r.id).size(), 1u);
    EXPECT_EQ(store.results(r.id)[0].value, 0.5 + r.config["writer"].get<int>());
    seen_writers |= 1 << r.config["writer"].get<int>();
  }
  EXPECT_EQ(seen_writers, 0b11);
}

TEST_F(StoreProcessTest, DiskFullIsReportedAndRolledBack) {
  const auto reference = add_completed_run();
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(pipe_fds[0]);
    // Past the limit write() fails with EFBIG instead of the process being killed.
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4 << 20, 4 << 20};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(4);
    std::int64_t run = 0;
    int saved = 0;
    try {
      auto store = ExperimentStore::open(db_path());
      run = store.begin_run(std::nullopt, std::nullopt, {});
      const NamedTensor big{"Q", 256, 1024, std::vector<float>(256 * 1024, 0.5f)};  // 1 MiB
      for (;; ++saved)
        store.save_parameters(run, "learner" + std::to_string(saved), 1, std::vector{big});
    } catch (const StoreError& e) {
      send(pipe_fds[1], std::to_string(run) + "\n" + std::to_string(saved) + "\n" +
                            std::to_string(static_cast<int>(e.kind())) + "\n" + e.what() + "\n");
      _exit(0);
    } catch (...) {
      _exit(5);
    }
  }
  close(pipe_fds[1]);
  const std::int64_t run = std::stoll(receive_line(pipe_fds[0]));
  const int saved = std::stoi(receive_line(pipe_fds[0]));
  const int kind = std::stoi(receive_line(pipe_fds[0]));
  const std::string message = receive_line(pipe_fds[0]);
  close(pipe_fds[0]);
  ASSERT_EQ(wait_exit_code(child), 0) << message;

  EXPECT_EQ(kind, static_cast<int>(StoreError::Kind::kDiskFull)) << message;
  EXPECT_NE(message.find(db_path()), std::string::npos) << message;
  EXPECT_NE(message.find("file size limit (ulimit -f)"), std::string::npos) << message;
  EXPECT_GE(saved, 1);  // some blobs fitted before the limit

  auto store = ExperimentStore::open(db_path());
  EXPECT_EQ(store.integrity_check(), "ok");
  expect_completed_run_intact(store, reference);
  EXPECT_EQ(store.run(run).status, RunStatus::kInterrupted);  // the child never finished it
  // Every save that returned is there in full; the one that failed left nothing behind.
  const auto stored = store.stored_parameters(run);
  EXPECT_EQ(stored.size(), static_cast<std::size_t>(saved));
  for (const auto& s : stored) {
    const auto tensors = store.load_parameters(run, s.learner, s.seed);
    ASSERT_EQ(tensors.size(), 1u);
    ASSERT_EQ(tensors[0].values.size(), 256u * 1024u);
    EXPECT_EQ(tensors[0].values.front(), 0.5f);
    EXPECT_EQ(tensors[0].values.back(), 0.5f);
  }
  EXPECT_TRUE(store.load_parameters(run, "learner" + std::to_string(saved), 1).empty());
}

}  // namespace
}  // namespace metacf
