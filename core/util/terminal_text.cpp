#include "core/util/terminal_text.h"

#include <cstdio>

#include "core/util/utf8.h"

namespace metacf {
namespace {

void append_hex(std::string& out, unsigned char c) {
  char code[8];
  std::snprintf(code, sizeof code, "\\x%02X", c);
  out += code;
}

}  // namespace

bool is_bidi_control(char32_t code) {
  return (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

std::string escape_control_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      append_hex(out, c);
    } else if (c >= 0x80) {
      const Utf8Char ch = decode_utf8(text.substr(i));
      if (ch.length == 0) {
        append_hex(out, c);  // not UTF-8: a terminal would guess, or show U+FFFD for any byte
      } else if (ch.code <= 0x9F) {
        // U+0080..U+009F: CSI (U+009B) alone starts an escape sequence on many terminals.
        for (std::size_t k = 0; k < ch.length; ++k) {
          append_hex(out, static_cast<unsigned char>(text[i + k]));
        }
      } else if (is_bidi_control(ch.code)) {
        char code[12];
        std::snprintf(code, sizeof code, "\\u%04X", static_cast<unsigned>(ch.code));
        out += code;
      } else {
        out.append(text.substr(i, ch.length));
      }
      i += ch.length == 0 ? 1 : ch.length;
      continue;
    } else {
      out += text[i];
    }
    ++i;
  }
  return out;
}

}  // namespace metacf
