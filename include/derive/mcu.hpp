// Memory of tiny deep learning on microcontrollers: the two-buffer SRAM peak of
// one layer, patch-based inference, the im2col buffer, flash for weights and the
// working set of row-by-row depthwise tiling (Lin et al., 2020, "MCUNet: Tiny
// Deep Learning on IoT Devices"; Lin et al., 2021, "MCUNetV2: Memory-Efficient
// Patch-based Inference for Tiny Deep Learning").
//
// Byte results are Numbers: exact integers whenever the number of bytes is
// whole (any bytes_per_value that is a whole number of bits, such as 1, 0.5 or
// 4), otherwise a double. Counts that overflow 64 bits are errors.
#pragma once

#include <cstdint>

#include "derive/number.hpp"
#include "derive/result.hpp"

namespace derive {

// SRAM in bytes while one layer runs with its whole input and whole output
// buffers alive together, both H x W (MCUNetV2 sec. 2 counts a layer's memory
// as its input plus its output activation): (in_channels + out_channels) *
// height * width * bytes_per_value. Assumes the output has the input's spatial
// size (stride 1, same padding) and no in-place reuse of the input buffer.
// REQUIRES: counts >= 1; bytes_per_value finite and > 0.
Result<Number> peak_sram_two_buffer_bytes(std::int64_t in_channels, std::int64_t out_channels,
                                          std::int64_t height, std::int64_t width,
                                          double bytes_per_value = 1.0);

// input_bytes + output_bytes: the same two-buffer peak from the buffer sizes.
// REQUIRES: both finite and >= 0.
Result<double> two_buffer_bytes(double input_bytes, double output_bytes);

// The factor P^2 by which a P x P patch split divides the activation memory of
// the patched stage (MCUNetV2 sec. 3: only one patch's activations are alive
// at a time). An approximation: neighbouring patches overlap by the halo of
// their receptive fields, and the layers after the patched stage still run
// whole, so the measured saving is smaller (the paper reports 4-8x on whole
// networks with 4 x 4 patches, not 16x).
// REQUIRES: patches >= 1.
Result<std::int64_t> patch_sram_reduction(std::int64_t patches);

// sram_bytes / P^2, with the same approximation (halo ignored).
// REQUIRES: sram_bytes finite and >= 0; patches >= 1.
Result<double> patch_sram_bytes(double sram_bytes, std::int64_t patches);

// Values in the im2col matrix of a k x k convolution: k^2 * in_channels rows
// (one receptive field per column) times out_height * out_width columns
// (Chellapilla, Puri & Simard, 2006, "High Performance Convolutional Neural
// Networks for Document Processing", sec. 2).
// REQUIRES: every argument >= 1.
Result<std::int64_t> im2col_values(std::int64_t kernel, std::int64_t in_channels, std::int64_t out_height,
                                   std::int64_t out_width);

// Flash in bytes for the weights plus the firmware:
// params * bytes_per_param + firmware_bytes.
// REQUIRES: params >= 1; bytes_per_param finite and > 0; firmware_bytes finite
// and >= 0.
Result<Number> flash_bytes(std::int64_t params, double bytes_per_param = 1.0, double firmware_bytes = 0.0);

// Working set in bytes of computing a depthwise convolution one output row at a
// time (MCUNet sec. 3, TinyEngine): the K input rows that row needs, K * width * channels *
// bytes_per_value (the output row and the weights are not counted).
// REQUIRES: counts >= 1; bytes_per_value finite and > 0.
Result<Number> row_tiling_bytes(std::int64_t kernel, std::int64_t width, std::int64_t channels,
                                double bytes_per_value = 1.0);

}  // namespace derive
