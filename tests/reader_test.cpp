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
  // A prefix or a number word with no unit after it multiplies the base unit
  // of the question's dimension (value_in); with a unit it is part of the unit.
  for (const char* text : {"800k", "3.2 G", "512Mi", "1.5e3k", "7 billion", "14.45 million", "14.45 Million",
                           "14.45M", "3.54 G", "2^4 k"})
    EXPECT_TRUE(read_answer(text)->prefixed) << text;
  for (const char* text : {"800", "3.2 GB", "3.4 million parameters", "14.45 million MACs"})
    EXPECT_FALSE(read_answer(text)->prefixed) << text;
  EXPECT_EQ(read("14.45M").prefix, "M");
  EXPECT_EQ(read("14.45 million").prefix, "million");
}

// Every bare prefix and number word lands on the base unit of the dimension
// asked, whatever unit the question states; k follows the question's kilobyte
// in a bytes question, and no other prefix does.
TEST(Reader, BarePrefixesMultiplyTheBaseUnitOfTheQuestion) {
  struct Case {
    const char* typed;
    const char* asked;
    double kilobyte;
    double expected;  // in the asked unit
  };
  const Case cases[] = {
      {"14.45M", "MMACs", 1000, 14.45},
      {"14.45 million", "MMACs", 1000, 14.45},
      {"268.4M", "MB", 1000, 268.4},
      {"3.54 G", "GFLOPs", 1000, 3.54},
      {"2.15 G", "GMACs", 1000, 2.15},
      {"14.45M", "MACs", 1000, 14.45e6},
      {"3.4M", "parameters", 1000, 3.4e6},
      {"800k", "KB", 1000, 800},
      {"800K", "KB", 1024, 800},
      {"800 thousand", "KB", 1024, 800},
      {"1.5M", "MB", 1024, 1.5},
      {"2 billion", "GB", 1000, 2},
      {"512Ki", "KiB", 1000, 512},
      {"3.2 G", "FLOPs", 1000, 3.2e9},
      {"7 billion", "parameters", 1000, 7e9},
      {"150 k", "KMACs", 1000, 150},
      {"1.5 million", "KB", 1024, 1.5e6 / 1024},
      {"36 M", "ms", 1000, 36e6 * 1e3},
  };
  for (const Case& c : cases) {
    const UnitContext context{c.kilobyte};
    auto asked = parse_answer_unit(c.asked, context);
    ASSERT_TRUE(asked.ok()) << c.asked;
    const ReadAnswer r = read(c.typed, c.kilobyte);
    auto v = value_in(r, *asked, c.typed, context);
    ASSERT_TRUE(v.ok()) << c.typed;
    EXPECT_NEAR(*v, c.expected, 1e-12 * std::fabs(c.expected)) << c.typed << " in " << c.asked;
  }
}

TEST(Reader, ApproximationMarksAndWordsAreIgnored) {
  for (const char* text : {"~0.0314", "\u22480.0314", "\u2248 0.0314", "~= 0.0314", "about 0.0314",
                           "About 0.0314", "approx. 0.0314", "approx 0.0314", "approximately 0.0314",
                           "roughly 0.0314", "around 0.0314", "circa 0.0314", "ca. 0.0314", "\u223c0.0314"})
    EXPECT_EQ(value_of(text), 0.0314) << text;
  ReadAnswer a = read("about 13.6 MB.");
  EXPECT_EQ(a.value, 13.6);
  EXPECT_EQ(a.unit->symbol, "MB");
  EXPECT_EQ(value_of("13.6."), 13.6) << "a trailing full stop after a number";  // "13.6." ends a sentence
  EXPECT_EQ(value_of("5."), 5);
  EXPECT_EQ(read("70 %.").unit->symbol, "%");
  EXPECT_FALSE(read_answer("about").ok());
  EXPECT_FALSE(read_answer("~").ok());
}

