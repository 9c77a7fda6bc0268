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

// Conditional wordings: a sentence shown only when its condition holds, and a
// choice between wordings, each a template with its own placeholders.
TEST(Template, ConditionalChoosesTheWordingWhoseConditionHolds) {
  const std::string choice =
      "{if x > 0: leaves {x:.1} KB | else if x == 0: leaves nothing | else: is {-x:.1} KB short}.";
  EXPECT_EQ(render(choice, Value::real(2.25)), "leaves 2.2 KB.");
  EXPECT_EQ(render(choice, Value::integer(0)), "leaves nothing.");
  EXPECT_EQ(render(choice, Value::real(-3.5)), "is 3.5 KB short.");
  const std::string optional = "It fits.{if x > 1: It is {x}× too large.}";
  EXPECT_EQ(render(optional, Value::integer(1)), "It fits.");
  EXPECT_EQ(render(optional, Value::integer(3)), "It fits.It is 3× too large.");
  // The expression function if(c, a, b) is still a placeholder, not a conditional.
  EXPECT_EQ(render("{if(x > 1, 10, 20)}", Value::integer(3)), "10");
  // Nested conditionals and literal text that holds a colon.
  EXPECT_EQ(render("{if x > 1: ratio: {if x > 2: big | else: small} | else: none}", Value::integer(3)),
            "ratio: big");
}

TEST(Template, MalformedConditionalsAreReportedWithTheirPosition) {
  EXPECT_NE(Template("ok {if x > 1 it is}").split_problem().find("character 4"), std::string::npos);
  EXPECT_NE(Template("{if x: a | else: b | else: c}").split_problem().find("last wording"),
            std::string::npos);
  EXPECT_NE(Template("{if x: a | otherwise: b}").split_problem().find("else"), std::string::npos);
  EXPECT_NE(Template("{if x: a {y}").split_problem().find("never closed"), std::string::npos);
  // A condition that is a number, not a comparison, fails when evaluated.
  auto out = Template("{if x: yes}").render({{"x", Value::integer(1)}});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("true/false"), std::string::npos);
}

}  // namespace
}  // namespace derive
