#include <string>

#include "core/report/table.h"

namespace metacf {
namespace {

// A spreadsheet runs a cell starting with = + - @ (or tab/CR, which some strip first) as a
// formula; a leading quote makes it text. Real numbers such as -0.012 must stay numbers.
std::string neutralise_formula(const std::string& text) {
  if (text.empty() || is_plain_number(text)) return text;
  const char c = text.front();
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') return "'" + text;
  return text;
}

// Cells with a number behind them are written as they are: only text can smuggle a formula,
// and a quote in front of "-0.012" would turn a number into text.
void append_field(std::string& out, const std::string& raw, bool is_number) {
  const std::string text = is_number ? raw : neutralise_formula(raw);
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string write_csv(const Table& table) {
  std::string out;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i > 0) out += ',';
    append_field(out, table.columns[i], false);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      append_field(out, row[i].text, row[i].number.has_value() && is_plain_number(row[i].text));
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace metacf
