#pragma once
// JSON from outside (a --config file, a store, a settings field) parsed within bounds. nlohmann
// parses deep nesting without recursion, but copying, comparing and dumping a value recurse once
// per level: 100,000 nested brackets overflowed the stack (exit 139). Nesting is checked on the
// text first, so such a value is never built.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace metacf {

// Deeper than any configuration, split or result the programs write (about 6 levels).
inline constexpr int kMaxJsonDepth = 64;
// A configuration file is a few KiB; anything past this is not one.
inline constexpr std::size_t kMaxConfigFileBytes = std::size_t{4} << 20;

// Throws std::invalid_argument "JSON nested deeper than 64 levels (at byte N)" when arrays
// and objects in `text` nest deeper than `max_depth`. Brackets inside strings do not count.
void require_json_depth(std::string_view text, int max_depth = kMaxJsonDepth);

// require_json_depth, then nlohmann::json::parse (its parse_error for bad JSON).
nlohmann::json parse_bounded_json(std::string_view text, int max_depth = kMaxJsonDepth);

// The same without exceptions: a discarded value (is_discarded()) for bad or too deep JSON.
nlohmann::json parse_bounded_json_or_discarded(std::string_view text,
                                               int max_depth = kMaxJsonDepth);

// The whole of a file (or pipe) of at most `max_bytes`; std::runtime_error "PATH: ..." when it
// cannot be opened or read, is a folder or is larger.
std::string read_bounded_text_file(const std::string& path, std::size_t max_bytes);

}  // namespace metacf
