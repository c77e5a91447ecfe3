#pragma once
// Text from files and stores (labels, titles, item ids, paths) printed for a person: control
// characters are shown, not obeyed, so a newline cannot fake a table row, an escape sequence
// cannot recolour or rewrite the terminal, and a right-to-left override cannot make a name
// display as another.
#include <string>
#include <string_view>

namespace metacf {

// The explicit bidirectional embeddings, overrides and isolates (U+202A..U+202E,
// U+2066..U+2069): they reorder the text that follows, so "exe.txt" can display as "txt.exe".
bool is_bidi_control(char32_t code);

// C0 controls, DEL and the C1 controls (U+0080..U+009F) become visible escapes: \n, \r, \t,
// \\x1B and so on; bidi controls become \u202E and the like, and bytes that are not UTF-8
// \\xFF and the like. A backslash stays as it is; every other character, UTF-8 included, too.
std::string escape_control_characters(std::string_view text);

}  // namespace metacf
