#include "derive/units/units.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace derive {
namespace {

Unit unit(std::string_view text, double kilobyte = 1000) {
  auto u = parse_unit(text, UnitContext{kilobyte});
  EXPECT_TRUE(u.ok()) << text << ": " << (u.ok() ? "" : u.error().message);
  return u.ok() ? *u : Unit{};
}

void expect_unit(std::string_view text, std::string_view symbol, Dimension d, double scale) {
  Unit u = unit(text);
  EXPECT_EQ(u.symbol, symbol) << text;
  EXPECT_EQ(u.dimension, d) << text;
  EXPECT_DOUBLE_EQ(u.scale, scale) << text;
}

TEST(Units, ByteSpellings) {
  expect_unit("B", "B", Dimension::Bytes, 1);
  expect_unit("byte", "B", Dimension::Bytes, 1);
  expect_unit("Bytes", "B", Dimension::Bytes, 1);
  expect_unit("kB", "kB", Dimension::Bytes, 1000);
  expect_unit("KiB", "KiB", Dimension::Bytes, 1024);
  expect_unit("MB", "MB", Dimension::Bytes, 1e6);
  expect_unit("MiB", "MiB", Dimension::Bytes, 1048576);
  expect_unit("GB", "GB", Dimension::Bytes, 1e9);
  expect_unit("GiB", "GiB", Dimension::Bytes, 1073741824);
  expect_unit("TB", "TB", Dimension::Bytes, 1e12);
  expect_unit("TiB", "TiB", Dimension::Bytes, 1099511627776);
}

TEST(Units, KilobyteFollowsTheContextButkBNever) {
  EXPECT_EQ(unit("KB", 1000).scale, 1000);
  EXPECT_EQ(unit("KB", 1024).scale, 1024);
  EXPECT_EQ(unit("kb", 1024).scale, 1024);
  EXPECT_EQ(unit("kbytes", 1024).scale, 1024);
  EXPECT_EQ(unit("K bytes", 1024).scale, 1024);
  EXPECT_EQ(unit("kB", 1024).scale, 1000);
  EXPECT_EQ(unit("KiB", 1000).scale, 1024);
}

TEST(Units, LowerCaseBAfterAnUpperCasePrefixIsBits) {
  expect_unit("b", "bits", Dimension::Bytes, 0.125);
  expect_unit("bits", "bits", Dimension::Bytes, 0.125);
  expect_unit("Kb", "kbit", Dimension::Bytes, 125);
  expect_unit("Mb", "Mbit", Dimension::Bytes, 125000);
  expect_unit("Gb", "Gbit", Dimension::Bytes, 125e6);
  expect_unit("Mbit", "Mbit", Dimension::Bytes, 125000);
  expect_unit("kbits", "kbit", Dimension::Bytes, 125);
  expect_unit("Mib", "Mibit", Dimension::Bytes, 131072);
  expect_unit("Kibit", "Kibit", Dimension::Bytes, 128);
}

TEST(Units, AllLowerCaseMeansBytes) {
  expect_unit("mb", "MB", Dimension::Bytes, 1e6);
  expect_unit("gb", "GB", Dimension::Bytes, 1e9);
  expect_unit("kb", "KB", Dimension::Bytes, 1000);
  expect_unit("mib", "MiB", Dimension::Bytes, 1048576);
  expect_unit("mB", "MB", Dimension::Bytes, 1e6);
  expect_unit("GIB", "GiB", Dimension::Bytes, 1073741824);
}

TEST(Units, Counts) {
  for (const char* word : {"parameters", "params", "param", "Parameters"})
    expect_unit(word, "parameters", Dimension::Count, 1);
  expect_unit("values", "values", Dimension::Count, 1);
  expect_unit("weights", "weights", Dimension::Count, 1);
  expect_unit("levels", "levels", Dimension::Count, 1);
  expect_unit("architectures", "architectures", Dimension::Count, 1);
  expect_unit("items", "items", Dimension::Count, 1);
  expect_unit("nonzeros", "nonzeros", Dimension::Count, 1);
  expect_unit("k params", "K parameters", Dimension::Count, 1e3);
  expect_unit("M parameters", "M parameters", Dimension::Count, 1e6);
  expect_unit("Gvalues", "G values", Dimension::Count, 1e9);
  // Lower-case m is mega where milli makes no sense.
  expect_unit("m params", "M parameters", Dimension::Count, 1e6);
  expect_unit("mbytes", "MB", Dimension::Bytes, 1e6);
}

TEST(Units, MacsAndFlopsAreDifferentDimensions) {
  for (const char* s : {"MAC", "MACs", "MACS", "macs"}) expect_unit(s, "MACs", Dimension::Macs, 1);
  expect_unit("KMACs", "KMACs", Dimension::Macs, 1e3);
  expect_unit("kMACs", "KMACs", Dimension::Macs, 1e3);
  expect_unit("MMACs", "MMACs", Dimension::Macs, 1e6);
  expect_unit("MMAC", "MMACs", Dimension::Macs, 1e6);
  expect_unit("M MACs", "MMACs", Dimension::Macs, 1e6);
  expect_unit("mmacs", "MMACs", Dimension::Macs, 1e6);
  expect_unit("GMACs", "GMACs", Dimension::Macs, 1e9);
  expect_unit("TMACs", "TMACs", Dimension::Macs, 1e12);
  for (const char* s : {"FLOP", "FLOPs", "FLOPS", "flops"}) expect_unit(s, "FLOPs", Dimension::Flops, 1);
  expect_unit("KFLOPs", "KFLOPs", Dimension::Flops, 1e3);
  expect_unit("MFLOPs", "MFLOPs", Dimension::Flops, 1e6);
  expect_unit("GFLOPs", "GFLOPs", Dimension::Flops, 1e9);
  expect_unit("GFLOPS", "GFLOPs", Dimension::Flops, 1e9);  // a count here, not a rate
  expect_unit("gflops", "GFLOPs", Dimension::Flops, 1e9);
  expect_unit("TFLOPs", "TFLOPs", Dimension::Flops, 1e12);
  expect_unit("PFLOPs", "PFLOPs", Dimension::Flops, 1e15);
}

TEST(Units, Time) {
  for (const char* s : {"s", "sec", "seconds"}) expect_unit(s, "s", Dimension::Time, 1);
  expect_unit("ms", "ms", Dimension::Time, 1e-3);
  expect_unit("us", "\u00b5s", Dimension::Time, 1e-6);
  expect_unit("\u00b5s", "\u00b5s", Dimension::Time, 1e-6);  // micro sign
  expect_unit("\u03bcs", "\u00b5s", Dimension::Time, 1e-6);  // Greek mu
  expect_unit("ns", "ns", Dimension::Time, 1e-9);
  expect_unit("min", "min", Dimension::Time, 60);
}

TEST(Units, Rates) {
  for (const char* s : {"FLOPs/byte", "FLOP/B", "FLOPs/B", "flops/byte", "FLOPs per byte", "FLOPs / byte"})
    expect_unit(s, "FLOP/B", Dimension::FlopsPerByte, 1);
  expect_unit("FLOP/s", "FLOP/s", Dimension::FlopsPerSecond, 1);
  expect_unit("FLOPS/s", "FLOP/s", Dimension::FlopsPerSecond, 1);
  expect_unit("MFLOP/s", "MFLOP/s", Dimension::FlopsPerSecond, 1e6);
  expect_unit("GFLOP/s", "GFLOP/s", Dimension::FlopsPerSecond, 1e9);
  expect_unit("TFLOP/s", "TFLOP/s", Dimension::FlopsPerSecond, 1e12);
  expect_unit("MAC/s", "MAC/s", Dimension::MacsPerSecond, 1);
  expect_unit("MMAC/s", "MMAC/s", Dimension::MacsPerSecond, 1e6);
  expect_unit("B/s", "B/s", Dimension::BytesPerSecond, 1);
  expect_unit("MB/s", "MB/s", Dimension::BytesPerSecond, 1e6);
  expect_unit("GB/s", "GB/s", Dimension::BytesPerSecond, 1e9);
  expect_unit("GFLOP/ms", "GFLOP/ms", Dimension::FlopsPerSecond, 1e12);
}

TEST(Units, PercentAndPlainNumbers) {
  expect_unit("%", "%", Dimension::Percent, 0.01);
  expect_unit("percent", "%", Dimension::Percent, 0.01);
  for (const char* s : {"x", "X", "\u00d7", "times"}) expect_unit(s, "\u00d7", Dimension::Dimensionless, 1);
  for (const char* s :
       {"ratio", "factor", "log10", "probability", "reward", "loss", "gradient", "float", "integer"})
    expect_unit(s, s, Dimension::Dimensionless, 1);
}

TEST(Units, UnknownUnitsAreNamed) {
  auto u = parse_unit("furlongs");
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().message, "unknown unit 'furlongs'");
  EXPECT_EQ(parse_unit("MBB").error().message, "unknown unit 'MBB'");
  EXPECT_EQ(parse_unit("").error().message, "unknown unit ''");
  // A prefix on a unit that already has one is not applied twice.
  EXPECT_FALSE(parse_unit("MMB").ok());
  EXPECT_FALSE(parse_unit("M MB").ok());
  EXPECT_FALSE(parse_unit("kms").ok());
  // Binary prefixes are for bytes and bits only.
  EXPECT_FALSE(parse_unit("Mi params").ok());
  // Rates whose dimensions the toolkit does not know.
  EXPECT_FALSE(parse_unit("MACs/byte").ok());
  EXPECT_FALSE(parse_unit("FLOPs/s/s").ok());
  EXPECT_FALSE(parse_unit("m").ok());
}

