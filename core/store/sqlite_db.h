#pragma once
// A thin RAII layer over the SQLite C API: a connection, prepared statements with bound
// parameters, and transactions that roll back unless committed. Every failure becomes a
// StoreError naming the database file. sqlite3.h stays out of this header so users of the
// store do not need SQLite's include path.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/store/store_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace metacf {

class SqliteDb;

class Statement {
 public:
  Statement(SqliteDb& db, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQL's ?1, ?2, ...
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);  // NaN binds NULL
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind(int index, std::nullopt_t);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }
  Statement& bind_blob(int index, std::span<const std::byte> bytes);

  // Binds the arguments to ?1, ?2, ... in order.
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    (void)index;  // unused when there are no arguments
    return *this;
  }

  // Advances; true while a row is available.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  [[nodiscard]] bool is_null(int column) const;
  [[nodiscard]] std::int64_t int64(int column) const;
  [[nodiscard]] double real(int column) const;  // NULL reads as NaN
  [[nodiscard]] std::string text(int column) const;
  [[nodiscard]] std::optional<std::int64_t> optional_int64(int column) const;
  [[nodiscard]] std::span<const std::byte> blob(int column) const;  // valid until next step

 private:
  SqliteDb* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
 public:
  // The largest value (text or blob) a query reads, unless it allows large values: far more
  // than any label, configuration, statistics or log line the programs write, so a store whose
  // label is 200 MB is refused as damaged instead of being read (it took 2.1 GB to print).
  static constexpr int kMaxReadValueBytes = 16 << 20;
  // What reads of parameters, data set contents, splits and per-user results may return.
  static constexpr int kMaxLargeValueBytes = 1'000'000'000;  // SQLite's own default limit

  // kImmutable: read-only media; SQLite takes no locks and makes no -shm file, so the file must
  // not change while it is open (nothing can write it where the folder is not writable).
  // kReadOnlyShm: read-only, and the -shm file beside a store in WAL mode, which must exist, is
  // only read: where no writer keeps it up to date, SQLite builds the index of the -wal in
  // private memory instead of writing it there (for readers under a tiny file-size limit).
  enum class Mode { kReadWriteCreate, kReadOnly, kImmutable, kReadOnlyShm };

  SqliteDb(const std::string& path, Mode mode);
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  ~SqliteDb();

  // Runs one or more statements without parameters (schema, pragmas); `doing` starts the
  // error message.
  void exec(std::string_view sql, std::string_view doing = "updating the store");
  Statement prepare(std::string_view sql) { return Statement(*this, sql); }

  // The prepare / bind / step loop, once: every store query goes through these.
  // Runs `sql` with the arguments bound to ?1, ?2, ... to its end.
  template <typename... Args>
  void execute(std::string_view sql, const Args&... args) {
    prepare(sql).bind_all(args...).run();
  }
  // Runs `sql` once per item; `bind(statement, item)` binds that item's parameters.
  template <typename Items, typename Bind>
  void execute_each(std::string_view sql, const Items& items, Bind&& bind) {
    Statement statement = prepare(sql);
    for (const auto& item : items) {
      bind(statement, item);
      statement.run();
      statement.reset();
    }
  }
  // Every row of `sql`, each turned into a value by `read(const Statement&)`.
  template <typename Read, typename... Args>
  auto rows(std::string_view sql, Read&& read, const Args&... args) {
    using Row = decltype(read(std::declval<const Statement&>()));
    Statement statement = prepare(sql);
    statement.bind_all(args...);
    std::vector<Row> out;
    while (statement.step()) out.push_back(read(std::as_const(statement)));
    return out;
  }
  // The first row of `sql`, if there is one.
  template <typename Read, typename... Args>
  auto first_row(std::string_view sql, Read&& read, const Args&... args) {
    using Row = decltype(read(std::declval<const Statement&>()));
    Statement statement = prepare(sql);
    statement.bind_all(args...);
    return statement.step() ? std::optional<Row>(read(std::as_const(statement))) : std::nullopt;
  }
  // The integer in the first column of the first row (PRAGMA values, counts).
  std::int64_t integer(std::string_view sql) {
    return first_row(sql, [](const Statement& q) { return q.int64(0); }).value_or(0);
  }
  [[nodiscard]] std::int64_t last_insert_rowid() const;
  [[nodiscard]] bool in_transaction() const;
  [[nodiscard]] const std::string& path() const { return path_; }
  // The path messages name from now on (a private copy opened for the store at `path`).
  void name_in_messages(std::string path) { path_ = std::move(path); }
  [[nodiscard]] bool read_only() const { return mode_ != Mode::kReadWriteCreate; }
  // The limit on one value a read-only statement returns (kMaxReadValueBytes, or
  // kMaxLargeValueBytes while a LargeValues guard lives).
  [[nodiscard]] int read_value_limit() const {
    return large_values_ > 0 ? kMaxLargeValueBytes : kMaxReadValueBytes;
  }

  // While it lives, reads on `db` may return values up to kMaxLargeValueBytes.
  class LargeValues {
   public:
    explicit LargeValues(SqliteDb& db) : db_(db) { ++db_.large_values_; }
    LargeValues(const LargeValues&) = delete;
    LargeValues& operator=(const LargeValues&) = delete;
    ~LargeValues() { --db_.large_values_; }

   private:
    SqliteDb& db_;
  };

  // Throws a StoreError for SQLite result code rc, saying what we were doing.
  [[noreturn]] void fail(int rc, std::string_view doing) const;
  [[nodiscard]] StoreError error(int rc, std::string_view doing) const;
  [[nodiscard]] sqlite3* handle() const { return db_; }

 private:
  void close() noexcept;
  void harden();

  sqlite3* db_ = nullptr;
  std::string path_;
  Mode mode_ = Mode::kReadWriteCreate;
  int large_values_ = 0;
};

// BEGIN IMMEDIATE .. COMMIT: takes the write lock up front, so two writers wait for each other
// (busy_timeout) instead of failing on a lock upgrade; the destructor rolls back if not committed.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  SqliteDb& db_;
  bool done_ = false;
};

}  // namespace metacf