TEST(Reader, Arithmetic) {
  struct Case {
    const char* typed;
    double expected;
  };
  const Case cases[] = {
      {"8/255", 8.0 / 255},
      {"2^4", 16},
      {"7^14", 678223072849.0},  // 7^14 exactly
      {"4x4", 16},
      {"4 x 4", 16},
      {"16 \u00d7 4", 64},
      {"3400000*4/1e6", 13.6},
      {"(3+4)*2", 14},
      {"2 * (3 + 4)", 14},
      {"10 \u00f7 4", 2.5},
      {"-2^2", -4},
      {"2^-1", 0.5},
      {"2^(1+2)", 8},
      {"1.5e3/3", 500},
      {"3 \u2212 5", -2},
      {"2\u00b73", 6},
      {"1/3*3", 1},
      {"2^3^2", 512},  // ^ binds to the right
      {"0.1+0.2", 0.3},
      {"2^0.5", std::sqrt(2.0)},
  };
  for (const Case& c : cases) {
    ReadAnswer r = read(c.typed);
    EXPECT_EQ(r.value, c.expected) << c.typed;
    EXPECT_FALSE(r.unit.has_value()) << c.typed;
    EXPECT_FALSE(r.arithmetic.empty()) << c.typed;
  }
  EXPECT_EQ(read("8/255").arithmetic, "8/255");
  // Followed by a unit, a bare prefix or a number word.
  ReadAnswer bytes = read("2^20 B");
  EXPECT_EQ(bytes.value, 1048576);
  EXPECT_EQ(bytes.unit->symbol, "B");
  EXPECT_EQ(bytes.arithmetic, "2^20");
  ReadAnswer mb = read("3400000*4/1e6 MB");
  EXPECT_EQ(mb.value, 13.6);
  EXPECT_EQ(mb.unit->symbol, "MB");
  EXPECT_EQ(read("16 x 4 MMACs").unit->symbol, "MMACs");
  EXPECT_EQ(read("3*4 million").value, 12e6);
  EXPECT_TRUE(read("3*4 million").prefixed);
  // Plain numbers keep their meaning: "7.9x" is 7.9 times, not arithmetic.
  EXPECT_TRUE(read("7.9x").arithmetic.empty());
  EXPECT_EQ(read("7.9x").unit->symbol, "\u00d7");
  EXPECT_TRUE(read("1.36x10^7").arithmetic.empty());
  // Errors say what is wrong.
  EXPECT_EQ(error_of("8/0"), "division by zero in '8/0'");
  EXPECT_EQ(error_of("(3+4"), "a '(' is not closed in '(3+4'");
  EXPECT_EQ(error_of("8/"), "could not read '8/' as a number");
  EXPECT_EQ(error_of("8/255 furlongs"), "'8/255 furlongs': unknown unit 'furlongs'");
  EXPECT_EQ(error_of("1/C"), "could not read '1/C' as a number");  // names are for symbolic answers
  EXPECT_FALSE(read_answer("10^400*10").ok());
}

TEST(Reader, UnitWordsOfPintAndJsQuantities) {
  struct Case {
    const char* typed;
    double base;  // in the dimension's base unit
    Dimension dimension;
  };
  // pint/default_en.txt: byte = 8 * bit = B = octet, prefixes kilo- = 1e3 =
  // k-, mega-, giga-, tera-, peta-, kibi- = 2**10 = Ki-, mebi-, gibi-, tebi-,
  // pebi-, with plurals; js-quantities: "byte"/"bytes"/"B", "bit"/"bits"/"b".
  const Case cases[] = {
      {"2 megabytes", 2e6, Dimension::Bytes},
      {"2 megabyte", 2e6, Dimension::Bytes},
      {"2 Megabytes", 2e6, Dimension::Bytes},
      {"2 kilobytes", 2048, Dimension::Bytes},
      {"2 kilobyte", 2048, Dimension::Bytes},
      {"2 gigabytes", 2e9, Dimension::Bytes},
      {"2 terabytes", 2e12, Dimension::Bytes},
      {"2 kibibytes", 2048, Dimension::Bytes},
      {"2 mebibytes", 2 * 1048576.0, Dimension::Bytes},
      {"2 gibibytes", 2 * 1073741824.0, Dimension::Bytes},
      {"2 mebibyte", 2 * 1048576.0, Dimension::Bytes},
      {"2 megabits", 2e6 / 8, Dimension::Bytes},
      {"2 megabit", 2e6 / 8, Dimension::Bytes},
      {"2 kilobits", 2e3 / 8, Dimension::Bytes},
      {"2 octets", 2, Dimension::Bytes},
      {"2 octet", 2, Dimension::Bytes},
      {"2 byte", 2, Dimension::Bytes},
      {"2 bit", 0.25, Dimension::Bytes},
      {"2 million MACs", 2e6, Dimension::Macs},
      {"2 GMACs", 2e9, Dimension::Macs},
      {"2 MMAC", 2e6, Dimension::Macs},
      {"2 megaflops", 2e6, Dimension::Flops},
      {"2 gigaFLOPs", 2e9, Dimension::Flops},
      {"2 M params", 2e6, Dimension::Count},
      {"2 Mparams", 2e6, Dimension::Count},
      {"2 K params", 2e3, Dimension::Count},
      {"2 k params", 2e3, Dimension::Count},
      {"2 megaparameters", 2e6, Dimension::Count},
      {"2 GMACs.", 2e9, Dimension::Macs},
      {"2 mega-bytes", 2e6, Dimension::Bytes},
  };
  for (const Case& c : cases) {
    ReadAnswer r = read(c.typed, 1024);
    ASSERT_TRUE(r.unit.has_value()) << c.typed;
    EXPECT_EQ(r.unit->dimension, c.dimension) << c.typed;
    EXPECT_DOUBLE_EQ(r.value * r.unit->scale, c.base) << c.typed;
  }
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
  EXPECT_EQ(error_of("2^"), "could not read '2^' as a number");
  EXPECT_EQ(error_of("13.6 MBB"), "'13.6 MBB': unknown unit 'MBB'");
  EXPECT_EQ(error_of("13.6 furlongs"), "'13.6 furlongs': unknown unit 'furlongs'");
  EXPECT_EQ(error_of("5e"), "'5e': unknown unit 'e'");
  EXPECT_EQ(value_of("7.9x10"), 79);  // arithmetic: an x between two numbers is a times sign
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
