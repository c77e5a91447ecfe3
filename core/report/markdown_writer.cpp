#include <string>

#include "core/report/table.h"

namespace metacf {
namespace {

// Pipes would end the cell and a newline the row; the other characters would start
// emphasis or code the text did not ask for.
std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
        out += '\\';
        out += c;
        break;
      case '\r':
        break;
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render(const Cell& cell) {
  const std::string text = escape(cell.text);
  if (text.empty()) return text;
  switch (cell.emphasis) {
    case Emphasis::kBold:
      return "**" + text + "**";
    case Emphasis::kUnderline:
      return "<u>" + text + "</u>";  // Markdown has no underline
    case Emphasis::kNone:
      break;
  }
  return text;
}

}  // namespace

std::string write_markdown(const Table& table) {
  std::string out;
  if (!table.caption.empty()) out += escape(table.caption) + "\n\n";
  out += '|';
  for (const auto& c : table.columns) out += ' ' + escape(c) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    out += is_numeric_column(table, i) ? " ---: |" : " --- |";
  }
  out += '\n';
  for (const auto& row : table.rows) {
    out += '|';
    for (const auto& cell : row) out += ' ' + render(cell) + " |";
    out += '\n';
  }
  return out;
}

}  // namespace metacf
