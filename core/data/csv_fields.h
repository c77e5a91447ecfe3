#pragma once
// One line of RFC 4180 CSV: fields may be quoted, quotes inside doubled ("a ""b"" c").
// Used for movies.csv, whose titles contain commas and quotes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/data_error.h"

namespace metacf {

// Fills `fields` with the unquoted fields of `line`; returns the problem for a malformed line.
std::optional<LineProblem> split_csv_line(std::string_view line, std::vector<std::string>& fields);

// A field written so that split_csv_line reads it back: quoted when it holds , " or a line end.
std::string quote_csv_field(std::string_view field);

}  // namespace metacf
