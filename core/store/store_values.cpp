#include "core/store/store_values.h"

#include <ctime>

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
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw StoreError(StoreError::Kind::kCorrupt, db.path(),
                     std::string("stored ") + what + " is not valid JSON: " + e.what());
  }
}

}  // namespace metacf::store_values
