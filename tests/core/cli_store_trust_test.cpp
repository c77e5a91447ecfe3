// A store from someone else can do no harm: a trigger, view, table or index the program did not
// create is refused on open, naming it (a trigger on runs used to delete every result on the
// next `metacf run`, exit 0); triggers never fire on our connections; a value far larger than
// any we write (a 20 MB label) is refused instead of read.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/experiment/experiment_config.h"
#include "core/store/experiment_store.h"
#include "core/store/sqlite_db.h"
#include "tests/core/cli_process.h"
#include "tests/core/cli_quick_run.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

using testing::quick_run;
const auto& quote = testing::shell_quote;

// A store with one finished run holding two results.
void make_store_with_results(const std::string& db) {
  auto store = ExperimentStore::open(db);
  const auto run = store.begin_run(std::nullopt, std::nullopt, ExperimentConfig{});
  const std::vector<ResultRow> rows = {{"pop", 1, std::nullopt, 1, "full", "hr@10", 0.1, 10},
                                       {"pop", 1, std::nullopt, 1, "full", "ndcg@10", 0.05, 10}};
  store.add_results(run, rows);
  store.finish_run(run, RunStatus::kCompleted);
}

std::int64_t result_count(const std::string& db) {
  SqliteDb raw(db, SqliteDb::Mode::kReadOnly);
  return raw.integer("SELECT count(*) FROM results");
}

TEST(CliStoreTrustTest, AStoreWithATriggerIsRefusedAndKeepsItsResults) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  make_store_with_results(db);
  {
    SqliteDb raw(db, SqliteDb::Mode::kReadWriteCreate);
    raw.exec("CREATE TRIGGER wipe AFTER INSERT ON runs BEGIN DELETE FROM results; END");
  }
  ASSERT_EQ(result_count(db), 2);
  for (const std::string& command : {quick_run(dir, db), "runs --db " + quote(db)}) {
    const auto r = testing::run_cli(command + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 1) << command << "\n" << r.output;
    EXPECT_NE(r.output.find("the store holds a trigger 'wipe' on 'runs' that MetaCF Studio did "
                            "not create"),
              std::string::npos)
        << r.output;
  }
  EXPECT_EQ(result_count(db), 2);
}

TEST(CliStoreTrustTest, ViewsTablesAndIndexesOfOthersAreNamed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"CREATE VIEW v AS SELECT * FROM runs", "a view 'v' that"},
      {"CREATE TABLE extra (x)", "a table 'extra'"},
      {"CREATE INDEX by_label ON runs(label)", "an index 'by_label' on 'runs'"},
  };
  for (const auto& [sql, named] : cases) {
    testing::TempDir dir;
    const std::string db = dir.file("s.sqlite");
    make_store_with_results(db);
    SqliteDb(db, SqliteDb::Mode::kReadWriteCreate).exec(sql);
    const auto r = testing::run_cli("runs --db " + quote(db) + " 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 1) << sql;
    EXPECT_NE(r.output.find(named), std::string::npos) << sql << "\n" << r.output;
  }
}

// Even where the check is not made (a raw connection), our connections never fire a trigger.
TEST(CliStoreTrustTest, TriggersNeverFireOnOurConnections) {
  testing::TempDir dir;
  SqliteDb db(dir.file("t.sqlite"), SqliteDb::Mode::kReadWriteCreate);
  db.exec("CREATE TABLE a (x); CREATE TABLE b (y); INSERT INTO b VALUES (1);");
  db.exec("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END");
  db.exec("INSERT INTO a VALUES (1)");
  EXPECT_EQ(db.integer("SELECT count(*) FROM b"), 1);
}

// Foreign-key cascades are not triggers: deleting a run still deletes its results.
TEST(CliStoreTrustTest, DeletingARunStillCascades) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  make_store_with_results(db);
  ExperimentStore::open(db).delete_run(1);
  EXPECT_EQ(result_count(db), 0);
}

// Peak RSS of one command alone: it runs in a forked child whose only children are its own, so
// getrusage(RUSAGE_CHILDREN) there sees nothing else this test ran (no /usr/bin/time on a
// minimal Debian).
struct Measured {
  long peak_rss_kib = -1;
  std::string output;
};
Measured measure_alone(const std::string& command) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const auto r = testing::run_shell(command);
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const std::string text = std::to_string(usage.ru_maxrss) + "\n" + r.output;
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t n = write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    _exit(0);
  }
  close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  waitpid(pid, nullptr, 0);
  Measured m;
  const auto newline = text.find('\n');
  if (newline == std::string::npos) return m;
  m.peak_rss_kib = std::stol(text.substr(0, newline));
  m.output = text.substr(newline + 1);
  return m;
}

TEST(CliStoreTrustTest, AHugeLabelIsRefusedNotRead) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  make_store_with_results(db);
  const std::string runs =
      "'" + std::string(METACF_CLI_PATH) + "' runs --db " + quote(db) + " 2>&1 >/dev/null";
  // The same command on the same store with a short label is the baseline: a sanitizer build's
  // runtime alone takes well over 100 MiB, so only the growth over it says whether the label was
  // read.
  const Measured baseline = measure_alone(runs);
  ASSERT_GT(baseline.peak_rss_kib, 0) << baseline.output;
  // 20 MB of text, past the 16 MiB any value read from a store may have, written by a child
  // process: a forked child starts with this process's resident pages as its peak, so this
  // process must not grow between the two measurements (under ASan the freed 20 MB would stay).
  if (const pid_t writer = fork(); writer == 0) {
    SqliteDb(db, SqliteDb::Mode::kReadWriteCreate)
        .exec("UPDATE runs SET label = hex(zeroblob(10000000))");
    _exit(0);
  } else {
    int status = 0;
    ASSERT_EQ(waitpid(writer, &status, 0), writer);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  const Measured r = measure_alone(runs);
  EXPECT_NE(r.output.find("a stored value is larger than 16 MiB"), std::string::npos) << r.output;
  EXPECT_LT(r.peak_rss_kib - baseline.peak_rss_kib, 10 * 1024)
      << "KiB more than the baseline's " << baseline.peak_rss_kib << ": the label was read";
}

}  // namespace
}  // namespace metacf
