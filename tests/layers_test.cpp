#include "derive/layers.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "engine_test_support.hpp"

namespace derive {
namespace {

using derive::testing::error_of;

constexpr std::int64_t kTwoTo62 = std::int64_t{1} << 62;
constexpr std::int64_t kTwoTo31 = std::int64_t{1} << 31;

TEST(LayersLinear, Params) {
  EXPECT_EQ(*linear_params(512, 256), 512 * 256 + 256);
  EXPECT_EQ(*linear_params(512, 256, false), 512 * 256);
  EXPECT_EQ(*linear_params(1, 1), 2);
  EXPECT_EQ(error_of(linear_params(0, 256)), "linear_params: in_features must be >= 1, got 0");
  EXPECT_EQ(error_of(linear_params(512, 0)), "linear_params: out_features must be >= 1, got 0");
  // 2^31 x 2^31 = 2^62 fits; adding 2^31 biases still fits; 2^32 x 2^31 = 2^63 does not.
  EXPECT_EQ(*linear_params(kTwoTo31, kTwoTo31), kTwoTo62 + kTwoTo31);
  EXPECT_EQ(error_of(linear_params(2 * kTwoTo31, kTwoTo31)),
            "linear_params: parameter count exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(LayersLinear, Macs) {
  EXPECT_EQ(*linear_macs(512, 256), 512 * 256);
  EXPECT_EQ(*linear_macs(512, 256, 10), 512 * 256 * 10);
  EXPECT_EQ(error_of(linear_macs(512, 256, 0)), "linear_macs: tokens must be >= 1, got 0");
  EXPECT_EQ(error_of(linear_macs(0, 256)), "linear_macs: in_features must be >= 1, got 0");
  EXPECT_EQ(error_of(linear_macs(kTwoTo62, 2)),
            "linear_macs: MAC count exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(LayersConvOutputSize, Formula) {
  // floor((i + 2p - d(k-1) - 1)/s) + 1, worked by hand:
  EXPECT_EQ(*conv2d_output_size(56, 3), 54);          // (56 - 2 - 1)/1 + 1
  EXPECT_EQ(*conv2d_output_size(56, 3, 1, 1), 56);    // "same" padding
  EXPECT_EQ(*conv2d_output_size(224, 7, 2, 3), 112);  // ResNet stem: (224 + 6 - 6 - 1)/2 + 1 = 111 + 1
  EXPECT_EQ(*conv2d_output_size(5, 3, 2, 0), 2);      // (5 - 2 - 1)/2 + 1
  EXPECT_EQ(*conv2d_output_size(6, 3, 2, 0), 2);      // (6 - 3)/2 = 1.5 floors to 1, + 1
  EXPECT_EQ(*conv2d_output_size(7, 3, 1, 0, 2), 3);   // dilated span 5: (7 - 4 - 1)/1 + 1
  EXPECT_EQ(*conv2d_output_size(1, 1), 1);
}

TEST(LayersConvOutputSize, KernelMustFit) {
  // Span exactly equal to the padded input gives one output; one more gives none.
  EXPECT_EQ(*conv2d_output_size(3, 3), 1);
  EXPECT_EQ(
      error_of(conv2d_output_size(2, 3)),
      "conv2d_output_size: the dilated kernel spans 3 inputs (dilation*(kernel-1)+1) but the padded input "
      "has only 2 (input_size+2*padding); the output would be empty");
  EXPECT_EQ(*conv2d_output_size(1, 3, 1, 1), 1);
  EXPECT_EQ(
      error_of(conv2d_output_size(4, 3, 1, 0, 2)),
      "conv2d_output_size: the dilated kernel spans 5 inputs (dilation*(kernel-1)+1) but the padded input "
      "has only 4 (input_size+2*padding); the output would be empty");
}

TEST(LayersConvOutputSize, RejectsImpossibleShapes) {
  EXPECT_EQ(error_of(conv2d_output_size(0, 3)), "conv2d_output_size: input_size must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_output_size(5, 0)), "conv2d_output_size: kernel must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_output_size(5, 3, 0)), "conv2d_output_size: stride must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_output_size(5, 3, 1, -1)), "conv2d_output_size: padding must be >= 0, got -1");
  EXPECT_EQ(error_of(conv2d_output_size(5, 3, 1, 0, 0)), "conv2d_output_size: dilation must be >= 1, got 0");
  EXPECT_EQ(
      error_of(conv2d_output_size(5, 3, 1, kTwoTo62)),
      "conv2d_output_size: padded input or dilated kernel exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(LayersConv, Params) {
  EXPECT_EQ(*conv2d_params(3, 32, 64), 3 * 3 * 32 * 64 + 64);
  EXPECT_EQ(*conv2d_params(3, 32, 64, false), 3 * 3 * 32 * 64);
  // groups = 4: each filter sees 32/4 input channels.
  EXPECT_EQ(*conv2d_params(3, 32, 64, false, 4), 3 * 3 * (32 / 4) * 64);
  // groups = in = out is a depthwise convolution.
  EXPECT_EQ(*conv2d_params(3, 32, 32, false, 32), *depthwise_conv2d_params(3, 32));
  EXPECT_EQ(error_of(conv2d_params(3, 32, 64, true, 0)), "conv2d_params: groups must be >= 1, got 0");
  EXPECT_EQ(
      error_of(conv2d_params(3, 32, 64, true, 3)),
      "conv2d_params: groups must divide in_channels and out_channels, got groups 3 with in_channels 32 "
      "and out_channels 64");
  EXPECT_EQ(
      error_of(conv2d_params(3, 32, 48, true, 32)),
      "conv2d_params: groups must divide in_channels and out_channels, got groups 32 with in_channels 32 "
      "and out_channels 48");
  EXPECT_EQ(error_of(conv2d_params(0, 32, 64)), "conv2d_params: kernel must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_params(3, 0, 64)), "conv2d_params: in_channels must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_params(3, 32, 0)), "conv2d_params: out_channels must be >= 1, got 0");
}

TEST(LayersConv, Macs) {
  EXPECT_EQ(*conv2d_macs(3, 32, 64, 28, 28), 3 * 3 * 32 * 64 * 28 * 28);
  EXPECT_EQ(*conv2d_macs(3, 32, 64, 28, 28, 2), 3 * 3 * 16 * 64 * 28 * 28);
  EXPECT_EQ(*conv2d_macs(1, 1, 1, 1, 1), 1);
  EXPECT_EQ(error_of(conv2d_macs(3, 32, 64, 0, 28)), "conv2d_macs: out_height must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_macs(3, 32, 64, 28, 0)), "conv2d_macs: out_width must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_macs(3, 0, 64, 28, 28)), "conv2d_macs: in_channels must be >= 1, got 0");
  EXPECT_EQ(
      error_of(conv2d_macs(3, 32, 64, 28, 28, 5)),
      "conv2d_macs: groups must divide in_channels and out_channels, got groups 5 with in_channels 32 and "
      "out_channels 64");
  EXPECT_EQ(error_of(conv2d_macs(1, 1, 1, kTwoTo62, 2)),
            "conv2d_macs: MAC count exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(LayersConv, MacsFromInput) {
  // 56x56 input, 3x3 kernel, stride 2, padding 1: (56 + 2 - 2 - 1)/2 + 1 = 28.
  EXPECT_EQ(*conv2d_macs_from_input(3, 32, 64, 56, 56, 2, 1), 3 * 3 * 32 * 64 * 28 * 28);
  // Non-square input: 30 x 20, 3x3, no padding: 28 x 18.
  EXPECT_EQ(*conv2d_macs_from_input(3, 8, 16, 30, 20), 3 * 3 * 8 * 16 * 28 * 18);
  EXPECT_EQ(*conv2d_macs_from_input(3, 8, 16, 30, 20, 1, 0, 1, 8), 3 * 3 * 1 * 16 * 28 * 18);
  EXPECT_EQ(error_of(conv2d_macs_from_input(3, 8, 16, 0, 20)),
            "conv2d_macs_from_input: in_height must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_macs_from_input(3, 8, 16, 20, 0)),
            "conv2d_macs_from_input: in_width must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_macs_from_input(3, 8, 16, 20, 20, 0)),
            "conv2d_macs_from_input: stride must be >= 1, got 0");
  EXPECT_EQ(error_of(conv2d_macs_from_input(3, 8, 16, 20, 20, 1, 0, 1, 3)),
            "conv2d_macs_from_input: groups must divide in_channels and out_channels, got groups 3 with "
            "in_channels 8 and out_channels 16");
  EXPECT_EQ(
      error_of(conv2d_macs_from_input(5, 8, 16, 20, 4)),
      "conv2d_macs_from_input: the dilated kernel spans 5 inputs (dilation*(kernel-1)+1) but the padded "
      "input has only 4 (input_size+2*padding); the output would be empty");
}

TEST(LayersDepthwise, ParamsAndMacs) {
  EXPECT_EQ(*depthwise_conv2d_params(3, 32), 3 * 3 * 32);
  EXPECT_EQ(*depthwise_conv2d_params(3, 32, true), 3 * 3 * 32 + 32);
  EXPECT_EQ(*depthwise_conv2d_macs(3, 32, 28, 28), 3 * 3 * 32 * 28 * 28);
  EXPECT_EQ(error_of(depthwise_conv2d_params(3, 0)), "depthwise_conv2d_params: channels must be >= 1, got 0");
  EXPECT_EQ(error_of(depthwise_conv2d_params(0, 3)), "depthwise_conv2d_params: kernel must be >= 1, got 0");
  EXPECT_EQ(error_of(depthwise_conv2d_macs(3, 32, 28, 0)),
            "depthwise_conv2d_macs: out_width must be >= 1, got 0");
  EXPECT_EQ(error_of(depthwise_conv2d_macs(1, kTwoTo62, 2, 1)),
            "depthwise_conv2d_macs: MAC count exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(LayersSeparable, ParamsAndMacs) {
  EXPECT_EQ(*separable_conv2d_params(3, 32, 64), 3 * 3 * 32 + 32 * 64);
  EXPECT_EQ(*separable_conv2d_params(3, 32, 64, true), 3 * 3 * 32 + 32 * 64 + 32 + 64);
  EXPECT_EQ(*separable_conv2d_macs(3, 32, 64, 28, 28), 3 * 3 * 32 * 28 * 28 + 32 * 64 * 28 * 28);
  // The two parts are exactly the depthwise and the 1x1 convolutions.
  EXPECT_EQ(*separable_conv2d_macs(3, 32, 64, 28, 28),
            *depthwise_conv2d_macs(3, 32, 28, 28) + *conv2d_macs(1, 32, 64, 28, 28));
  EXPECT_EQ(error_of(separable_conv2d_params(3, 32, 0)),
            "separable_conv2d_params: out_channels must be >= 1, got 0");
  EXPECT_EQ(error_of(separable_conv2d_macs(3, 32, 64, 0, 28)),
            "separable_conv2d_macs: out_height must be >= 1, got 0");
}

TEST(LayersSeparable, RatioMatchesMobileNetsReduction) {
  // Standard / separable = 1 / (1/out + 1/k^2) (MobileNets sec. 3.1) = 9*64 / (64 + 9).
  EXPECT_DOUBLE_EQ(*separable_macs_ratio(3, 32, 64, 28, 28), (9.0 * 64.0) / (64.0 + 9.0));
  EXPECT_DOUBLE_EQ(*separable_macs_ratio(3, 32, 64, 28, 28), 1.0 / (1.0 / 64 + 1.0 / 9));
  EXPECT_DOUBLE_EQ(*separable_macs_ratio(1, 1, 1, 1, 1), 0.5);  // 1 MAC vs 1 + 1
  EXPECT_EQ(error_of(separable_macs_ratio(3, 0, 64, 28, 28)),
            "separable_macs_ratio: in_channels must be >= 1, got 0");
  // The standard count overflows before the separable one: reported under the caller's name.
  EXPECT_EQ(error_of(separable_macs_ratio(1024, 1024, 1024, kTwoTo31, 1)),
            "separable_macs_ratio: MAC count exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(LayersFfn, Macs) {
  EXPECT_EQ(*ffn_up_macs(512), 4 * 512 * 512);
  EXPECT_EQ(*ffn_up_macs(512, 8), 8 * 512 * 512);
  EXPECT_EQ(*ffn_macs(512), 2 * 4 * 512 * 512);
  EXPECT_EQ(*ffn_macs(512), *linear_macs(512, 2048) + *linear_macs(2048, 512));
  EXPECT_EQ(error_of(ffn_up_macs(0)), "ffn_up_macs: d_model must be >= 1, got 0");
  EXPECT_EQ(error_of(ffn_up_macs(512, 0)), "ffn_up_macs: expansion must be >= 1, got 0");
  EXPECT_EQ(error_of(ffn_macs(0)), "ffn_macs: d_model must be >= 1, got 0");
  EXPECT_EQ(error_of(ffn_macs(kTwoTo31, 1)),
            "ffn_macs: MAC count exceeds 2^63 - 1 and cannot be counted exactly");
  EXPECT_EQ(*ffn_up_macs(kTwoTo31, 1), kTwoTo62);
}

}  // namespace
}  // namespace derive
