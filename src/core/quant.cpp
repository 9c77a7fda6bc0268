#include "derive/quant.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/checks.hpp"
#include "derive/measure.hpp"

namespace derive {
namespace {

// Reals in messages print as the shortest round-trip text ("1e+06").
constexpr checks::Checker check{};

// Largest unsigned level 2^bits - 1 (exact up to 53 bits).
double unsigned_max(std::int64_t bits) { return std::ldexp(1.0, static_cast<int>(bits)) - 1.0; }
// Largest level of the restricted signed range, 2^(bits-1) - 1.
double signed_max(std::int64_t bits) { return std::ldexp(1.0, static_cast<int>(bits - 1)) - 1.0; }

Result<double> finite_result(const char* fn, double value) {
  if (std::isfinite(value)) return value;
  return error_in(fn, "the result overflows a double");
}

Result<double> quantize_in(const char* fn, double x, double scale, double zero_point, std::int64_t bits) {
  DERIVE_CHECK(check.finite(fn, "x", x));
  DERIVE_CHECK(check.positive(fn, "scale", scale));
  DERIVE_CHECK(check.in_range(fn, "bits", bits, 1, 64));
  const double q_max = unsigned_max(bits);
  if (!std::isfinite(zero_point) || std::trunc(zero_point) != zero_point || zero_point < 0 ||
      zero_point > q_max) {
    return checks::invalid(fn, "zero_point", "a whole number in [0, " + check.text(q_max) + "]",
                           check.text(zero_point));
  }
  // x / scale may overflow to +-inf for a tiny scale; the clamp still lands on a level.
  return std::clamp(std::round(x / scale) + zero_point, 0.0, q_max);
}

Result<double> dequant_error_in(const char* fn, double x, double q, double scale, double zero_point) {
  DERIVE_CHECK(check.finite(fn, "x", x));
  DERIVE_CHECK(check.finite(fn, "q", q));
  DERIVE_CHECK(check.positive(fn, "scale", scale));
  DERIVE_CHECK(check.finite(fn, "zero_point", zero_point));
  return finite_result(fn, std::fabs(scale * (q - zero_point) - x));
}

}  // namespace

Result<std::int64_t> quant_levels(std::int64_t bits) {
  // 2^63 itself is one past the largest signed 64-bit count, so 62 is the limit.
  if (bits < 1 || bits > 62) {
    return make_error(
        "quant_levels: bits must be in [1, 62] (2^63 does not fit in a signed 64-bit count), got " +
        std::to_string(bits));
  }
  return std::int64_t{1} << bits;
}

Result<double> asym_scale(double x_min, double x_max, std::int64_t bits) {
  DERIVE_CHECK(check.finite("asym_scale", "x_min", x_min));
  DERIVE_CHECK(check.finite("asym_scale", "x_max", x_max));
  if (!(x_min < x_max)) {
    return make_error("asym_scale: x_min must be < x_max, got x_min " + check.text(x_min) + " and x_max " +
                      check.text(x_max));
  }
  DERIVE_CHECK(check.in_range("asym_scale", "bits", bits, 1, 64));
  return finite_result("asym_scale", (x_max - x_min) / unsigned_max(bits));
}

Result<double> asym_zero_point(double x_min, double scale, std::int64_t bits) {
  DERIVE_CHECK(check.finite("asym_zero_point", "x_min", x_min));
  DERIVE_CHECK(check.positive("asym_zero_point", "scale", scale));
  DERIVE_CHECK(check.in_range("asym_zero_point", "bits", bits, 1, 64));
  return std::clamp(std::round(-x_min / scale), 0.0, unsigned_max(bits));
}

Result<double> sym_scale(double abs_max, std::int64_t bits) {
  DERIVE_CHECK(check.positive("sym_scale", "abs_max", abs_max));
  DERIVE_CHECK(check.in_range("sym_scale", "bits", bits, 2, 64));
  return abs_max / signed_max(bits);
}

Result<double> quantize(double x, double scale, double zero_point, std::int64_t bits) {
  return quantize_in("quantize", x, scale, zero_point, bits);
}

Result<double> quantize_symmetric(double x, double scale, std::int64_t bits) {
  DERIVE_CHECK(check.finite("quantize_symmetric", "x", x));
  DERIVE_CHECK(check.positive("quantize_symmetric", "scale", scale));
  DERIVE_CHECK(check.in_range("quantize_symmetric", "bits", bits, 2, 64));
  const double q_max = signed_max(bits);
  return std::clamp(std::round(x / scale), -q_max, q_max);
}

Result<double> dequantize(double q, double scale, double zero_point) {
  DERIVE_CHECK(check.finite("dequantize", "q", q));
  DERIVE_CHECK(check.positive("dequantize", "scale", scale));
  DERIVE_CHECK(check.finite("dequantize", "zero_point", zero_point));
  return finite_result("dequantize", scale * (q - zero_point));
}

Result<double> dequant_error(double x, double q, double scale, double zero_point) {
  return dequant_error_in("dequant_error", x, q, scale, zero_point);
}

Result<double> quantization_error(double x, double scale, double zero_point, std::int64_t bits) {
  DERIVE_TRY(const double q, quantize_in("quantization_error", x, scale, zero_point, bits));
  return dequant_error_in("quantization_error", x, q, scale, zero_point);
}

Result<std::int64_t> codebook_index_bits(std::int64_t clusters) {
  DERIVE_CHECK(check.at_least("codebook_index_bits", "clusters", clusters, 1));
  // Smallest b with 2^b >= clusters; clusters < 2^63, so b stays <= 63.
  std::int64_t bits = 0;
  while ((std::uint64_t{1} << bits) < static_cast<std::uint64_t>(clusters)) ++bits;
  return bits;
}

Result<double> codebook_index_ratio(std::int64_t float_bits, std::int64_t clusters) {
  DERIVE_CHECK(check.in_range("codebook_index_ratio", "float_bits", float_bits, 1, 64));
  DERIVE_CHECK(check.at_least("codebook_index_ratio", "clusters", clusters, 2));
  DERIVE_TRY(const std::int64_t index_bits, codebook_index_bits(clusters));
  return static_cast<double>(float_bits) / static_cast<double>(index_bits);
}

Result<double> codebook_compression_ratio(std::int64_t weights, std::int64_t float_bits,
                                          std::int64_t clusters) {
  const char* fn = "codebook_compression_ratio";
  DERIVE_CHECK(check.at_least(fn, "weights", weights, 1));
  DERIVE_CHECK(check.in_range(fn, "float_bits", float_bits, 1, 64));
  DERIVE_CHECK(check.at_least(fn, "clusters", clusters, 1));
  DERIVE_CHECK(check.at_most(fn, "clusters", clusters, "weights", weights));
  DERIVE_TRY(const std::int64_t index_bits, codebook_index_bits(clusters));
  const char* what = "codebook_compression_ratio: bit count";
  DERIVE_TRY(const std::int64_t original, checked_multiply(weights, float_bits, what));
  DERIVE_TRY(const std::int64_t indices, checked_multiply(weights, index_bits, what));
  DERIVE_TRY(const std::int64_t codebook, checked_multiply(clusters, float_bits, what));
  DERIVE_TRY(const std::int64_t compressed, checked_add(indices, codebook, what));
  return static_cast<double>(original) / static_cast<double>(compressed);
}

Result<Number> per_channel_overhead_bytes(std::int64_t channels, double scale_bytes,
                                          double zero_point_bytes) {
  const char* fn = "per_channel_overhead_bytes";
  DERIVE_CHECK(check.at_least(fn, "channels", channels, 1));
  DERIVE_CHECK(check.positive(fn, "scale_bytes", scale_bytes));
  DERIVE_CHECK(check.non_negative(fn, "zero_point_bytes", zero_point_bytes));
  auto bytes = tensor_bytes(channels - 1, scale_bytes + zero_point_bytes);
  if (!bytes.ok()) {
    return make_error(
        "per_channel_overhead_bytes: the overhead exceeds 2^63 - 1 bytes and cannot be counted exactly");
  }
  return bytes;
}

Result<double> ste_gradient(double upstream) {
  DERIVE_CHECK(check.finite("ste_gradient", "upstream", upstream));
  return upstream;
}

Result<double> clipped_ste_gradient(double upstream, double x, double clip) {
  DERIVE_CHECK(check.finite("clipped_ste_gradient", "upstream", upstream));
  DERIVE_CHECK(check.finite("clipped_ste_gradient", "x", x));
  DERIVE_CHECK(check.non_negative("clipped_ste_gradient", "clip", clip));
  return std::fabs(x) <= clip ? upstream : 0.0;
}

Result<double> smoothquant_factor(double act_max, double weight_max, double alpha) {
  const char* fn = "smoothquant_factor";
  DERIVE_CHECK(check.positive(fn, "act_max", act_max));
  DERIVE_CHECK(check.positive(fn, "weight_max", weight_max));
  DERIVE_CHECK(check.fraction(fn, "alpha", alpha, "in [0, 1]"));
  return finite_result(fn, std::pow(act_max, alpha) / std::pow(weight_max, 1.0 - alpha));
}

}  // namespace derive
