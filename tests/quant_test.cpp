#include "derive/quant.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "engine_test_support.hpp"

namespace derive {
namespace {

using derive::testing::error_of;

TEST(QuantLevels, TwoToTheBits) {
  EXPECT_EQ(*quant_levels(1), 2);
  EXPECT_EQ(*quant_levels(4), 16);
  EXPECT_EQ(*quant_levels(8), 256);
  EXPECT_EQ(*quant_levels(62), std::int64_t{1} << 62);
  EXPECT_EQ(error_of(quant_levels(63)),
            "quant_levels: bits must be in [1, 62] (2^63 does not fit in a signed 64-bit count), got 63");
  EXPECT_EQ(error_of(quant_levels(0)),
            "quant_levels: bits must be in [1, 62] (2^63 does not fit in a signed 64-bit count), got 0");
}

TEST(QuantAffine, Scale) {
  EXPECT_DOUBLE_EQ(*asym_scale(-2.0, 6.0), 8.0 / 255.0);  // 2^8 - 1 steps
  EXPECT_DOUBLE_EQ(*asym_scale(-2.0, 6.0, 4), 8.0 / 15.0);
  EXPECT_DOUBLE_EQ(*asym_scale(0.0, 1.0, 1), 1.0);
  EXPECT_DOUBLE_EQ(*asym_scale(0.0, 1.0, 64), 1.0 / 18446744073709551615.0);
  EXPECT_EQ(error_of(asym_scale(1.0, 1.0)), "asym_scale: x_min must be < x_max, got x_min 1 and x_max 1");
  EXPECT_EQ(error_of(asym_scale(2.0, 1.0)), "asym_scale: x_min must be < x_max, got x_min 2 and x_max 1");
  EXPECT_EQ(error_of(asym_scale(0.0, 1.0, 0)), "asym_scale: bits must be in [1, 64], got 0");
  EXPECT_EQ(error_of(asym_scale(0.0, 1.0, 65)), "asym_scale: bits must be in [1, 64], got 65");
  EXPECT_EQ(error_of(asym_scale(-std::numeric_limits<double>::infinity(), 1.0)),
            "asym_scale: x_min must be a finite number, got -inf");
}

TEST(QuantAffine, ZeroPoint) {
  // -(-2) / (8/255) = 63.75, rounds to 64.
  EXPECT_EQ(*asym_zero_point(-2.0, 8.0 / 255.0), 64.0);
  EXPECT_EQ(*asym_zero_point(-2.5, 1.0), 3.0);  // a tie: half away from zero
  EXPECT_EQ(*asym_zero_point(0.0, 1.0), 0.0);
  // A range above 0 clamps to the bottom level, one far below 0 to the top.
  EXPECT_EQ(*asym_zero_point(2.0, 1.0), 0.0);
  EXPECT_EQ(*asym_zero_point(-255.0, 1.0), 255.0);  // exactly the top level
  EXPECT_EQ(*asym_zero_point(-256.0, 1.0), 255.0);  // one past it
  EXPECT_EQ(*asym_zero_point(-20.0, 1.0, 4), 15.0);
  EXPECT_EQ(error_of(asym_zero_point(-2.0, 0.0)),
            "asym_zero_point: scale must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(asym_zero_point(-2.0, 1.0, 65)), "asym_zero_point: bits must be in [1, 64], got 65");
}

TEST(QuantSymmetric, ScaleUsesTheRestrictedRange) {
  EXPECT_DOUBLE_EQ(*sym_scale(1.27), 1.27 / 127.0);  // 2^7 - 1
  EXPECT_DOUBLE_EQ(*sym_scale(3.0, 4), 3.0 / 7.0);
  EXPECT_DOUBLE_EQ(*sym_scale(3.0, 2), 3.0);  // levels -1, 0, 1
  EXPECT_EQ(error_of(sym_scale(3.0, 1)), "sym_scale: bits must be in [2, 64], got 1");
  EXPECT_EQ(error_of(sym_scale(0.0)), "sym_scale: abs_max must be a finite number > 0, got 0");
}

TEST(QuantSymmetric, Quantize) {
  EXPECT_EQ(*quantize_symmetric(1.0, 1.0 / 127.0), 127.0);
  EXPECT_EQ(*quantize_symmetric(2.0, 1.0 / 127.0), 127.0);    // clipped
  EXPECT_EQ(*quantize_symmetric(-2.0, 1.0 / 127.0), -127.0);  // never -128
  EXPECT_EQ(*quantize_symmetric(0.5, 1.0), 1.0);              // tie away from zero
  EXPECT_EQ(*quantize_symmetric(-0.5, 1.0), -1.0);
  EXPECT_EQ(*quantize_symmetric(6.0, 1.0, 4), 6.0);
  EXPECT_EQ(*quantize_symmetric(7.0, 1.0, 4), 7.0);  // exactly the top level 2^3 - 1
  EXPECT_EQ(*quantize_symmetric(8.0, 1.0, 4), 7.0);  // one past it
  EXPECT_EQ(error_of(quantize_symmetric(1.0, -1.0)),
            "quantize_symmetric: scale must be a finite number > 0, got -1");
  EXPECT_EQ(error_of(quantize_symmetric(1.0, 1.0, 1)), "quantize_symmetric: bits must be in [2, 64], got 1");
}

TEST(QuantAffine, Quantize) {
  // 1.5 / 0.03137 = 47.82 rounds to 48; plus the zero point 64.
  EXPECT_EQ(*quantize(1.5, 0.03137, 64), 48.0 + 64.0);
  EXPECT_EQ(*quantize(190.0, 1.0, 64), 254.0);
  EXPECT_EQ(*quantize(191.0, 1.0, 64), 255.0);  // exactly the top level
  EXPECT_EQ(*quantize(192.0, 1.0, 64), 255.0);  // one past: clamped
  EXPECT_EQ(*quantize(-64.0, 1.0, 64), 0.0);
  EXPECT_EQ(*quantize(-65.0, 1.0, 64), 0.0);
  EXPECT_EQ(*quantize(0.5, 1.0, 0), 1.0);         // tie away from zero
  EXPECT_EQ(*quantize(-0.5, 1.0, 10), 9.0);       // round(-0.5) = -1
  EXPECT_EQ(*quantize(1e300, 1e-300, 0), 255.0);  // x / scale overflows to inf, still clamped
  EXPECT_EQ(*quantize(3.0, 1.0, 0, 2), 3.0);
  EXPECT_EQ(*quantize(4.0, 1.0, 0, 2), 3.0);
}

TEST(QuantAffine, QuantizeRejectsBadInput) {
  EXPECT_EQ(*quantize(0.0, 1.0, 255), 255.0);
  EXPECT_EQ(error_of(quantize(0.0, 1.0, 256)),
            "quantize: zero_point must be a whole number in [0, 255], got 256");
  EXPECT_EQ(error_of(quantize(0.0, 1.0, 2.5)),
            "quantize: zero_point must be a whole number in [0, 255], got 2.5");
  EXPECT_EQ(error_of(quantize(0.0, 1.0, -1)),
            "quantize: zero_point must be a whole number in [0, 255], got -1");
  EXPECT_EQ(error_of(quantize(0.0, 1.0, 8, 3)),
            "quantize: zero_point must be a whole number in [0, 7], got 8");
  EXPECT_EQ(error_of(quantize(0.0, 0.0, 0)), "quantize: scale must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(quantize(std::numeric_limits<double>::quiet_NaN(), 1.0, 0)),
            "quantize: x must be a finite number, got nan");
  EXPECT_EQ(error_of(quantize(0.0, 1.0, 0, 0)), "quantize: bits must be in [1, 64], got 0");
}

TEST(QuantAffine, DequantizeAndErrors) {
  EXPECT_DOUBLE_EQ(*dequantize(112, 0.03137, 64), 0.03137 * (112 - 64));
  EXPECT_DOUBLE_EQ(*dequantize(5, 0.5), 2.5);  // zero point defaults to 0
  EXPECT_DOUBLE_EQ(*dequantize(64, 0.03137, 64), 0.0);
  EXPECT_DOUBLE_EQ(*dequant_error(1.5, 112, 0.03137, 64), std::fabs(0.03137 * 48 - 1.5));
  EXPECT_DOUBLE_EQ(*dequant_error(1.5, 112, 0.03137, 64), *quantization_error(1.5, 0.03137, 64));
  EXPECT_EQ(error_of(dequantize(1, 0, 0)), "dequantize: scale must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(dequant_error(1, 1, 1, std::numeric_limits<double>::infinity())),
            "dequant_error: zero_point must be a finite number, got inf");
  EXPECT_EQ(error_of(dequant_error(1, std::numeric_limits<double>::infinity(), 1, 0)),
            "dequant_error: q must be a finite number, got inf");
}

TEST(QuantAffine, RoundTripErrorIsAtMostHalfAStepInRange) {
  const double scale = 8.0 / 255.0;
  for (double x = -2.0; x <= 6.0; x += 0.01) {
    EXPECT_LE(*quantization_error(x, scale, 64), scale / 2 + 1e-12) << "x = " << x;
  }
  // Outside the range the clip dominates: 2 bits, levels 0..3 at scale 1, x = 10 -> q = 3.
  EXPECT_DOUBLE_EQ(*quantization_error(10.0, 1.0, 0, 2), 7.0);
  EXPECT_EQ(error_of(quantization_error(1.0, 1.0, 0.5)),
            "quantization_error: zero_point must be a whole number in [0, 255], got 0.5");
}

TEST(QuantCodebook, IndexBitsAreTheCeilingOfLog2) {
  EXPECT_EQ(*codebook_index_bits(1), 0);
  EXPECT_EQ(*codebook_index_bits(2), 1);
  EXPECT_EQ(*codebook_index_bits(3), 2);
  EXPECT_EQ(*codebook_index_bits(16), 4);  // exactly a power of two
  EXPECT_EQ(*codebook_index_bits(17), 5);  // one past it
  EXPECT_EQ(*codebook_index_bits(std::int64_t{1} << 62), 62);
  EXPECT_EQ(*codebook_index_bits((std::int64_t{1} << 62) + 1), 63);
  EXPECT_EQ(*codebook_index_bits(std::numeric_limits<std::int64_t>::max()), 63);
  EXPECT_EQ(error_of(codebook_index_bits(0)), "codebook_index_bits: clusters must be >= 1, got 0");
}

TEST(QuantCodebook, Ratios) {
  EXPECT_DOUBLE_EQ(*codebook_index_ratio(32, 16), 32.0 / 4.0);
  EXPECT_DOUBLE_EQ(*codebook_index_ratio(32, 17), 32.0 / 5.0);
  EXPECT_DOUBLE_EQ(*codebook_index_ratio(32, 2), 32.0);
  EXPECT_EQ(error_of(codebook_index_ratio(32, 1)), "codebook_index_ratio: clusters must be >= 2, got 1");
  EXPECT_EQ(error_of(codebook_index_ratio(0, 16)),
            "codebook_index_ratio: float_bits must be in [1, 64], got 0");
  // Deep Compression (Han, Mao & Dally, 2016), sec. 3, worked example: 16 weights,
  // 4 shared values, so 2-bit indices: 16*32 / (16*2 + 4*32) = 3.2.
  EXPECT_DOUBLE_EQ(*codebook_compression_ratio(16, 32, 4), 3.2);
  EXPECT_DOUBLE_EQ(*codebook_compression_ratio(1000, 32, 16), 32000.0 / (1000 * 4 + 16 * 32));
  EXPECT_DOUBLE_EQ(*codebook_compression_ratio(5, 32, 1), 5.0);  // 0-bit indices, one centroid
  EXPECT_DOUBLE_EQ(*codebook_compression_ratio(4, 32, 4), 1.0 * 4 * 32 / (4 * 2 + 4 * 32));  // k = n
  EXPECT_EQ(error_of(codebook_compression_ratio(4, 32, 5)),
            "codebook_compression_ratio: clusters must be <= weights (4), got 5");
  EXPECT_EQ(error_of(codebook_compression_ratio(0, 32, 1)),
            "codebook_compression_ratio: weights must be >= 1, got 0");
  EXPECT_EQ(error_of(codebook_compression_ratio(4, 65, 2)),
            "codebook_compression_ratio: float_bits must be in [1, 64], got 65");
  EXPECT_EQ(error_of(codebook_compression_ratio(std::int64_t{1} << 58, 64, 2)),
            "codebook_compression_ratio: bit count exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(QuantPerChannel, Overhead) {
  EXPECT_EQ(per_channel_overhead_bytes(128)->exact_value(), (128 - 1) * 4);
  EXPECT_EQ(per_channel_overhead_bytes(128, 4, 1)->exact_value(), (128 - 1) * (4 + 1));
  EXPECT_EQ(per_channel_overhead_bytes(128, 2)->exact_value(), (128 - 1) * 2);
  EXPECT_EQ(per_channel_overhead_bytes(1)->exact_value(), 0);  // one channel is per-tensor
  EXPECT_EQ(error_of(per_channel_overhead_bytes(0)),
            "per_channel_overhead_bytes: channels must be >= 1, got 0");
  EXPECT_EQ(error_of(per_channel_overhead_bytes(8, 0)),
            "per_channel_overhead_bytes: scale_bytes must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(per_channel_overhead_bytes(8, 4, -1)),
            "per_channel_overhead_bytes: zero_point_bytes must be a finite number >= 0, got -1");
}

TEST(QuantGradients, StraightThrough) {
  EXPECT_DOUBLE_EQ(*ste_gradient(3.0), 3.0);
  EXPECT_DOUBLE_EQ(*ste_gradient(-0.25), -0.25);
  EXPECT_EQ(error_of(ste_gradient(std::numeric_limits<double>::infinity())),
            "ste_gradient: upstream must be a finite number, got inf");
  EXPECT_DOUBLE_EQ(*clipped_ste_gradient(3.0, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(*clipped_ste_gradient(3.0, 1.0), 3.0);  // exactly at the clip
  EXPECT_DOUBLE_EQ(*clipped_ste_gradient(3.0, -1.0), 3.0);
  EXPECT_DOUBLE_EQ(*clipped_ste_gradient(3.0, std::nextafter(1.0, 2.0)), 0.0);  // just past it
  EXPECT_DOUBLE_EQ(*clipped_ste_gradient(3.0, 1.5, 2.0), 3.0);
  EXPECT_EQ(error_of(clipped_ste_gradient(3.0, 1.0, -1.0)),
            "clipped_ste_gradient: clip must be a finite number >= 0, got -1");
}

TEST(QuantSmoothQuant, MigrationFactor) {
  // sqrt(8) / sqrt(0.5) = sqrt(16) = 4.
  EXPECT_DOUBLE_EQ(*smoothquant_factor(8.0, 0.5), 4.0);
  EXPECT_DOUBLE_EQ(*smoothquant_factor(8.0, 0.5, 0.0), 1.0 / 0.5);  // alpha 0: all difficulty stays on X
  EXPECT_DOUBLE_EQ(*smoothquant_factor(8.0, 0.5, 1.0), 8.0);        // alpha 1: all of it moves to W
  EXPECT_DOUBLE_EQ(*smoothquant_factor(8.0, 0.5, 0.75), std::pow(8.0, 0.75) / std::pow(0.5, 0.25));
  EXPECT_EQ(error_of(smoothquant_factor(8.0, 0.5, 1.1)),
            "smoothquant_factor: alpha must be in [0, 1], got 1.1");
  EXPECT_EQ(error_of(smoothquant_factor(8.0, 0.5, -0.1)),
            "smoothquant_factor: alpha must be in [0, 1], got -0.1");
  EXPECT_EQ(error_of(smoothquant_factor(0.0, 0.5)),
            "smoothquant_factor: act_max must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(smoothquant_factor(8.0, 0.0)),
            "smoothquant_factor: weight_max must be a finite number > 0, got 0");
}

}  // namespace
}  // namespace derive
