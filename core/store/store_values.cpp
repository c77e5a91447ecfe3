#include "core/store/store_values.h"

#include <ctime>

#include "core/util/json_limits.h"

namespace metacf::store_values {

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

nlohmann::json parse_json(const SqliteDb& db, const std::string& text, const char* what) {
  try {
    return parse_bounded_json(text);
  } catch (const std::exception& e) {  // bad JSON, or nested too deep to be ours
    throw StoreError(StoreError::Kind::kCorrupt, db.path(),
                     std::string("stored ") + what + " is not valid JSON: " + e.what());
  }
}

}  // namespace metacf::store_values
