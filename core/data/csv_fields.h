#pragma once
// One record of RFC 4180 CSV: fields may be quoted, quotes inside doubled ("a ""b"" c"), and a
// quoted field may hold line ends. Used for movies.csv, whose titles contain commas and quotes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/data_error.h"

namespace metacf {

// Fills `fields` with the unquoted fields of `line` (one record, line ends inside quotes
// included); returns the problem for a malformed record.
std::optional<LineProblem> split_csv_line(std::string_view line, std::vector<std::string>& fields);

// Follows a record line by line to tell whether it goes on past a line end: it does while a
// quoted field is open. Each piece is read once, so a record of many lines costs its length.
class CsvQuoteTracker {
 public:
  void feed(std::string_view text);
  // True when the text fed so far ends inside a quoted field.
  [[nodiscard]] bool inside_quotes() const { return state_ == State::kQuoted; }

 private:
  // kQuoteInQuoted: a quote inside a quoted field, either the first of a doubled pair or the
  // closing one; the next character tells.
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kAfterQuoted };
  State state_ = State::kFieldStart;
};

// A field written so that split_csv_line reads it back: quoted when it holds , " or a line end.
std::string quote_csv_field(std::string_view field);

}  // namespace metacf
