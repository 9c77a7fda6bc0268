// Templates print numbers as learners read them; these cases were found by
// fuzz/template_fuzz.cpp, which reads every printed number back.
#include "derive/exercise/template.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace derive {
namespace {

std::string render(const std::string& text, const Value& x) {
  auto out = Template(text).render({{"x", x}, {"big", Value::integer(INT64_MAX)}});
  EXPECT_TRUE(out.ok()) << text;
  return out.ok() ? *out : "";
}

// The automatic format trimmed the zeros of "1.500 × 10^20" from the end of
// the text, exponent included: 1.5e20 printed as "1.500 × 10^2".
TEST(Template, AutomaticFormatKeepsTheExponent) {
  EXPECT_EQ(render("{x}", Value::real(1.5e20)), "1.5 × 10^20");
  EXPECT_EQ(render("{x}", Value::real(2e18)), "2 × 10^18");
  EXPECT_EQ(render("{x}", Value::real(1e20)), "1 × 10^20");
  EXPECT_EQ(render("{x}", Value::real(1.5e-10)), "1.5 × 10^-10");
  EXPECT_EQ(render("{x}", Value::real(0.0313725)), "0.03137");
  EXPECT_EQ(render("{x}", Value::real(13.6)), "13.6");
  EXPECT_EQ(render("{x}", Value::real(1.50)), "1.5");
  EXPECT_EQ(render("{x}", Value::integer(13600000)), "13,600,000");
}

// An exact count that overflowed 64 bits lost its "≈" in the automatic format
// only.
TEST(Template, ApproximateNumbersAreMarkedInEveryFormat) {
  const Value x(Number::approximate_real(1.5e20));
  EXPECT_EQ(render("{x}", x), "≈ 1.5 × 10^20");
  EXPECT_EQ(render("{x:s3}", x), "≈ 1.50 × 10^20");
  EXPECT_EQ(render("{x:e2}", x), "≈ 1.5 × 10^20");
  EXPECT_EQ(render("{big + 1}", x), "≈ 9.223 × 10^18");
  EXPECT_EQ(render("{big}", x), "9.223 × 10^18");  // exact, so no "≈", but past 1e18 in figures
}

}  // namespace
}  // namespace derive
