#pragma once
// The store's tables, versioned with PRAGMA user_version and upgraded by forward migrations.
// A migration is never edited once released: a new change is a new step at the end.
#include <string>
#include <vector>

#include "core/store/sqlite_db.h"

namespace metacf {

// Version 1: the first tables. Version 2: runs get a label; indexes on the child tables.
// Version 3: curves and parameters per K. Version 4: data sets keep their loaded contents.
// Version 5: runs keep their log lines.
inline constexpr int kSchemaVersion = 5;
// A read-only open reads files from this version on as they are: versions 4 and 5 only added
// tables, which readers treat as empty when missing (read-only opens never write, so they
// cannot upgrade; older files need one read-write open first).
inline constexpr int kOldestReadableVersion = 3;

// PRAGMA application_id of a MetaCF Studio store ("MCFS"). Stores made before it was set carry
// 0 and are recognised by their tables; opening one read-write stamps it.
inline constexpr std::int64_t kApplicationId = 0x4D434653;

int schema_version(SqliteDb& db);

// Reads only: throws StoreError (kSchema) unless the file is empty or one of our stores, so a
// file that belongs to another program is refused before anything (even the journal mode) is
// written to it.
void require_experiment_store(SqliteDb& db);

// One entry of sqlite_schema: "table", "index", "trigger" or "view", its name and its table.
struct SchemaObject {
  std::string type;
  std::string name;
  std::string table;
  bool operator==(const SchemaObject&) const = default;
};

// What sqlite_schema holds in a store of `version` made by this program (the migrations up to
// it, run on an empty in-memory database), sorted by type and name.
std::vector<SchemaObject> store_schema_objects(int version);

// Reads only: throws StoreError (kSchema) naming the first table, index, trigger or view in the
// file that the migrations to its version did not create (a trigger added to a store ran on our
// inserts and deleted results). A file newer than this build is left to migrate_schema.
void require_known_objects(SqliteDb& db);

// Brings the file up to `target` (<= kSchemaVersion) in one transaction; a no-op when it is
// already there. Throws StoreError (kSchema) when the file is newer than this build or is an
// unrelated SQLite database.
void migrate_schema(SqliteDb& db, int target = kSchemaVersion);

}  // namespace metacf
