#pragma once
// JSON as text. A string that is not UTF-8 (a file name in another encoding, an id or label from
// a store) is written with U+FFFD in place of its bad bytes: nlohmann's dump() threw
// `[json.exception.type_error.316] invalid UTF-8 byte`, which stopped `run` and `info --json`
// on a data file so named with that raw message.
#include <nlohmann/json.hpp>
#include <string>

namespace metacf {

inline std::string json_text(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace metacf
