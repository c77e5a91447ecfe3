#include "core/report/table.h"

#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace metacf {

Cell Cell::of(double value, int decimals, Emphasis emphasis) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  Cell cell{std::string(buffer)};
  cell.number = value;
  cell.emphasis = emphasis;
  return cell;
}

Cell Cell::integer(std::int64_t value) {
  Cell cell{std::to_string(value)};
  cell.number = static_cast<double>(value);
  cell.kind = NumberKind::kInteger;
  return cell;
}

Cell Cell::boolean(bool value) {
  Cell cell{value ? std::string("true") : std::string("false")};
  cell.number = value ? 1.0 : 0.0;
  cell.kind = NumberKind::kBoolean;
  return cell;
}

TableFormat parse_table_format(std::string_view text) {
  if (text == "csv") return TableFormat::kCsv;
  if (text == "md" || text == "markdown") return TableFormat::kMarkdown;
  if (text == "tex" || text == "latex") return TableFormat::kLatex;
  if (text == "json") return TableFormat::kJson;
  throw std::invalid_argument("table format '" + std::string(text) +
                              "' is not one of csv, md, tex, json");
}

std::string_view file_extension(TableFormat format) {
  switch (format) {
    case TableFormat::kCsv:
      return "csv";
    case TableFormat::kMarkdown:
      return "md";
    case TableFormat::kLatex:
      return "tex";
    case TableFormat::kJson:
      return "json";
  }
  return "txt";
}

std::string write_table(const Table& table, TableFormat format) {
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r].size() != table.columns.size()) {
      throw std::invalid_argument("table '" + table.caption + "': row " + std::to_string(r + 1) +
                                  " has " + std::to_string(table.rows[r].size()) +
                                  " cells but there are " + std::to_string(table.columns.size()) +
                                  " columns");
    }
  }
  switch (format) {
    case TableFormat::kCsv:
      return write_csv(table);
    case TableFormat::kMarkdown:
      return write_markdown(table);
    case TableFormat::kLatex:
      return write_latex(table);
    case TableFormat::kJson:
      return write_json(table);
  }
  throw std::invalid_argument("unknown table format");
}

bool is_plain_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

}  // namespace metacf

namespace metacf {

bool is_numeric_column(const Table& table, std::size_t column) {
  bool any = false;
  for (const auto& row : table.rows) {
    if (row[column].text.empty()) continue;
    if (!is_plain_number(row[column].text)) return false;
    any = true;
  }
  return any;
}

}  // namespace metacf
