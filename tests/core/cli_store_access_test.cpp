// How the CLI opens the store: readers never wait for a stalled writer and read stores on
// read-only media (with what their -wal holds); a file that is not a store, a damaged store and
// ":memory:" are refused before anything is written; reading works under a tiny file-size limit;
// labels with control characters are printed escaped.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/store/experiment_store.h"
#include "core/store/sqlite_db.h"
#include "tests/core/cli_process.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

const std::string kSample = METACF_SAMPLE_DIR;

std::string quote(const std::string& s) { return "'" + s + "'"; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string quick_run(const testing::TempDir& dir, const std::string& db,
                      const std::string& extra = "") {
  return "run --data " + quote(kSample + "/ratings.csv") + " --learners pop,metacf_g --config " +
         quote(dir.write("quick.json", R"({"pretrain": {"max_epochs": 3, "patience": 2},
           "learner_configs": {"metacf_g": {"meta_epochs": 2}}})")) +
         " --db " + quote(db) + " " + extra;
}

// A child that takes the store's write lock, tells the parent, and stops itself (SIGSTOP)
// while holding it, as a writer frozen by a debugger or a suspended job would.
pid_t stop_a_writer_holding_the_lock(const std::string& db) {
  int ready[2];
  if (pipe(ready) != 0) return -1;
  const pid_t child = fork();
  if (child == 0) {
    close(ready[0]);
    try {
      SqliteDb writer(db, SqliteDb::Mode::kReadWriteCreate);
      writer.exec("BEGIN IMMEDIATE");
      writer.exec("UPDATE runs SET label = 'being rewritten'");
      if (write(ready[1], "x", 1) != 1) _exit(3);
      raise(SIGSTOP);
      _exit(0);
    } catch (...) {
      _exit(2);
    }
  }
  close(ready[1]);
  char c = 0;
  const bool told = read(ready[0], &c, 1) == 1;
  close(ready[0]);
  if (!told) return -1;
  int status = 0;
  waitpid(child, &status, WUNTRACED);  // returns once the child has stopped
  return child;
}

TEST(CliStoreAccessTest, ReadersAreNotBlockedByAStoppedWriter) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  ASSERT_EQ(testing::run_cli(quick_run(dir, db, "--label mine >/dev/null 2>&1")).exit_code, 0);
  const pid_t writer = stop_a_writer_holding_the_lock(db);
  ASSERT_GT(writer, 0);
  const std::vector<std::string> readers = {"runs", "show 1", "export 1", "export 1 --what curves",
                                            "simulate 1 --learner metacf_g --clicks 5,17"};
  for (const auto& command : readers) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = testing::run_cli(command + " --db " + quote(db) + " 2>&1");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.output;
    EXPECT_EQ(r.output.find("locked"), std::string::npos) << command << "\n" << r.output;
    // What the reader saw is the last commit, not the writer's uncommitted change.
    EXPECT_EQ(r.output.find("being rewritten"), std::string::npos) << command;
    std::printf("  %s with a stopped writer: %.3f s\n", command.c_str(), seconds);
  }
  EXPECT_NE(testing::run_cli("runs --db " + quote(db)).output.find("mine"), std::string::npos);
  // A writer does wait for the lock, and says so after the busy timeout.
  const auto blocked = testing::run_cli(quick_run(dir, db, "2>&1 >/dev/null"));
  EXPECT_EQ(blocked.exit_code, 1);
  EXPECT_NE(blocked.output.find("locked"), std::string::npos) << blocked.output;
  kill(writer, SIGKILL);
  waitpid(writer, nullptr, 0);
}

