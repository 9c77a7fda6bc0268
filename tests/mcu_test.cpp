#include "derive/mcu.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "derive/registry.hpp"

#include "engine_test_support.hpp"

namespace derive {
namespace {

using namespace derive::testing;

// ---- peak_sram_two_buffer_bytes ----------------------------------------------------

TEST(McuPeakSram, InputAndOutputBuffersTogether) {
  expect_exact(peak_sram_two_buffer_bytes(32, 64, 56, 56, 1.0), (32 + 64) * 56 * 56);
  expect_exact(peak_sram_two_buffer_bytes(32, 64, 56, 56), (32 + 64) * 56 * 56);  // INT8 default
  expect_exact(peak_sram_two_buffer_bytes(32, 64, 56, 56, 4.0), (32 + 64) * 56 * 56 * 4);
  expect_exact(peak_sram_two_buffer_bytes(32, 64, 56, 56, 0.5), (32 + 64) * 56 * 56 / 2);
  expect_exact(peak_sram_two_buffer_bytes(1, 1, 1, 1), 2);
}

TEST(McuPeakSram, FractionalBytesStayFractional) {
  // 3 one-bit values are 3/8 of a byte.
  Result<Number> bits = peak_sram_two_buffer_bytes(1, 2, 1, 1, 0.125);
  ASSERT_TRUE(bits.ok());
  EXPECT_EQ(bits->to_double(), 0.375);
  // 0.3 B per value is not a whole number of bits: a plain double product.
  EXPECT_DOUBLE_EQ(peak_sram_two_buffer_bytes(32, 64, 56, 56, 0.3)->to_double(), 96.0 * 56 * 56 * 0.3);
}

TEST(McuPeakSram, ExactPast2To53) {
  // (2^27 + 1)^2 * 3 is odd and above 2^53, so no double can hold it.
  const std::int64_t side = (std::int64_t{1} << 27) + 1;
  const std::int64_t expected = 3 * side * side;
  ASSERT_GT(expected, std::int64_t{1} << 53);
  expect_exact(peak_sram_two_buffer_bytes(1, 2, side, side), expected);
}

TEST(McuPeakSram, OverflowIsAnError) {
  const std::int64_t big = std::int64_t{1} << 32;
  EXPECT_EQ(peak_sram_two_buffer_bytes(1, 1, big, big).error().message,
            "peak_sram_two_buffer_bytes: the number of values in both buffers exceeds 2^63 - 1 and cannot be "
            "counted exactly");
  EXPECT_EQ(peak_sram_two_buffer_bytes(kMax, 1, 1, 1).error().message,
            "peak_sram_two_buffer_bytes: the number of values in both buffers exceeds 2^63 - 1 and cannot be "
            "counted exactly");
}

TEST(McuPeakSram, RejectsBadInput) {
  EXPECT_EQ(peak_sram_two_buffer_bytes(0, 64, 56, 56).error().message,
            "peak_sram_two_buffer_bytes: in_channels must be >= 1, got 0");
  EXPECT_EQ(peak_sram_two_buffer_bytes(32, 0, 56, 56).error().message,
            "peak_sram_two_buffer_bytes: out_channels must be >= 1, got 0");
  EXPECT_EQ(peak_sram_two_buffer_bytes(32, 64, 0, 56).error().message,
            "peak_sram_two_buffer_bytes: height must be >= 1, got 0");
  EXPECT_EQ(peak_sram_two_buffer_bytes(32, 64, 56, -1).error().message,
            "peak_sram_two_buffer_bytes: width must be >= 1, got -1");
  EXPECT_EQ(peak_sram_two_buffer_bytes(32, 64, 56, 56, 0.0).error().message,
            "peak_sram_two_buffer_bytes: bytes_per_value must be a finite number > 0, got 0");
  EXPECT_EQ(peak_sram_two_buffer_bytes(32, 64, 56, 56, kNaN).error().message,
            "peak_sram_two_buffer_bytes: bytes_per_value must be a finite number > 0, got nan");
}

// ---- two_buffer_bytes ----------------------------------------------------------------

TEST(McuTwoBuffer, IsTheSumOfBothBuffers) {
  EXPECT_DOUBLE_EQ(*two_buffer_bytes(32.0 * 56 * 56, 64.0 * 56 * 56), 96.0 * 56 * 56);
  EXPECT_DOUBLE_EQ(*two_buffer_bytes(0.0, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(*two_buffer_bytes(0.5, 1.25), 1.75);
  EXPECT_EQ(two_buffer_bytes(-1.0, 2.0).error().message,
            "two_buffer_bytes: input_bytes must be a finite number >= 0, got -1");
  EXPECT_EQ(two_buffer_bytes(1.0, kNaN).error().message,
            "two_buffer_bytes: output_bytes must be a finite number >= 0, got nan");
}

// ---- patch_sram_reduction / patch_sram_bytes ----------------------------------------

TEST(McuPatch, ReductionIsPSquared) {
  EXPECT_EQ(*patch_sram_reduction(4), 4 * 4);
  EXPECT_EQ(*patch_sram_reduction(2), 2 * 2);
  EXPECT_EQ(*patch_sram_reduction(1), 1);  // one patch: ordinary layer-by-layer inference
  EXPECT_EQ(patch_sram_reduction(0).error().message, "patch_sram_reduction: patches must be >= 1, got 0");
}

TEST(McuPatch, ReductionOverflowBoundary) {
  // floor(sqrt(2^63 - 1)) = 3037000499: its square fits, the next one does not.
  EXPECT_EQ(*patch_sram_reduction(3037000499), std::int64_t{3037000499} * 3037000499);
  EXPECT_EQ(patch_sram_reduction(3037000500).error().message,
            "patch_sram_reduction: patches^2 exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(McuPatch, BytesAreDividedByPSquared) {
  EXPECT_DOUBLE_EQ(*patch_sram_bytes(320.0 * 1024, 2), 320.0 * 1024 / (2 * 2));
  EXPECT_DOUBLE_EQ(*patch_sram_bytes(1000.0, 1), 1000.0);
  EXPECT_DOUBLE_EQ(*patch_sram_bytes(0.0, 3), 0.0);
  EXPECT_DOUBLE_EQ(*patch_sram_bytes(100.0, 3), 100.0 / 9);
  EXPECT_EQ(patch_sram_bytes(320.0, 0).error().message, "patch_sram_bytes: patches must be >= 1, got 0");
  EXPECT_EQ(patch_sram_bytes(-2.0, 2).error().message,
            "patch_sram_bytes: sram_bytes must be a finite number >= 0, got -2");
}

// ---- im2col_values --------------------------------------------------------------------

TEST(McuIm2col, RowsTimesColumns) {
  // Rows: one per element of a k x k x C receptive field; columns: one per output pixel.
  EXPECT_EQ(*im2col_values(3, 32, 14, 14), (3 * 3 * 32) * (14 * 14));
  EXPECT_EQ(*im2col_values(1, 1, 1, 1), 1);
  EXPECT_EQ(*im2col_values(5, 3, 7, 2), (5 * 5 * 3) * (7 * 2));
  // A 1 x 1 convolution needs no unrolling: the buffer is just the input.
  EXPECT_EQ(*im2col_values(1, 64, 28, 28), 64 * 28 * 28);
}

TEST(McuIm2col, RejectsBadInputAndOverflow) {
  EXPECT_EQ(im2col_values(0, 32, 14, 14).error().message, "im2col_values: kernel must be >= 1, got 0");
  EXPECT_EQ(im2col_values(3, 0, 14, 14).error().message, "im2col_values: in_channels must be >= 1, got 0");
  EXPECT_EQ(im2col_values(3, 32, 0, 14).error().message, "im2col_values: out_height must be >= 1, got 0");
  EXPECT_EQ(im2col_values(3, 32, 14, 0).error().message, "im2col_values: out_width must be >= 1, got 0");
  EXPECT_EQ(im2col_values(3, 32, std::int64_t{1} << 30, std::int64_t{1} << 30).error().message,
            "im2col_values: the number of values exceeds 2^63 - 1 and cannot be counted exactly");
}

// ---- flash_bytes ----------------------------------------------------------------------

TEST(McuFlash, WeightsPlusFirmware) {
  expect_exact(flash_bytes(1000000), 1000000);
  expect_exact(flash_bytes(1000000, 1.0, 0.0), 1000000);
  expect_exact(flash_bytes(800000, 1.0, 50.0 * 1024), 800000 + 50 * 1024);
  expect_exact(flash_bytes(1000, 4.0), 4000);  // FP32 weights
  expect_exact(flash_bytes(1000, 0.5), 500);   // 4-bit weights
  EXPECT_EQ(flash_bytes(3, 0.5)->to_double(), 1.5);
  EXPECT_EQ(flash_bytes(10, 1.0, 0.5)->to_double(), 10.5);
  // A firmware size past 2^53 given as a double makes the total approximate.
  Result<Number> big = flash_bytes(1, 1.0, 1e17);
  ASSERT_TRUE(big.ok());
  EXPECT_TRUE(big->approximate());
}

TEST(McuFlash, RejectsBadInput) {
  EXPECT_EQ(flash_bytes(0).error().message, "flash_bytes: params must be >= 1, got 0");
  EXPECT_EQ(flash_bytes(10, 0.0).error().message,
            "flash_bytes: bytes_per_param must be a finite number > 0, got 0");
  EXPECT_EQ(flash_bytes(10, 1.0, -1.0).error().message,
            "flash_bytes: firmware_bytes must be a finite number >= 0, got -1");
  EXPECT_EQ(flash_bytes(kMax, 1.0).error().message,
            "flash_bytes: the size of the weights in bits exceeds 2^63 - 1 and cannot be counted exactly");
}

// ---- row_tiling_bytes -----------------------------------------------------------------

TEST(McuRowTiling, KRowsOfTheInput) {
  expect_exact(row_tiling_bytes(3, 56, 64), 3 * 56 * 64);
  expect_exact(row_tiling_bytes(3, 56, 64, 1.0), 3 * 56 * 64);
  expect_exact(row_tiling_bytes(5, 10, 8, 2.0), 5 * 10 * 8 * 2);
  expect_exact(row_tiling_bytes(1, 1, 1), 1);
  // K rows instead of the whole H x W map: a saving of H / K for a square map.
  EXPECT_EQ(row_tiling_bytes(3, 56, 64)->exact_value() * 56 / 3, 56 * 56 * 64);
}

TEST(McuRowTiling, RejectsBadInput) {
  EXPECT_EQ(row_tiling_bytes(0, 56, 64).error().message, "row_tiling_bytes: kernel must be >= 1, got 0");
  EXPECT_EQ(row_tiling_bytes(3, 0, 64).error().message, "row_tiling_bytes: width must be >= 1, got 0");
  EXPECT_EQ(row_tiling_bytes(3, 56, 0).error().message, "row_tiling_bytes: channels must be >= 1, got 0");
  EXPECT_EQ(row_tiling_bytes(3, 56, 64, -1.0).error().message,
            "row_tiling_bytes: bytes_per_value must be a finite number > 0, got -1");
}

// ---- registry -------------------------------------------------------------------------

TEST(McuRegistry, SignaturesMatchTheCatalogueContract) {
  expect_signature("mcu", "peak_sram_two_buffer_bytes",
                   {"in_channels", "out_channels", "height", "width", "bytes_per_value"}, "B");
  expect_default("peak_sram_two_buffer_bytes", 4, 1.0);
  expect_signature("mcu", "two_buffer_bytes", {"input_bytes", "output_bytes"}, "B");
  expect_signature("mcu", "patch_sram_reduction", {"patches"}, "");
  expect_signature("mcu", "patch_sram_bytes", {"sram_bytes", "patches"}, "B");
  expect_signature("mcu", "im2col_values", {"kernel", "in_channels", "out_height", "out_width"}, "values");
  expect_signature("mcu", "flash_bytes", {"params", "bytes_per_param", "firmware_bytes"}, "B");
  expect_default("flash_bytes", 1, 1.0);
  expect_default("flash_bytes", 2, 0.0);
  expect_signature("mcu", "row_tiling_bytes", {"kernel", "width", "channels", "bytes_per_value"}, "B");
  expect_default("row_tiling_bytes", 3, 1.0);
}

TEST(McuRegistry, CallsReturnExactCounts) {
  Result<Value> sram = call("peak_sram_two_buffer_bytes", {{"in_channels", Value::integer(32)},
                                                           {"out_channels", Value::integer(64)},
                                                           {"height", Value::integer(56)},
                                                           {"width", Value::integer(56)}});
  ASSERT_TRUE(sram.ok()) << sram.error().message;
  ASSERT_TRUE(sram->number().is_exact());
  EXPECT_EQ(sram->number().exact_value(), 96 * 56 * 56);
  Result<Value> im2col = call("im2col_values", {{"kernel", Value::integer(3)},
                                                {"in_channels", Value::integer(32)},
                                                {"out_height", Value::integer(14)},
                                                {"out_width", Value::integer(14)}});
  ASSERT_TRUE(im2col.ok());
  EXPECT_EQ(im2col->number().exact_value(), 9 * 32 * 196);
  EXPECT_EQ(call("patch_sram_reduction", {{"patches", Value::integer(4)}})->number().exact_value(), 16);
  Result<Value> flash =
      call("flash_bytes", {{"params", Value::integer(800000)}, {"firmware_bytes", Value::real(50 * 1024)}});
  ASSERT_TRUE(flash.ok());
  EXPECT_EQ(flash->number().exact_value(), 800000 + 51200);
  Result<Value> rows =
      call("row_tiling_bytes",
           {{"kernel", Value::integer(3)}, {"width", Value::integer(56)}, {"channels", Value::integer(64)}});
  EXPECT_EQ(rows->number().exact_value(), 3 * 56 * 64);
  Result<Value> patch =
      call("patch_sram_bytes", {{"sram_bytes", Value::real(320 * 1024)}, {"patches", Value::integer(2)}});
  EXPECT_DOUBLE_EQ(patch->number().to_double(), 80.0 * 1024);
  Result<Value> sum =
      call("two_buffer_bytes", {{"input_bytes", Value::real(100)}, {"output_bytes", Value::real(28)}});
  EXPECT_DOUBLE_EQ(sum->number().to_double(), 128.0);
  Result<Value> bad = call("patch_sram_reduction", {{"patches", Value::integer(0)}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "patch_sram_reduction: patches must be >= 1, got 0");
}

}  // namespace
}  // namespace derive
