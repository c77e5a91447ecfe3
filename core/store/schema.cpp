#include "core/store/schema.h"

#include <array>
#include <cstdio>
#include <string>

namespace metacf {
namespace {

// kMigrations[i] takes the schema from version i to version i + 1.
constexpr std::array<const char*, kSchemaVersion> kMigrations{
    // 0 -> 1
    R"sql(
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  source_path TEXT NOT NULL,
  format TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  stats_json TEXT NOT NULL DEFAULT '{}',
  imported_at TEXT NOT NULL
);
CREATE TABLE splits (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  seed INTEGER NOT NULL,
  config_json TEXT NOT NULL,
  split_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
  split_id INTEGER REFERENCES splits(id) ON DELETE SET NULL,
  config_json TEXT NOT NULL,
  code_version TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL
    CHECK (status IN ('running', 'completed', 'cancelled', 'failed', 'interrupted')),
  error TEXT NOT NULL DEFAULT '',
  owner_pid INTEGER NOT NULL
);
CREATE TABLE curve_points (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  learner TEXT NOT NULL,
  epoch INTEGER NOT NULL,
  loss REAL,
  val_hr REAL,
  val_ndcg REAL,
  wall_seconds REAL NOT NULL
);
CREATE TABLE results (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  learner TEXT NOT NULL,
  k INTEGER NOT NULL,
  support_size INTEGER,
  seed INTEGER NOT NULL,
  protocol TEXT NOT NULL CHECK (protocol IN ('full', 'sampled')),
  metric TEXT NOT NULL,
  value REAL,
  users INTEGER NOT NULL,
  extra_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE parameters (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  learner TEXT NOT NULL,
  seed INTEGER NOT NULL,
  name TEXT NOT NULL,
  rows INTEGER NOT NULL,
  cols INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (run_id, learner, seed, name)
);
)sql",
    // 1 -> 2: runs can be named in the UI; the child tables are read (and cascade-deleted) by
    // run, which without an index is a full scan per run.
    R"sql(
ALTER TABLE runs ADD COLUMN label TEXT NOT NULL DEFAULT '';
CREATE INDEX curve_points_by_run ON curve_points(run_id);
CREATE INDEX results_by_run ON results(run_id);
CREATE INDEX runs_by_status ON runs(status);
)sql",
    // 2 -> 3: a K sweep trains one learner per K and seed, so curves and parameters say which.
    // SQLite cannot change a primary key in place: the parameters table is rebuilt.
    R"sql(
ALTER TABLE curve_points ADD COLUMN seed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE curve_points ADD COLUMN k INTEGER NOT NULL DEFAULT 0;
CREATE TABLE parameters_v3 (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  learner TEXT NOT NULL,
  k INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  name TEXT NOT NULL,
  rows INTEGER NOT NULL,
  cols INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (run_id, learner, k, seed, name)
);
INSERT INTO parameters_v3 SELECT run_id, learner, 0, seed, name, rows, cols, data FROM parameters;
DROP TABLE parameters;
ALTER TABLE parameters_v3 RENAME TO parameters;
)sql",
    // 3 -> 4: a data set keeps what was loaded (ids, titles, genres, records; compressed, once
    // per distinct load), so its runs are served without the file. Data sets stored before it
    // have no row here and are read from their file again.
    R"sql(
CREATE TABLE dataset_contents (
  dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
  items INTEGER NOT NULL,
  users INTEGER NOT NULL,
  records INTEGER NOT NULL,
  encoding TEXT NOT NULL,
  data BLOB NOT NULL
);
)sql",
    // 4 -> 5: a run keeps the log its window showed (one row per line, in order), so a stored
    // run brings back its own log. Runs stored before it, or by the command line, have none.
    R"sql(
CREATE TABLE run_log_lines (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (run_id, line)
);
)sql",
};

bool has_tables(SqliteDb& db) {
  return db.integer("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'") > 0;
}

bool has_store_tables(SqliteDb& db) {
  return db.integer(
             "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
             "('datasets', 'splits', 'runs', 'curve_points', 'results', 'parameters')") == 6;
}

StoreError not_ours(SqliteDb& db, const std::string& why) {
  return StoreError(StoreError::Kind::kSchema, db.path(),
                    "this SQLite file " + why +
                        " and is not a MetaCF Studio experiment store; it was left untouched; "
                        "choose another file");
}

}  // namespace

std::vector<SchemaObject> store_schema_objects(int version) {
  SqliteDb memory(":memory:", SqliteDb::Mode::kReadWriteCreate);
  for (int v = 0; v < version && v < kSchemaVersion; ++v) {
    memory.exec(kMigrations[static_cast<std::size_t>(v)]);
  }
  return memory.rows("SELECT type, name, tbl_name FROM sqlite_schema ORDER BY type, name",
                     [](const Statement& q) {
                       return SchemaObject{q.text(0), q.text(1), q.text(2)};
                     });
}

int schema_version(SqliteDb& db) { return static_cast<int>(db.integer("PRAGMA user_version")); }

void require_experiment_store(SqliteDb& db) {
  const std::int64_t application_id = db.integer("PRAGMA application_id");
  if (application_id == kApplicationId) return;
  if (application_id != 0) {
    char hex[24];
    std::snprintf(hex, sizeof hex, "0x%08llX", static_cast<unsigned long long>(application_id));
    throw not_ours(db, std::string("belongs to another program (application id ") + hex + ")");
  }
  if (schema_version(db) == 0) {
    if (has_tables(db)) throw not_ours(db, "holds other tables");
  } else if (!has_store_tables(db)) {
    throw not_ours(db, "has a schema version but not the store's tables");
  }
}

void migrate_schema(SqliteDb& db, int target) {
  auto newer = [&](int found) {
    return StoreError(StoreError::Kind::kSchema, db.path(),
                      "the store has schema version " + std::to_string(found) +
                          " but this build reads up to " + std::to_string(kSchemaVersion) +
                          "; open it with a newer MetaCF Studio");
  };
  if (schema_version(db) > kSchemaVersion) throw newer(schema_version(db));
  const bool stamped = db.integer("PRAGMA application_id") == kApplicationId;
  // A read-only open reads an unstamped (older) store as it is.
  if (schema_version(db) >= target && (stamped || db.read_only())) return;
  if (db.read_only() && schema_version(db) >= kOldestReadableVersion) return;
  if (db.read_only()) {
    throw StoreError(StoreError::Kind::kSchema, db.path(),
                     "the store has schema version " + std::to_string(schema_version(db)) +
                         " and must be upgraded to " + std::to_string(target) +
                         "; open it once without read-only");
  }
  Transaction tx(db);
  // Re-read under the write lock: another process may have migrated in the meantime.
  const int found = schema_version(db);
  if (found > kSchemaVersion) throw newer(found);
  require_experiment_store(db);
  for (int v = found; v < target; ++v) db.exec(kMigrations[static_cast<std::size_t>(v)]);
  if (found < target) db.exec("PRAGMA user_version = " + std::to_string(target));
  if (!stamped) db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  tx.commit();
}

}  // namespace metacf
