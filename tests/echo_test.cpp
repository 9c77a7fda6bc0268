// printable(): how every layer quotes input in its messages.
#include "derive/text/echo.hpp"

#include <gtest/gtest.h>

#include <string>

namespace derive::text {
namespace {

TEST(Printable, EscapesEveryControlCharacter) {
  EXPECT_EQ(printable("\x1b[2J"), "\\x1b[2J");
  EXPECT_EQ(printable("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(printable(std::string("\0\x07\x7f", 3)), "\\x00\\x07\\x7f");
  EXPECT_EQ(printable("\u009b2J"), "\\u009b2J");            // C1 CSI, encoded as UTF-8
  EXPECT_EQ(printable("abc\u202edcba"), "abc\\u202edcba");  // right-to-left override
  EXPECT_EQ(printable("\x9b"
                      "2J"),
            "\\x9b2J");                                     // a lone byte that is not UTF-8
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");           // an overlong '/'
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(printable("\xe2\x82"), "\\xe2\\x82");           // cut short
}

TEST(Printable, KeepsOrdinaryTextAndIsIdempotent) {
  for (const std::string text : {"268.4 MB", "1.36×10^7 B", "3 µs", "kv-cache 🙂", "a\\x1b literal"}) {
    EXPECT_EQ(printable(text), text);
  }
  for (const std::string text : {"\x1b[31mred\x1b[0m", "\u009b\x9b\n", "x\u2066y"}) {
    EXPECT_EQ(printable(printable(text)), printable(text)) << text;
  }
}

TEST(Printable, CutsLongInputAtACharacterBoundary) {
  EXPECT_EQ(printable(std::string(kEchoBytes, 'a')), std::string(kEchoBytes, 'a'));
  EXPECT_EQ(printable(std::string(kEchoBytes + 1, 'a')), std::string(kEchoBytes, 'a') + "\u2026 (201 bytes)");
  // 'µ' is two bytes: the cut never splits it.
  EXPECT_EQ(printable("aaµ", 3), "aa\u2026 (4 bytes)");
  EXPECT_EQ(printable_message(std::string(5000, 'a')).size(), 5000u);
}

TEST(Printable, MessagesKeepTheirOwnLineBreaksAndEscapeTheRest) {
  EXPECT_EQ(printable_message("first line:\n  second\n"), "first line:\n  second\n");
  EXPECT_EQ(printable_message("a\r\x1b[2Jb\nc\td"), "a\\r\\x1b[2Jb\nc\\td");
  // An input quoted with printable() keeps its line break escaped inside one.
  EXPECT_EQ(printable_message("got '" + printable("x\ny") + "'"), "got 'x\\ny'");
}

}  // namespace
}  // namespace derive::text
