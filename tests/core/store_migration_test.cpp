// A store written by an older build opens in this one with its data intact; files the store
// cannot own are refused with a reason.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/store/experiment_store.h"
#include "core/store/schema.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

class StoreMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("metacf_migrate_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string db_path() const { return (dir_ / "experiments.sqlite").string(); }

  fs::path dir_;
};

bool runs_has_column(SqliteDb& db, const std::string& name) {
  Statement q = db.prepare("SELECT count(*) FROM pragma_table_info('runs') WHERE name = ?1");
  q.bind(1, name);
  q.step();
  return q.int64(0) == 1;
}

StoreError::Kind open_error_kind(
    const std::string& path, ExperimentStore::Access access = ExperimentStore::Access::kReadWrite) {
  try {
    (void)ExperimentStore::open(path, access);
  } catch (const StoreError& e) {
    EXPECT_EQ(e.path(), path);
    return e.kind();
  }
  ADD_FAILURE() << "expected StoreError opening " << path;
  return StoreError::Kind::kOther;
}

TEST_F(StoreMigrationTest, VersionOneFileIsUpgradedWithItsData) {
  std::int64_t run_id = 0;
  {
    SqliteDb v1(db_path(), SqliteDb::Mode::kReadWriteCreate);
    migrate_schema(v1, 1);
    ASSERT_EQ(schema_version(v1), 1);
    ASSERT_FALSE(runs_has_column(v1, "label"));  // otherwise this test proves nothing
    v1.exec(
        "INSERT INTO datasets (source_path, format, content_hash, imported_at) "
        "VALUES ('u.data', 'ml100k', 'h', '2021-01-01T00:00:00Z')");
    v1.prepare(
          "INSERT INTO runs (dataset_id, config_json, code_version, started_at, finished_at, "
          "status, owner_pid) VALUES (1, ?1, '0.0.1', '2021-01-01T00:00:00Z', "
          "'2021-01-01T01:00:00Z', 'completed', 1)")
        .bind(1, R"({"learners":["metacf"]})")
        .run();
    run_id = v1.last_insert_rowid();
    v1.prepare(
          "INSERT INTO results (run_id, learner, k, seed, protocol, metric, value, users) "
          "VALUES (?1, 'metacf', 5, 1, 'full', 'hr@10', 0.25, 100)")
        .bind(1, run_id)
        .run();
  }

  auto store = ExperimentStore::open(db_path());
  const RunRecord run = store.run(run_id);
  EXPECT_EQ(run.label, "");  // the column added by version 2, with its default
  EXPECT_EQ(run.status, RunStatus::kCompleted);
  EXPECT_EQ(run.code_version, "0.0.1");
  EXPECT_EQ(run.config["learners"][0], "metacf");
  ASSERT_EQ(store.results(run_id).size(), 1u);
  EXPECT_EQ(store.results(run_id)[0].value, 0.25);
  EXPECT_EQ(store.dataset(1).source_path, "u.data");
  store.set_run_label(run_id, "baseline");
  EXPECT_EQ(store.run(run_id).label, "baseline");

  SqliteDb check(db_path(), SqliteDb::Mode::kReadOnly);
  EXPECT_EQ(schema_version(check), kSchemaVersion);
  EXPECT_TRUE(runs_has_column(check, "label"));
}

TEST_F(StoreMigrationTest, ReopeningACurrentStoreChangesNothing) {
  std::int64_t run = 0;
  {
    auto store = ExperimentStore::open(db_path());
    run = store.begin_run(std::nullopt, std::nullopt, {{"x", 1}});
    store.finish_run(run, RunStatus::kCompleted);
  }
  auto store = ExperimentStore::open(db_path());
  EXPECT_EQ(store.list_runs().size(), 1u);
  EXPECT_EQ(store.run(run).config["x"], 1);
}

TEST_F(StoreMigrationTest, NewerSchemaIsRefused) {
  {
    SqliteDb db(db_path(), SqliteDb::Mode::kReadWriteCreate);
    migrate_schema(db);
    db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1));
  }
  EXPECT_EQ(open_error_kind(db_path()), StoreError::Kind::kSchema);
}

TEST_F(StoreMigrationTest, UnrelatedSqliteFileIsRefusedUntouched) {
  {
    SqliteDb db(db_path(), SqliteDb::Mode::kReadWriteCreate);
    db.exec("CREATE TABLE contacts (name TEXT)");
  }
  EXPECT_EQ(open_error_kind(db_path()), StoreError::Kind::kSchema);
  SqliteDb db(db_path(), SqliteDb::Mode::kReadOnly);
  EXPECT_EQ(schema_version(db), 0);
  Statement q = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'runs'");
  q.step();
  EXPECT_EQ(q.int64(0), 0);
}

TEST_F(StoreMigrationTest, ReadOnlyOpenDoesNotUpgrade) {
  {
    SqliteDb v1(db_path(), SqliteDb::Mode::kReadWriteCreate);
    migrate_schema(v1, 1);
  }
  EXPECT_EQ(open_error_kind(db_path(), ExperimentStore::Access::kReadOnly),
            StoreError::Kind::kSchema);
  SqliteDb db(db_path(), SqliteDb::Mode::kReadOnly);
  EXPECT_EQ(schema_version(db), 1);
}

}  // namespace
}  // namespace metacf

namespace metacf {
namespace {

// Version 3 keys parameters by K as well: a version 2 file's tensors come through as K = 0.
TEST(StoreMigrationV3Test, ParametersOfAVersionTwoFileSurviveAsKZero) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("metacf_migrate_v3_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "experiments.sqlite").string();
  {
    SqliteDb v2(path, SqliteDb::Mode::kReadWriteCreate);
    migrate_schema(v2, 2);
    v2.exec(
        "INSERT INTO runs (config_json, code_version, started_at, status, owner_pid) "
        "VALUES ('{}', 'old', '2021-01-01T00:00:00Z', 'completed', 1)");
    v2.exec("INSERT INTO parameters VALUES (1, 'metacf_g', 7, 'phi', 1, 1, x'0000803f')");
  }
  auto store = ExperimentStore::open(path);
  const auto tensors = store.load_parameters(1, "metacf_g", 7, 0);
  ASSERT_EQ(tensors.size(), 1u);
  EXPECT_EQ(tensors[0].values, std::vector<float>{1.0f});
  // Two K of one learner and seed are kept apart.
  store.save_parameters(1, "metacf_g", 7, std::vector{NamedTensor{"phi", 1, 1, {5.0f}}}, 5);
  EXPECT_EQ(store.load_parameters(1, "metacf_g", 7, 5)[0].values[0], 5.0f);
  EXPECT_EQ(store.load_parameters(1, "metacf_g", 7, 0)[0].values[0], 1.0f);
  EXPECT_EQ(store.stored_parameters(1).size(), 2u);
  CurvePoint point{Stage::kMetaTrain, "metacf_g", 3, 0.5, 0.1, 0.05, 1.0, 7, 5};
  store.add_curve_points(1, std::vector{point});
  const auto curves = store.curves(1);
  ASSERT_EQ(curves.size(), 1u);
  EXPECT_EQ(curves[0].seed, 7u);
  EXPECT_EQ(curves[0].k, 5);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace metacf
