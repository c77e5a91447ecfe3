#include "core/util/json_limits.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace metacf {

void require_json_depth(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        throw std::invalid_argument("JSON nested deeper than " + std::to_string(max_depth) +
                                    " levels (at byte " + std::to_string(i + 1) + ")");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

nlohmann::json parse_bounded_json(std::string_view text, int max_depth) {
  require_json_depth(text, max_depth);
  return nlohmann::json::parse(text);
}

nlohmann::json parse_bounded_json_or_discarded(std::string_view text, int max_depth) {
  try {
    require_json_depth(text, max_depth);
  } catch (const std::invalid_argument&) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

std::string read_bounded_text_file(const std::string& path, std::size_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec) throw std::runtime_error(path + ": cannot open the file: " + ec.message());
  if (fs::is_directory(status)) throw std::runtime_error(path + ": is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open the file: " + std::strerror(errno));
  std::string text;
  text.resize(max_bytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw std::runtime_error(path + ": cannot read the file");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_bytes) {
    throw std::runtime_error(path + ": the file is larger than " + std::to_string(max_bytes) +
                             " bytes, too large for what it should hold");
  }
  return text;
}

}  // namespace metacf
