#include <string>
#include <string_view>
#include <utility>

#include "core/report/table.h"

namespace metacf {
namespace {

// Symbols our tables use that a plain pdflatex document cannot typeset from UTF-8.
constexpr std::pair<std::string_view, std::string_view> kSymbols[] = {
    {"\u00b1", "$\\pm$"}, {"\u0394", "$\\Delta$"}, {"\u00b5", "$\\mu$"}, {"\u03bc", "$\\mu$"}};

std::string escape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest(text.data() + i, text.size() - i);
    bool replaced = false;
    for (const auto& [symbol, latex] : kSymbols) {
      if (rest.substr(0, symbol.size()) == symbol) {
        out += latex;
        i += symbol.size() - 1;
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    const char c = text[i];
    switch (c) {
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '^':
        out += "\\textasciicircum{}";
        break;
      case '\\':
        out += "\\textbackslash{}";
        break;
      // In text mode the default font encoding sets these as an em dash, an inverted
      // exclamation mark and an inverted question mark: Fig. 2's "|S|=2" needs the commands.
      case '|':
        out += "\\textbar{}";
        break;
      case '<':
        out += "\\textless{}";
        break;
      case '>':
        out += "\\textgreater{}";
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
  switch (cell.emphasis) {
    case Emphasis::kBold:
      return "\\textbf{" + text + "}";
    case Emphasis::kUnderline:
      return "\\underline{" + text + "}";
    case Emphasis::kNone:
      break;
  }
  return text;
}

}  // namespace

// Needs \usepackage{booktabs} in the document's preamble.
std::string write_latex(const Table& table) {
  std::string spec;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    spec += is_numeric_column(table, i) ? 'r' : 'l';
  }
  auto line = [](const auto& cells, auto render_cell) {
    std::string s;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) s += " & ";
      s += render_cell(cells[i]);
    }
    return s + " \\\\\n";
  };
  std::string out = "\\begin{table}[t]\n\\centering\n";
  if (!table.caption.empty()) out += "\\caption{" + escape(table.caption) + "}\n";
  out += "\\begin{tabular}{" + spec + "}\n\\toprule\n";
  out += line(table.columns, [](const std::string& s) { return escape(s); });
  out += "\\midrule\n";
  for (const auto& row : table.rows) out += line(row, render);
  out += "\\bottomrule\n\\end{tabular}\n\\end{table}\n";
  return out;
}

}  // namespace metacf
