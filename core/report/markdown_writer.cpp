#include <string>

#include "core/report/html_report.h"
#include "core/report/table.h"

namespace metacf {
namespace {

bool follows_www(const std::string& text, std::size_t i) {
  if (i < 3) return false;
  for (std::size_t k = i - 3; k < i; ++k) {
    if (text[k] != 'w' && text[k] != 'W') return false;
  }
  return true;
}

// Every text comes from data (titles, labels, learner names), and a rendered Markdown file may
// be trusted by whoever opens it, so no text may become anything but text:
// - pipes would end the cell and a newline the row;
// - * _ ` ~ would start emphasis, code or strikethrough the text did not ask for;
// - < > & would let through raw HTML (<script>, <img onerror=...>) or an entity, so they are
//   written as entities;
// - [ ] make links and images ([x](javascript:...)); : @ and the dot of "www." make GitHub's
//   bare autolinks (https://..., mailto:, a@b.org, www.x.org). Escaped, they render as
//   themselves.
std::string escape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '~':
      case '[':
      case ']':
      case ':':
      case '@':
        out += '\\';
        out += c;
        break;
      case '.':
        if (follows_www(text, i)) out += '\\';
        out += c;
        break;
      case '<':
      case '>':
      case '&':
        out += html_escape(std::string(1, c));  // no data string becomes raw HTML
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
