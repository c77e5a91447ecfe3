// A store is recognised before anything is written to a file: by its application id, or for
// stores made before it was set, by its tables. Opening read-only writes nothing at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/store/experiment_store.h"
#include "core/store/schema.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

StoreError open_error(const std::string& path, ExperimentStore::Access access) {
  try {
    (void)ExperimentStore::open(path, access);
  } catch (const StoreError& e) {
    return e;
  }
  ADD_FAILURE() << "opened " << path;
  return StoreError(StoreError::Kind::kOther, path, "opened");
}

TEST(StoreIdentityTest, AnotherProgramsDatabaseIsRefusedUntouched) {
  testing::TempDir dir;
  const std::string db = dir.file("other.sqlite");
  {
    SqliteDb other(db, SqliteDb::Mode::kReadWriteCreate);
    // Same table names as ours, another program's application id.
    other.exec("PRAGMA application_id = 7; CREATE TABLE runs (x); PRAGMA user_version = 3");
  }
  const std::string before = read_file(db);
  for (const auto access :
       {ExperimentStore::Access::kReadWrite, ExperimentStore::Access::kReadOnly}) {
    const StoreError e = open_error(db, access);
    EXPECT_EQ(e.kind(), StoreError::Kind::kSchema);
    EXPECT_NE(std::string(e.what()).find("belongs to another program"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(read_file(db), before);
  EXPECT_FALSE(fs::exists(db + "-wal"));
  EXPECT_FALSE(fs::exists(db + "-runlock"));
}

TEST(StoreIdentityTest, AVersionedFileWithoutOurTablesIsRefused) {
  testing::TempDir dir;
  const std::string db = dir.file("versioned.sqlite");
  {
    SqliteDb other(db, SqliteDb::Mode::kReadWriteCreate);
    other.exec("CREATE TABLE notes (x); PRAGMA user_version = 2");
  }
  const StoreError e = open_error(db, ExperimentStore::Access::kReadWrite);
  EXPECT_NE(std::string(e.what()).find("has a schema version but not the store's tables"),
            std::string::npos)
      << e.what();
}

TEST(StoreIdentityTest, AStoreMadeBeforeTheApplicationIdOpensAndIsStampedByAWriter) {
  testing::TempDir dir;
  const std::string db = dir.file("old.sqlite");
  {
    SqliteDb old(db, SqliteDb::Mode::kReadWriteCreate);
    migrate_schema(old);
    old.exec("PRAGMA application_id = 0");  // as every store was before the id existed
  }
  {
    auto reader = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
    EXPECT_TRUE(reader.list_runs().empty());
  }
  {
    SqliteDb check(db, SqliteDb::Mode::kReadOnly);
    EXPECT_EQ(check.integer("PRAGMA application_id"), 0);  // the reader wrote nothing
  }
  { auto writer = ExperimentStore::open(db); }
  SqliteDb check(db, SqliteDb::Mode::kReadOnly);
  EXPECT_EQ(check.integer("PRAGMA application_id"), kApplicationId);
}

TEST(StoreIdentityTest, ReadingWritesNothing) {
  testing::TempDir dir;
  const std::string db = dir.file("s.sqlite");
  {
    auto store = ExperimentStore::open(db);
    const auto run = store.begin_run(std::nullopt, std::nullopt, {});
    (void)run;  // left running: a writer opening it would record it as interrupted
  }
  const std::string before = read_file(db);
  {
    auto reader = ExperimentStore::open(db, ExperimentStore::Access::kReadOnly);
    EXPECT_EQ(reader.list_runs().at(0).status, RunStatus::kInterrupted);
    EXPECT_EQ(reader.quick_check(), "ok");
  }
  EXPECT_EQ(read_file(db), before);
}

TEST(StoreIdentityTest, InMemoryAndEmptyPathsAreRefused) {
  for (const std::string path : {":memory:", ""}) {
    EXPECT_EQ(open_error(path, ExperimentStore::Access::kReadWrite).kind(),
              StoreError::Kind::kInvalid);
  }
}

}  // namespace
}  // namespace metacf
