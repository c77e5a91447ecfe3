#include "core/util/terminal_text.h"

#include <gtest/gtest.h>

namespace metacf {
namespace {

TEST(TerminalTextTest, ControlCharactersBecomeVisibleEscapes) {
  EXPECT_EQ(escape_control_characters("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(escape_control_characters("\x1b[31mred"), "\\x1B[31mred");
  EXPECT_EQ(escape_control_characters(std::string("nul\0end", 7)), "nul\\x00end");
  EXPECT_EQ(escape_control_characters("del\x7f"), "del\\x7F");
  EXPECT_EQ(escape_control_characters("bell\x07"), "bell\\x07");
  // C1 controls in UTF-8 (U+009B is a one-character CSI on many terminals).
  EXPECT_EQ(escape_control_characters("a\xc2\x9b"
                                      "2J"),
            "a\\xC2\\x9B2J");
}

TEST(TerminalTextTest, PrintableTextIsUnchanged) {
  for (const std::string text : {"", "plain", "back\\slash", "Am\xc3\xa9lie (2001)",
                                 "\xe5\xa4\xa9\xe7\xa9\xba", "\xc2\xa0nbsp", "\xc2\xbf?"}) {
    EXPECT_EQ(escape_control_characters(text), text);
  }
}

TEST(TerminalTextTest, TheResultHasNoControlCharacters) {
  std::string every;
  for (int c = 0; c < 256; ++c) every += static_cast<char>(c);
  const std::string out = escape_control_characters(every);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    EXPECT_FALSE(c < 0x20 || c == 0x7f) << "byte " << static_cast<int>(c) << " at " << i;
  }
}

}  // namespace
}  // namespace metacf
