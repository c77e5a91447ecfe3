#include "core/data/csv_fields.h"

namespace metacf {

std::optional<LineProblem> split_csv_line(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::size_t i = 0;
  while (true) {
    std::string field;
    if (i < line.size() && line[i] == '"') {
      const std::size_t open = i++;
      while (true) {
        if (i >= line.size()) {
          return LineProblem{"unterminated quoted field", std::string(line.substr(open)),
                             "a closing double quote"};
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      if (i < line.size() && line[i] != ',') {
        return LineProblem{"text after a closing quote", std::string(line.substr(open)),
                           "a comma right after the closing quote"};
      }
    } else {
      const auto end = line.find(',', i);
      field = std::string(line.substr(i, end == line.npos ? line.npos : end - i));
      i = end == line.npos ? line.size() : end;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return std::nullopt;
    ++i;                     // the comma
    if (i == line.size()) {  // a trailing comma ends with an empty field
      fields.emplace_back();
      return std::nullopt;
    }
  }
}

void CsvQuoteTracker::feed(std::string_view text) {
  for (const char c : text) {
    switch (state_) {
      case State::kFieldStart:
        state_ = c == '"' ? State::kQuoted : c == ',' ? State::kFieldStart : State::kUnquoted;
        break;
      case State::kUnquoted:
      case State::kAfterQuoted:
        if (c == ',') state_ = State::kFieldStart;
        break;
      case State::kQuoted:
        if (c == '"') state_ = State::kQuoteInQuoted;
        break;
      case State::kQuoteInQuoted:
        state_ = c == '"' ? State::kQuoted : c == ',' ? State::kFieldStart : State::kAfterQuoted;
        break;
    }
  }
}

std::string quote_csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == field.npos) return std::string(field);
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace metacf
