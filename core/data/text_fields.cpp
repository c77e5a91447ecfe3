#include "core/data/text_fields.h"

#include <charconv>
#include <cmath>

namespace metacf {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::size_t split_fields(std::string_view line, std::string_view delimiter,
                         std::span<std::string_view> out) {
  std::size_t count = 0;
  std::size_t start = 0;
  while (true) {
    const auto end =
        delimiter.size() == 1 ? line.find(delimiter[0], start) : line.find(delimiter, start);
    const auto field = line.substr(start, end == std::string_view::npos ? line.npos : end - start);
    if (count < out.size()) out[count] = field;
    ++count;
    if (end == std::string_view::npos) return count;
    start = end + delimiter.size();
  }
}

std::size_t split_whitespace_fields(std::string_view line, std::span<std::string_view> out) {
  std::size_t count = 0;
  std::size_t start = line.find_first_not_of(" \t");
  while (start != std::string_view::npos) {
    const auto end = line.find_first_of(" \t", start);
    if (count < out.size())
      out[count] = line.substr(start, end == line.npos ? line.npos : end - start);
    ++count;
    if (end == std::string_view::npos) break;
    start = line.find_first_not_of(" \t", end);
  }
  return count;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);  // from_chars rejects a leading '+'
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

bool looks_binary(std::string_view sample) {
  std::size_t control = 0;
  for (const char c : sample) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0) return true;
    if (byte < 0x20 && c != '\n' && c != '\r' && c != '\t') ++control;
  }
  // Text files have essentially no control bytes besides line ends and tabs.
  return control * 100 > sample.size();
}

}  // namespace metacf
