// Every record type written to the store reads back unchanged, including awkward text.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/store/content_hash.h"
#include "core/store/experiment_store.h"
#include "core/util/version.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

// A fresh folder per test, removed afterwards.
class StoreRoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("metacf_store_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string db_path() const { return (dir_ / "experiments.sqlite").string(); }

  fs::path dir_;
};

// Quotes of both kinds, a semicolon, SQL comment syntax and non-ASCII text.
const std::string kAwkward = "L'\u00e9t\u00e9 \"meurtrier\"; -- DROP TABLE runs; \u65e5\u672c";

Split sample_split() {
  Split s;
  s.pretrain_users = {4, 0, 7};
  s.meta_train = {{1, {10, 11}, {12, 13, 14}}, {2, {20}, {21}}};
  s.meta_test = {{3, {30, 31, 32}, {33, 34, 35}}};
  s.dropped_users = 5;
  s.published_tasks = true;
  return s;
}

void expect_same_tasks(const std::vector<Task>& a, const std::vector<Task>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].user, b[i].user);
    EXPECT_EQ(a[i].support, b[i].support);
    EXPECT_EQ(a[i].query, b[i].query);
  }
}

TEST_F(StoreRoundTripTest, DatasetKeepsPathStatsAndHash) {
  auto store = ExperimentStore::open(db_path());
  const std::string source = "/data/" + kAwkward + "/u.data";
  const nlohmann::json stats = {{"users", 943}, {"items", 1682}, {"title", kAwkward}};
  const auto id = store.add_dataset(source, "ml100k", "fnv1a64:0123456789abcdef", stats);
  const auto again = store.add_dataset("/other/u.data", "ml100k", "fnv1a64:ffff", {});

  const DatasetRecord d = store.dataset(id);
  EXPECT_EQ(d.id, id);
  EXPECT_EQ(d.source_path, source);
  EXPECT_EQ(d.format, "ml100k");
  EXPECT_EQ(d.content_hash, "fnv1a64:0123456789abcdef");
  EXPECT_EQ(d.stats, stats);
  EXPECT_FALSE(d.imported_at.empty());

  const auto all = store.list_datasets();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, again);  // newest first
  EXPECT_EQ(store.find_dataset("fnv1a64:0123456789abcdef", "ml100k"), id);
  EXPECT_FALSE(store.find_dataset("fnv1a64:0123456789abcdef", "csv").has_value());
}

TEST_F(StoreRoundTripTest, SplitWithTasksReloadsExactly) {
  auto store = ExperimentStore::open(db_path());
  const auto dataset = store.add_dataset("u.data", "ml100k", "h", {});
  SplitConfig config;
  config.seed = std::numeric_limits<std::uint64_t>::max();  // beyond int64: must round-trip
  config.max_selected = 7;
  const Split original = sample_split();
  const auto id = store.add_split(dataset, config, original);

  const Split loaded = store.load_split(id);
  EXPECT_EQ(loaded.pretrain_users, original.pretrain_users);
  expect_same_tasks(loaded.meta_train, original.meta_train);
  expect_same_tasks(loaded.meta_test, original.meta_test);
  EXPECT_EQ(loaded.dropped_users, 5);
  EXPECT_TRUE(loaded.published_tasks);

  const SplitRecord record = store.split_record(id);
  EXPECT_EQ(record.dataset_id, dataset);
  EXPECT_EQ(record.config.seed, config.seed);
  EXPECT_EQ(record.config.max_selected, 7);

  EXPECT_EQ(store.find_split(dataset, config), id);
  SplitConfig other = config;
  other.seed = 2;
  EXPECT_FALSE(store.find_split(dataset, other).has_value());
}

TEST_F(StoreRoundTripTest, SplitForUnknownDatasetIsRefused) {
  auto store = ExperimentStore::open(db_path());
  try {
    (void)store.add_split(42, SplitConfig{}, sample_split());
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::kInvalid);
    EXPECT_NE(std::string(e.what()).find("FOREIGN KEY"), std::string::npos) << e.what();
  }
}

