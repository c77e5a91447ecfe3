#pragma once
// Reading a store on read-only media whose -wal file holds commits. SQLite reads a WAL only
// through a -shm file, which cannot be made there, and the immutable open that serves such media
// skips the WAL, so the newest runs were missing. The store and its -wal are copied into a
// private temporary folder, the copy's WAL is checkpointed into it, and the copy is opened
// immutable; the folder is removed at once (the open file stays readable until closed).
#include <optional>
#include <string>

#include "core/store/sqlite_db.h"

namespace metacf {

// None when there is no -wal beside `path`, or it is empty, or no temporary copy can be made
// (the file is then read as it is). Messages of the returned connection name `path`.
std::optional<SqliteDb> open_wal_snapshot(const std::string& path);

}  // namespace metacf