// A private mount namespace with the store's folder bind-mounted read-only (skipped where that
// is not permitted). Tests run as root, for whom chmod would not stop a write.
TEST(CliStoreAccessTest, AStoreOnReadOnlyMediaIsListedAndNotWritten) {
  if (testing::run_shell(
          "unshare --mount sh -c 'mount --bind /tmp /mnt && mount -o remount,bind,ro /mnt' 2>&1")
          .exit_code != 0) {
    GTEST_SKIP() << "cannot make a read-only bind mount here";
  }
  testing::TempDir dir;
  const std::string folder = dir.file("ro");
  fs::create_directories(folder);
  const std::string db = folder + "/s.sqlite";
  ASSERT_EQ(testing::run_cli(quick_run(dir, db, "--label on-ro-media >/dev/null 2>&1")).exit_code,
            0);
  const std::string before = read_file(db);
  const std::string cli = quote(METACF_CLI_PATH);
  const auto r = testing::run_shell(
      "unshare --mount sh -c \"mount --bind " + quote(folder) + " " + quote(folder) +
      " && mount -o remount,bind,ro " + quote(folder) + " && " + cli + " runs --db " + quote(db) +
      " && " + cli + " show 1 --db " + quote(db) + " >/dev/null && echo READ-OK; " + cli + " " +
      quick_run(dir, db) + " >/dev/null; echo run-exit=\\$?\" 2>&1");
  EXPECT_NE(r.output.find("on-ro-media"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("READ-OK"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("run-exit=1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("error: " + db), std::string::npos) << r.output;
  EXPECT_EQ(read_file(db), before);
}

// A read-only copy of a store taken with its -wal (commits not yet checkpointed): the runs in
// the WAL are listed too (the immutable read skipped them).
TEST(CliStoreAccessTest, AReadOnlyCopyWithItsWalIsReadWhole) {
  if (testing::run_shell(
          "unshare --mount sh -c 'mount --bind /tmp /mnt && mount -o remount,bind,ro /mnt' 2>&1")
          .exit_code != 0) {
    GTEST_SKIP() << "cannot make a read-only bind mount here";
  }
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  ASSERT_EQ(testing::run_cli(quick_run(dir, db, ">/dev/null 2>&1")).exit_code, 0);
  const std::string folder = dir.file("ro");
  fs::create_directories(folder);
  {
    SqliteDb writer(db, SqliteDb::Mode::kReadWriteCreate);
    writer.exec("PRAGMA wal_autocheckpoint = 0");
    writer.exec("UPDATE runs SET label = 'only-in-the-wal'");
    ASSERT_GT(fs::file_size(db + "-wal"), 0u);
    fs::copy_file(db, folder + "/s.sqlite");
    fs::copy_file(db + "-wal", folder + "/s.sqlite-wal");
  }
  const std::string copy = folder + "/s.sqlite";
  const auto r =
      testing::run_shell("unshare --mount sh -c \"mount --bind " + quote(folder) + " " +
                         quote(folder) + " && mount -o remount,bind,ro " + quote(folder) + " && " +
                         quote(METACF_CLI_PATH) + " runs --db " + quote(copy) + "\" 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("only-in-the-wal"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(copy + "-shm"));
}

TEST(CliStoreAccessTest, AForeignSqliteFileIsRefusedUntouched) {
  testing::TempDir dir;
  const std::string db = dir.file("notes.sqlite");
  {
    SqliteDb foreign(db, SqliteDb::Mode::kReadWriteCreate);
    foreign.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')");
  }
  const std::string before = read_file(db);
  ASSERT_EQ(before[18], 1);  // rollback journal, not WAL (2)
  for (const std::string& command : {std::string("runs --db ") + quote(db), quick_run(dir, db)}) {
    const auto r = testing::run_cli(command + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_NE(r.output.find("error: " + db +
                            ": this SQLite file holds other tables and is not a "
                            "MetaCF Studio experiment store"),
              std::string::npos)
        << r.output;
  }
  EXPECT_EQ(read_file(db), before);
  EXPECT_FALSE(fs::exists(db + "-wal"));

  const std::string other = dir.file("other.sqlite");
  {
    SqliteDb foreign(other, SqliteDb::Mode::kReadWriteCreate);
    foreign.exec("PRAGMA application_id = 1234");
  }
  const auto r = testing::run_cli(quick_run(dir, other, "2>&1 >/dev/null"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("belongs to another program (application id 0x000004D2)"),
            std::string::npos)
      << r.output;
}

TEST(CliStoreAccessTest, ADamagedStoreIsReportedWithHowToRecoverAndNotAppendedTo) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  {
    auto store = ExperimentStore::open(db);
    for (int i = 0; i < 60; ++i) {
      const auto run =
          store.begin_run(std::nullopt, std::nullopt, {{"i", i}}, "run " + std::to_string(i));
      std::vector<CurvePoint> points;
      for (int e = 0; e < 40; ++e)
        points.push_back({Stage::kMetaTrain, "metacf_g", e, 0.5, 0.1, 0.1, 1.0});
      store.add_curve_points(run, points);
      store.finish_run(run, RunStatus::kCompleted);
    }
  }
  const auto size = fs::file_size(db);
  ASSERT_GT(size, 40u * 4096u);
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2 / 4096 * 4096));
    for (int i = 0; i < 8 * 4096; ++i) f.put(static_cast<char>((i * 131 + 7) & 0xff));
  }
  const std::string before = read_file(db);
  for (const std::string& command :
       {"runs --db " + quote(db), "export 1 --db " + quote(db), quick_run(dir, db)}) {
    const auto r = testing::run_cli(command + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 1) << command << "\n" << r.output;
    EXPECT_NE(r.output.find("the store is damaged"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(".recover"), std::string::npos) << r.output;
  }
  EXPECT_EQ(read_file(db), before);
}

TEST(CliStoreAccessTest, ReadingCommandsWorkUnderATinyFileSizeLimit) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  ASSERT_EQ(testing::run_cli(quick_run(dir, db, "--label mine >/dev/null 2>&1")).exit_code, 0);
  const std::string cli = quote(METACF_CLI_PATH);
  // `ulimit -f 1`: 512 bytes in sh, less than the -shm file a first reader used to write.
  for (const std::string command : {"runs", "show 1", "export 1 --format md"}) {
    const auto r = testing::run_shell("ulimit -f 1; " + cli + " " + command + " --db " + quote(db) +
                                      " 2>&1 | tail -n 3");
    EXPECT_EQ(r.output.find("error"), std::string::npos) << command << ": " << r.output;
    EXPECT_NE(r.output.find(command == "runs" ? "mine" : "pop"), std::string::npos)
        << command << ": " << r.output;
  }
  // Where a write is needed, the limit is named.
  const auto run =
      testing::run_shell("ulimit -f 1; " + cli + " " + quick_run(dir, db) + " 2>&1 >/dev/null");
  EXPECT_NE(run.output.find("file size limit (ulimit -f)"), std::string::npos) << run.output;
}

TEST(CliStoreAccessTest, AnInMemoryStoreIsRefused) {
  testing::TempDir dir;
  for (const std::string& command :
       {std::string("runs --db :memory:"), quick_run(dir, ":memory:")}) {
    const auto r = testing::run_cli(command + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_NE(r.output.find("error: :memory:: an in-memory store would lose the run"),
              std::string::npos)
        << r.output;
  }
}

TEST(CliStoreAccessTest, LabelsWithControlCharactersArePrintedEscaped) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  {
    auto store = ExperimentStore::open(db);
    const auto run = store.begin_run(std::nullopt, std::nullopt, {{"learners", {"pop"}}},
                                     "real\n99  completed  fake row\x1b[2J");
    store.finish_run(run, RunStatus::kFailed, "bad\x1b]0;title\x07");
  }
  const auto runs = testing::run_cli("runs --db " + quote(db));
  ASSERT_EQ(runs.exit_code, 0);
  EXPECT_EQ(runs.output.find('\x1b'), std::string::npos) << runs.output;
  EXPECT_NE(runs.output.find("real\\n99  completed  fake row\\x1B[2J"), std::string::npos)
      << runs.output;
  EXPECT_EQ(std::count(runs.output.begin(), runs.output.end(), '\n'), 3);  // header, rule, 1 row
  const auto show = testing::run_cli("show 1 --db " + quote(db));
  ASSERT_EQ(show.exit_code, 0);
  EXPECT_EQ(show.output.find('\x1b'), std::string::npos) << show.output;
  EXPECT_EQ(show.output.find('\x07'), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("bad\\x1B]0;title\\x07"), std::string::npos) << show.output;
}

TEST(CliStoreAccessTest, TitlesWithTerminalEscapesAreShownEscapedBySimulate) {
  testing::TempDir dir;
  std::string ratings = "user,item,rating,timestamp\n";
  for (int u = 0; u < 40; ++u) {
    for (int v = 0; v < 12; ++v) {
      if ((u + v) % 3 != 0) ratings += std::to_string(u) + "," + std::to_string(v) + ",5,1\n";
    }
  }
  std::string titles = "movieId,title,genres\n";
  for (int v = 0; v < 12; ++v) {
    titles += std::to_string(v) + ",Film " + std::to_string(v) + "\x1b[31m,Drama\n";
  }
  const std::string db = dir.file("s.sqlite");
  const auto run =
      testing::run_cli("run --data " + quote(dir.write("r.csv", ratings)) + " --titles " +
                       quote(dir.write("movies.csv", titles)) + " --learners pop --config " +
                       quote(dir.write("q.json", R"({"pretrain": {"max_epochs": 2}})")) + " --db " +
                       quote(db) + " 2>&1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto r =
      testing::run_cli("simulate 1 --learner pop --clicks 1 --db " + quote(db) + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find('\x1b'), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\\x1B[31m"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace metacf
