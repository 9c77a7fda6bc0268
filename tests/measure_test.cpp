#include "derive/measure.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "engine_test_support.hpp"

namespace derive {
namespace {

using derive::testing::error_of;

constexpr std::int64_t kTwoTo62 = std::int64_t{1} << 62;

TEST(MeasureModelSize, BitsAndBytes) {
  EXPECT_EQ(*model_size_bits(3'400'000, 32), 3'400'000 * 32);
  Result<Number> bytes = model_size_bytes(3'400'000, 32);
  ASSERT_TRUE(bytes.ok());
  ASSERT_TRUE(bytes->is_exact());
  EXPECT_EQ(bytes->exact_value(), 3'400'000 * 32 / 8);
  // 7e9 parameters at 4 bits: 7e9 * 4 / 8 bytes, a whole number.
  EXPECT_EQ(model_size_bytes(7'000'000'000, 4)->exact_value(), 7'000'000'000LL * 4 / 8);
}

TEST(MeasureModelSize, BytesAreRealWhenBitsDoNotFillWholeBytes) {
  // 3 values x 4 bits = 12 bits = 1.5 bytes.
  Result<Number> bytes = model_size_bytes(3, 4);
  ASSERT_TRUE(bytes.ok());
  EXPECT_FALSE(bytes->is_exact());
  EXPECT_DOUBLE_EQ(bytes->to_double(), 1.5);
}

TEST(MeasureModelSize, BitsBoundaries) {
  EXPECT_EQ(*model_size_bits(1, 1), 1);
  EXPECT_EQ(*model_size_bits(1, 64), 64);
  EXPECT_EQ(*model_size_bits(0, 8), 0);
  EXPECT_EQ(error_of(model_size_bits(1, 0)), "model_size_bits: bits must be in [1, 64], got 0");
  EXPECT_EQ(error_of(model_size_bits(1, 65)), "model_size_bits: bits must be in [1, 64], got 65");
  EXPECT_EQ(error_of(model_size_bytes(1, 65)), "model_size_bytes: bits must be in [1, 64], got 65");
  EXPECT_EQ(error_of(model_size_bits(-1, 8)), "model_size_bits: params must be >= 0, got -1");
}

TEST(MeasureModelSize, OverflowIsAnError) {
  // (2^62 - 1) * 2 = 2^63 - 2 still fits; 2^62 * 2 = 2^63 does not.
  EXPECT_EQ(*model_size_bits(kTwoTo62 - 1, 2), std::numeric_limits<std::int64_t>::max() - 1);
  EXPECT_EQ(error_of(model_size_bits(kTwoTo62, 2)),
            "model_size_bits: params * bits exceeds 2^63 - 1 and cannot be counted exactly");
  EXPECT_EQ(error_of(model_size_bytes(kTwoTo62, 2)),
            "model_size_bytes: params * bits exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(MeasureTensorBytes, ExactForWholeWidthsRealOtherwise) {
  EXPECT_EQ(tensor_bytes(1000, 2)->exact_value(), 2000);
  EXPECT_TRUE(tensor_bytes(1000, 0.5)->is_exact());  // 500 B is whole
  EXPECT_EQ(tensor_bytes(1000, 0.5)->exact_value(), 500);
  EXPECT_DOUBLE_EQ(tensor_bytes(3, 0.5)->to_double(), 1.5);
  EXPECT_EQ(tensor_bytes(0, 4)->exact_value(), 0);
  EXPECT_EQ(error_of(tensor_bytes(1, 0)), "tensor_bytes: bytes_per_value must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(tensor_bytes(-2, 1)), "tensor_bytes: values must be >= 0, got -2");
  EXPECT_EQ(error_of(tensor_bytes(kTwoTo62, 2)),
            "tensor_bytes: values * bytes_per_value exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(MeasureFlops, OneMacIsTwoFlops) {
  EXPECT_EQ(*flops_from_macs(150'000'000), 2 * 150'000'000LL);
  EXPECT_EQ(*flops_from_macs(0), 0);
  EXPECT_EQ(*flops_from_macs(kTwoTo62 - 1), std::numeric_limits<std::int64_t>::max() - 1);
  EXPECT_EQ(error_of(flops_from_macs(kTwoTo62)),
            "flops_from_macs: 2 * macs exceeds 2^63 - 1 and cannot be counted exactly");
  EXPECT_EQ(error_of(flops_from_macs(-1)), "flops_from_macs: macs must be >= 0, got -1");
  EXPECT_DOUBLE_EQ(*macs_from_flops(3.0), 1.5);
  EXPECT_DOUBLE_EQ(*macs_from_flops(0.0), 0.0);
  EXPECT_EQ(error_of(macs_from_flops(-0.5)), "macs_from_flops: flops must be a finite number >= 0, got -0.5");
  EXPECT_EQ(error_of(macs_from_flops(std::numeric_limits<double>::infinity())),
            "macs_from_flops: flops must be a finite number >= 0, got inf");
}

TEST(MeasureRoofline, IntensityAndRidge) {
  EXPECT_DOUBLE_EQ(*arithmetic_intensity(3.2e9, 400e3), 3.2e9 / 400e3);
  EXPECT_DOUBLE_EQ(*arithmetic_intensity(0.0, 1.0), 0.0);
  EXPECT_EQ(error_of(arithmetic_intensity(1.0, 0.0)),
            "arithmetic_intensity: bytes must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(arithmetic_intensity(-1.0, 1.0)),
            "arithmetic_intensity: flops must be a finite number >= 0, got -1");
  EXPECT_DOUBLE_EQ(*ridge_point(200e6, 50e6), 4.0);  // 200e6 / 50e6
  EXPECT_EQ(error_of(ridge_point(0.0, 50e6)),
            "ridge_point: peak_flops_per_s must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(ridge_point(1.0, -5.0)),
            "ridge_point: bandwidth_bytes_per_s must be a finite number > 0, got -5");
}

TEST(MeasureRoofline, AttainableIsTheLowerRoof) {
  const double peak = 200e6, bandwidth = 50e6;                                       // ridge at 4 FLOP/B
  EXPECT_DOUBLE_EQ(*attainable_flops_per_s(2.0, peak, bandwidth), 2.0 * bandwidth);  // memory-bound
  EXPECT_DOUBLE_EQ(*attainable_flops_per_s(4.0, peak, bandwidth), peak);             // exactly at the ridge
  EXPECT_DOUBLE_EQ(*attainable_flops_per_s(4.0, peak, bandwidth), 4.0 * bandwidth);
  EXPECT_DOUBLE_EQ(*attainable_flops_per_s(8.0, peak, bandwidth), peak);  // compute-bound
  EXPECT_DOUBLE_EQ(*attainable_flops_per_s(0.0, peak, bandwidth), 0.0);
  EXPECT_EQ(error_of(attainable_flops_per_s(-1.0, peak, bandwidth)),
            "attainable_flops_per_s: intensity must be a finite number >= 0, got -1");
  EXPECT_EQ(error_of(attainable_flops_per_s(1.0, 0.0, bandwidth)),
            "attainable_flops_per_s: peak_flops_per_s must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(attainable_flops_per_s(1.0, peak, 0.0)),
            "attainable_flops_per_s: bandwidth_bytes_per_s must be a finite number > 0, got 0");
}

TEST(MeasureActivation, Bytes) {
  Result<Number> fp32 = activation_bytes(1, 64, 56, 56);
  ASSERT_TRUE(fp32.ok());
  EXPECT_EQ(fp32->exact_value(), 1 * 64 * 56 * 56 * 4);
  EXPECT_EQ(activation_bytes(2, 3, 4, 5, 1.0)->exact_value(), 2 * 3 * 4 * 5);
  EXPECT_DOUBLE_EQ(activation_bytes(1, 1, 1, 3, 0.5)->to_double(), 1.5);
  EXPECT_EQ(activation_bytes(1, 1, 1, 1)->exact_value(), 4);
  EXPECT_EQ(error_of(activation_bytes(0, 64, 56, 56)), "activation_bytes: batch must be >= 1, got 0");
  EXPECT_EQ(error_of(activation_bytes(1, 0, 56, 56)), "activation_bytes: channels must be >= 1, got 0");
  EXPECT_EQ(error_of(activation_bytes(1, 64, 0, 56)), "activation_bytes: height must be >= 1, got 0");
  EXPECT_EQ(error_of(activation_bytes(1, 64, 56, 0)), "activation_bytes: width must be >= 1, got 0");
  EXPECT_EQ(error_of(activation_bytes(1, 64, 56, 56, 0.0)),
            "activation_bytes: bytes_per_value must be a finite number > 0, got 0");
  EXPECT_EQ(
      error_of(activation_bytes(kTwoTo62, 2, 1, 1, 1.0)),
      "activation_bytes: batch * channels * height * width exceeds 2^63 - 1 and cannot be counted exactly");
  EXPECT_EQ(error_of(activation_bytes(kTwoTo62, 1, 1, 1, 2.0)),
            "activation_bytes: the tensor's size in bytes exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(MeasureLatency, WorkOverRate) {
  EXPECT_DOUBLE_EQ(*inference_latency_s(30e6, 60e6), 30e6 / 60e6);
  EXPECT_DOUBLE_EQ(*inference_latency_s(0.0, 1.0), 0.0);
  EXPECT_EQ(error_of(inference_latency_s(1.0, 0.0)),
            "inference_latency_s: macs_per_second must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(inference_latency_s(-1.0, 1.0)),
            "inference_latency_s: macs must be a finite number >= 0, got -1");
}

}  // namespace
}  // namespace derive
