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

TEST(TerminalTextTest, BidiControlsAndBytesThatAreNotUtf8BecomeVisibleEscapes) {
  // U+202A..U+202E and U+2066..U+2069 reorder what follows them ("Trojan Source").
  EXPECT_EQ(escape_control_characters("a\xE2\x80\xAEgpj.exe"), "a\\u202Egpj.exe");
  EXPECT_EQ(escape_control_characters("\xE2\x80\xAA\xE2\x80\xAD\xE2\x81\xA6\xE2\x81\xA9"),
            "\\u202A\\u202D\\u2066\\u2069");
  EXPECT_EQ(escape_control_characters("r\xFF.csv"), "r\\xFF.csv");
  EXPECT_EQ(escape_control_characters("Mis\xE9rables"), "Mis\\xE9rables");  // Latin-1
  EXPECT_EQ(escape_control_characters("cut \xE2\x80"), "cut \\xE2\\x80");
  EXPECT_EQ(escape_control_characters("\xC0\xAF"), "\\xC0\\xAF");           // an overlong '/'
  EXPECT_EQ(escape_control_characters("\xED\xA0\x80"), "\\xED\\xA0\\x80");  // a surrogate
  // Their neighbours are ordinary characters.
  for (const std::string text :
       {"\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\xA5", "\xE2\x81\xAA", "\xF0\x9F\x98\x80"}) {
    EXPECT_EQ(escape_control_characters(text), text);
  }
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
    EXPECT_FALSE(c < 0x20 || c >= 0x7f) << "byte " << static_cast<int>(c) << " at " << i;
  }
}

}  // namespace
}  // namespace metacf
