#pragma once
// One SQLite file holds everything that runs: data sets imported, splits, runs with their
// configuration, per-epoch curves, final results and trained parameters.
//
// Durability: every call that writes is one transaction, committed before it returns, in WAL
// mode. A process killed mid-run therefore loses at most the call in flight (e.g. the epoch
// being written). A run in progress holds a lock beside the store (RunLocks), which the kernel
// drops when its process dies: a run left `running` without it reads as `interrupted`, and the
// next read-write open records that. Several processes may write one store: writers wait up
// to 5 s for each other; readers are never blocked by a writer (WAL) and never write.
// (The store must be on a local disk: SQLite's WAL does not work over network shares.)
//
// Threads: an ExperimentStore is a connection; use one per thread (move it, do not share it).
// Every failure throws StoreError with the file's path and a reason a user can act on.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/learner.h"
#include "core/split/split.h"
#include "core/store/dataset_blob.h"
#include "core/store/records.h"
#include "core/store/run_locks.h"
#include "core/store/sqlite_db.h"

namespace metacf {

// $XDG_DATA_HOME/metacf-studio/experiments.sqlite, or ~/.local/share/metacf-studio/... when
// XDG_DATA_HOME is unset; creates the folder. Throws StoreError when neither is usable.
std::string default_store_path();

class ExperimentStore {
 public:
  enum class Access { kReadWrite, kReadOnly };

  // Creates the file if needed (read-write), upgrades its schema, checks it (require_intact)
  // and marks runs orphaned by a dead process as interrupted. A file that is not a store is
  // refused before anything is written to it. Read-only never writes: it refuses a store that needs
  // upgrade, and on read-only media (folder not writable, no -shm file) reads the file as
  // immutable.
  // ":memory:" and "" are refused: a run must be kept in a file.
  static ExperimentStore open(const std::string& path, Access access = Access::kReadWrite);

  [[nodiscard]] const std::string& path() const { return db_.path(); }

  // ---- data sets and splits
  std::int64_t add_dataset(const std::string& source_path, const std::string& format,
                           const std::string& content_hash, const nlohmann::json& stats);
  [[nodiscard]] DatasetRecord dataset(std::int64_t id);
  [[nodiscard]] std::vector<DatasetRecord> list_datasets();
  // The newest data set imported from a file with these bytes and format, if any.
  [[nodiscard]] std::optional<std::int64_t> find_dataset(const std::string& content_hash,
                                                         const std::string& format);

  // The data set holding exactly this loaded content (same digest and bytes), stored once:
  // found again when an identical load was stored before, added with its contents otherwise.
  // `source_path`, `format` and `stats` describe the first load that stored it.
  std::int64_t store_dataset(const std::string& source_path, const std::string& format,
                             const nlohmann::json& stats, const Dataset& data,
                             const DatasetBlob& blob);
  // What was loaded for this data set; none when it was stored before contents were kept (its
  // runs must read the file again). Throws StoreError (kCorrupt) when the bytes are damaged.
  [[nodiscard]] std::optional<Dataset> dataset_contents(std::int64_t dataset_id);

  std::int64_t add_split(std::int64_t dataset_id, const SplitConfig& config, const Split& split);
  [[nodiscard]] Split load_split(std::int64_t split_id);
  [[nodiscard]] SplitRecord split_record(std::int64_t split_id);
  // A split of this data set made with exactly this configuration (splits are deterministic).
  [[nodiscard]] std::optional<std::int64_t> find_split(std::int64_t dataset_id,
                                                       const SplitConfig& config);

  // ---- runs
  // Starts a run owned by this process (status running, code version of this build).
  std::int64_t begin_run(std::optional<std::int64_t> dataset_id,
                         std::optional<std::int64_t> split_id, const nlohmann::json& config,
                         const std::string& label = "");
  void add_curve_points(std::int64_t run_id, std::span<const CurvePoint> points);
  void add_results(std::int64_t run_id, std::span<const ResultRow> rows);
  // Replaces the tensors stored for (run, learner, seed).
  // K tells apart the learners of a K sweep (0 for learners and tensors that do not depend on it).
  void save_parameters(std::int64_t run_id, const std::string& learner, std::uint64_t seed,
                       std::span<const NamedTensor> tensors, int k = 0);
  // In the order they were saved; empty when none are stored.
  [[nodiscard]] std::vector<NamedTensor> load_parameters(std::int64_t run_id,
                                                         const std::string& learner,
                                                         std::uint64_t seed, int k = 0);
  [[nodiscard]] std::vector<StoredParameters> stored_parameters(std::int64_t run_id);
  void finish_run(std::int64_t run_id, RunStatus status, const std::string& error = "");
  void set_run_label(std::int64_t run_id, const std::string& label);
  // Replaces the log lines kept with a run (what the studio's Training page showed for it).
  void set_run_log(std::int64_t run_id, std::span<const std::string> lines);
  // In order; empty when none were stored (a run of an older build or of the command line).
  [[nodiscard]] std::vector<std::string> run_log(std::int64_t run_id);
  // Deletes a run with its curves, results and parameters.
  void delete_run(std::int64_t run_id);

  [[nodiscard]] std::vector<RunRecord> list_runs();  // newest first
  [[nodiscard]] RunRecord run(std::int64_t run_id);
  [[nodiscard]] std::vector<CurvePoint> curves(std::int64_t run_id);
  [[nodiscard]] std::vector<ResultRow> results(std::int64_t run_id);
  // (learner, seed, K) of every natural-support result, without reading the rows' values:
  // cheap enough for listing runs (tensors = 0 in the returned records).
  [[nodiscard]] std::vector<StoredParameters> result_learners(std::int64_t run_id);

  // "ok", or SQLite's list of problems (PRAGMA integrity_check); reads the whole file.
  [[nodiscard]] std::string integrity_check();
  // The same through PRAGMA quick_check: every page and b-tree, without matching indexes to
  // tables, so it costs about one read of the file.
  [[nodiscard]] std::string quick_check();
  // Throws StoreError (kCorrupt) saying how to recover when quick_check finds damage.
  void require_intact();

 private:
  ExperimentStore(SqliteDb db, RunLocks locks) : db_(std::move(db)), locks_(std::move(locks)) {}
  void mark_orphaned_runs_interrupted();
  void require_run(std::int64_t run_id);
  // A run still `running` whose lock nobody holds reads as interrupted (also read-only).
  RunRecord with_liveness(RunRecord run) const;

  SqliteDb db_;
  RunLocks locks_;
};

}  // namespace metacf
