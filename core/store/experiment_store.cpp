// The runs of an ExperimentStore: starting, finishing, listing them, and telling which are
// still in progress.
#include "core/store/experiment_store.h"

#include <unistd.h>

#include <bit>

#include "core/store/store_values.h"
#include "core/util/json_text.h"
#include "core/util/version.h"

namespace metacf {
namespace {

using store_values::now_utc;
using store_values::parse_json;

// Parameter blobs are raw float32 in the machine's order; the file is only portable between
// little-endian machines, which is every platform we build for.
static_assert(std::endian::native == std::endian::little);

constexpr const char* kRunColumns =
    "id, dataset_id, split_id, config_json, label, code_version, started_at, "
    "coalesce(finished_at, ''), status, error, owner_pid";

RunRecord read_run(const SqliteDb& db, const Statement& q) {
  RunRecord r;
  r.id = q.int64(0);
  r.dataset_id = q.optional_int64(1);
  r.split_id = q.optional_int64(2);
  r.config = parse_json(db, q.text(3), "run configuration");
  r.label = q.text(4);
  r.code_version = q.text(5);
  r.started_at = q.text(6);
  r.finished_at = q.text(7);
  try {
    r.status = run_status_from_string(q.text(8));
  } catch (const std::invalid_argument& e) {
    throw StoreError(StoreError::Kind::kCorrupt, db.path(), e.what());
  }
  r.error = q.text(9);
  r.owner_pid = q.int64(10);
  return r;
}

// The pid is the one the process had in its own PID namespace: a hint for a person, not what
// decides (the run's lock does).
std::string orphan_error(std::int64_t pid) {
  return "the process running it (pid " + std::to_string(pid) +
         ") ended without finishing: killed, crashed or the machine stopped";
}

}  // namespace

void ExperimentStore::mark_orphaned_runs_interrupted() {
  auto orphaned = [&] {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;  // (run, pid)
    for (const auto& [id, pid] : db_.rows("SELECT id, owner_pid FROM runs WHERE status = 'running'",
                                          [](const Statement& q) {
                                            return std::pair{q.int64(0), q.int64(1)};
                                          })) {
      if (!locks_.held(id)) out.emplace_back(id, pid);
    }
    return out;
  };
  // Looked at without the write lock first: most opens find nothing to mark and so never wait
  // for another writer.
  if (orphaned().empty()) return;
  Transaction tx(db_);
  const std::string now = now_utc();
  db_.execute_each(
      "UPDATE runs SET status = 'interrupted', finished_at = ?2, error = ?3 "
      "WHERE id = ?1 AND status = 'running'",
      orphaned(), [&](Statement& s, const std::pair<std::int64_t, std::int64_t>& run) {
        s.bind_all(run.first, now, orphan_error(run.second));
      });
  tx.commit();
}

RunRecord ExperimentStore::with_liveness(RunRecord run) const {
  if (run.status == RunStatus::kRunning && !locks_.held(run.id)) {
    run.status = RunStatus::kInterrupted;
    run.error = orphan_error(run.owner_pid);
  }
  return run;
}

void ExperimentStore::require_run(std::int64_t run_id) {
  if (!db_.first_row(
          "SELECT 1 FROM runs WHERE id = ?1", [](const Statement&) { return true; }, run_id)) {
    throw StoreError(StoreError::Kind::kNotFound, path(),
                     "there is no run with id " + std::to_string(run_id));
  }
}

std::int64_t ExperimentStore::begin_run(std::optional<std::int64_t> dataset_id,
                                        std::optional<std::int64_t> split_id,
                                        const nlohmann::json& config, const std::string& label) {
  Transaction tx(db_);
  db_.execute(
      "INSERT INTO runs (dataset_id, split_id, config_json, label, code_version, started_at, "
      "status, owner_pid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'running', ?7)",
      dataset_id, split_id, json_text(config), label, kVersion, now_utc(),
      static_cast<std::int64_t>(getpid()));
  const std::int64_t id = db_.last_insert_rowid();
  // Locked before the row is visible, so no other process ever sees it running and unlocked.
  locks_.acquire(id);
  try {
    tx.commit();
  } catch (...) {
    locks_.release(id);
    throw;
  }
  return id;
}

void ExperimentStore::finish_run(std::int64_t run_id, RunStatus status, const std::string& error) {
  Transaction tx(db_);
  require_run(run_id);
  db_.execute("UPDATE runs SET status = ?2, error = ?3, finished_at = ?4 WHERE id = ?1", run_id,
              to_string(status), error, now_utc());
  tx.commit();
  locks_.release(run_id);  // only once the final status is committed
}

void ExperimentStore::set_run_label(std::int64_t run_id, const std::string& label) {
  Transaction tx(db_);
  require_run(run_id);
  db_.execute("UPDATE runs SET label = ?2 WHERE id = ?1", run_id, label);
  tx.commit();
}

void ExperimentStore::delete_run(std::int64_t run_id) {
  Transaction tx(db_);
  require_run(run_id);
  db_.execute("DELETE FROM runs WHERE id = ?1", run_id);
  tx.commit();
  locks_.release(run_id);
}

std::vector<RunRecord> ExperimentStore::list_runs() {
  return db_.rows(std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id DESC",
                  [&](const Statement& q) { return with_liveness(read_run(db_, q)); });
}

RunRecord ExperimentStore::run(std::int64_t run_id) {
  auto found = db_.first_row(
      std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?1",
      [&](const Statement& q) { return with_liveness(read_run(db_, q)); }, run_id);
  if (!found) {
    throw StoreError(StoreError::Kind::kNotFound, path(),
                     "there is no run with id " + std::to_string(run_id));
  }
  return *found;
}

}  // namespace metacf
