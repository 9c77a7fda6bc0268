// Measuring a model before shrinking it: storage, compute and the roofline.
//
// Counts (bits, FLOPs) are exact 64-bit integers and overflow is an error;
// byte sizes are Numbers, exact when the result is a whole number of bytes.
// Roofline quantities follow Williams, Waterman & Patterson (2009), "Roofline:
// an insightful visual performance model for multicore architectures", CACM 52(4).
#pragma once

#include <cstdint>

#include "derive/number.hpp"
#include "derive/result.hpp"

namespace derive {

// Storage of `params` values at `bits` bits each, in bits: params * bits.
// REQUIRES: params >= 0, bits in [1, 64].
Result<std::int64_t> model_size_bits(std::int64_t params, std::int64_t bits);

// The same in bytes (1 B = 8 bits): params * bits / 8. Exact when the bit count is
// divisible by 8, otherwise a real (e.g. 3 parameters at 4 bits = 1.5 B).
Result<Number> model_size_bytes(std::int64_t params, std::int64_t bits);

// Bytes of `values` values at `bytes_per_value` bytes each. Exact when
// bytes_per_value is a whole number; a real otherwise (0.5 B for INT4).
// REQUIRES: values >= 0, bytes_per_value finite and > 0.
Result<Number> tensor_bytes(std::int64_t values, double bytes_per_value);

// FLOPs of `macs` multiply-accumulates, counting a MAC as one multiply plus one
// add: 2 * macs. (A convention, not a law: some papers and vendors call a fused
// multiply-add one FLOP; always check which one a number uses.)
Result<std::int64_t> flops_from_macs(std::int64_t macs);
// The inverse convention: flops / 2. REQUIRES: flops finite and >= 0.
Result<double> macs_from_flops(double flops);

// Roofline operational intensity I = flops / bytes moved to and from DRAM (FLOP/B).
// REQUIRES: flops >= 0, bytes > 0, both finite.
Result<double> arithmetic_intensity(double flops, double bytes);

// Roofline ridge point: the intensity where the bandwidth roof meets the compute
// roof, peak / bandwidth (FLOP/B). Below it a kernel is memory-bound.
// REQUIRES: both > 0 and finite.
Result<double> ridge_point(double peak_flops_per_s, double bandwidth_bytes_per_s);

// Roofline attainable performance: min(peak, intensity * bandwidth) in FLOP/s.
// An upper bound: real kernels reach it only with perfect overlap and caching.
// REQUIRES: intensity >= 0, peak > 0, bandwidth > 0, all finite.
Result<double> attainable_flops_per_s(double intensity, double peak_flops_per_s,
                                      double bandwidth_bytes_per_s);

// Bytes of one NCHW activation tensor: batch * channels * height * width *
// bytes_per_value. Exact when bytes_per_value is whole.
// REQUIRES: batch, channels, height, width >= 1; bytes_per_value finite and > 0.
Result<Number> activation_bytes(std::int64_t batch, std::int64_t channels, std::int64_t height,
                                std::int64_t width, double bytes_per_value = 4.0);

// Time to run `macs` MACs at a sustained `macs_per_second`: macs / rate, in
// seconds. A lower bound: it assumes a compute-bound layer at full utilisation
// and ignores memory stalls, so real latency is at least this.
// REQUIRES: macs >= 0, macs_per_second > 0, both finite.
Result<double> inference_latency_s(double macs, double macs_per_second);

}  // namespace derive
