// Reading a store writes nothing of its own, so it works under a file-size limit (ulimit -f)
// smaller than SQLite's -shm file (32 KiB), which the first reader of a store in WAL mode had to
// write: `metacf runs` failed there with "the disk refused the write". Readers run in forked
// children that set the limit and leave with _exit.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

#include "core/store/experiment_store.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

constexpr rlim_t kTinyLimit = 512;  // `ulimit -f 1` in sh

// Runs `body` in a child under the tiny limit; its exit code, 128 + signal when killed.
int under_tiny_file_size_limit(const std::function<int()>& body) {
  const pid_t child = fork();
  if (child == 0) {
    // Past the limit write() fails with EFBIG instead of the process being killed, as the CLI
    // and the studio arrange.
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{kTinyLimit, RLIM_INFINITY};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(90);
    int code = 91;
    try {
      code = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      code = 92;
    }
    _exit(code);
  }
  int status = 0;
  if (child < 0 || waitpid(child, &status, 0) != child) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Opens the store read-only as the CLI's reading commands do; 0 when `runs` runs are listed.
int read_runs(const std::string& db, std::size_t runs) {
  auto store = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
  store.require_intact();
  const auto listed = store.list_runs();
  if (listed.size() != runs) return 10;
  if (store.run(listed.back().id).label != "first") return 11;
  return 0;
}

std::int64_t add_run(ExperimentStore& store, const std::string& label) {
  const auto run = store.begin_run(std::nullopt, std::nullopt, {{"seed", 1}}, label);
  store.add_curve_points(
      run, std::vector<CurvePoint>{{Stage::kMetaTrain, "metacf", 1, 0.5, 0.25, 0.125, 1}});
  store.finish_run(run, RunStatus::kCompleted);
  return run;
}

TEST(StoreFileSizeLimitTest, AClosedStoreIsReadUnderATinyLimit) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  {
    auto store = ExperimentStore::open(db);
    add_run(store, "first");
  }
  ASSERT_FALSE(fs::exists(db + "-shm"));  // the last connection removed it
  const auto size = fs::file_size(db);
  EXPECT_EQ(under_tiny_file_size_limit([&] { return read_runs(db, 1); }), 0);
  EXPECT_EQ(fs::file_size(db), size);
  // Twice: what the first reader left beside the store does not stop the next.
  EXPECT_EQ(under_tiny_file_size_limit([&] { return read_runs(db, 1); }), 0);
}

TEST(StoreFileSizeLimitTest, CommitsLeftInTheWalByAKilledWriterAreRead) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  const pid_t writer = fork();
  ASSERT_GE(writer, 0);
  if (writer == 0) {
    try {
      auto store = ExperimentStore::open(db);
      add_run(store, "first");
      add_run(store, "second");
      _exit(0);  // no close: the commits stay in the -wal, beside a -shm nobody keeps
    } catch (...) {
      _exit(2);
    }
  }
  int status = 0;
  ASSERT_EQ(waitpid(writer, &status, 0), writer);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ASSERT_GT(fs::file_size(db + "-wal"), 0u);
  EXPECT_EQ(under_tiny_file_size_limit([&] { return read_runs(db, 2); }), 0);
}

TEST(StoreFileSizeLimitTest, AReaderBesideAWriterReadsItsCommits) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  auto writer = ExperimentStore::open(db);
  add_run(writer, "first");
  EXPECT_EQ(under_tiny_file_size_limit([&] { return read_runs(db, 1); }), 0);
  add_run(writer, "second");
  EXPECT_EQ(under_tiny_file_size_limit([&] { return read_runs(db, 2); }), 0);
}

TEST(StoreFileSizeLimitTest, AWriteTheLimitRefusesSaysSo) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const int code = under_tiny_file_size_limit([&] {
    try {
      auto store = ExperimentStore::open(db);
      add_run(store, "first");
    } catch (const StoreError& e) {
      const std::string message = e.what();
      return write(pipe_fds[1], message.data(), message.size()) < 0 ? 3 : 0;
    }
    return 4;
  });
  close(pipe_fds[1]);
  std::string message;
  char buffer[512];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) message.append(buffer, n);
  close(pipe_fds[0]);
  EXPECT_EQ(code, 0) << message;
  EXPECT_NE(message.find("file size limit (ulimit -f)"), std::string::npos) << message;
}

}  // namespace
}  // namespace metacf
