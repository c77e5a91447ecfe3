#include "core/data/data_error.h"

#include <algorithm>
#include <cstdio>

#include "core/util/terminal_text.h"
#include "core/util/utf8.h"

namespace metacf {

std::string printable_excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // Valid UTF-8 is kept (an id or a title); a character that would cross the limit is cut
    // whole, so the excerpt stays UTF-8 for terminals, JSON output and the studio.
    const Utf8Char ch = decode_utf8(text.substr(i));
    if (i + std::max<std::size_t>(ch.length, 1) > max_chars) break;
    if (ch.length == 0 || byte < 0x20 || byte == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", byte);
      out += hex;
      ++i;
    } else if (is_bidi_control(ch.code)) {  // would reorder the rest of the message
      char code[12];
      std::snprintf(code, sizeof code, "\\u%04X", static_cast<unsigned>(ch.code));
      out += code;
      i += ch.length;
    } else {
      out.append(text.substr(i, ch.length));
      i += ch.length;
    }
  }
  if (i < text.size()) out += "...";
  return out;
}

std::string format_data_error(std::string_view file, std::int64_t line,
                              const LineProblem& problem) {
  // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on chained operator+.
  std::string out(file);
  if (line > 0) {
    out.append(":");
    out.append(std::to_string(line));
  }
  out.append(": ");
  out.append(problem.reason);
  if (!problem.got.empty() || !problem.expected.empty()) {
    out.append(" (got '");
    out.append(printable_excerpt(problem.got));
    out.append("'");
    if (!problem.expected.empty()) {
      out.append(", expected ");
      out.append(problem.expected);
    }
    out.append(")");
  }
  return out;
}

DataError::DataError(std::string file, std::int64_t line, const LineProblem& problem)
    : std::runtime_error(format_data_error(file, line, problem)),
      file_(std::move(file)),
      line_(line),
      reason_(problem.reason) {}

DataError::DataError(std::string file, std::int64_t line, std::string reason)
    : DataError(std::move(file), line, LineProblem{std::move(reason), "", ""}) {}

}  // namespace metacf
