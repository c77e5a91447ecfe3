// The catalogue a run is served with comes from the store: encoded once per distinct load,
// decoded exactly, refused when damaged, and found by the loader the CLI's `simulate` and the
// studio's simulator share (load_for_simulator) even when the data never was a file.
#include <gtest/gtest.h>

#include "core/experiment/run_request.h"
#include "core/simulate/new_user_simulation.h"
#include "core/simulate/simulator_loader.h"
#include "core/store/dataset_blob.h"
#include "core/store/schema.h"
#include "tests/core/synthetic_dataset.h"
#include "tests/core/temp_dir.h"

namespace metacf {
namespace {

Dataset titled_dataset() {
  Dataset data = testing::clustered_dataset(300, 100, 4, 5, 20, 3);
  for (std::int32_t v = 0; v < data.num_items(); ++v) {
    data.item_ids[static_cast<std::size_t>(v)] = "item-" + std::to_string(1000 - v);
    data.item_titles.push_back("Title \xC3\xA9 " + std::to_string(v));
    data.item_genres.push_back(v % 2 ? "Drama" : "");
  }
  return data;
}

TEST(RunCatalogueTest, ADataSetDecodesToExactlyWhatWasEncoded) {
  const Dataset data = titled_dataset();
  const DatasetBlob blob = encode_dataset(data);
  EXPECT_EQ(blob.digest.rfind("data-fnv1a64:", 0), 0u);
  const Dataset back = decode_dataset(blob.bytes, "test");
  EXPECT_EQ(back.item_ids, data.item_ids);
  EXPECT_EQ(back.item_titles, data.item_titles);
  EXPECT_EQ(back.item_genres, data.item_genres);
  EXPECT_EQ(back.user_ids, data.user_ids);
  EXPECT_EQ(back.user_offsets, data.user_offsets);
  EXPECT_EQ(back.user_items, data.user_items);
  // Any change of an id changes the digest: relabelled data is another data set.
  Dataset relabelled = data;
  relabelled.item_ids[0] += "x";
  EXPECT_NE(encode_dataset(relabelled).digest, blob.digest);
}

TEST(RunCatalogueTest, DamagedOrTruncatedBytesAreRefusedNotServed) {
  const DatasetBlob blob = encode_dataset(titled_dataset());
  auto truncated = blob.bytes;
  truncated.resize(truncated.size() / 2);
  EXPECT_THROW((void)decode_dataset(truncated, "t"), std::runtime_error);
  auto flipped = blob.bytes;
  flipped[flipped.size() / 2] ^= std::byte{0x5a};
  EXPECT_THROW((void)decode_dataset(flipped, "t"), std::runtime_error);
  EXPECT_THROW((void)decode_dataset({}, "t"), std::runtime_error);
}

TEST(RunCatalogueTest, EncodingStopsWhenCancelled) {
  std::atomic<bool> cancel{true};
  const JobControl job({}, &cancel);
  EXPECT_THROW((void)encode_dataset(titled_dataset(), &job), Cancelled);
}

TEST(RunCatalogueTest, TheSimulatorLoaderServesTheStoredCatalogueOfDataThatWasNeverAFile) {
  testing::TempDir dir;
  const Dataset data = titled_dataset();
  ExperimentConfig config;
  config.learners = {"pop"};
  config.ks = {1};
  config.seeds = {1};
  config.pretrain.dim = 8;
  config.pretrain.max_epochs = 2;
  std::int64_t run_id = 0;
  {
    auto store = ExperimentStore::open(dir.file("s.sqlite"));
    JobControl job;
    const DataSource source{dir.file("never-written.csv"), "csv", "", {}};
    run_id = RunRequest{source, config, {}}.execute(store, ExperimentInputs{data}, job).run_id;
    ASSERT_EQ(store.run(run_id).status, RunStatus::kCompleted);
  }
  SimulatorLoadRequest request;
  request.store_path = dir.file("s.sqlite");
  request.run_id = run_id;
  request.learners[0] = LearnerKey{"pop", 1, 1};
  const SimulatorLoad load = load_for_simulator(request, {});
  ASSERT_TRUE(load.catalogue);
  EXPECT_TRUE(load.catalogue->stored);
  EXPECT_EQ(load.catalogue->data.item_ids, data.item_ids);
  EXPECT_EQ(load.catalogue->data.item_titles, data.item_titles);
  EXPECT_EQ(load.catalogue->data.user_ids, data.user_ids);
  // The split's test users are found under the stored data set, as before.
  EXPECT_FALSE(load.seed_view->test_users.empty()) << load.seed_view->test_users_note;
  // pop reads no Q, so the run did not pretrain: it is served without one, and without the
  // picture of the embedding space.
  EXPECT_FALSE(load.learners[0]->Q);
  EXPECT_FALSE(load.seed_view->projection);
  EXPECT_EQ(load.seed_view->dimensions, 0);
  const NewUserSimulation simulation(*load.learners[0]->learner, 1,
                                     static_cast<std::int32_t>(data.num_items()));
  const std::vector<std::int32_t> clicks{3, 7};
  const ClickUpdate update = simulation.update(clicks, 10);
  ASSERT_FALSE(update.steps.empty());
  EXPECT_EQ(update.steps.back().items.size(), 10u);
}

TEST(RunCatalogueTest, AVersionThreeStoreIsReadAsItIsAndUpgradedByAWriter) {
  testing::TempDir dir;
  const std::string path = dir.file("v3.sqlite");
  {
    SqliteDb v3(path, SqliteDb::Mode::kReadWriteCreate);
    migrate_schema(v3, 3);
    v3.exec(
        "INSERT INTO datasets (source_path, format, content_hash, imported_at) "
        "VALUES ('u.data', 'ml100k', 'fnv1a64:00', '2021-01-01T00:00:00Z')");
  }
  {
    auto reader = ExperimentStore::open(path, ExperimentStore::Access::kReadOnly);
    EXPECT_FALSE(reader.dataset_contents(1).has_value());  // no table: no contents, no error
  }
  {
    SqliteDb check(path, SqliteDb::Mode::kReadOnly);
    EXPECT_EQ(schema_version(check), 3);  // the reader wrote nothing
  }
  auto writer = ExperimentStore::open(path);
  EXPECT_FALSE(writer.dataset_contents(1).has_value());
  EXPECT_EQ(writer.dataset(1).source_path, "u.data");
  const Dataset data = titled_dataset();
  const auto id = writer.store_dataset("x.csv", "csv", {}, data, encode_dataset(data));
  EXPECT_EQ(writer.dataset_contents(id)->item_titles, data.item_titles);
  SqliteDb check(path, SqliteDb::Mode::kReadOnly);
  EXPECT_EQ(schema_version(check), kSchemaVersion);
}

}  // namespace
}  // namespace metacf
