#pragma once
// Everything we keep is UTF-8; MovieLens 100K and 1M title files are Latin-1.
#include <string>
#include <string_view>

namespace metacf {

bool is_valid_utf8(std::string_view text);
// The length in bytes of the UTF-8 character that starts `text`; 0 when it does not start with
// a valid one (or is empty).
std::size_t utf8_sequence_length(std::string_view text);
std::string latin1_to_utf8(std::string_view text);
// The text itself when it is valid UTF-8, otherwise read as Latin-1 and converted. Title files
// are decided line by line because some files mix both.
std::string to_utf8(std::string_view text);

}  // namespace metacf