TEST(Units, AnswerUnitsOfTheCatalogue) {
  for (const char* s : {"B",      "kB",         "KB",    "KiB",    "MB",     "MiB",   "GB",          "GiB",
                        "bits",   "MACs",       "KMACs", "MMACs",  "GMACs",  "FLOPs", "MFLOPs",      "GFLOPs",
                        "TFLOPs", "FLOPs/byte", "s",     "ms",     "us",     "%",     "parameters",  "values",
                        "levels", "weights",    "bytes", "ratio",  "factor", "log10", "probability", "reward",
                        "loss",   "gradient",   "float", "integer"}) {
    auto u = parse_answer_unit(s, UnitContext{1024});
    EXPECT_TRUE(u.ok()) << s << ": " << (u.ok() ? "" : u.error().message);
  }
  EXPECT_EQ(parse_answer_unit("KB", UnitContext{1024})->scale, 1024);
  auto none = parse_answer_unit("");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->dimension, Dimension::Dimensionless);
  EXPECT_EQ(parse_answer_unit("furlongs").error().message, "unknown answer unit 'furlongs'");
  EXPECT_EQ(parse_answer_unit("mb").error().message, "answer unit 'mb' is a loose spelling: write 'MB'");
  EXPECT_EQ(parse_answer_unit("gflops").error().message,
            "answer unit 'gflops' is a loose spelling: write 'GFLOPs'");
}

