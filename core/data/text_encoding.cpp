#include "core/data/text_encoding.h"

#include <cstdint>

#include "core/util/utf8.h"

namespace metacf {

std::size_t utf8_sequence_length(std::string_view text) { return decode_utf8(text).length; }

bool is_valid_utf8(std::string_view text) {
  while (!text.empty()) {
    const std::size_t length = utf8_sequence_length(text);
    if (length == 0) return false;
    text.remove_prefix(length);
  }
  return true;
}

std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    const auto byte = static_cast<std::uint8_t>(c);
    if (byte < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (byte >> 6));
      out += static_cast<char>(0x80 | (byte & 0x3F));
    }
  }
  return out;
}

std::string to_utf8(std::string_view text) {
  return is_valid_utf8(text) ? std::string(text) : latin1_to_utf8(text);
}

}  // namespace metacf
