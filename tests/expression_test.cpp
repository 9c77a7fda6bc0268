#include "derive/expr/expression.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace derive {
namespace {

// A registry of our own, so these tests do not depend on the engine functions
// being written elsewhere.
Registry make_test_registry() {
  Registry r;
  r.add(FunctionSpec{"double_it",
                     "Twice x.",
                     "test",
                     "test",
                     {ParamSpec{"x", ParamKind::Real, "", "any number", std::nullopt}},
                     "",
                     [](const Args& a) -> Result<Value> { return Value(a.number(0) * Number::exact(2)); }});
  r.add(FunctionSpec{"box_volume",
                     "Volume of a box in whole units.",
                     "test",
                     "test",
                     {ParamSpec{"w", ParamKind::Count, "", "width", std::nullopt},
                      ParamSpec{"h", ParamKind::Count, "", "height", std::nullopt},
                      ParamSpec{"d", ParamKind::Count, "", "depth", Value::integer(1)}},
                     "",
                     [](const Args& a) -> Result<Value> {
                       return Value(Number::exact(a.count(0) * a.count(1) * a.count(2)));
                     }});
  r.add(FunctionSpec{
      "make_inf",
      "Returns infinity, which the evaluator must refuse.",
      "test",
      "test",
      {},
      "",
      [](const Args&) -> Result<Value> { return Value::real(std::numeric_limits<double>::infinity()); }});
  r.add(FunctionSpec{
      "always_fails", "Returns an error.", "test", "test", {}, "", [](const Args&) -> Result<Value> {
        return make_error("always_fails: it always fails");
      }});
  return r;
}

const Registry& test_registry() {
  static const Registry registry = make_test_registry();
  return registry;
}

// Long inputs are cut short in failure messages.
std::string shown(std::string_view text) {
  return text.size() <= 60 ? std::string(text) : std::string(text.substr(0, 60)) + "...";
}

Result<Value> run(std::string_view text, const Environment& env = {}) {
  auto expression = Expression::parse(text, test_registry());
  if (!expression) return expression.error();
  return expression->evaluate(env);
}

// The number `text` evaluates to; NaN (and a test failure) otherwise.
double number(std::string_view text, const Environment& env = {}) {
  auto result = run(text, env);
  EXPECT_TRUE(result.ok()) << shown(text) << ": " << (result.ok() ? "" : result.error().message);
  if (!result.ok() || !result->is_number()) return std::nan("");
  return result->number().to_double();
}

// The exact integer `text` evaluates to; fails the test if it is not exact.
std::int64_t exact(std::string_view text, const Environment& env = {}) {
  auto result = run(text, env);
  EXPECT_TRUE(result.ok()) << shown(text) << ": " << (result.ok() ? "" : result.error().message);
  if (!result.ok() || !result->is_number()) return -12345;
  EXPECT_TRUE(result->number().is_exact()) << shown(text) << " is not exact";
  return result->number().is_exact() ? result->number().exact_value() : -12345;
}

bool boolean(std::string_view text, const Environment& env = {}) {
  auto result = run(text, env);
  EXPECT_TRUE(result.ok() && result->is_bool())
      << shown(text) << ": " << (result.ok() ? result->kind_name() : result.error().message);
  return result.ok() && result->is_bool() && result->boolean();
}

std::string error(std::string_view text, const Environment& env = {}) {
  auto result = run(text, env);
  return result.ok() ? "<no error>" : result.error().message;
}

// --- numbers and tokens --------------------------------------------------------

TEST(ExpressionNumbers, LiteralForms) {
  EXPECT_EQ(exact("12"), 12);
  EXPECT_DOUBLE_EQ(number("1.5"), 1.5);
  EXPECT_DOUBLE_EQ(number(".5"), 0.5);
  EXPECT_EQ(exact("1e6"), 1000000);
  EXPECT_DOUBLE_EQ(number("3.4E-2"), 0.034);
  EXPECT_EQ(exact("1e+3"), 1000);
  EXPECT_EQ(exact("2."), 2);
  EXPECT_EQ(exact("3.0"), 3);  // an integral double is exact
  EXPECT_FALSE(run("0.1")->number().is_exact());
}

TEST(ExpressionNumbers, LongIntegersAreReadExactly) {
  // 2^53 + 1 does not survive strtod; it must survive the lexer.
  EXPECT_EQ(exact("9007199254740993"), 9007199254740993);
  EXPECT_EQ(exact("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
  // One past int64 falls back to a double.
  auto past = run("9223372036854775808");
  ASSERT_TRUE(past.ok());
  EXPECT_FALSE(past->number().is_exact());
  EXPECT_DOUBLE_EQ(past->number().to_double(), 9223372036854775808.0);
}

TEST(ExpressionNumbers, MalformedNumbers) {
  EXPECT_EQ(error("1e400"), "column 1: number '1e400' is too large");
  EXPECT_EQ(error("2 + 1e"), "column 5: number '1e' needs digits after the exponent");
  EXPECT_EQ(error("1e+"), "column 1: number '1e+' needs digits after the exponent");
  EXPECT_EQ(error("2x"), "column 1: malformed number '2x'; to multiply, write '2*x'");
  EXPECT_EQ(error("1.2.3"), "column 1: malformed number '1.2.3'");
  EXPECT_EQ(error("."), "column 1: unexpected character '.'");
}

TEST(ExpressionTokens, WhitespaceOfEveryKind) {
  EXPECT_EQ(exact("\t1 +\n2\r"), 3);
  EXPECT_EQ(exact("1\xC2\xA0+ 2"), 3);  // a no-break space pasted from a web page
}

TEST(ExpressionTokens, PastedUnicodeOperators) {
  EXPECT_EQ(exact("3 \xC3\x97 4"), 12);  // ×
  EXPECT_EQ(exact("3\xC2\xB7"
                  "4"),
            12);                            // ·
  EXPECT_EQ(exact("6 \xC3\xB7 3"), 2);      // ÷
  EXPECT_EQ(exact("5 \xE2\x88\x92 2"), 3);  // −
  EXPECT_EQ(exact("\xE2\x88\x92"
                  "2^2"),
            -4);
  EXPECT_TRUE(boolean("1 \xE2\x89\xA4 1"));  // ≤
  EXPECT_TRUE(boolean("2 \xE2\x89\xA5 1"));  // ≥
  EXPECT_TRUE(boolean("2 \xE2\x89\xA0 1"));  // ≠
  // Columns count characters, not bytes: ')' is the fifth character.
  EXPECT_EQ(error("2 \xC3\x97 )"), "column 5: expected an expression, found ')'");
}

TEST(ExpressionTokens, UnexpectedCharacters) {
  EXPECT_EQ(error("2 @ 3"), "column 3: unexpected character '@'");
  EXPECT_EQ(error("2 \xE2\x86\x92 3"), "column 3: unexpected character '\xE2\x86\x92'");  // →
  EXPECT_EQ(error("\xFF"), "column 1: unexpected byte 0xFF");
  EXPECT_EQ(error("1 \x01"), "column 3: unexpected byte 0x01");
  EXPECT_EQ(error("\xE2\x88"), "column 1: unexpected byte 0xE2");  // truncated UTF-8
}

TEST(ExpressionTokens, OperatorsFromOtherLanguages) {
  EXPECT_EQ(error("2**3"), "column 2: '**' is not an operator; write '^' for a power");
  EXPECT_EQ(error("a & b"), "column 3: '&' is not an operator; write '&&' for 'and'");
  EXPECT_EQ(error("a | b"), "column 3: '|' is not an operator; write '||' for 'or'");
  EXPECT_EQ(
      error("1 = 2"),
      "column 3: '=' is not a comparison; write '==' to compare (a single '=' names an argument: f(x=1))");
}

// --- precedence and associativity ------------------------------------------------

TEST(ExpressionPrecedence, ArithmeticLevels) {
  EXPECT_EQ(exact("2 + 3 * 4"), 14);
  EXPECT_EQ(exact("(2 + 3) * 4"), 20);
  EXPECT_EQ(exact("2 * 3 ^ 2"), 18);
  EXPECT_EQ(exact("10 - 4 - 3"), 3);  // left-associative
  EXPECT_EQ(exact("64 / 4 / 2"), 8);  // left-associative
  EXPECT_EQ(exact("2 * 6 / 4 * 2"), 6);
  EXPECT_EQ(exact("1 - 2 + 3"), 2);
}

TEST(ExpressionPrecedence, PowerIsRightAssociativeAndBindsTighterThanUnaryMinus) {
  EXPECT_EQ(exact("2^3^2"), 512);
  EXPECT_EQ(exact("-2^2"), -4);
  EXPECT_EQ(exact("(-2)^2"), 4);
  EXPECT_DOUBLE_EQ(number("2^-1"), 0.5);
  EXPECT_EQ(exact("-x^2", {{"x", Value::integer(3)}}), -9);
  EXPECT_EQ(exact("2^-1^2 * 4"), 2);  // 2^(-(1^2)) * 4
}

TEST(ExpressionPrecedence, UnarySigns) {
  EXPECT_EQ(exact("+3"), 3);
  EXPECT_EQ(exact("- -3"), 3);
  EXPECT_EQ(exact("-(2 + 3)"), -5);
  EXPECT_EQ(exact("4 - -2"), 6);
  EXPECT_EQ(exact("2 * -3"), -6);
}

TEST(ExpressionPrecedence, LogicAndComparison) {
  EXPECT_TRUE(boolean("1 + 2 < 4"));
  EXPECT_TRUE(boolean("!true == false"));          // ! binds tighter than ==
  EXPECT_TRUE(boolean("true || false && false"));  // && binds tighter than ||
  EXPECT_FALSE(boolean("(true || false) && false"));
  EXPECT_TRUE(boolean("1 < 2 && 3 >= 3 && 4 != 5"));
  EXPECT_TRUE(boolean("2 <= 2"));
  EXPECT_FALSE(boolean("2 > 2"));
  EXPECT_TRUE(boolean("!(1 > 2)"));
}

TEST(ExpressionPrecedence, ComparisonsDoNotChain) {
  EXPECT_EQ(error("1 < 2 < 3"), "column 7: comparisons do not chain; write 'a < b && b < c'");
}

// --- exactness -----------------------------------------------------------------

TEST(ExpressionExactness, IntegersStayExactPast2To53) {
  EXPECT_EQ(exact("2^62 + 1"), 4611686018427387905);
  EXPECT_EQ(exact("70000000000 * 1000000 + 1"), 70000000000000001);
  EXPECT_EQ(exact("12 / 4"), 3);
  EXPECT_DOUBLE_EQ(number("7 / 2"), 3.5);
}

TEST(ExpressionExactness, OverflowBecomesApproximate) {
  auto result = run("2^63");
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->number().is_exact());
  EXPECT_TRUE(result->number().approximate());
}

// --- comparisons and logic -----------------------------------------------------

TEST(ExpressionLogic, EqualityOfEachKind) {
  EXPECT_TRUE(boolean("[1, 2] == [1, 2]"));
  EXPECT_TRUE(boolean("[1, 2] != [2, 1]"));
  EXPECT_TRUE(boolean("true == true"));
  EXPECT_TRUE(boolean("3 == 3.0"));
  EXPECT_EQ(error("1 == true"), "'==' needs two values of the same kind, got a number and a boolean");
  EXPECT_EQ(error("[1] != 1"), "'!=' needs two values of the same kind, got a list and a number");
  EXPECT_EQ(error("true < 1"), "'<' needs two numbers, got a boolean and a number");
}

TEST(ExpressionLogic, AndOrShortCircuit) {
  EXPECT_FALSE(boolean("false && 1 / 0 > 0"));
  EXPECT_TRUE(boolean("true || missing"));
  EXPECT_EQ(error("true && missing"), "unknown name 'missing'");
  EXPECT_EQ(error("1 && true"), "'&&' needs booleans, got a number");
  EXPECT_EQ(error("false || 2"), "'||' needs booleans, got a number");
  EXPECT_EQ(error("!1"), "'!' needs a boolean, got a number");
}

// --- type errors -----------------------------------------------------------------

TEST(ExpressionTypes, ArithmeticNeedsNumbers) {
  EXPECT_EQ(error("[1] + 2"), "'+' needs two numbers, got a list and a number");
  EXPECT_EQ(error("2 * true"), "'*' needs two numbers, got a number and a boolean");
  EXPECT_EQ(error("1 + 2 - [3]"), "'-' needs two numbers, got a number and a list");
  EXPECT_EQ(error("6 / false"), "'/' needs two numbers, got a number and a boolean");
  EXPECT_EQ(error("true ^ 2"), "'^' needs two numbers, got a boolean and a number");
  EXPECT_EQ(error("-[1]"), "'-' needs a number, got a list");
  EXPECT_EQ(error("+true"), "'+' needs a number, got a boolean");
}

// --- lists and indexing ----------------------------------------------------------

TEST(ExpressionLists, LiteralsAndIndexing) {
  auto list = run("[1, 2.5, 3]");
  ASSERT_TRUE(list.ok());
  ASSERT_TRUE(list->is_list());
  EXPECT_EQ(list->list().size(), 3u);
  EXPECT_TRUE(run("[]")->list().empty());
  EXPECT_EQ(exact("[10, 20, 30][0]"), 10);
  EXPECT_EQ(exact("[10, 20, 30][2]"), 30);
  EXPECT_EQ(exact("x[1] * 2", {{"x", Value(NumberList{Number::exact(4), Number::exact(5)})}}), 10);
  EXPECT_EQ(exact("[10, 20][1.0]"), 20);
  EXPECT_EQ(exact("[10, 20][[0, 1][1]]"), 20);
}

TEST(ExpressionLists, IndexBoundaries) {
  EXPECT_EQ(error("[1, 2, 3][3]"), "index 3 is out of range for a list of 3");
  EXPECT_EQ(error("[1][-1]"), "index -1 is out of range for a list of 1");
  EXPECT_EQ(error("[][0]"), "index 0 is out of range for a list of 0");
  EXPECT_EQ(error("[1, 2][0.5]"), "an index must be a whole number, got 0.5");
  EXPECT_EQ(error("[1, 2][true]"), "an index must be a whole number, got a boolean");
  EXPECT_EQ(error("5[0]"), "indexing needs a list, got a number");
}

TEST(ExpressionLists, ListsHoldNumbersOnly) {
  EXPECT_EQ(error("[1, true]"), "a list holds numbers only, got a boolean");
  EXPECT_EQ(error("[[1]]"), "a list holds numbers only, got a list");
}

TEST(ExpressionLists, UnclosedBrackets) {
  EXPECT_EQ(error("[1, 2"), "column 6: expected ',' or ']' to close '[' at column 1, found end of input");
  EXPECT_EQ(error("x[1"), "column 4: expected ']' to close '[' at column 2, found end of input");
  EXPECT_EQ(error("1]"), "column 2: ']' has no matching '['");
}

// --- syntax errors ---------------------------------------------------------------

TEST(ExpressionSyntax, ErrorsGiveTheColumn) {
  EXPECT_EQ(error(""), "column 1: expected an expression, found end of input");
  EXPECT_EQ(error("   "), "column 4: expected an expression, found end of input");
  EXPECT_EQ(error("(1 + 2"), "column 7: expected ')' to close '(' at column 1, found end of input");
  EXPECT_EQ(error("1 + 2)"), "column 6: ')' has no matching '('");
  EXPECT_EQ(error("2 3"), "column 3: expected an operator or end of input, found '3'");
  EXPECT_EQ(error("1 +"), "column 4: expected an expression, found end of input");
  EXPECT_EQ(error("1 + * 2"), "column 5: expected an expression, found '*'");
  EXPECT_EQ(error("double_it(1 2)"), "column 13: expected ',' or ')' to close '(' at column 10, found '2'");
}

// --- evaluation errors -----------------------------------------------------------

TEST(ExpressionErrors, UnknownNames) {
  EXPECT_EQ(error("bitz * 2"), "unknown name 'bitz'");
  EXPECT_EQ(error("bitz * 2", {{"bits", Value::integer(8)}}), "unknown name 'bitz'; did you mean 'bits'?");
  // Case slips are the common one in symbolic answers: "1/c" for "1/C".
  EXPECT_EQ(error("1 / c", {{"C", Value::integer(8)}}), "unknown name 'c'; did you mean 'C'?");
  EXPECT_EQ(error("sqrt"), "unknown name 'sqrt'");  // a function name without a call
}

TEST(ExpressionErrors, DivisionAndDomain) {
  EXPECT_EQ(error("1 / 0"), "division by zero");
  EXPECT_EQ(error("1 / (x - x)", {{"x", Value::real(0.5)}}), "division by zero");
  EXPECT_EQ(error("0^-1"), "division by zero (0 raised to the negative power -1)");
  EXPECT_EQ(error("(-8)^0.5"), "a negative number (-8) raised to a fractional power (0.5) has no real value");
  EXPECT_EQ(exact("(-2)^3"), -8);
  EXPECT_DOUBLE_EQ(number("0^0"), 1);
}

TEST(ExpressionErrors, OverflowIsNeverReturned) {
  EXPECT_EQ(error("10^400"), "result is not finite (overflow in ^)");
  EXPECT_EQ(error("1e308 * 10"), "result is not finite (overflow in *)");
  EXPECT_EQ(error("1e308 + 1e308"), "result is not finite (overflow in +)");
  EXPECT_EQ(error("-1e308 - 1e308"), "result is not finite (overflow in -)");
  EXPECT_EQ(error("1e308 / 1e-10"), "result is not finite (overflow in /)");
  EXPECT_EQ(error("exp(1000)"), "result is not finite (overflow in exp)");
  EXPECT_EQ(error("make_inf()"), "result is not finite (overflow in make_inf)");
  // Just below the limit is fine.
  EXPECT_DOUBLE_EQ(number("1e308 * 1.7"), 1.7e308);
}

TEST(ExpressionErrors, NonFiniteInputsAreRefused) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(error("x", {{"x", Value::real(inf)}}), "name 'x' is not a finite value");
  EXPECT_EQ(error("x[0]", {{"x", Value(NumberList{Number::from_double(std::nan(""))})}}),
            "name 'x' is not a finite value");
}

// --- builtins --------------------------------------------------------------------

TEST(ExpressionBuiltins, AbsFloorCeilKeepExactness) {
  EXPECT_EQ(exact("abs(-3)"), 3);
  EXPECT_DOUBLE_EQ(number("abs(-2.5)"), 2.5);
  EXPECT_EQ(exact("abs(-(2^62 + 1))"), 4611686018427387905);
  EXPECT_EQ(exact("floor(2.7)"), 2);
  EXPECT_EQ(exact("floor(-2.5)"), -3);
  EXPECT_EQ(exact("ceil(2.1)"), 3);
  EXPECT_EQ(exact("ceil(-2.1)"), -2);
  EXPECT_EQ(exact("floor(2^62 + 1)"), 4611686018427387905);
  EXPECT_EQ(error("abs([1])"), "abs needs a number, got a list");
}

TEST(ExpressionBuiltins, RoundHalfAwayFromZero) {
  EXPECT_EQ(exact("round(2.5)"), 3);
  EXPECT_EQ(exact("round(-2.5)"), -3);
  EXPECT_EQ(exact("round(2.4999)"), 2);
  EXPECT_EQ(exact("round(7)"), 7);
  EXPECT_DOUBLE_EQ(number("round(1234.5678, 2)"), 1234.57);
  EXPECT_DOUBLE_EQ(number("round(-1234.5678, 1)"), -1234.6);
  // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary;
  // a person who typed 2.675 expects 2.68.
  EXPECT_DOUBLE_EQ(number("round(2.675, 2)"), 2.68);
  EXPECT_DOUBLE_EQ(number("round(0.125, 2)"), 0.13);
  EXPECT_DOUBLE_EQ(number("round(1.5e-7, 7)"), 2e-7);
}

TEST(ExpressionBuiltins, RoundToNegativeDigits) {
  EXPECT_EQ(exact("round(1250, -2)"), 1300);
  EXPECT_EQ(exact("round(-1250, -2)"), -1300);
  EXPECT_EQ(exact("round(1249, -2)"), 1200);
  EXPECT_EQ(exact("round(1234.5, -2)"), 1200);
  EXPECT_EQ(exact("round(2^62 + 1, -1)"), 4611686018427387910);  // ...905 is a half
  EXPECT_EQ(exact("round(12345, -30)"), 0);
  // Past 10^18 the unit no longer fits in 64 bits, and past 2^63 the result
  // does not either: both fall back to doubles.
  EXPECT_DOUBLE_EQ(number("round(9000000000000000000, -19)"), 1e19);
  EXPECT_DOUBLE_EQ(number("round(9223372036854775807, -1)"), 9223372036854775810.0);
  EXPECT_DOUBLE_EQ(number("round(1.5e20, -20)"), 2e20);
}

TEST(ExpressionBuiltins, RoundDigitsBoundaries) {
  EXPECT_EQ(error("round(2, 1.5)"), "round: digits must be a whole number, got 1.5");
  EXPECT_EQ(error("round(2, true)"), "round: digits must be a whole number, got true");
  EXPECT_DOUBLE_EQ(number("round(0.1, 400)"), 0.1);  // more digits than a double has
  EXPECT_DOUBLE_EQ(number("round(1e300, 10)"), 1e300);
  EXPECT_EQ(exact("round(0.5, -400)"), 0);
}

TEST(ExpressionBuiltins, MinMax) {
  EXPECT_EQ(exact("min(3, 1, 2)"), 1);
  EXPECT_EQ(exact("max([4, 9, 2])"), 9);
  EXPECT_EQ(exact("max(7)"), 7);
  EXPECT_DOUBLE_EQ(number("min(0.5, 2)"), 0.5);
  EXPECT_EQ(exact("max(2^62 + 1, 2^62)"), 4611686018427387905);
  EXPECT_EQ(error("min([])"), "min of an empty list");
  EXPECT_EQ(error("max(1, [2])"), "max needs numbers or one list, got a list as argument 2");
  EXPECT_EQ(error("min(true)"), "min needs numbers or one list, got a boolean");
  EXPECT_EQ(error("min()"), "column 1: min takes at least 1 argument, got 0");
  EXPECT_EQ(error("min(x=1)"), "column 5: min takes no named arguments");
}

TEST(ExpressionBuiltins, SumAndLen) {
  EXPECT_EQ(exact("sum([1, 2, 3])"), 6);
  EXPECT_EQ(exact("sum(1, 2, 3)"), 6);
  EXPECT_EQ(exact("sum([])"), 0);
  EXPECT_EQ(exact("sum([2^62, 2^62 - 1])"), std::numeric_limits<std::int64_t>::max());
  EXPECT_DOUBLE_EQ(number("sum([0.25, 0.5])"), 0.75);
  EXPECT_EQ(error("sum([1e308, 1e308])"), "result is not finite (overflow in sum)");
  EXPECT_EQ(exact("len([1, 2, 3])"), 3);
  EXPECT_EQ(exact("len([])"), 0);
  EXPECT_EQ(error("len(5)"), "len needs a list, got a number");
}

TEST(ExpressionBuiltins, SqrtAndExp) {
  EXPECT_EQ(exact("sqrt(16)"), 4);
  EXPECT_EQ(exact("sqrt(0)"), 0);
  EXPECT_DOUBLE_EQ(number("sqrt(2)"), std::sqrt(2.0));
  // (2^31 + 1)^2 is past 2^53; the root is corrected in integers.
  EXPECT_EQ(exact("sqrt((2^31 + 1)^2)"), 2147483649);
  EXPECT_EQ(error("sqrt(-4)"), "sqrt of a negative number (-4)");
  EXPECT_EQ(exact("exp(0)"), 1);
  EXPECT_DOUBLE_EQ(number("exp(1)"), std::exp(1.0));
  EXPECT_DOUBLE_EQ(number("exp(-1000)"), 0.0);
}

TEST(ExpressionBuiltins, Logarithms) {
  EXPECT_EQ(exact("ln(1)"), 0);
  EXPECT_DOUBLE_EQ(number("ln(exp(2))"), 2.0);
  EXPECT_EQ(exact("log2(1024)"), 10);
  EXPECT_EQ(exact("log10(1000)"), 3);
  EXPECT_EQ(exact("log(8, 2)"), 3);
  EXPECT_EQ(exact("log(81, 3)"), 4);
  EXPECT_EQ(exact("log(100, base=10)"), 2);
  EXPECT_DOUBLE_EQ(number("log(10, 3)"), std::log(10.0) / std::log(3.0));
  EXPECT_EQ(error("ln(0)"), "ln of a non-positive number (0)");
  EXPECT_EQ(error("log2(-1)"), "log2 of a non-positive number (-1)");
  EXPECT_EQ(error("log10(0)"), "log10 of a non-positive number (0)");
  EXPECT_EQ(error("log(0, 2)"), "log of a non-positive number (0)");
  EXPECT_EQ(error("log(8, 1)"), "log: base must be positive and not 1, got 1");
  EXPECT_EQ(error("log(8, -2)"), "log: base must be positive and not 1, got -2");
  EXPECT_EQ(error("log(8)"), "column 1: log: missing parameter 'base' (takes 2 arguments)");
}

TEST(ExpressionBuiltins, IfIsLazy) {
  EXPECT_EQ(exact("if(true, 1, 1 / 0)"), 1);
  EXPECT_EQ(exact("if(false, missing, 2)"), 2);
  const Environment negative{{"x", Value::integer(-9)}};
  EXPECT_EQ(exact("if(x >= 0, sqrt(x), -sqrt(-x))", negative), -3);
  EXPECT_EQ(error("if(1, 2, 3)"), "if: the condition must be a boolean, got a number");
  EXPECT_EQ(error("if(true, 1)"), "column 1: if: missing parameter 'else' (takes 3 arguments)");
  EXPECT_EQ(exact("if(condition=false, then=1, else=2)"), 2);
}

TEST(ExpressionBuiltins, Pi) {
  EXPECT_DOUBLE_EQ(number("pi"), 3.141592653589793);
  EXPECT_DOUBLE_EQ(number("2 * pi"), 6.283185307179586);
  EXPECT_TRUE(Expression::parse("pi", test_registry())->names().empty());
}

TEST(ExpressionBuiltins, ArgumentBinding) {
  EXPECT_DOUBLE_EQ(number("round(digits=1, x=2.345)"), 2.3);
  EXPECT_DOUBLE_EQ(number("round(2.345, digits=1)"), 2.3);
  EXPECT_EQ(error("round(1, 2, 3)"), "column 1: round takes 1 or 2 arguments, got 3");
  EXPECT_EQ(error("abs(1, 2)"), "column 1: abs takes 1 argument, got 2");
  EXPECT_EQ(error("abs()"), "column 1: abs: missing parameter 'x' (takes 1 argument)");
  EXPECT_EQ(error("round(digits=1)"), "column 1: round: missing parameter 'x' (takes 1 or 2 arguments)");
  EXPECT_EQ(error("round(x=1, x=2)"), "column 12: round: parameter 'x' is given twice");
  EXPECT_EQ(error("round(1, x=2)"), "column 10: round: parameter 'x' is given twice");
  EXPECT_EQ(error("round(1, y=2)"), "column 10: round has no parameter 'y'; its parameters are x, digits");
  EXPECT_EQ(error("round(x=1, 2)"), "column 12: a positional argument cannot follow a named one");
}

TEST(ExpressionBuiltins, NamesList) {
  const auto& names = builtin_function_names();
  for (const char* name : {"abs", "round", "floor", "ceil", "min", "max", "sqrt", "exp", "ln", "log2",
                           "log10", "log", "sum", "len", "if"}) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
  EXPECT_EQ(names.size(), 15u);
  EXPECT_EQ(names.count("pi"), 0u);  // a constant, not a function
}

// --- engine functions --------------------------------------------------------------

TEST(ExpressionEngine, PositionalNamedAndDefaults) {
  EXPECT_EQ(exact("double_it(3)"), 6);
  EXPECT_DOUBLE_EQ(number("double_it(x=1.25)"), 2.5);
  EXPECT_EQ(exact("box_volume(2, 3)"), 6);  // d defaults to 1
  EXPECT_EQ(exact("box_volume(2, 3, 4)"), 24);
  EXPECT_EQ(exact("box_volume(d=4, w=2, h=3)"), 24);
  EXPECT_EQ(exact("box_volume(2, d=4, h=3)"), 24);
  EXPECT_EQ(exact("box_volume(2, 3) + double_it(box_volume(1, 1))"), 8);
}

TEST(ExpressionEngine, ArgumentErrorsAtParseTime) {
  EXPECT_EQ(error("box_volume(2, 3, 4, 5)"), "column 1: box_volume takes 2 or 3 arguments, got 4");
  EXPECT_EQ(error("box_volume(2)"), "column 1: box_volume: missing parameter 'h' (height)");
  EXPECT_EQ(error("box_volume(2, 3, q=1)"),
            "column 18: box_volume has no parameter 'q'; its parameters are w, h, d");
  EXPECT_EQ(error("box_volume(2, 3, w=1)"), "column 18: box_volume: parameter 'w' is given twice");
  EXPECT_EQ(error("box_volume(w=1, h=2, w=1)"), "column 22: box_volume: parameter 'w' is given twice");
}

TEST(ExpressionEngine, ValueErrorsAtEvaluation) {
  EXPECT_EQ(error("box_volume(2.5, 3)"), "box_volume: w must be a whole number >= 0, got 2.5");
  EXPECT_EQ(error("box_volume(2, -1)"), "box_volume: h must be a whole number >= 0, got -1");
  EXPECT_EQ(error("double_it(true)"), "double_it: x must be a finite number, got true");
  EXPECT_EQ(error("always_fails()"), "always_fails: it always fails");
}

TEST(ExpressionEngine, UnknownFunctions) {
  EXPECT_EQ(error("frobnicate(1)"), "column 1: unknown function 'frobnicate'");
  EXPECT_EQ(error("2 * sqr(4)"), "column 5: unknown function 'sqr'; did you mean 'sqrt'?");
  EXPECT_EQ(error("doble_it(2)"), "column 1: unknown function 'doble_it'; did you mean 'double_it'?");
  EXPECT_EQ(error("pi(2)"), "column 1: unknown function 'pi'");
  // The engine registry is the default; our test functions are not in it.
  auto parsed = Expression::parse("box_volume(1, 2)");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message.rfind("column 1: unknown function 'box_volume'", 0), 0u);
}

