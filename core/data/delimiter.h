#pragma once
// The field separator of a ratings file, when the user names it instead of the format's own:
// a semicolon CSV from a spreadsheet, a space-separated dump, '::' in a file that is not ML-1M.
#include <string>
#include <string_view>

namespace metacf {

enum class Delimiter {
  kAuto,  // the format's own (tabs for ml100k, '::' for ml1m, commas for csv)
  kTab,
  kComma,
  kSemicolon,
  kDoubleColon,  // "::"
  kWhitespace,   // one or more spaces or tabs
};

// "auto", "tab", "comma", "semicolon", "::", "whitespace".
std::string delimiter_name(Delimiter delimiter);
// The inverse of delimiter_name; throws std::invalid_argument listing the accepted names.
Delimiter parse_delimiter_name(std::string_view name);
// The separator itself ("\t", ",", ";", "::"); " " stands for runs of whitespace; "" for kAuto.
std::string delimiter_text(Delimiter delimiter);
// How error messages name it: "tabs", "commas", "semicolons", "'::'", "whitespace".
std::string delimiter_label(Delimiter delimiter);

}  // namespace metacf
