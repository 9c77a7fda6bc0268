#include "derive/number.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace derive {
namespace {

TEST(Number, IntegralDoublesBecomeExact) {
  EXPECT_TRUE(Number::from_double(3.4e6).is_exact());
  EXPECT_EQ(Number::from_double(3.4e6).exact_value(), 3400000);
  EXPECT_FALSE(Number::from_double(0.5).is_exact());
  // 2^53 + 2 is integral but past the range where doubles hold every integer.
  EXPECT_FALSE(Number::from_double(9007199254740994.0).is_exact());
}

TEST(Number, ProductsPast2To53StayExact) {
  // 70e9 parameters x 1e6 tokens = 7e16, past 2^53 ~ 9.007e15.
  Number macs = Number::exact(70'000'000'000) * Number::exact(1'000'000);
  ASSERT_TRUE(macs.is_exact());
  EXPECT_EQ(macs.exact_value(), 70'000'000'000'000'000);
  // An odd number past 2^53 that a double cannot represent survives exactly.
  Number odd = macs + Number::exact(1);
  EXPECT_EQ(odd.exact_value(), 70'000'000'000'000'001);
  EXPECT_FALSE(odd.approximate());
}

TEST(Number, OverflowFallsBackToAnApproximateDouble) {
  Number big = Number::exact(std::numeric_limits<std::int64_t>::max()) * Number::exact(4);
  EXPECT_FALSE(big.is_exact());
  EXPECT_TRUE(big.approximate());
  EXPECT_DOUBLE_EQ(big.to_double(), 4.0 * 9223372036854775807.0);
  // Approximation is contagious: anything computed from it is approximate too.
  EXPECT_TRUE((big * Number::from_double(0.5)).approximate());
}

TEST(Number, DivisionIsExactOnlyWithoutRemainder) {
  EXPECT_EQ(divide(Number::exact(12), Number::exact(4))->exact_value(), 3);
  auto third = divide(Number::exact(1), Number::exact(3));
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(third->is_exact());
  EXPECT_DOUBLE_EQ(third->to_double(), 1.0 / 3.0);
  auto by_zero = divide(Number::exact(1), Number::exact(0));
  ASSERT_FALSE(by_zero.ok());
  EXPECT_EQ(by_zero.error().message, "division by zero");
}

TEST(Number, IntegerPowers) {
  EXPECT_EQ(power(Number::exact(2), Number::exact(10)).exact_value(), 1024);
  EXPECT_EQ(power(Number::exact(-1), Number::exact(1'000'001)).exact_value(), -1);
  EXPECT_EQ(power(Number::exact(7), Number::exact(0)).exact_value(), 1);
  // 7^14 = 678,223,072,849, well inside 64 bits.
  EXPECT_EQ(power(Number::exact(7), Number::exact(14)).exact_value(), 678223072849);
  EXPECT_DOUBLE_EQ(power(Number::exact(2), Number::exact(-1)).to_double(), 0.5);
  EXPECT_TRUE(power(Number::exact(10), Number::exact(40)).approximate());
}

TEST(Number, CheckedArithmeticNamesTheQuantity) {
  auto r = checked_multiply(std::numeric_limits<std::int64_t>::max(), 2, "KV-cache bytes");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "KV-cache bytes exceeds 2^63 - 1 and cannot be counted exactly");
  EXPECT_EQ(*checked_add(2, 3, "x"), 5);
}

}  // namespace
}  // namespace derive
