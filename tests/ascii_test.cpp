// ascii_lower of derive/ascii.hpp.
#include "derive/ascii.hpp"

#include <gtest/gtest.h>

namespace derive {
namespace {

TEST(AsciiLower, FoldsOnlyTheLettersAToZ) {
  EXPECT_EQ(ascii_lower("GZip, BR;q=0"), "gzip, br;q=0");
  EXPECT_EQ(ascii_lower("@[`{"), "@[`{");  // the bytes just outside A-Z and a-z
  EXPECT_EQ(ascii_lower(""), "");
  // UTF-8 bytes pass through: "Ä" (C3 84) stays, the "B" after it folds.
  EXPECT_EQ(ascii_lower("\xC3\x84"
                        "B"),
            "\xC3\x84"
            "b");
}

}  // namespace
}  // namespace derive
