// A run's log lines: kept in order with the run, replaced whole, deleted with it, and absent
// (not an error) in a store of the version before, which a reader reads as it is.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/store/experiment_store.h"
#include "core/store/schema.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

TEST(StoreRunLogTest, LinesComeBackInOrderPerRunAndGoWithTheRun) {
  testing::TempDir dir;
  auto store = ExperimentStore::open(dir.file("log.sqlite"));
  const auto a = store.begin_run(std::nullopt, std::nullopt, {{"x", 1}});
  const auto b = store.begin_run(std::nullopt, std::nullopt, {{"x", 2}});
  EXPECT_TRUE(store.run_log(a).empty());
  // More than ten lines, so an order by text would differ from the order written.
  std::vector<std::string> lines;
  for (int i = 12; i >= 1; --i)
    lines.push_back("[12:00:0" + std::to_string(i % 10) + "] line " + std::to_string(i) +
                    " L'été \"quoted\"");
  store.set_run_log(a, lines);
  store.set_run_log(b, std::vector<std::string>{"only b"});
  EXPECT_EQ(store.run_log(a), lines);
  EXPECT_EQ(store.run_log(b), std::vector<std::string>{"only b"});

  // Stored again (the run was shown longer), the log is replaced, not appended to.
  const std::vector<std::string> shorter{"first", "second"};
  store.set_run_log(a, shorter);
  EXPECT_EQ(store.run_log(a), shorter);

  store.delete_run(a);
  SqliteDb check(dir.file("log.sqlite"), SqliteDb::Mode::kReadOnly);
  EXPECT_EQ(check.integer("SELECT count(*) FROM run_log_lines"), 1);  // b's line only
  EXPECT_THROW(store.set_run_log(a, shorter), StoreError);            // no such run
}

TEST(StoreRunLogTest, AVersionFourStoreHasNoLogsUntilAWriterUpgradesIt) {
  testing::TempDir dir;
  const std::string path = dir.file("v4.sqlite");
  {
    SqliteDb v4(path, SqliteDb::Mode::kReadWriteCreate);
    migrate_schema(v4, 4);
    v4.exec(
        "INSERT INTO runs (config_json, code_version, started_at, status, owner_pid) "
        "VALUES ('{}', '0.0.1', '2021-01-01T00:00:00Z', 'completed', 1)");
  }
  {
    auto reader = ExperimentStore::open(path, ExperimentStore::Access::kReadOnly);
    EXPECT_TRUE(reader.run_log(1).empty());  // no table: no log, no error
  }
  {
    SqliteDb check(path, SqliteDb::Mode::kReadOnly);
    EXPECT_EQ(schema_version(check), 4);  // the reader wrote nothing
  }
  auto writer = ExperimentStore::open(path);
  EXPECT_TRUE(writer.run_log(1).empty());
  writer.set_run_log(1, std::vector<std::string>{"kept"});
  EXPECT_EQ(writer.run_log(1), std::vector<std::string>{"kept"});
  SqliteDb check(path, SqliteDb::Mode::kReadOnly);
  EXPECT_EQ(schema_version(check), kSchemaVersion);
}

}  // namespace
}  // namespace metacf
