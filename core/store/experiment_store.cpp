#include "core/store/experiment_store.h"

#include <signal.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "core/store/schema.h"
#include "core/util/version.h"

namespace metacf {
namespace {

// Parameter blobs are raw float32 in the machine's order; the file is only portable between
// little-endian machines, which is every platform we build for.
static_assert(std::endian::native == std::endian::little);

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// Seeds are unsigned 64-bit; SQLite integers are signed. The cast round-trips every value.
std::int64_t to_db(std::uint64_t seed) { return static_cast<std::int64_t>(seed); }
std::uint64_t seed_from_db(std::int64_t v) { return static_cast<std::uint64_t>(v); }

nlohmann::json parse_json(const SqliteDb& db, const std::string& text, const char* what) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw StoreError(StoreError::Kind::kCorrupt, db.path(),
                     std::string("stored ") + what + " is not valid JSON: " + e.what());
  }
}

bool process_is_gone(std::int64_t pid) {
  if (pid <= 0) return true;
  return kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

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

DatasetRecord read_dataset(const SqliteDb& db, const Statement& q) {
  return {q.int64(0), q.text(1), q.text(2), q.text(3),
          parse_json(db, q.text(4), "data set statistics"), q.text(5)};
}

}  // namespace

std::string default_store_path() {
  namespace fs = std::filesystem;
  fs::path base;
  // The XDG spec says relative values are invalid and must be ignored.
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = fs::path(home) / ".local" / "share";
  } else {
    throw StoreError(StoreError::Kind::kCannotOpen, "experiments.sqlite",
                     "neither XDG_DATA_HOME nor HOME is set; pass the store path explicitly");
  }
  const fs::path dir = base / "metacf-studio";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    throw StoreError(StoreError::Kind::kCannotOpen, dir.string(),
                     "cannot create the folder for the experiment store: " + ec.message());
  }
  return (dir / "experiments.sqlite").string();
}

ExperimentStore ExperimentStore::open(const std::string& path, Access access) {
  const bool read_only = access == Access::kReadOnly;
  SqliteDb db(path, read_only ? SqliteDb::Mode::kReadOnly : SqliteDb::Mode::kReadWriteCreate);
  db.exec("PRAGMA foreign_keys = ON");
  // The first read of the file: one that is not SQLite fails here with "not a database".
  db.exec("SELECT count(*) FROM sqlite_schema", "opening the store");
  if (!read_only) {
    // WAL: readers never block the writer, and a commit is one append. NORMAL sync keeps every
    // commit across a process crash (only an OS crash or power loss may drop the last ones).
    Statement wal = db.prepare("PRAGMA journal_mode = WAL");
    wal.step();
    db.exec("PRAGMA synchronous = NORMAL");
  }
  migrate_schema(db);
  ExperimentStore store(std::move(db));
  if (!read_only) store.mark_orphaned_runs_interrupted();
  return store;
}

void ExperimentStore::mark_orphaned_runs_interrupted() {
  Transaction tx(db_);
  Statement running = db_.prepare("SELECT id, owner_pid FROM runs WHERE status = 'running'");
  Statement mark = db_.prepare(
      "UPDATE runs SET status = 'interrupted', finished_at = ?2, error = ?3 WHERE id = ?1");
  while (running.step()) {
    const std::int64_t pid = running.int64(1);
    if (!process_is_gone(pid)) continue;
    mark.bind_all(running.int64(0), now_utc(),
                  "the process running it (pid " + std::to_string(pid) +
                      ") ended without finishing: killed, crashed or the machine stopped");
    mark.run();
    mark.reset();
  }
  tx.commit();
}

void ExperimentStore::require_run(std::int64_t run_id) {
  Statement q = db_.prepare("SELECT 1 FROM runs WHERE id = ?1");
  q.bind(1, run_id);
  if (!q.step()) {
    throw StoreError(StoreError::Kind::kNotFound, path(),
                     "there is no run with id " + std::to_string(run_id));
  }
}

// ---- data sets and splits ----------------------------------------------------------------

