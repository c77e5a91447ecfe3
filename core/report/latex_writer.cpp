#include <string>

#include "core/report/table.h"

namespace metacf {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': case '%': case '$': case '#': case '_': case '{': case '}':
        out += '\\';
        out += c;
        break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      case '\r': break;
      case '\n': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

std::string render(const Cell& cell) {
  const std::string text = escape(cell.text);
  switch (cell.emphasis) {
    case Emphasis::kBold: return "\\textbf{" + text + "}";
    case Emphasis::kUnderline: return "\\underline{" + text + "}";
    case Emphasis::kNone: break;
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
