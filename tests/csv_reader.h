#pragma once
// A minimal RFC 4180 reader for tests: checks that exported CSV reads back to the same cells.
// Quoted fields may hold commas, CR/LF and doubled quotes; records end in CRLF.
#include <string>
#include <vector>

namespace metacf::testing {

using CsvRows = std::vector<std::vector<std::string>>;

// `problem` is set when the text is not well-formed CSV (an unterminated quote, a last record
// without CRLF); the rows read so far are returned.
inline CsvRows read_csv(const std::string& text, std::string* problem = nullptr) {
  CsvRows rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (problem) {
    if (quoted)
      *problem = "unterminated quoted field";
    else if (!field.empty() || !rows.back().empty())
      *problem = "last record lacks CRLF";
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace metacf::testing
