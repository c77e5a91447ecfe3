#include "core/data/delimiter.h"

#include <array>
#include <stdexcept>

namespace metacf {
namespace {
struct DelimiterNames {
  Delimiter delimiter;
  std::string_view name;
  std::string_view text;
  std::string_view label;
};
constexpr std::array<DelimiterNames, 6> kDelimiters{{
    {Delimiter::kAuto, "auto", "", "the format's own delimiter"},
    {Delimiter::kTab, "tab", "\t", "tabs"},
    {Delimiter::kComma, "comma", ",", "commas"},
    {Delimiter::kSemicolon, "semicolon", ";", "semicolons"},
    {Delimiter::kDoubleColon, "::", "::", "'::'"},
    {Delimiter::kWhitespace, "whitespace", " ", "whitespace"},
}};

const DelimiterNames& names_of(Delimiter delimiter) {
  for (const auto& entry : kDelimiters) {
    if (entry.delimiter == delimiter) return entry;
  }
  return kDelimiters.front();
}
}  // namespace

std::string delimiter_name(Delimiter delimiter) { return std::string(names_of(delimiter).name); }
std::string delimiter_text(Delimiter delimiter) { return std::string(names_of(delimiter).text); }
std::string delimiter_label(Delimiter delimiter) { return std::string(names_of(delimiter).label); }

Delimiter parse_delimiter_name(std::string_view name) {
  for (const auto& entry : kDelimiters) {
    if (entry.name == name) return entry.delimiter;
  }
  throw std::invalid_argument("unknown delimiter '" + std::string(name) +
                              "' (expected auto, tab, comma, semicolon, :: or whitespace)");
}

}  // namespace metacf
