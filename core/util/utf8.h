#pragma once
// One UTF-8 character at a time, for code that must tell characters apart (what a terminal
// would obey) or find the bytes that are not UTF-8.
#include <cstddef>
#include <string_view>

namespace metacf {

struct Utf8Char {
  std::size_t length = 0;  // bytes; 0 when the text does not start with a valid character
  char32_t code = 0;
};

// The character that starts `text`. Overlong forms, surrogates and values past U+10FFFF are not
// UTF-8; neither is an empty text.
Utf8Char decode_utf8(std::string_view text);

}  // namespace metacf