TEST(Units, KnownUnitsAllParseToThemselves) {
  auto all = known_units(UnitContext{1024});
  EXPECT_GT(all.size(), 100u);
  std::set<std::string> spellings;
  for (const auto& [spelling, u] : all) {
    EXPECT_TRUE(spellings.insert(spelling).second) << "listed twice: " << spelling;
    auto parsed = parse_unit(spelling, UnitContext{1024});
    ASSERT_TRUE(parsed.ok()) << spelling;
    EXPECT_EQ(parsed->symbol, u.symbol) << spelling;
    EXPECT_EQ(parsed->dimension, u.dimension) << spelling;
    EXPECT_EQ(parsed->scale, u.scale) << spelling;
  }
  // Grouped by dimension.
  for (std::size_t i = 1; i < all.size(); ++i)
    EXPECT_LE(static_cast<int>(all[i - 1].second.dimension), static_cast<int>(all[i].second.dimension));
}

TEST(Units, DimensionNames) {
  EXPECT_STREQ(dimension_name(Dimension::Bytes), "bytes");
  EXPECT_STREQ(dimension_name(Dimension::Count), "a count");
  EXPECT_STREQ(dimension_name(Dimension::Macs), "MACs");
  EXPECT_STREQ(dimension_name(Dimension::Flops), "FLOPs");
  EXPECT_STREQ(dimension_name(Dimension::Percent), "a percentage");
}

TEST(Units, DescribeSaysHowAUnitWasRead) {
  EXPECT_EQ(describe_unit(unit("mb")), "MB = 1,000,000 B");
  EXPECT_EQ(describe_unit(unit("Mb")), "Mbit = 125,000 B");
  EXPECT_EQ(describe_unit(unit("KB", 1024)), "KB = 1,024 B");
  EXPECT_EQ(describe_unit(unit("b")), "bits = 0.125 B");
  EXPECT_EQ(describe_unit(unit("ms")), "ms = 0.001 s");
  EXPECT_EQ(describe_unit(unit("B")), "B (bytes)");
  EXPECT_EQ(describe_unit(unit("M params")), "M parameters = 1,000,000 parameters");
  EXPECT_EQ(describe_unit(unit("x")), "\u00d7 = a plain number");
  EXPECT_EQ(describe_unit(unit("%")), "% = 1/100");
}

}  // namespace
}  // namespace derive
