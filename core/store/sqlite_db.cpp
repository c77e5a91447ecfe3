#include "core/store/sqlite_db.h"

#include <sqlite3.h>
#include <sys/resource.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>
#include <utility>

namespace metacf {
namespace {

constexpr int kBusyTimeoutMs = 5000;

StoreError::Kind kind_of(int rc, int system_errno) {
  switch (rc & 0xff) {
    case SQLITE_CANTOPEN:
      return StoreError::Kind::kCannotOpen;
    case SQLITE_NOTADB:
      return StoreError::Kind::kNotADatabase;
    case SQLITE_CORRUPT:
      return StoreError::Kind::kCorrupt;
    case SQLITE_READONLY:
      return StoreError::Kind::kReadOnly;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StoreError::Kind::kBusy;
    case SQLITE_FULL:
      return StoreError::Kind::kDiskFull;
    case SQLITE_IOERR:
      // A write refused for lack of space, quota or the file size limit is "disk full" to a
      // user. SQLite reports a failed write() as IOERR_WRITE and often no longer knows errno
      // (it is read after the rollback), so a refused write counts as full too: it is by far
      // the usual cause, and the remedy names the other one.
      if (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT ||
          rc == SQLITE_IOERR_WRITE) {
        return StoreError::Kind::kDiskFull;
      }
      return StoreError::Kind::kIo;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return StoreError::Kind::kInvalid;
    default:
      return StoreError::Kind::kOther;
  }
}

bool file_size_limited() {
  rlimit limit{};
  return getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY;
}

const char* remedy(StoreError::Kind kind, int system_errno) {
  if (kind == StoreError::Kind::kDiskFull && system_errno == EFBIG) {
    return "; the file size limit (ulimit -f) refused the write: raise it and retry; the "
           "unfinished change was rolled back";
  }
  if (kind == StoreError::Kind::kDiskFull && system_errno == 0 && file_size_limited()) {
    return "; the disk refused the write: free disk space, or raise the file size limit "
           "(ulimit -f), and retry; the unfinished change was rolled back";
  }
  switch (kind) {
    case StoreError::Kind::kNotADatabase:
    case StoreError::Kind::kCorrupt:
      return "; choose another experiment store or restore this one from a backup";
    case StoreError::Kind::kReadOnly:
      return "; the store is opened read-only or its file or folder is not writable";
    case StoreError::Kind::kBusy:
      return "; another program held the store locked for more than 5 s, try again";
    case StoreError::Kind::kDiskFull:
      return "; the disk refused the write: free disk space (or check that the disk works) and "
             "retry; the unfinished change was rolled back";
    default:
      return "";
  }
}

// file:PATH?QUERY with the path percent-encoded, so '?', '#' and '%' in a file name stay part
// of the name.
std::string file_uri(const std::string& path, const char* query) {
  static const char* kHex = "0123456789ABCDEF";
  std::string uri = "file:";
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
      uri += ch;
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri + "?" + query;
}

}  // namespace

// ---- Statement -------------------------------------------------------------------------------

Statement::Statement(SqliteDb& db, std::string_view sql) : db_(&db) {
  const int rc =
      sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, "preparing a query");
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (std::isnan(value)) return bind(index, std::nullopt);
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind_blob(int index, std::span<const std::byte> bytes) {
  // A zero-length blob must not bind as NULL: sqlite treats a null pointer as NULL.
  static const std::byte kEmpty{};
  const void* data = bytes.empty() ? &kEmpty : bytes.data();
  const int rc = sqlite3_bind_blob64(stmt_, index, data, bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->fail(rc, "binding a value");
  return *this;
}

bool Statement::step() {
  // SQLite checks the length limit as it reads a value, before it allocates it.
  sqlite3* handle = db_->handle();
  const bool reads = sqlite3_stmt_readonly(stmt_) != 0;
  const int previous =
      reads ? sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, db_->read_value_limit()) : 0;
  const int rc = sqlite3_step(stmt_);
  if (reads) sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, previous);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if (reads && (rc & 0xff) == SQLITE_TOOBIG) {
    sqlite3_reset(stmt_);
    throw StoreError(StoreError::Kind::kCorrupt, db_->path(),
                     "reading the store: a stored value is larger than " +
                         std::to_string(db_->read_value_limit() >> 20) +
                         " MiB, more than MetaCF Studio ever writes there; the store was made "
                         "or changed by another program; choose another store");
  }
  StoreError error = db_->error(rc, "accessing the store");
  sqlite3_reset(stmt_);  // leaves the statement reusable; done after reading the message
  throw error;
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const {
  return is_null(column) ? std::nan("") : sqlite3_column_double(stmt_, column);
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
           : std::string();
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

std::span<const std::byte> Statement::blob(int column) const {
  const void* p = sqlite3_column_blob(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  return {static_cast<const std::byte*>(p), p ? static_cast<std::size_t>(n) : 0};
}

// ---- SqliteDb --------------------------------------------------------------------------------

SqliteDb::SqliteDb(const std::string& path, Mode mode) : path_(path), mode_(mode) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  // The path is a file's, never a URI: SQLite (built with URIs on by default) read
  // "file:x?mode=memory" as an in-memory store and "file:z.sqlite" as z.sqlite, while the run
  // lock went to "file:z.sqlite-runlock". "./" makes such a relative name plain.
  std::string name = path.starts_with("file:") ? "./" + path : path;
  if (mode == Mode::kReadOnly) flags = SQLITE_OPEN_READONLY;
  if (mode == Mode::kImmutable || mode == Mode::kReadOnlyShm) {
    flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    name = file_uri(path, mode == Mode::kImmutable ? "immutable=1" : "readonly_shm=1");
  }
  const int rc = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    if (db_ == nullptr) {
      throw StoreError(StoreError::Kind::kOther, path_, "opening the store: out of memory");
    }
    // The message lives in the handle, so close only once the error is built.
    StoreError failure = error(rc, "opening the store");
    close();
    throw failure;
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  try {
    harden();
  } catch (...) {
    close();
    throw;
  }
}

// A store may come from someone else, so what its schema holds must not run: defensive mode
// (no writes to the schema or pages behind SQLite's back), schema functions limited to the
// innocuous ones, no extensions, and no triggers or views at all (the store's tables have
// neither; a trigger in a store given to us ran on our inserts and deleted results). The
// schema itself is checked for objects we did not make on open (require_known_objects).
void SqliteDb::harden() {
  const std::pair<int, int> settings[] = {
      {SQLITE_DBCONFIG_DEFENSIVE, 1},
      {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0},
      {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0},
      {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0},
      {SQLITE_DBCONFIG_ENABLE_VIEW, 0},
  };
  for (const auto& [option, value] : settings) {
    int now = -1;
    const int rc = sqlite3_db_config(db_, option, value, &now);
    if (rc != SQLITE_OK || now != value)
      fail(rc == SQLITE_OK ? SQLITE_ERROR : rc, "securing the connection");
  }
  sqlite3_limit(db_, SQLITE_LIMIT_ATTACHED, 0);  // nothing of ours attaches another file
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      mode_(other.mode_),
      large_values_(other.large_values_) {}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    mode_ = other.mode_;
    large_values_ = other.large_values_;
  }
  return *this;
}

SqliteDb::~SqliteDb() { close(); }

void SqliteDb::close() noexcept {
  // Statements are owned by callers and finalised before the store goes away; close_v2 still
  // defers the close safely if one is left.
  if (db_ != nullptr) sqlite3_close_v2(db_);
  db_ = nullptr;
}

void SqliteDb::exec(std::string_view sql, std::string_view doing) {
  const std::string copy(sql);  // sqlite3_exec needs a terminated string
  const int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, doing);
}

std::int64_t SqliteDb::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

bool SqliteDb::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void SqliteDb::fail(int rc, std::string_view doing) const { throw error(rc, doing); }

StoreError SqliteDb::error(int rc, std::string_view doing) const {
  const int system_errno = db_ ? sqlite3_system_errno(db_) : 0;
  const StoreError::Kind kind = kind_of(rc, system_errno);
  std::string reason(doing);
  reason += ": ";
  reason += db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  if (system_errno != 0 && (kind == StoreError::Kind::kCannotOpen ||
                            kind == StoreError::Kind::kIo || kind == StoreError::Kind::kDiskFull)) {
    reason += " (";
    reason += std::strerror(system_errno);
    reason += ")";
  }
  reason += remedy(kind, system_errno);
  return StoreError(kind, path_, reason);
}

// ---- Transaction -----------------------------------------------------------------------------

Transaction::Transaction(SqliteDb& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  // After an I/O error or disk full SQLite may already have rolled back on its own.
  if (!done_ && db_.in_transaction()) {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace metacf
