// A store's sqlite_schema holds only what our migrations create: a table, index, trigger or
// view added by someone else is refused on open, naming it. Triggers and views are disabled on
// every connection anyway (SqliteDb::harden); this says why a store is refused instead of
// failing later, and keeps other objects (an index on an expression, a table) out as well.
#include <algorithm>
#include <string>
#include <vector>

#include "core/store/schema.h"

namespace metacf {
namespace {

// Tables SQLite makes itself (ANALYZE's statistics, AUTOINCREMENT's counters): harmless.
bool made_by_sqlite(const SchemaObject& object) {
  return object.type == "table" &&
         (object.name == "sqlite_sequence" || object.name.starts_with("sqlite_stat"));
}

std::string describe(const SchemaObject& object) {
  std::string text =
      (object.type == "index" ? "an " : "a ") + object.type + " '" + object.name + "'";
  if ((object.type == "index" || object.type == "trigger") && !object.table.empty()) {
    text += " on '" + object.table + "'";
  }
  return text;
}

}  // namespace

void require_known_objects(SqliteDb& db) {
  const int version = schema_version(db);
  if (version > kSchemaVersion) return;  // migrate_schema says the store is newer
  const std::vector<SchemaObject> ours = store_schema_objects(version);
  const auto found = db.rows("SELECT type, name, tbl_name FROM sqlite_schema ORDER BY type, name",
                             [](const Statement& q) {
                               return SchemaObject{q.text(0), q.text(1), q.text(2)};
                             });
  for (const SchemaObject& object : found) {
    if (made_by_sqlite(object) || std::find(ours.begin(), ours.end(), object) != ours.end()) {
      continue;
    }
    throw StoreError(StoreError::Kind::kSchema, db.path(),
                     "the store holds " + describe(object) +
                         " that MetaCF Studio did not create, so it is not opened (what a "
                         "store's own triggers, views or tables do would run with your runs); "
                         "choose another store, or remove it with sqlite3 if you trust the file");
  }
}

}  // namespace metacf
