#pragma once
// Text from files and stores (labels, titles, item ids, paths) printed for a person: control
// characters are shown, not obeyed, so a newline cannot fake a table row and an escape sequence
// cannot recolour or rewrite the terminal.
#include <string>
#include <string_view>

namespace metacf {

// C0 controls, DEL and the C1 controls (U+0080..U+009F) become visible escapes: \n, \r, \t,
// \\x1B and so on. A backslash stays as it is; every other character, UTF-8 included, too.
std::string escape_control_characters(std::string_view text);

}  // namespace metacf