// --- names, functions, sharing ---------------------------------------------------

TEST(ExpressionIntrospection, NamesAndFunctions) {
  auto parsed = Expression::parse(
      "a + b * double_it(x=c) + round(d, digits=2) + box_volume(2, h=e) + x[i] + pi", test_registry());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const std::set<std::string, std::less<>> names{"a", "b", "c", "d", "e", "x", "i"};
  const std::set<std::string, std::less<>> functions{"double_it", "round", "box_volume"};
  EXPECT_EQ(parsed->names(), names);
  EXPECT_EQ(parsed->functions(), functions);
  EXPECT_EQ(parsed->text(), "a + b * double_it(x=c) + round(d, digits=2) + box_volume(2, h=e) + x[i] + pi");
  EXPECT_TRUE(Expression::parse("true && !false", test_registry())->names().empty());
}

TEST(ExpressionIntrospection, ParseOnceEvaluateMany) {
  auto parsed = Expression::parse("1 / C", test_registry());
  ASSERT_TRUE(parsed.ok());
  const Expression copy = *parsed;  // shares the tree
  for (int c = 1; c <= 4; ++c) {
    auto a = parsed->evaluate({{"C", Value::integer(c)}});
    auto b = copy.evaluate({{"C", Value::integer(c)}});
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_DOUBLE_EQ(a->number().to_double(), 1.0 / c);
    EXPECT_EQ(*a, *b);
  }
}