// Stores written before published tasks were kept as written marked a published split by
// `reshuffle_meta_train`; such a split must still read as published.
TEST(SplitJsonTest, AnOlderPublishedSplitMarkReadsAsPublished) {
  nlohmann::json j = sample_split();
  j.erase("published_tasks");
  EXPECT_FALSE(j.get<Split>().published_tasks);
  j["reshuffle_meta_train"] = true;
  EXPECT_TRUE(j.get<Split>().published_tasks);
}

TEST(SplitJsonTest, MalformedTaskNamesTheEntry) {
  nlohmann::json j = sample_split();
  j["meta_test"][0] = {3, {30}};  // missing the query list
  try {
    (void)j.get<Split>();
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("meta_test[0]"), std::string::npos) << e.what();
  }
}

TEST_F(StoreRoundTripTest, RunLifecycle) {
  auto store = ExperimentStore::open(db_path());
  const auto dataset = store.add_dataset("u.data", "ml100k", "h", {});
  const auto split = store.add_split(dataset, SplitConfig{}, sample_split());
  const nlohmann::json config = {{"learners", {"metacf", "bpr"}}, {"note", kAwkward}};
  const auto first = store.begin_run(dataset, split, config, kAwkward);
  const auto second = store.begin_run(std::nullopt, std::nullopt, nlohmann::json::object());

  RunRecord r = store.run(first);
  EXPECT_EQ(r.dataset_id, dataset);
  EXPECT_EQ(r.split_id, split);
  EXPECT_EQ(r.config, config);
  EXPECT_EQ(r.label, kAwkward);
  EXPECT_EQ(r.code_version, kVersion);
  EXPECT_EQ(r.status, RunStatus::kRunning);
  EXPECT_EQ(r.owner_pid, getpid());
  EXPECT_TRUE(r.finished_at.empty());

  store.finish_run(first, RunStatus::kFailed, "loss diverged: \"nan\" at epoch 3");
  store.set_run_label(second, "renamed");
  r = store.run(first);
  EXPECT_EQ(r.status, RunStatus::kFailed);
  EXPECT_EQ(r.error, "loss diverged: \"nan\" at epoch 3");
  EXPECT_FALSE(r.finished_at.empty());

  const auto runs = store.list_runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].id, second);
  EXPECT_FALSE(runs[0].dataset_id.has_value());
  EXPECT_EQ(runs[0].label, "renamed");
  EXPECT_EQ(runs[1].id, first);
}

TEST_F(StoreRoundTripTest, CurvesKeepOrderAndMissingValidation) {
  auto store = ExperimentStore::open(db_path());
  const auto run = store.begin_run(std::nullopt, std::nullopt, {});
  Progress progress;
  progress.stage = Stage::kMetaTrain;
  progress.learner = "metacf";
  progress.epoch = 2;
  progress.loss = 0.25;
  progress.wall_seconds = 1.5;  // val_hr / val_ndcg left NaN: not measured this epoch
  const std::vector<CurvePoint> points = {
      {Stage::kPretrain, "", 1, 0.75, std::nan(""), std::nan(""), 0.5},
      {Stage::kMetaTrain, "metacf", 1, 0.5, 0.125, 0.0625, 1.0},
      curve_point(progress),
  };
  store.add_curve_points(run, points);

  const auto loaded = store.curves(run);
  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[0].stage, Stage::kPretrain);
  EXPECT_EQ(loaded[0].learner, "");
  EXPECT_TRUE(std::isnan(loaded[0].val_hr));
  EXPECT_EQ(loaded[1].val_hr, 0.125);
  EXPECT_EQ(loaded[1].val_ndcg, 0.0625);
  EXPECT_EQ(loaded[2].epoch, 2);
  EXPECT_EQ(loaded[2].loss, 0.25);
  EXPECT_EQ(loaded[2].wall_seconds, 1.5);
  EXPECT_TRUE(std::isnan(loaded[2].val_ndcg));
}

