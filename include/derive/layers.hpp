// Parameter and MAC counts of the common layers, from their shapes alone.
//
// Every count is an exact 64-bit integer; a product past 2^63 - 1 is an error.
// Kernels are square (kernel x kernel) and convolutions are 2-D over NCHW maps.
// A MAC is one multiply-accumulate (see derive/measure.hpp for FLOPs).
#pragma once

#include <cstdint>

#include "derive/number.hpp"
#include "derive/result.hpp"

namespace derive {

// Linear layer y = x W^T + b (PyTorch nn.Linear): W is out x in, b has `out`
// entries. Parameters: in * out (+ out with bias).
// REQUIRES: in_features, out_features >= 1.
Result<std::int64_t> linear_params(std::int64_t in_features, std::int64_t out_features, bool bias = true);

// MACs of a Linear layer over `tokens` input rows: in * out * tokens (the bias
// add is not a MAC). REQUIRES: all >= 1.
Result<std::int64_t> linear_macs(std::int64_t in_features, std::int64_t out_features,
                                 std::int64_t tokens = 1);

// Output length of a convolution along one spatial axis (Dumoulin & Visin, 2016,
// "A guide to convolution arithmetic for deep learning", relationship 6 for
// padding and stride, sec. 5.1 for dilation; the formula of the PyTorch Conv2d docs):
//   floor((input + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1.
// An error when the dilated kernel does not fit in the padded input.
// REQUIRES: input_size, kernel, stride, dilation >= 1; padding >= 0.
Result<std::int64_t> conv2d_output_size(std::int64_t input_size, std::int64_t kernel, std::int64_t stride = 1,
                                        std::int64_t padding = 0, std::int64_t dilation = 1);

// Parameters of a Conv2D: kernel^2 * (in_channels / groups) * out_channels
// (+ out_channels with bias). REQUIRES: channels >= 1, groups >= 1 dividing both.
Result<std::int64_t> conv2d_params(std::int64_t kernel, std::int64_t in_channels, std::int64_t out_channels,
                                   bool bias = true, std::int64_t groups = 1);

// MACs of a Conv2D: each output value sums kernel^2 * (in_channels / groups)
// products, so kernel^2 * (in/groups) * out_channels * out_height * out_width.
Result<std::int64_t> conv2d_macs(std::int64_t kernel, std::int64_t in_channels, std::int64_t out_channels,
                                 std::int64_t out_height, std::int64_t out_width, std::int64_t groups = 1);

// conv2d_macs with the output size derived from the input size by
// conv2d_output_size (the same stride, padding and dilation on both axes).
Result<std::int64_t> conv2d_macs_from_input(std::int64_t kernel, std::int64_t in_channels,
                                            std::int64_t out_channels, std::int64_t in_height,
                                            std::int64_t in_width, std::int64_t stride = 1,
                                            std::int64_t padding = 0, std::int64_t dilation = 1,
                                            std::int64_t groups = 1);

// Depthwise convolution (Howard et al., 2017, "MobileNets", sec. 3.1): one
// kernel x kernel filter per channel. Parameters kernel^2 * channels (+ channels
// with bias); MACs kernel^2 * channels * out_height * out_width.
Result<std::int64_t> depthwise_conv2d_params(std::int64_t kernel, std::int64_t channels, bool bias = false);
Result<std::int64_t> depthwise_conv2d_macs(std::int64_t kernel, std::int64_t channels,
                                           std::int64_t out_height, std::int64_t out_width);

// Depthwise-separable convolution (MobileNets, sec. 3.1): a depthwise
// kernel x kernel convolution on in_channels followed by a 1x1 pointwise
// convolution in -> out. With bias, both convolutions carry one (in + out).
Result<std::int64_t> separable_conv2d_params(std::int64_t kernel, std::int64_t in_channels,
                                             std::int64_t out_channels, bool bias = false);
// MACs, MobileNets eq. 5: kernel^2 * in * H * W + in * out * H * W, where H x W
// is the output size of the depthwise step (the pointwise step keeps it).
Result<std::int64_t> separable_conv2d_macs(std::int64_t kernel, std::int64_t in_channels,
                                           std::int64_t out_channels, std::int64_t out_height,
                                           std::int64_t out_width);
// Standard over separable MACs at the same output size, computed from the two
// counts; it equals 1 / (1/out_channels + 1/kernel^2) (MobileNets, sec. 3.1).
Result<double> separable_macs_ratio(std::int64_t kernel, std::int64_t in_channels, std::int64_t out_channels,
                                    std::int64_t out_height, std::int64_t out_width);

// Transformer position-wise feed-forward network (Vaswani et al., 2017, "Attention
// Is All You Need", sec. 3.3): Linear(d, expansion*d), activation, Linear(expansion*d,
// d); the paper uses d = 512, d_ff = 2048 (expansion 4). Per token, without bias:
// up projection expansion * d^2 MACs; the whole FFN twice that.
Result<std::int64_t> ffn_up_macs(std::int64_t d_model, std::int64_t expansion = 4);
Result<std::int64_t> ffn_macs(std::int64_t d_model, std::int64_t expansion = 4);

}  // namespace derive
