#pragma once
// The store's tables, versioned with PRAGMA user_version and upgraded by forward migrations.
// A migration is never edited once released: a new change is a new step at the end.
#include "core/store/sqlite_db.h"

namespace metacf {

// Version 1: the first tables. Version 2: runs get a label; indexes on the child tables.
inline constexpr int kSchemaVersion = 3;

int schema_version(SqliteDb& db);

// Brings the file up to `target` (<= kSchemaVersion) in one transaction; a no-op when it is
// already there. Throws StoreError (kSchema) when the file is newer than this build or is an
// unrelated SQLite database.
void migrate_schema(SqliteDb& db, int target = kSchemaVersion);

}  // namespace metacf