TEST(ExpressionIntrospection, DefaultConstructedExpression) {
  const Expression empty;
  auto result = empty.evaluate({});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "empty expression: nothing was parsed");
}

// --- limits ------------------------------------------------------------------------

std::string nested_parentheses(int depth) {
  return std::string(static_cast<std::size_t>(depth), '(') + "1" +
         std::string(static_cast<std::size_t>(depth), ')');
}

TEST(ExpressionLimits, NestingDepth) {
  EXPECT_EQ(exact(nested_parentheses(200)), 1);
  EXPECT_EQ(error(nested_parentheses(201)),
            "column 202: expression is nested too deeply (more than 200 levels)");
  EXPECT_EQ(exact(std::string(200, '-') + "1"), 1);
  EXPECT_EQ(error(std::string(201, '-') + "1"),
            "column 202: expression is nested too deeply (more than 200 levels)");
  // x[0][0]... nests without parentheses: each index is a level, and the
  // expression inside the brackets one more.
  std::string chain = "x";
  for (int i = 0; i < 199; ++i) chain += "[0]";
  const Environment env{{"x", Value(NumberList{Number::exact(5)})}};
  EXPECT_EQ(error(chain, env), "indexing needs a list, got a number");  // parsed, then evaluated
  EXPECT_EQ(error(chain + "[0]", env), "column 600: expression is nested too deeply (more than 200 levels)");
}

TEST(ExpressionLimits, LongFlatExpressionsAreNotDeep) {
  // A sum of many terms is one node, not a chain of 5000 nested ones.
  std::string sum = "1";
  for (int i = 0; i < 4999; ++i) sum += "+1";
  EXPECT_EQ(exact(sum), 5000);
  std::string conjunction = "true";
  for (int i = 0; i < 1000; ++i) conjunction += "&&true";
  EXPECT_TRUE(boolean(conjunction));
}

TEST(ExpressionLimits, InputLength) {
  std::string at_limit = "1";
  while (at_limit.size() + 2 <= 10000) at_limit += "+1";
  at_limit.resize(10000, ' ');
  EXPECT_EQ(exact(at_limit), 5000);
  EXPECT_EQ(error(at_limit + " "), "expression is too long: 10001 characters, the limit is 10000");
}

}  // namespace
}  // namespace derive
