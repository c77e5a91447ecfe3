// Opening a store: where it lives by default, how it is opened for reading and for writing,
// and the checks that a file is an intact store of ours.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/store/experiment_store.h"
#include "core/store/schema.h"
#include "core/store/wal_snapshot.h"

namespace metacf {
namespace {

namespace fs = std::filesystem;

bool folder_writable(const std::string& path) {
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) folder = ".";
  return access(folder.c_str(), W_OK) == 0;
}

// Settings of the connection and the checks that need only reads. The first read of the file
// is here: one that is not SQLite fails with "not a database", one of another program, or one
// holding objects we did not create (a trigger), is refused before the journal mode (or
// anything else) is changed.
void prepare_connection(SqliteDb& db) {
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("SELECT count(*) FROM sqlite_schema", "opening the store");
  require_experiment_store(db);
  require_known_objects(db);
}

// Readers take no write lock and write nothing, so a writer holding the store (even one
// stopped with SIGSTOP) never blocks them. WAL needs a -shm file beside the store; where none
// exists and none can be made (read-only media, a folder we may not write) the file is read as
// immutable: nothing can be writing it then. A -wal left beside it is read through a private
// copy (open_wal_snapshot), since immutable skips it.
// The -shm file is 32 KiB or more, which a reader must write when it is the first to open the
// store; under a smaller file-size limit (ulimit -f) that write is refused, and the store is
// read through the -shm that SQLite made, without writing to it.
SqliteDb open_for_reading(const std::string& path) {
  const bool can_share = folder_writable(path) || fs::exists(path + "-shm");
  if (can_share) {
    try {
      SqliteDb db(path, SqliteDb::Mode::kReadOnly);
      prepare_connection(db);
      return db;
    } catch (const StoreError& e) {
      if (e.kind() == StoreError::Kind::kDiskFull && fs::exists(path + "-shm")) {
        try {
          SqliteDb db(path, SqliteDb::Mode::kReadOnlyShm);
          prepare_connection(db);
          return db;
        } catch (const StoreError&) {
          throw e;  // the write the reader was refused is the news
        }
      }
      const bool media = e.kind() == StoreError::Kind::kCannotOpen ||
                         e.kind() == StoreError::Kind::kReadOnly ||
                         e.kind() == StoreError::Kind::kIo;
      if (!media || folder_writable(path) || !fs::exists(path)) throw;
    }
  }
  if (auto snapshot = open_wal_snapshot(path)) {  // commits in a -wal, which immutable skips
    prepare_connection(*snapshot);
    return std::move(*snapshot);
  }
  SqliteDb db(path, SqliteDb::Mode::kImmutable);
  prepare_connection(db);
  return db;
}

// "ok", or the problems the pragma lists, one per line.
std::string run_check(SqliteDb& db, const char* pragma) {
  std::string out;
  for (const auto& line : db.rows(pragma, [](const Statement& q) { return q.text(0); })) {
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

// PRAGMA quick_check: every page and b-tree, without matching indexes to tables, so it costs
// about one read of the file.
void require_intact_file(SqliteDb& db) {
  std::string problems;
  try {
    problems = run_check(db, "PRAGMA quick_check");
  } catch (const StoreError& e) {
    if (e.kind() != StoreError::Kind::kCorrupt) throw;
    problems = e.reason();
  }
  if (problems == "ok") return;
  const std::string first = problems.substr(0, problems.find('\n'));
  throw StoreError(StoreError::Kind::kCorrupt, db.path(),
                   "the store is damaged (" + first +
                       "); nothing was written to it. Recover what is readable with "
                       "`sqlite3 '" +
                       db.path() +
                       "' .recover | sqlite3 recovered.sqlite` and use "
                       "that file, or restore a backup");
}

}  // namespace

std::string default_store_path() {
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
  if (path.empty() || path == ":memory:") {
    throw StoreError(StoreError::Kind::kInvalid, path.empty() ? "(no path)" : path,
                     "an experiment store must be a file (runs are kept in it); give its path");
  }
  if (access == Access::kReadOnly) {
    SqliteDb db = open_for_reading(path);
    migrate_schema(db);  // read-only: only checks the version
    return ExperimentStore(std::move(db), RunLocks(path, false));
  }
  // SQLite would quietly fall back to reading and then fail on the -shm file with a confusing
  // "unable to open"; say what is wrong instead.
  const bool file_read_only = fs::exists(path) && ::access(path.c_str(), W_OK) != 0;
  if (file_read_only ||
      (fs::exists(path) && !folder_writable(path) && !fs::exists(path + "-wal"))) {
    throw StoreError(StoreError::Kind::kReadOnly, path,
                     std::string("the store cannot be written: its ") +
                         (file_read_only ? "file" : "folder") +
                         " is read-only (read-only media or permissions); reading commands still "
                         "work, to add runs copy it somewhere writable");
  }
  SqliteDb db(path, SqliteDb::Mode::kReadWriteCreate);
  prepare_connection(db);
  require_intact_file(db);  // before the first write: nothing is appended to a damaged file
  // WAL: readers never block the writer, and a commit is one append. NORMAL sync keeps every
  // commit across a process crash (only an OS crash or power loss may drop the last ones).
  db.first_row("PRAGMA journal_mode = WAL", [](const Statement& q) { return q.text(0); });
  db.exec("PRAGMA synchronous = NORMAL");
  migrate_schema(db);
  ExperimentStore store(std::move(db), RunLocks(path, true));
  store.mark_orphaned_runs_interrupted();
  return store;
}

std::string ExperimentStore::integrity_check() { return run_check(db_, "PRAGMA integrity_check"); }
std::string ExperimentStore::quick_check() { return run_check(db_, "PRAGMA quick_check"); }
void ExperimentStore::require_intact() { require_intact_file(db_); }

}  // namespace metacf
