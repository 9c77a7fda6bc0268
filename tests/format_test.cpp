#include "derive/number_format.hpp"
#include "derive/units/format_quantity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

namespace derive {
namespace {

TEST(Format, ShortestRoundTrips) {
  EXPECT_EQ(format_shortest(0.1), "0.1");
  EXPECT_EQ(format_shortest(1e21), "1e+21");
  EXPECT_EQ(format_shortest(0.0), "0");
  EXPECT_EQ(format_shortest(-0.0), "-0");
  EXPECT_EQ(format_shortest(13.6), "13.6");
  EXPECT_EQ(format_shortest(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(format_shortest(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_shortest(5e-324), "5e-324");
  EXPECT_EQ(format_shortest(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
  EXPECT_EQ(format_shortest(std::nan("")), "nan");
  EXPECT_EQ(format_shortest(-INFINITY), "-inf");
  for (double x : {0.1, 1.0 / 3, 2.0 / 3, 1e-300, 123456789.123, 9007199254740993.0})
    EXPECT_EQ(std::strtod(format_shortest(x).c_str(), nullptr), x);
}

TEST(Format, Plain) {
  EXPECT_EQ(format_plain(Number::exact(131328)), "131328");
  EXPECT_EQ(format_plain(Number::exact(-5)), "-5");
  EXPECT_EQ(format_plain(Number::from_double(0.5)), "0.5");
  EXPECT_EQ(format_plain(Number::exact(70'000'000'000'000'001)), "70000000000000001");
}

TEST(Format, Grouped) {
  EXPECT_EQ(format_grouped(Number::exact(131328)), "131,328");
  EXPECT_EQ(format_grouped(Number::exact(999)), "999");
  EXPECT_EQ(format_grouped(Number::exact(1000)), "1,000");
  EXPECT_EQ(format_grouped(Number::exact(0)), "0");
  EXPECT_EQ(format_grouped(Number::exact(-1048576)), "-1,048,576");
  EXPECT_EQ(format_grouped(Number::from_double(0.0314)), "0.0314");
  EXPECT_EQ(format_grouped(Number::from_double(-1048576.5)), "-1,048,576.5");
  // Past 2^53: every digit of an exact integer.
  EXPECT_EQ(format_grouped(Number::exact(70'000'000'000'000'001)), "70,000,000,000,000,001");
  EXPECT_EQ(format_grouped(Number::exact(std::numeric_limits<std::int64_t>::min())),
            "-9,223,372,036,854,775,808");
  // Doubles: positional in [1e-6, 1e21), an exponent outside.
  EXPECT_EQ(format_grouped(Number::approximate_real(7e16)), "70,000,000,000,000,000");
  EXPECT_EQ(format_grouped(Number::from_double(0.000001)), "0.000001");
  EXPECT_EQ(format_grouped(Number::from_double(9.9e-7)), "9.9e-07");
  EXPECT_EQ(format_grouped(Number::from_double(1e21)), "1e+21");
}

TEST(Format, Fixed) {
  EXPECT_EQ(format_fixed(0.0313725, 4), "0.0314");
  EXPECT_EQ(format_fixed(2.0, 1), "2.0");
  EXPECT_EQ(format_fixed(1234567.891, 2), "1234567.89");
  EXPECT_EQ(format_fixed(3.7, 0), "4");
  // Rounding follows the double's exact binary value: 0.00005 is stored as
  // 5.00000000000000024e-05, just above the tie, and 0.00015 as 1.49999...e-04.
  EXPECT_EQ(format_fixed(0.00005, 4), "0.0001");
  EXPECT_EQ(format_fixed(0.00015, 4), "0.0001");
  // Exact binary ties round half to even.
  EXPECT_EQ(format_fixed(0.125, 2), "0.12");
  EXPECT_EQ(format_fixed(0.375, 2), "0.38");
  EXPECT_EQ(format_fixed(2.5, 0), "2");
  // A negative value that rounds to zero prints no sign.
  EXPECT_EQ(format_fixed(-0.00001, 4), "0.0000");
  EXPECT_EQ(format_fixed(-0.00005, 4), "-0.0001");
  EXPECT_EQ(format_fixed(1.5, -2), "2");
  EXPECT_EQ(format_fixed(INFINITY, 2), "inf");
  EXPECT_EQ(format_fixed(1e300, 2).size(), 304u);
}

TEST(Format, Significant) {
  EXPECT_EQ(format_significant(13.6e6, 3), "13,600,000");
  EXPECT_EQ(format_significant(0.0313725, 3), "0.0314");
  EXPECT_EQ(format_significant(1.5, 3), "1.50");
  EXPECT_EQ(format_significant(0, 3), "0");
  EXPECT_EQ(format_significant(-2.345e5, 2), "-230,000");
  // Boundaries of the range without an exponent: [1e-4, 1e15).
  EXPECT_EQ(format_significant(1e-4, 2), "0.00010");
  EXPECT_EQ(format_significant(9.9e-5, 2), "9.9 \u00d7 10^-5");
  EXPECT_EQ(format_significant(9.99e14, 3), "999,000,000,000,000");
  EXPECT_EQ(format_significant(1e15, 3), "1.00 \u00d7 10^15");
  // Rounding up can carry into the next power of ten.
  EXPECT_EQ(format_significant(9.9996e14, 4), "1.000 \u00d7 10^15");
  EXPECT_EQ(format_significant(99.96, 3), "100");
  EXPECT_EQ(format_significant(1.0 / 3, 40), "0.33333333333333331");
  EXPECT_EQ(format_significant(2.0 / 3, 0), "0.7");
}

TEST(Format, QuantityBytes) {
  EXPECT_EQ(format_quantity(Number::exact(536870912), "B"), "536,870,912 B = 536.9 MB = 512 MiB");
  EXPECT_EQ(format_quantity(Number::exact(512), "B"), "512 B");
  EXPECT_EQ(format_quantity(Number::exact(1000), "B"), "1,000 B = 1 kB");
  EXPECT_EQ(format_quantity(Number::exact(1024), "bytes"), "1,024 bytes = 1.024 kB = 1 KiB");
  EXPECT_EQ(format_quantity(Number::from_double(13.6), "MB"), "13.6 MB = 12.97 MiB");
  EXPECT_EQ(format_quantity(Number::exact(8192), "bits"), "8,192 bits = 1.024 kB = 1 KiB");
  EXPECT_EQ(format_quantity(Number::exact(0), "B"), "0 B");
}

TEST(Format, QuantityOperationsAndRates) {
  EXPECT_EQ(format_quantity(Number::exact(14450688), "MACs"), "14,450,688 MACs = 14.45 MMACs");
  EXPECT_EQ(format_quantity(Number::exact(300000000), "FLOPs"), "300,000,000 FLOPs = 300 MFLOPs");
  EXPECT_EQ(format_quantity(Number::exact(200000000), "FLOP/s"), "200,000,000 FLOP/s = 200 MFLOP/s");
  EXPECT_EQ(format_quantity(Number::exact(8000), "FLOP/B"), "8,000 FLOP/B");
  EXPECT_EQ(format_quantity(Number::exact(50000000), "B/s"), "50,000,000 B/s = 50 MB/s");
  EXPECT_EQ(format_quantity(Number::exact(999), "MACs"), "999 MACs");
}

TEST(Format, QuantityTime) {
  EXPECT_EQ(format_quantity(Number::from_double(0.0123), "s"), "0.0123 s = 12.3 ms");
  EXPECT_EQ(format_quantity(Number::from_double(2.5e-6), "s"), "2.5 \u00d7 10^-6 s = 2.5 \u00b5s");
  EXPECT_EQ(format_quantity(Number::exact(1500), "ms"), "1,500 ms = 1.5 s");
  EXPECT_EQ(format_quantity(Number::from_double(6.6), "ms"), "6.6 ms");
}

TEST(Format, QuantityCountsAndPlainNumbers) {
  EXPECT_EQ(format_quantity(Number::exact(131328), "parameters"), "131,328 parameters = 131.3 thousand");
  EXPECT_EQ(format_quantity(Number::exact(3400000), "values"), "3,400,000 values = 3.4 million");
  EXPECT_EQ(format_quantity(Number::exact(7'000'000'000), "parameters"),
            "7,000,000,000 parameters = 7 billion");
  EXPECT_EQ(format_quantity(Number::exact(16), "levels"), "16 levels");
  EXPECT_EQ(format_quantity(Number::from_double(7.9), ""), "7.9");
  EXPECT_EQ(format_quantity(Number::from_double(7.9), "ratio"), "7.9");
  EXPECT_EQ(format_quantity(Number::from_double(7.9), "x"), "7.9\u00d7");
  EXPECT_EQ(format_quantity(Number::from_double(70), "%"), "70%");
  EXPECT_EQ(format_quantity(Number::from_double(1.0 / 3), ""), "0.333333");
  EXPECT_EQ(format_quantity(Number::from_double(2), "furlongs"), "2 furlongs");
}

TEST(Format, QuantityApproximateAndHuge) {
  EXPECT_EQ(format_quantity(Number::approximate_real(7e16), "MACs"),
            "\u2248 70,000,000,000,000,000 MACs = 70,000 TMACs");
  EXPECT_EQ(format_quantity(Number::exact(70'000'000'000'000'001), "FLOPs"),
            "70,000,000,000,000,001 FLOPs = 70 PFLOPs");
}

// Binary byte sizes (the analyzer's and the board fit's one helper):
// 16000 B / 1024 = 15.625 KiB, one decimal 15.6; 3 MiB + 1 KiB = 3.0009766 MiB,
// two decimals 3.00.
TEST(Format, ByteSizesInBinaryUnits) {
  EXPECT_EQ(format_kib(16000), "15.6 KiB");
  EXPECT_EQ(format_kib(512 * 1024), "512.0 KiB");
  EXPECT_EQ(format_byte_count(1023), "1023 B");
  EXPECT_EQ(format_byte_count(1024), "1024 B (1.0 KiB)");
  EXPECT_EQ(format_byte_count(16000), "16000 B (15.6 KiB)");
  EXPECT_EQ(format_byte_count(3 * 1048576 + 1024), "3146752 B (3.00 MiB)");
}

}  // namespace
}  // namespace derive
