#pragma once
// Allocation-free helpers for splitting and reading fields of one line of text.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace metacf {

// Strips spaces and tabs at both ends.
std::string_view trim(std::string_view text);

// Splits `line` on `delimiter` (one or more characters) into `out`; returns the number of fields
// in the line, which may exceed out.size() (the extra fields are then not stored).
std::size_t split_fields(std::string_view line, std::string_view delimiter,
                         std::span<std::string_view> out);

// Splits `line` on runs of spaces and tabs, ignoring them at both ends; otherwise as above.
std::size_t split_whitespace_fields(std::string_view line, std::span<std::string_view> out);

// A finite number written in full ("4", "3.5", " 5.0 "); nullopt for anything else.
std::optional<double> parse_number(std::string_view text);

// True when the text has a NUL or a high share of control bytes: not a text file.
bool looks_binary(std::string_view sample);

}  // namespace metacf
