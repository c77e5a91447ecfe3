// The store's JSON columns (runs.config_json, splits.config_json and split_json,
// datasets.stats_json, results.extra_json) as someone else's store may hold them: the fuzzer's
// text, wrapped in up to 196,605 levels of brackets when its first bytes ask for it (as
// config_json_depth_fuzz does), is written into one column of a store with one run of each
// kind of row, and the store is then read as `metacf runs`, `show`, `export` (every table and
// format) and `simulate` read it. A damaged value must come out as an exception (the CLI's
// clear error), never a crash, a sanitizer report or a leak.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/experiment/auto_choice_lines.h"
#include "core/experiment/stored_results.h"
#include "core/report/results_tables.h"
#include "core/report/run_export.h"
#include "core/simulate/new_user_simulation.h"
#include "core/simulate/simulator_loader.h"
#include "core/store/experiment_store.h"
#include "core/store/sqlite_db.h"
#include "fuzz/fuzz_input.h"

namespace {

// Each sets ?1 on the one row of its table.
constexpr const char* kColumns[] = {
    "UPDATE runs SET config_json = ?1",   "UPDATE splits SET config_json = ?1",
    "UPDATE splits SET split_json = ?1",  "UPDATE datasets SET stats_json = ?1",
    "UPDATE results SET extra_json = ?1",
};
constexpr std::size_t kColumnCount = sizeof kColumns / sizeof kColumns[0];

// A store with a data set, a split, a completed run, a result with per-user values and a
// stored fit: every JSON column has a row to hold the fuzzer's text.
std::string make_store() {
  const std::string path = metacf::fuzz::temp_path(".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto store = metacf::ExperimentStore::open(path);
  const auto dataset = store.add_dataset("ratings.csv", "csv", "hash", {{"users", 4}});
  metacf::Split split;
  split.pretrain_users = {0};
  split.meta_train = {{1, {0}, {1}}};
  split.meta_test = {{2, {1}, {2}}, {3, {0}, {2}}};
  const auto split_id = store.add_split(dataset, metacf::SplitConfig{}, split);
  const nlohmann::json config = {{"learners", {"pop"}}, {"top_n", 10}, {"baseline", "pop"}};
  const auto run = store.begin_run(dataset, split_id, config, "label");
  metacf::ResultRow row;
  row.learner = "pop";
  row.metric = "hr@10";
  row.value = 0.5;
  row.users = 2;
  row.extra = {{"per_user", {1.0, 0.0}}, {"fit_seconds", 0.1}};
  store.add_results(run, std::vector{row});
  store.save_parameters(run, "pop", 1,
                        std::vector{metacf::NamedTensor{"counts", 3, 1, {1.0f, 2.0f, 3.0f}}});
  store.finish_run(run, metacf::RunStatus::kCompleted);
  return path;  // closed on return, so the file holds everything (no -wal left)
}

// What the read-only commands do with a run.
void read_everything(const std::string& path) {
  auto store = metacf::ExperimentStore::open(path, metacf::ExperimentStore::Access::kReadOnly);
  for (const auto& run : store.list_runs()) {
    (void)store.run(run.id);
    (void)run.config.dump();
    const auto rows = store.results(run.id);
    (void)metacf::summarise_stored(rows, "pop");
    metacf::RunTables tables;
    tables.records = metacf::records_from_rows(rows).records;
    tables.curves = store.curves(run.id);
    for (auto what : {metacf::ExportWhat::kResults, metacf::ExportWhat::kCurves,
                      metacf::ExportWhat::kPerUser}) {
      for (auto format : {metacf::TableFormat::kCsv, metacf::TableFormat::kMarkdown,
                          metacf::TableFormat::kLatex, metacf::TableFormat::kJson}) {
        (void)metacf::export_text(what, format, tables);
      }
    }
    (void)metacf::auto_choice_lines(store, run.id);
    (void)metacf::stored_learners(store, run.id);
    std::string note;
    (void)metacf::stored_split(store, run, 1, note);
  }
  for (const auto& dataset : store.list_datasets()) (void)store.dataset(dataset.id);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string pristine = make_store();
  static const std::string path = metacf::fuzz::temp_path("-work.sqlite");
  if (size < 1) return 0;
  // Each input starts from the same store.
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::filesystem::copy_file(pristine, path, std::filesystem::copy_options::overwrite_existing);
  {
    metacf::SqliteDb db(path, metacf::SqliteDb::Mode::kReadWriteCreate);
    db.execute(kColumns[data[0] % kColumnCount], metacf::fuzz::nested(data + 1, size - 1));
  }
  try {
    read_everything(path);
  } catch (const std::exception&) {
  }
  return 0;
}
