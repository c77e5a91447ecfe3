#include <algorithm>

#include "core/report/table.h"

namespace metacf {
namespace {

// Display width of UTF-8 text: count code points, not bytes (±, Δ, µ are one column each).
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

}  // namespace

std::string write_text(const Table& table) {
  std::vector<std::size_t> widths(table.columns.size());
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    widths[c] = display_width(table.columns[c]);
    for (const auto& row : table.rows) widths[c] = std::max(widths[c], display_width(row[c].text));
  }
  auto pad = [](const std::string& text, std::size_t width, bool right) {
    const std::string fill(width - display_width(text), ' ');
    return right ? fill + text : text + fill;
  };
  std::string out;
  if (!table.caption.empty()) out += table.caption + "\n\n";
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    out += (c ? "  " : "") + pad(table.columns[c], widths[c], is_numeric_column(table, c));
  }
  out += '\n';
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    out += (c ? "  " : "") + std::string(widths[c], '-');
  }
  out += '\n';
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += (c ? "  " : "") + pad(row[c].text, widths[c], is_numeric_column(table, c));
    }
    // Trailing spaces help no one reading a terminal.
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  return out;
}

}  // namespace metacf