std::int64_t ExperimentStore::add_dataset(const std::string& source_path,
                                          const std::string& format,
                                          const std::string& content_hash,
                                          const nlohmann::json& stats) {
  Transaction tx(db_);
  db_.prepare(
         "INSERT INTO datasets (source_path, format, content_hash, stats_json, imported_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind_all(source_path, format, content_hash, stats.dump(), now_utc())
      .run();
  const std::int64_t id = db_.last_insert_rowid();
  tx.commit();
  return id;
}

DatasetRecord ExperimentStore::dataset(std::int64_t id) {
  Statement q = db_.prepare(
      "SELECT id, source_path, format, content_hash, stats_json, imported_at FROM datasets "
      "WHERE id = ?1");
  q.bind(1, id);
  if (!q.step()) {
    throw StoreError(StoreError::Kind::kNotFound, path(),
                     "there is no data set with id " + std::to_string(id));
  }
  return read_dataset(db_, q);
}

std::vector<DatasetRecord> ExperimentStore::list_datasets() {
  Statement q = db_.prepare(
      "SELECT id, source_path, format, content_hash, stats_json, imported_at FROM datasets "
      "ORDER BY id DESC");
  std::vector<DatasetRecord> out;
  while (q.step()) out.push_back(read_dataset(db_, q));
  return out;
}

std::optional<std::int64_t> ExperimentStore::find_dataset(const std::string& content_hash,
                                                          const std::string& format) {
  Statement q = db_.prepare(
      "SELECT id FROM datasets WHERE content_hash = ?1 AND format = ?2 ORDER BY id DESC");
  q.bind_all(content_hash, format);
  if (!q.step()) return std::nullopt;
  return q.int64(0);
}

std::int64_t ExperimentStore::add_split(std::int64_t dataset_id, const SplitConfig& config,
                                        const Split& split) {
  const nlohmann::json config_json = config;
  const nlohmann::json split_json = split;
  Transaction tx(db_);
  db_.prepare(
         "INSERT INTO splits (dataset_id, seed, config_json, split_json, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind_all(dataset_id, to_db(config.seed), config_json.dump(), split_json.dump(), now_utc())
      .run();
  const std::int64_t id = db_.last_insert_rowid();
  tx.commit();
  return id;
}

Split ExperimentStore::load_split(std::int64_t split_id) {
  Statement q = db_.prepare("SELECT split_json FROM splits WHERE id = ?1");
  q.bind(1, split_id);
  if (!q.step()) {
    throw StoreError(StoreError::Kind::kNotFound, path(),
                     "there is no split with id " + std::to_string(split_id));
  }
  try {
    return parse_json(db_, q.text(0), "split").get<Split>();
  } catch (const std::exception& e) {
    if (dynamic_cast<const StoreError*>(&e)) throw;
    throw StoreError(StoreError::Kind::kCorrupt, path(),
                     "split " + std::to_string(split_id) + " cannot be read: " + e.what());
  }
}

SplitRecord ExperimentStore::split_record(std::int64_t split_id) {
  Statement q =
      db_.prepare("SELECT id, dataset_id, config_json, created_at FROM splits WHERE id = ?1");
  q.bind(1, split_id);
  if (!q.step()) {
    throw StoreError(StoreError::Kind::kNotFound, path(),
                     "there is no split with id " + std::to_string(split_id));
  }
  return {q.int64(0), q.int64(1), parse_json(db_, q.text(2), "split configuration"),
          q.text(3)};
}

std::optional<std::int64_t> ExperimentStore::find_split(std::int64_t dataset_id,
                                                        const SplitConfig& config) {
  const nlohmann::json wanted = config;
  Statement q = db_.prepare(
      "SELECT id, config_json FROM splits WHERE dataset_id = ?1 AND seed = ?2 ORDER BY id DESC");
  q.bind_all(dataset_id, to_db(config.seed));
  while (q.step()) {
    // Compared as JSON values, so key order and number spelling do not matter.
    if (parse_json(db_, q.text(1), "split configuration") == wanted) return q.int64(0);
  }
  return std::nullopt;
}

// ---- runs --------------------------------------------------------------------------------

std::int64_t ExperimentStore::begin_run(std::optional<std::int64_t> dataset_id,
                                        std::optional<std::int64_t> split_id,
                                        const nlohmann::json& config, const std::string& label) {
  Transaction tx(db_);
  db_.prepare(
         "INSERT INTO runs (dataset_id, split_id, config_json, label, code_version, started_at, "
         "status, owner_pid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'running', ?7)")
      .bind_all(dataset_id, split_id, config.dump(), label, kVersion, now_utc(),
                static_cast<std::int64_t>(getpid()))
      .run();
  const std::int64_t id = db_.last_insert_rowid();
  tx.commit();
  return id;
}

void ExperimentStore::add_curve_points(std::int64_t run_id, std::span<const CurvePoint> points) {
  Transaction tx(db_);
  require_run(run_id);
  Statement insert = db_.prepare(
      "INSERT INTO curve_points (run_id, stage, learner, epoch, loss, val_hr, val_ndcg, "
      "wall_seconds, seed, k) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  for (const CurvePoint& p : points) {
    insert.bind_all(run_id, p.stage, p.learner, p.epoch, p.loss, p.val_hr, p.val_ndcg,
                    p.wall_seconds, to_db(p.seed), p.k);
    insert.run();
    insert.reset();
  }
  tx.commit();
}

void ExperimentStore::add_results(std::int64_t run_id, std::span<const ResultRow> rows) {
  for (const ResultRow& r : rows) {
    if (r.protocol != "full" && r.protocol != "sampled") {
      throw StoreError(StoreError::Kind::kInvalid, path(),
                       "result protocol '" + r.protocol + "' is not 'full' or 'sampled'");
    }
  }
  Transaction tx(db_);
  require_run(run_id);
  Statement insert = db_.prepare(
      "INSERT INTO results (run_id, learner, k, support_size, seed, protocol, metric, value, "
      "users, extra_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  for (const ResultRow& r : rows) {
    insert.bind_all(run_id, r.learner, r.k, r.support_size, to_db(r.seed), r.protocol, r.metric,
                    r.value, r.users, r.extra.dump());
    insert.run();
    insert.reset();
  }
  tx.commit();
}

void ExperimentStore::save_parameters(std::int64_t run_id, const std::string& learner,
                                      std::uint64_t seed, std::span<const NamedTensor> tensors,
                                      int k) {
  for (const NamedTensor& t : tensors) {
    if (t.rows < 0 || t.cols < 0 ||
        static_cast<std::size_t>(t.rows * t.cols) != t.values.size()) {
      throw StoreError(StoreError::Kind::kInvalid, path(),
                       "tensor '" + t.name + "' of " + learner + " claims " +
                           std::to_string(t.rows) + " x " + std::to_string(t.cols) +
                           " but holds " + std::to_string(t.values.size()) + " values");
    }
  }
  Transaction tx(db_);
  require_run(run_id);
  db_.prepare(
         "DELETE FROM parameters WHERE run_id = ?1 AND learner = ?2 AND seed = ?3 AND k = ?4")
      .bind_all(run_id, learner, to_db(seed), k)
      .run();
  Statement insert = db_.prepare(
      "INSERT INTO parameters (run_id, learner, seed, k, name, rows, cols, data) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (const NamedTensor& t : tensors) {
    insert.bind_all(run_id, learner, to_db(seed), k, t.name, t.rows, t.cols);
    insert.bind_blob(8, std::as_bytes(std::span(t.values)));
    insert.run();
    insert.reset();
  }
  tx.commit();
}

std::vector<NamedTensor> ExperimentStore::load_parameters(std::int64_t run_id,
                                                          const std::string& learner,
                                                          std::uint64_t seed, int k) {
  Statement q = db_.prepare(
      "SELECT name, rows, cols, data FROM parameters "
      "WHERE run_id = ?1 AND learner = ?2 AND seed = ?3 AND k = ?4 ORDER BY rowid");
  q.bind_all(run_id, learner, to_db(seed), k);
  std::vector<NamedTensor> out;
  while (q.step()) {
    NamedTensor t{q.text(0), q.int64(1), q.int64(2), {}};
    const auto bytes = q.blob(3);
    if (t.rows < 0 || t.cols < 0 ||
        bytes.size() != static_cast<std::size_t>(t.rows * t.cols) * sizeof(float)) {
      throw StoreError(StoreError::Kind::kCorrupt, path(),
                       "stored tensor '" + t.name + "' of run " + std::to_string(run_id) +
                           " has " + std::to_string(bytes.size()) + " bytes, not " +
                           std::to_string(t.rows) + " x " + std::to_string(t.cols) +
                           " floats");
    }
    t.values.resize(static_cast<std::size_t>(t.rows * t.cols));
    if (!bytes.empty()) std::memcpy(t.values.data(), bytes.data(), bytes.size());
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<StoredParameters> ExperimentStore::stored_parameters(std::int64_t run_id) {
  Statement q = db_.prepare(
      "SELECT learner, seed, count(*), k FROM parameters WHERE run_id = ?1 "
      "GROUP BY learner, seed, k ORDER BY min(rowid)");
  q.bind(1, run_id);
  std::vector<StoredParameters> out;
  while (q.step()) {
    out.push_back({q.text(0), seed_from_db(q.int64(1)), q.int64(2), static_cast<int>(q.int64(3))});
  }
  return out;
}

void ExperimentStore::finish_run(std::int64_t run_id, RunStatus status,
                                 const std::string& error) {
  Transaction tx(db_);
  require_run(run_id);
  db_.prepare("UPDATE runs SET status = ?2, error = ?3, finished_at = ?4 WHERE id = ?1")
      .bind_all(run_id, to_string(status), error, now_utc())
      .run();
  tx.commit();
}

void ExperimentStore::set_run_label(std::int64_t run_id, const std::string& label) {
  Transaction tx(db_);
  require_run(run_id);
  db_.prepare("UPDATE runs SET label = ?2 WHERE id = ?1").bind_all(run_id, label).run();
  tx.commit();
}

void ExperimentStore::delete_run(std::int64_t run_id) {
  Transaction tx(db_);
  require_run(run_id);
  db_.prepare("DELETE FROM runs WHERE id = ?1").bind(1, run_id).run();
  tx.commit();
}

std::vector<RunRecord> ExperimentStore::list_runs() {
  Statement q = db_.prepare(std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id DESC");
  std::vector<RunRecord> out;
  while (q.step()) out.push_back(read_run(db_, q));
  return out;
}

RunRecord ExperimentStore::run(std::int64_t run_id) {
  Statement q = db_.prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?1");
  q.bind(1, run_id);
  if (!q.step()) {
    throw StoreError(StoreError::Kind::kNotFound, path(),
                     "there is no run with id " + std::to_string(run_id));
  }
  return read_run(db_, q);
}

std::vector<CurvePoint> ExperimentStore::curves(std::int64_t run_id) {
  Statement q = db_.prepare(
      "SELECT stage, learner, epoch, loss, val_hr, val_ndcg, wall_seconds, seed, k "
      "FROM curve_points WHERE run_id = ?1 ORDER BY rowid");
  q.bind(1, run_id);
  std::vector<CurvePoint> out;
  while (q.step()) {
    out.push_back({q.text(0), q.text(1), static_cast<int>(q.int64(2)), q.real(3), q.real(4),
                   q.real(5), q.real(6), seed_from_db(q.int64(7)), static_cast<int>(q.int64(8))});
  }
  return out;
}

std::vector<ResultRow> ExperimentStore::results(std::int64_t run_id) {
  Statement q = db_.prepare(
      "SELECT learner, k, support_size, seed, protocol, metric, value, users, extra_json "
      "FROM results WHERE run_id = ?1 ORDER BY id");
  q.bind(1, run_id);
  std::vector<ResultRow> out;
  while (q.step()) {
    ResultRow r;
    r.learner = q.text(0);
    r.k = static_cast<int>(q.int64(1));
    if (!q.is_null(2)) r.support_size = static_cast<int>(q.int64(2));
    r.seed = seed_from_db(q.int64(3));
    r.protocol = q.text(4);
    r.metric = q.text(5);
    r.value = q.real(6);
    r.users = q.int64(7);
    r.extra = parse_json(db_, q.text(8), "result extras");
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<StoredParameters> ExperimentStore::result_learners(std::int64_t run_id) {
  Statement q = db_.prepare(
      "SELECT learner, seed, k FROM results WHERE run_id = ?1 AND support_size IS NULL "
      "GROUP BY learner, seed, k ORDER BY min(id)");
  q.bind(1, run_id);
  std::vector<StoredParameters> out;
  while (q.step()) out.push_back({q.text(0), seed_from_db(q.int64(1)), 0, static_cast<int>(q.int64(2))});
  return out;
}

std::string ExperimentStore::integrity_check() {
  Statement q = db_.prepare("PRAGMA integrity_check");
  std::string out;
  while (q.step()) {
    if (!out.empty()) out += '\n';
    out += q.text(0);
  }
  return out;
}

}  // namespace metacf
