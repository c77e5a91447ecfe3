#pragma once
// Human-readable output of the CLI: every text that came from a user, a file or a store (labels,
// paths, ids, titles, error messages quoting them) is printed through printable(), which shows
// control and bidi characters and bytes that are not UTF-8 as escapes
// (core/util/terminal_text.h). JSON and exported files are written as they are.
#include <string>
#include <vector>

#include "core/report/table.h"
#include "core/util/terminal_text.h"

namespace metacf::cli {

inline std::string printable(const std::string& text) { return escape_control_characters(text); }

// Text of several lines (a stored configuration as indented JSON): each line escaped on its own,
// the line breaks kept.
inline std::string printable_lines(const std::string& text) {
  std::string out;
  std::size_t from = 0;
  while (true) {
    const std::size_t end = text.find('\n', from);
    out += escape_control_characters(text.substr(from, end - from));
    if (end == std::string::npos) return out;
    out += '\n';
    from = end + 1;
  }
}

// The table with its caption, headers and cells escaped, ready for write_text.
inline Table printable(Table table) {
  table.caption = printable(table.caption);
  for (auto& column : table.columns) column = printable(column);
  for (auto& row : table.rows) {
    for (auto& cell : row) cell.text = printable(cell.text);
  }
  return table;
}

inline std::string printable_text(const Table& table) { return write_text(printable(table)); }

}  // namespace metacf::cli
