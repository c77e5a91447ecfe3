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

void append_field(std::string& out, const std::string& raw) {
  const std::string text = neutralise_formula(raw);
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
  auto line = [&](const auto& cells, auto text_of) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      append_field(out, text_of(cells[i]));
    }
    out += "\r\n";
  };
  line(table.columns, [](const std::string& s) -> const std::string& { return s; });
  for (const auto& row : table.rows) {
    line(row, [](const Cell& c) -> const std::string& { return c.text; });
  }
  return out;
}

}  // namespace metacf
