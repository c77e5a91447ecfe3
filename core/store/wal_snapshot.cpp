#include "core/store/wal_snapshot.h"

#include <stdlib.h>

#include <filesystem>
#include <system_error>

namespace metacf {

std::optional<SqliteDb> open_wal_snapshot(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto wal_bytes = fs::file_size(path + "-wal", ec);
  if (ec || wal_bytes == 0) return std::nullopt;
  const fs::path temp = fs::temp_directory_path(ec);
  if (ec) return std::nullopt;
  std::string folder = (temp / "metacf-store-XXXXXX").string();
  if (mkdtemp(folder.data()) == nullptr) return std::nullopt;
  const std::string copy = folder + "/store.sqlite";
  std::optional<SqliteDb> db;
  if (fs::copy_file(path, copy, ec) && fs::copy_file(path + "-wal", copy + "-wal", ec)) {
    try {
      {
        // The last connection to close checkpoints the WAL into the file and deletes it.
        SqliteDb writer(copy, SqliteDb::Mode::kReadWriteCreate);
        writer.exec("PRAGMA wal_checkpoint(TRUNCATE)", "reading the store's write-ahead log");
      }
      db.emplace(copy, SqliteDb::Mode::kImmutable);
      db->name_in_messages(path);
    } catch (const StoreError&) {
      db.reset();  // the copy could not be read: the store is read as it is, and judged there
    }
  }
  fs::remove_all(folder, ec);
  return db;
}

}  // namespace metacf
