// Files the store cannot use give a StoreError with the path and a reason, never a crash.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/store/experiment_store.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

class StoreFailureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("metacf_fail_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string db_path() const { return (dir_ / "experiments.sqlite").string(); }

  fs::path dir_;
};

StoreError open_error(const std::string& path,
                      ExperimentStore::Access access = ExperimentStore::Access::kReadWrite) {
  try {
    (void)ExperimentStore::open(path, access);
  } catch (const StoreError& e) {
    return e;
  }
  ADD_FAILURE() << "expected StoreError opening " << path;
  return StoreError(StoreError::Kind::kOther, path, "");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(StoreFailureTest, RandomBytesAreNotADatabase) {
  Rng rng(7);
  std::string bytes(8192, '\0');
  for (auto& b : bytes) b = static_cast<char>(rng.next() & 0xff);
  std::ofstream(db_path(), std::ios::binary) << bytes;
  const StoreError e = open_error(db_path());
  EXPECT_EQ(e.kind(), StoreError::Kind::kNotADatabase);
  EXPECT_EQ(e.path(), db_path());
  EXPECT_TRUE(contains(e.what(), db_path())) << e.what();
  EXPECT_TRUE(contains(e.what(), "not a database")) << e.what();
}

TEST_F(StoreFailureTest, TextFileIsNotADatabase) {
  std::ofstream(db_path()) << "userId,movieId,rating,timestamp\n1,31,2.0,1100000001\n";
  const StoreError e = open_error(db_path());
  EXPECT_EQ(e.kind(), StoreError::Kind::kNotADatabase);
  EXPECT_TRUE(contains(e.what(), "not a database")) << e.what();
  // The file the user pointed at is left as it was.
  std::ifstream in(db_path());
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "userId,movieId,rating,timestamp");
}

TEST_F(StoreFailureTest, FolderInsteadOfFileCannotBeOpened) {
  const StoreError e = open_error(dir_.string());
  EXPECT_EQ(e.kind(), StoreError::Kind::kCannotOpen);
  EXPECT_TRUE(contains(e.what(), dir_.string())) << e.what();
}

TEST_F(StoreFailureTest, MissingFolderCannotBeOpened) {
  const std::string path = (dir_ / "no" / "such" / "folder" / "x.sqlite").string();
  EXPECT_EQ(open_error(path).kind(), StoreError::Kind::kCannotOpen);
}

TEST_F(StoreFailureTest, ReadOnlyStoreReadsButRefusesWrites) {
  std::int64_t run = 0;
  {
    auto store = ExperimentStore::open(db_path());
    run = store.begin_run(std::nullopt, std::nullopt, {{"learners", {"pop"}}});
    store.finish_run(run, RunStatus::kCompleted);
  }
  // Root ignores file permissions, so the refusal must come from the read-only open itself;
  // the chmod shows that a read-only file can still be read.
  ASSERT_EQ(chmod(db_path().c_str(), 0444), 0);
  auto store = ExperimentStore::open(db_path(), ExperimentStore::Access::kReadOnly);
  ASSERT_EQ(store.list_runs().size(), 1u);
  EXPECT_EQ(store.run(run).status, RunStatus::kCompleted);
  try {
    (void)store.begin_run(std::nullopt, std::nullopt, {});
    FAIL() << "a read-only store accepted a write";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::kReadOnly);
    EXPECT_TRUE(contains(e.what(), db_path())) << e.what();
    EXPECT_TRUE(contains(e.what(), "readonly")) << e.what();
  }
  EXPECT_EQ(store.list_runs().size(), 1u);
}

TEST_F(StoreFailureTest, ReadOnlyOpenOfMissingFileDoesNotCreateIt) {
  EXPECT_EQ(open_error(db_path(), ExperimentStore::Access::kReadOnly).kind(),
            StoreError::Kind::kCannotOpen);
  EXPECT_FALSE(fs::exists(db_path()));
}

TEST_F(StoreFailureTest, StoreLockedByAnotherWriterTimesOutClearly) {
  auto store = ExperimentStore::open(db_path());
  SqliteDb other(db_path(), SqliteDb::Mode::kReadWriteCreate);
  Transaction held(other);  // another program in the middle of a long write
  try {
    (void)store.begin_run(std::nullopt, std::nullopt, {});
    FAIL() << "a write went through a held lock";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::kBusy);
    EXPECT_TRUE(contains(e.what(), "locked")) << e.what();
  }
  EXPECT_TRUE(store.list_runs().empty());  // readers are not blocked by the writer (WAL)
}

TEST_F(StoreFailureTest, DamagedPagesAreReportedNotCrashed) {
  {
    auto store = ExperimentStore::open(db_path());
    for (int i = 0; i < 20; ++i) {
      const auto run = store.begin_run(std::nullopt, std::nullopt, {{"i", i}});
      store.save_parameters(run, "metacf", 1,
                            std::vector{NamedTensor{"Q", 64, 64, std::vector<float>(4096, 1.0f)}});
    }
  }  // closing checkpoints the WAL into the main file
  const auto size = fs::file_size(db_path());
  ASSERT_GT(size, 16u * 4096u);
  {
    // Overwrite everything after the first two pages (header and schema) with noise.
    std::fstream f(db_path(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(2 * 4096);
    Rng rng(11);
    for (std::uintmax_t i = 2 * 4096; i < size; ++i) f.put(static_cast<char>(rng.next() & 0xff));
  }
  bool reported = false;
  try {
    auto store = ExperimentStore::open(db_path());
    for (const auto& r : store.list_runs()) (void)store.load_parameters(r.id, "metacf", 1);
    reported = store.integrity_check() != "ok";
  } catch (const StoreError& e) {
    reported = true;
    EXPECT_EQ(e.path(), db_path());
  }
  EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace metacf
