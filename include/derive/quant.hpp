// Quantization arithmetic: affine (asymmetric) and symmetric integer grids,
// round-trip error, K-means codebooks, per-channel overhead, straight-through
// gradients and SmoothQuant.
//
// Affine quantization follows Jacob et al. (2018), "Quantization and Training of
// Neural Networks for Efficient Integer-Arithmetic-Only Inference", eqs. 1-2:
// r = S (q - Z), with q an unsigned b-bit integer in [0, 2^b - 1]; see also
// Krishnamoorthi (2018), "Quantizing deep convolutional networks for efficient
// inference: A whitepaper", sec. 2.1. Rounding is to the nearest integer with
// halves away from zero (std::round), as TFLite's reference kernels do; other
// libraries round halves to even, which differs only at exact ties.
// Grid sizes use 2^b as a double, exact up to b = 53; for 54..64 bits the
// largest level 2^b - 1 is rounded to a nearby double.
#pragma once

#include <cstdint>

#include "derive/number.hpp"
#include "derive/result.hpp"

namespace derive {

// Distinct values of an unsigned b-bit integer: 2^bits. REQUIRES: bits in [1, 62]
// (2^63 is one past the largest signed 64-bit count).
Result<std::int64_t> quant_levels(std::int64_t bits);

// Affine scale S = (x_max - x_min) / (2^bits - 1): the real step between levels.
// REQUIRES: x_min < x_max, both finite; bits in [1, 64].
Result<double> asym_scale(double x_min, double x_max, std::int64_t bits = 8);

// Affine zero point Z = clamp(round(-x_min / scale), 0, 2^bits - 1): the integer
// that stands for the real 0 (Jacob et al., sec. 2.1, require 0 to be exactly
// representable). When the range [x_min, x_max] does not contain 0 the clamp
// moves Z to the nearer end of the grid, and 0 is no longer exact.
// REQUIRES: x_min finite, scale > 0, bits in [1, 64].
Result<double> asym_zero_point(double x_min, double scale, std::int64_t bits = 8);

// Symmetric scale S = abs_max / (2^(bits-1) - 1) for the restricted signed range
// [-(2^(b-1) - 1), 2^(b-1) - 1] with zero point 0, which keeps the grid symmetric
// (the TensorFlow Lite 8-bit quantization specification represents weights so, in
// [-127, 127]; Krishnamoorthi, 2018, sec. 2.2). REQUIRES: abs_max > 0, bits in [2, 64].
Result<double> sym_scale(double abs_max, std::int64_t bits = 8);

// Affine quantization q = clamp(round(x / scale) + zero_point, 0, 2^bits - 1).
// REQUIRES: x finite, scale > 0, zero_point a whole number in [0, 2^bits - 1],
// bits in [1, 64].
Result<double> quantize(double x, double scale, double zero_point, std::int64_t bits = 8);

// Symmetric quantization q = clamp(round(x / scale), -(2^(b-1) - 1), 2^(b-1) - 1).
// REQUIRES: x finite, scale > 0, bits in [2, 64].
Result<double> quantize_symmetric(double x, double scale, std::int64_t bits = 8);

// Dequantization r = scale * (q - zero_point) (Jacob et al., eq. 1).
// REQUIRES: q and zero_point finite, scale > 0.
Result<double> dequantize(double q, double scale, double zero_point = 0.0);

// |scale * (q - zero_point) - x|: how far the level q lies from the real x.
Result<double> dequant_error(double x, double q, double scale, double zero_point);

// Round-trip error |dequantize(quantize(x)) - x|. At most scale / 2 inside the
// representable range; larger for x clipped at either end.
Result<double> quantization_error(double x, double scale, double zero_point, std::int64_t bits = 8);

// Bits of a K-means cluster index: ceil(log2(clusters)), computed with integers
// (the smallest b with 2^b >= clusters). One cluster needs 0 bits.
// REQUIRES: clusters >= 1.
Result<std::int64_t> codebook_index_bits(std::int64_t clusters);

// float_bits / codebook_index_bits(clusters): the compression of the indices
// alone, ignoring the codebook. REQUIRES: float_bits in [1, 64], clusters >= 2.
Result<double> codebook_index_ratio(std::int64_t float_bits, std::int64_t clusters);

// Weight-sharing compression rate with the codebook counted (Han, Mao & Dally,
// 2016, "Deep Compression", sec. 3, eq. 1): r = n b / (n log2(k) + k b), with
// n weights, b bits per original weight, k clusters and ceil(log2 k) index bits.
// REQUIRES: 1 <= clusters <= weights, float_bits in [1, 64].
Result<double> codebook_compression_ratio(std::int64_t weights, std::int64_t float_bits,
                                          std::int64_t clusters);

// Extra storage of per-channel over per-tensor quantization parameters:
// (channels - 1) * (scale_bytes + zero_point_bytes). Symmetric weights store no
// zero point (zero_point_bytes = 0). REQUIRES: channels >= 1, scale_bytes > 0,
// zero_point_bytes >= 0.
Result<Number> per_channel_overhead_bytes(std::int64_t channels, double scale_bytes = 4.0,
                                          double zero_point_bytes = 0.0);

// Straight-through estimator (Bengio, Léonard & Courville, 2013, "Estimating or
// Propagating Gradients Through Stochastic Neurons for Conditional Computation"):
// the quantizer's derivative, zero almost everywhere, is replaced by 1, so the
// gradient passes unchanged: dL/dw = dL/dq. REQUIRES: upstream finite.
Result<double> ste_gradient(double upstream);

// Clipped straight-through estimator (Hubara, Courbariaux et al., 2016,
// "Binarized Neural Networks", sec. 1.3): g_r = g_q * 1_{|r| <= clip}; the
// paper uses clip = 1. REQUIRES: all finite, clip >= 0.
Result<double> clipped_ste_gradient(double upstream, double x, double clip = 1.0);

// SmoothQuant migration factor (Xiao et al., 2023, "SmoothQuant: Accurate and
// Efficient Post-Training Quantization for Large Language Models", eq. 4):
// s_j = max|X_j|^alpha / max|W_j|^(1 - alpha). Activations are divided by s_j and
// weights multiplied by it. REQUIRES: act_max > 0, weight_max > 0, alpha in [0, 1].
Result<double> smoothquant_factor(double act_max, double weight_max, double alpha = 0.5);

}  // namespace derive
