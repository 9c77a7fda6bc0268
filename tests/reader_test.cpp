#include "derive/units/reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace derive {
namespace {

double value_of(std::string_view text) {
  auto r = read_answer(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  EXPECT_TRUE(!r.ok() || !r->unit.has_value()) << text << " read a unit";
  return r.ok() ? r->value : std::nan("");
}

std::string error_of(std::string_view text, double kilobyte = 1000) {
  auto r = read_answer(text, UnitContext{kilobyte});
  EXPECT_FALSE(r.ok()) << text << " was read as " << (r.ok() ? r->value : 0);
  return r.ok() ? "" : r.error().message;
}

ReadAnswer read(std::string_view text, double kilobyte = 1000) {
  auto r = read_answer(text, UnitContext{kilobyte});
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : ReadAnswer{};
}

TEST(Reader, PlainNumbersAndSigns) {
  EXPECT_EQ(value_of("42"), 42);
  EXPECT_EQ(value_of("+42"), 42);
  EXPECT_EQ(value_of("-42"), -42);
  EXPECT_EQ(value_of("\u22122.5"), -2.5);  // U+2212 MINUS SIGN
  EXPECT_EQ(value_of(".5"), 0.5);
  EXPECT_EQ(value_of("5."), 5);
  EXPECT_EQ(value_of("0.0314"), 0.0314);
  EXPECT_EQ(value_of("  13.6  "), 13.6);
  EXPECT_EQ(value_of("\u00a07\u202f"), 7);
  EXPECT_TRUE(std::signbit(value_of("-0")));
}

TEST(Reader, ScientificNotation) {
  EXPECT_EQ(value_of("1.36e7"), 1.36e7);
  EXPECT_EQ(value_of("1.36E7"), 1.36e7);
  EXPECT_EQ(value_of("1.36e+07"), 1.36e7);
  EXPECT_EQ(value_of("5e-3"), 0.005);
  EXPECT_EQ(value_of("1.36\u00d710^7"), 1.36e7);
  EXPECT_EQ(value_of("1.36x10^7"), 1.36e7);
  EXPECT_EQ(value_of("1.36X10^7"), 1.36e7);
  EXPECT_EQ(value_of("1.36*10^7"), 1.36e7);
  EXPECT_EQ(value_of("1.36\u00b710^7"), 1.36e7);
  EXPECT_EQ(value_of("1.36 \u00d7 10^7"), 1.36e7);
  EXPECT_EQ(value_of("1.36 x 10^-3"), 1.36e-3);
  EXPECT_EQ(value_of("1.36 x 10^(-3)"), 1.36e-3);
  EXPECT_EQ(value_of("1.36\u00d710\u2077"), 1.36e7);   // superscript 7
  EXPECT_EQ(value_of("2\u00b710\u207b\u00b3"), 2e-3);  // superscript minus 3
  EXPECT_EQ(value_of("10^7"), 1e7);
  EXPECT_EQ(value_of("-10^7"), -1e7);
  EXPECT_EQ(value_of("10\u2077"), 1e7);
  EXPECT_EQ(value_of("10\u207b\u00b3"), 1e-3);
  EXPECT_EQ(value_of("10\u00b9\u2070"), 1e10);
}

TEST(Reader, DecimalsAreCorrectlyRounded) {
  // strtod on the whole decimal, never a product that could be off by an ulp.
  EXPECT_EQ(value_of("14.45M"), 14450000);
  EXPECT_EQ(value_of("0.1e1"), 1);
  EXPECT_EQ(value_of("1.1x10^-1"), 0.11);
}

TEST(Reader, ThousandsSeparators) {
  EXPECT_EQ(value_of("131,328"), 131328);
  EXPECT_EQ(value_of("1,048,576"), 1048576);
  EXPECT_EQ(value_of("131 328"), 131328);
  EXPECT_EQ(value_of("131\u00a0328"), 131328);
  EXPECT_EQ(value_of("131\u202f328"), 131328);
  EXPECT_EQ(value_of("1,048,576.5"), 1048576.5);
  EXPECT_EQ(value_of("-1,000"), -1000);
}

TEST(Reader, CommaThatIsNotAThousandsSeparator) {
  const char* hint =
      ": write decimals with a point, as in 0.5; a comma only separates groups of three "
      "digits, as in 131,328";
  EXPECT_EQ(error_of("0,5"), std::string("'0,5'") + hint);
  EXPECT_EQ(error_of("1,5"), std::string("'1,5'") + hint);
  EXPECT_EQ(error_of("1,0000"), std::string("'1,0000'") + hint);
  EXPECT_EQ(error_of("1234,567"), std::string("'1234,567'") + hint);
  EXPECT_EQ(error_of("1,000,00"), std::string("'1,000,00'") + hint);
  // Mixed separators are not one number.
  EXPECT_EQ(error_of("1,000 000"), "could not read '1,000 000' as a number");
  // A space before a group that is not three digits ends the number.
  EXPECT_EQ(error_of("12 34"), "could not read '12 34' as a number");
  EXPECT_EQ(error_of("1234 567"), "could not read '1234 567' as a number");
}

TEST(Reader, BarePrefixes) {
  EXPECT_EQ(value_of("800k"), 800000);
  EXPECT_EQ(value_of("800K"), 800000);
  EXPECT_EQ(value_of("3.2 G"), 3.2e9);
  EXPECT_EQ(value_of("2T"), 2e12);
  EXPECT_EQ(value_of("512Mi"), 512.0 * 1048576);
  EXPECT_EQ(value_of("4 Ki"), 4096);
  EXPECT_EQ(value_of("1Gi"), 1073741824);
  EXPECT_EQ(value_of("1Ti"), 1099511627776.0);
  EXPECT_EQ(value_of("1.5e3k"), 1.5e6);
  for (const char* text : {"800k", "3.2 G", "512Mi", "1.5e3k"})
    EXPECT_TRUE(read_answer(text)->prefixed) << text;
  for (const char* text : {"800", "7 billion", "3.2 GB"}) EXPECT_FALSE(read_answer(text)->prefixed) << text;
}

TEST(Reader, NumberWords) {
  EXPECT_EQ(value_of("7 billion"), 7e9);
  EXPECT_EQ(value_of("131.3 thousand"), 131300);
  EXPECT_EQ(value_of("2 trillion"), 2e12);
  ReadAnswer a = read("3.4 million parameters");
  EXPECT_EQ(a.value, 3.4e6);
  EXPECT_EQ(a.unit->dimension, Dimension::Count);
}

TEST(Reader, Units) {
  ReadAnswer a = read("13.6 MB");
  EXPECT_EQ(a.value, 13.6);
  ASSERT_TRUE(a.unit.has_value());
  EXPECT_EQ(a.unit->symbol, "MB");
  EXPECT_EQ(a.unit_text, "MB");
  EXPECT_EQ(read("13.6MB").unit->symbol, "MB");
  EXPECT_EQ(read("1.36e7 B").unit->symbol, "B");
  EXPECT_EQ(read("1.36e7 B").value, 1.36e7);
  EXPECT_EQ(read("300 MFLOPs").unit->scale, 1e6);
  EXPECT_EQ(read("7.9x").unit->dimension, Dimension::Dimensionless);
  EXPECT_EQ(read("7.9x").value, 7.9);
  EXPECT_EQ(read("7.9 \u00d7").unit->symbol, "\u00d7");
  EXPECT_EQ(read("70%").unit->dimension, Dimension::Percent);
  EXPECT_EQ(read("70 %").value, 70);
  EXPECT_EQ(read("70 percent").unit->scale, 0.01);
  EXPECT_EQ(read("12 \u00b5s").unit->scale, 1e-6);
  EXPECT_EQ(read("1.36 \u00d7 10^7 B").value, 1.36e7);
  EXPECT_EQ(read("1.36 \u00d7 10^7 B").unit->symbol, "B");
  EXPECT_EQ(read("1 000 000 values").value, 1e6);
  EXPECT_EQ(read("8 FLOPs / byte").unit->dimension, Dimension::FlopsPerByte);
}

TEST(Reader, PrefixAndUnitCombineOnce) {
  for (const char* text : {"14.45 MMACs", "14.45 M MACs", "14.45M MACs", "14.45MMACs", "14.45 MMAC"}) {
    ReadAnswer a = read(text);
    ASSERT_TRUE(a.unit.has_value()) << text;
    EXPECT_EQ(a.value * a.unit->scale, 14.45e6) << text;
    EXPECT_EQ(a.unit->dimension, Dimension::Macs) << text;
  }
  ReadAnswer params = read("131k params");
  EXPECT_EQ(params.value * params.unit->scale, 131000);
  EXPECT_EQ(params.unit->dimension, Dimension::Count);
  ReadAnswer millions = read("3.4M parameters");
  EXPECT_EQ(millions.value * millions.unit->scale, 3.4e6);
  EXPECT_EQ(error_of("13.6 MMB"), "'13.6 MMB': unknown unit 'MMB'");
}

TEST(Reader, HowBytesAndBitsAreRead) {
  EXPECT_EQ(read("13.6 mb").unit->symbol, "MB");
  EXPECT_EQ(read("13.6 mb").unit_text, "mb");
  EXPECT_EQ(read("13.6 Mb").unit->symbol, "Mbit");
  EXPECT_EQ(read("100 KB", 1024).unit->scale, 1024);
  EXPECT_EQ(read("100 kb", 1024).unit->scale, 1024);
  EXPECT_EQ(read("100 kB", 1024).unit->scale, 1000);
  // "7B" is seven bytes; seven billion is 7G or 7e9.
  EXPECT_EQ(read("7B").unit->dimension, Dimension::Bytes);
}

TEST(Reader, ErrorMessages) {
  EXPECT_EQ(error_of(""), "empty answer");
  EXPECT_EQ(error_of("   "), "empty answer");
  EXPECT_EQ(error_of("abc"), "could not read 'abc' as a number");
  EXPECT_EQ(error_of("-"), "could not read '-' as a number");
  EXPECT_EQ(error_of("."), "could not read '.' as a number");
  EXPECT_EQ(error_of("MB"), "could not read 'MB' as a number");
  EXPECT_EQ(error_of("1.2.3"), "could not read '1.2.3' as a number");
  EXPECT_EQ(error_of("5 5"), "could not read '5 5' as a number");
  EXPECT_EQ(error_of("2^10"), "could not read '2^10' as a number");
  EXPECT_EQ(error_of("13.6 MBB"), "'13.6 MBB': unknown unit 'MBB'");
  EXPECT_EQ(error_of("13.6 furlongs"), "'13.6 furlongs': unknown unit 'furlongs'");
  EXPECT_EQ(error_of("5e"), "'5e': unknown unit 'e'");
  EXPECT_EQ(error_of("7.9x10"), "'7.9x10': unknown unit 'x10'");
  EXPECT_EQ(error_of("3 m"), "'3 m': unknown unit 'm' (write M for millions, ms for milliseconds)");
  EXPECT_EQ(error_of("3 million k"), "'3 million k': unknown unit 'k'");
  EXPECT_EQ(error_of("3 millions"), "'3 millions': unknown unit 'millions'");
  EXPECT_EQ(error_of("1e999"), "'1e999' is too large to read as a number");
  EXPECT_EQ(error_of("1e308 Ti"), "'1e308 Ti' is too large to read as a number");
}

// A number that fits a double but not once its unit's scale is applied
// (1e308 MB is 1e314 B) is refused, for every unit and for values on both
// sides of the edge: whatever is read converts to a finite base value.
TEST(Reader, ValuesThatOverflowWithTheirUnitAreRefused) {
  EXPECT_EQ(
      error_of("1e308 MB"),
      "'1e308 MB' is too large to read: with its unit it exceeds about 1.8e308, the largest number we hold");
  EXPECT_EQ(read_answer("1e302 MB")->value, 1e302);
  for (const double kilobyte : {1000.0, 1024.0}) {
    const UnitContext context{kilobyte};
    for (const auto& [spelling, unit] : known_units(context)) {
      for (const char* mantissa : {"1", "1.7976", "9.99", "3.3"}) {
        for (int exponent = 280; exponent <= 310; ++exponent) {
          const std::string text = std::string(mantissa) + "e" + std::to_string(exponent) + " " + spelling;
          const auto read = read_answer(text, context);
          if (read.ok()) {
            ASSERT_TRUE(read->unit.has_value()) << text;
            EXPECT_TRUE(std::isfinite(read->value * read->unit->scale)) << text;
          } else {
            EXPECT_NE(read.error().message.find("is too large to read"), std::string::npos)
                << text << ": " << read.error().message;
          }
        }
      }
    }
  }
}

// Converting what was read into the question's unit may overflow too: a bare
// 1e308 for a question in MB, 1e305 s for one in microseconds.
TEST(Reader, ConversionToTheAskedUnitMayNotOverflow) {
  const Unit mb = *parse_answer_unit("MB");
  const Unit us = *parse_answer_unit("us");
  EXPECT_EQ(*value_in(*read_answer("13.6"), mb, "13.6"), 13.6);
  EXPECT_DOUBLE_EQ(*value_in(*read_answer("2 ms"), us, "2 ms"), 2000);
  EXPECT_DOUBLE_EQ(*value_in(*read_answer("13.6M"), mb, "13.6M"), 13.6);
  EXPECT_EQ(value_in(*read_answer("1e308"), mb, " 1e308 ").error().message,
            "'1e308' is too large to read in MB: it exceeds about 1.8e308, the largest number we hold");
  EXPECT_EQ(value_in(*read_answer("1e305 s"), us, "1e305 s").error().message,
            "'1e305 s' is too large to read in µs: it exceeds about 1.8e308, the largest number we hold");
}

TEST(Reader, LengthLimit) {
  std::string at_limit = std::string(199, ' ') + "7";
  EXPECT_EQ(value_of(at_limit), 7);
  std::string past_limit = std::string(200, ' ') + "7";
  EXPECT_EQ(error_of(past_limit), "the answer is too long: at most 200 characters");
  std::string digits(200, '9');
  EXPECT_EQ(value_of(digits), 1e200);
}

TEST(Reader, TinyAndHugeExponents) {
  EXPECT_EQ(value_of("1e-400"), 0);
  EXPECT_EQ(value_of("0e99999999999999999999"), 0);
  EXPECT_EQ(error_of("1e99999999999999999999"), "'1e99999999999999999999' is too large to read as a number");
}

// Inputs built to provoke back-tracking. Their speed is measured by
// bench/grader_bench.cpp (BM_ReadPathological), not here: a timed unit test
// fails on a loaded machine. Here: what each is read as.
TEST(Reader, PathologicalInputsAreJudgedNotGuessed) {
  EXPECT_FALSE(read_answer(std::string(66, ',') + "1"));
  EXPECT_FALSE(read_answer("1" + std::string(99, ' ') + "1"));
  std::string groups = "1";
  for (int g = 0; g < 40; ++g) groups += ",000";
  EXPECT_FALSE(read_answer(groups + ",00")) << "a last group of two digits is not digit grouping";
}

}  // namespace
}  // namespace derive