TEST_F(StoreRoundTripTest, ResultsWithAndWithoutSupportSize) {
  auto store = ExperimentStore::open(db_path());
  const auto run = store.begin_run(std::nullopt, std::nullopt, {});
  ResultRow table2{"metacf", 5, std::nullopt, 7, "full", "hr@10", 0.3125, 236, {}};
  table2.extra = {{"meta_train_seconds", 12.5}, {"tasks_per_s", 4000}};
  ResultRow fig2{"bpr", 1,   3, std::numeric_limits<std::uint64_t>::max(), "sampled", "ndcg@10",
                 0.5,   100, {}};
  store.add_results(run, std::vector{table2, fig2});

  const auto rows = store.results(run);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].learner, "metacf");
  EXPECT_EQ(rows[0].k, 5);
  EXPECT_FALSE(rows[0].support_size.has_value());
  EXPECT_EQ(rows[0].seed, 7u);
  EXPECT_EQ(rows[0].protocol, "full");
  EXPECT_EQ(rows[0].metric, "hr@10");
  EXPECT_EQ(rows[0].value, 0.3125);
  EXPECT_EQ(rows[0].users, 236);
  EXPECT_EQ(rows[0].extra, table2.extra);
  EXPECT_EQ(rows[1].support_size, 3);
  EXPECT_EQ(rows[1].seed, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(rows[1].protocol, "sampled");
}

TEST_F(StoreRoundTripTest, UnknownProtocolIsRefusedBeforeWriting) {
  auto store = ExperimentStore::open(db_path());
  const auto run = store.begin_run(std::nullopt, std::nullopt, {});
  ResultRow good{"pop", 0, std::nullopt, 1, "full", "hr@10", 0.1, 10, {}};
  ResultRow bad = good;
  bad.protocol = "leave-one-out";
  EXPECT_THROW(store.add_results(run, std::vector{good, bad}), StoreError);
  EXPECT_TRUE(store.results(run).empty());  // all or nothing
}

TEST_F(StoreRoundTripTest, ParametersAreBitExact) {
  auto store = ExperimentStore::open(db_path());
  const auto run = store.begin_run(std::nullopt, std::nullopt, {});
  const float tiny = std::numeric_limits<float>::denorm_min();
  const NamedTensor q{
      "Q", 2, 3, {1.0f / 3.0f, -0.0f, tiny, 1e30f, -7.25f, std::numeric_limits<float>::infinity()}};
  const NamedTensor phi{"Phi", 1, 2, {0.1f, 0.2f}};
  const NamedTensor empty{"bias " + kAwkward, 0, 0, {}};
  store.save_parameters(run, "metacf", 3, std::vector{q, phi, empty});
  store.save_parameters(run, "bpr", 3, std::vector{phi});

  const auto loaded = store.load_parameters(run, "metacf", 3);
  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[0].name, "Q");
  EXPECT_EQ(loaded[0].rows, 2);
  EXPECT_EQ(loaded[0].cols, 3);
  ASSERT_EQ(loaded[0].values.size(), q.values.size());
  EXPECT_EQ(std::memcmp(loaded[0].values.data(), q.values.data(), q.values.size() * 4), 0);
  EXPECT_TRUE(std::signbit(loaded[0].values[1]));
  EXPECT_EQ(loaded[1].name, "Phi");
  EXPECT_EQ(loaded[2].name, empty.name);
  EXPECT_TRUE(loaded[2].values.empty());
  EXPECT_TRUE(store.load_parameters(run, "metacf", 4).empty());

  // Saving again replaces the set rather than adding to it.
  store.save_parameters(run, "metacf", 3, std::vector{phi});
  EXPECT_EQ(store.load_parameters(run, "metacf", 3).size(), 1u);

  const auto stored = store.stored_parameters(run);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].learner, "bpr");
  EXPECT_EQ(stored[1].learner, "metacf");
  EXPECT_EQ(stored[1].seed, 3u);
  EXPECT_EQ(stored[1].tensors, 1);
}

TEST_F(StoreRoundTripTest, TensorWithWrongShapeIsRefused) {
  auto store = ExperimentStore::open(db_path());
  const auto run = store.begin_run(std::nullopt, std::nullopt, {});
  const NamedTensor bad{"Q", 2, 3, {1.0f, 2.0f}};
  try {
    store.save_parameters(run, "metacf", 1, std::vector{bad});
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::kInvalid);
    EXPECT_NE(std::string(e.what()).find("2 x 3"), std::string::npos) << e.what();
  }
}

