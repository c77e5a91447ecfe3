// Text conversion never throws, always yields UTF-8, and leaves valid UTF-8 untouched; the
// excerpt put into error messages is printable UTF-8.
#include "core/data/data_error.h"
#include "core/data/text_encoding.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = metacf::fuzz::as_text(data, size);
  const std::string utf8 = metacf::to_utf8(text);
  if (!metacf::is_valid_utf8(utf8)) __builtin_trap();
  if (metacf::is_valid_utf8(text) && utf8 != text) __builtin_trap();
  if (!metacf::is_valid_utf8(metacf::latin1_to_utf8(text))) __builtin_trap();
  const std::string excerpt = metacf::printable_excerpt(text);
  if (!metacf::is_valid_utf8(excerpt)) __builtin_trap();
  for (const char c : excerpt) {
    if ((c >= 0 && c < 0x20) || c == 0x7f) __builtin_trap();
  }
  return 0;
}
