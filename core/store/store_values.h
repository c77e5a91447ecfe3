#pragma once
// Conversions shared by the files that implement ExperimentStore (not part of its interface).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/store/sqlite_db.h"

namespace metacf::store_values {

// The current time as ISO 8601 UTC, e.g. 2026-01-31T12:00:00Z.
std::string now_utc();

// Seeds are unsigned 64-bit; SQLite integers are signed. The cast round-trips every value.
inline std::int64_t to_db(std::uint64_t seed) { return static_cast<std::int64_t>(seed); }
inline std::uint64_t seed_from_db(std::int64_t v) { return static_cast<std::uint64_t>(v); }

// Stored JSON that does not parse means the file was damaged: a StoreError (kCorrupt).
nlohmann::json parse_json(const SqliteDb& db, const std::string& text, const char* what);

}  // namespace metacf::store_values