TEST_F(StoreRoundTripTest, MissingRunIsNotFound) {
  auto store = ExperimentStore::open(db_path());
  try {
    store.add_curve_points(99,
                           std::vector<CurvePoint>{{Stage::kMetaTrain, "metacf", 1, 0, 0, 0, 0}});
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::kNotFound);
    EXPECT_EQ(e.path(), db_path());
  }
  EXPECT_THROW((void)store.run(99), StoreError);
}

TEST_F(StoreRoundTripTest, DeletingARunDeletesItsRows) {
  auto store = ExperimentStore::open(db_path());
  const auto keep = store.begin_run(std::nullopt, std::nullopt, {});
  const auto drop = store.begin_run(std::nullopt, std::nullopt, {});
  for (auto run : {keep, drop}) {
    store.add_curve_points(run, std::vector<CurvePoint>{{Stage::kMetaTrain, "l", 1, 0, 0, 0, 0}});
    store.add_results(run,
                      std::vector<ResultRow>{{"l", 0, std::nullopt, 1, "full", "hr@10", 0, 1, {}}});
    store.save_parameters(run, "l", 1, std::vector{NamedTensor{"Q", 1, 1, {1.0f}}});
  }
  store.delete_run(drop);
  EXPECT_THROW((void)store.run(drop), StoreError);
  EXPECT_TRUE(store.curves(drop).empty());
  EXPECT_TRUE(store.results(drop).empty());
  EXPECT_TRUE(store.stored_parameters(drop).empty());
  EXPECT_EQ(store.curves(keep).size(), 1u);
  EXPECT_EQ(store.integrity_check(), "ok");
}

TEST(RunStatusTest, WordsRoundTripAndUnknownWordIsExplained) {
  for (auto s : {RunStatus::kRunning, RunStatus::kCompleted, RunStatus::kCancelled,
                 RunStatus::kFailed, RunStatus::kInterrupted}) {
    EXPECT_EQ(run_status_from_string(to_string(s)), s);
  }
  EXPECT_EQ(to_string(RunStatus::kInterrupted), "interrupted");
  try {
    (void)run_status_from_string("done");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'done'"), std::string::npos);
  }
}

TEST(ContentHashTest, MatchesFnv1aDefinition) {
  constexpr std::uint64_t kBasis = 0xcbf29ce484222325ULL;
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::istringstream empty("");
  EXPECT_EQ(fnv1a64(empty), kBasis);
  std::istringstream ab("ab");
  EXPECT_EQ(fnv1a64(ab), ((kBasis ^ 'a') * kPrime ^ 'b') * kPrime);
  // The published FNV-1a test vector for "a".
  std::istringstream a("a");
  EXPECT_EQ(fnv1a64(a), 0xaf63dc4c8601ec8cULL);
}

TEST_F(StoreRoundTripTest, FileHashSeesOneChangedByte) {
  const auto file = (dir_ / "u.data").string();
  std::string bytes(3 << 20, 'x');  // spans several read chunks
  std::ofstream(file, std::ios::binary) << bytes;
  const std::string before = file_content_hash(file);
  EXPECT_EQ(before.rfind("fnv1a64:", 0), 0u);
  EXPECT_EQ(before.size(), 8u + 16u);
  bytes[bytes.size() - 1] = 'y';
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_NE(file_content_hash(file), before);
  try {
    (void)file_content_hash((dir_ / "missing.csv").string());
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.csv"), std::string::npos);
  }
}

TEST_F(StoreRoundTripTest, DefaultPathFollowsXdgDataHome) {
  const char* old = std::getenv("XDG_DATA_HOME");
  const std::string saved = old ? old : "";
  setenv("XDG_DATA_HOME", dir_.c_str(), 1);
  const std::string path = default_store_path();
  if (old)
    setenv("XDG_DATA_HOME", saved.c_str(), 1);
  else
    unsetenv("XDG_DATA_HOME");
  EXPECT_EQ(path, (dir_ / "metacf-studio" / "experiments.sqlite").string());
  EXPECT_TRUE(fs::is_directory(dir_ / "metacf-studio"));
}

}  // namespace
}  // namespace metacf
