#include "core/data/data_error.h"

#include <cstdio>

namespace metacf {

std::string printable_excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  const bool cut = text.size() > max_chars;
  if (cut) text = text.substr(0, max_chars);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    // Bytes >= 0x80 are kept: they are usually UTF-8 in an id or a title.
    if (byte < 0x20 || byte == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  if (cut) out += "...";
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
