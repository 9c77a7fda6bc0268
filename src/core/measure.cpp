#include "derive/measure.hpp"

#include <algorithm>
#include <cmath>

#include "core/checks.hpp"

namespace derive {
namespace {

// Reals in messages print as the shortest round-trip text ("1e+06").
constexpr checks::Checker check{};

}  // namespace

Result<std::int64_t> model_size_bits(std::int64_t params, std::int64_t bits) {
  DERIVE_CHECK(check.at_least("model_size_bits", "params", params, 0));
  DERIVE_CHECK(check.in_range("model_size_bits", "bits", bits, 1, 64));
  return checked_multiply(params, bits, "model_size_bits: params * bits");
}

Result<Number> model_size_bytes(std::int64_t params, std::int64_t bits) {
  DERIVE_CHECK(check.at_least("model_size_bytes", "params", params, 0));
  DERIVE_CHECK(check.in_range("model_size_bytes", "bits", bits, 1, 64));
  DERIVE_TRY(const std::int64_t total_bits,
             checked_multiply(params, bits, "model_size_bytes: params * bits"));
  if (total_bits % 8 == 0) return Number::exact(total_bits / 8);
  return Number::from_double(static_cast<double>(total_bits) / 8.0);
}

Result<Number> tensor_bytes(std::int64_t values, double bytes_per_value) {
  DERIVE_CHECK(check.at_least("tensor_bytes", "values", values, 0));
  DERIVE_CHECK(check.positive("tensor_bytes", "bytes_per_value", bytes_per_value));
  // A whole byte width keeps the count exact past 2^53; 9.2e18 bounds the cast.
  if (std::trunc(bytes_per_value) == bytes_per_value && bytes_per_value < 9.2e18) {
    DERIVE_TRY(const std::int64_t bytes, checked_multiply(values, static_cast<std::int64_t>(bytes_per_value),
                                                          "tensor_bytes: values * bytes_per_value"));
    return Number::exact(bytes);
  }
  return Number::from_double(static_cast<double>(values) * bytes_per_value);
}

Result<std::int64_t> flops_from_macs(std::int64_t macs) {
  DERIVE_CHECK(check.at_least("flops_from_macs", "macs", macs, 0));
  return checked_multiply(macs, 2, "flops_from_macs: 2 * macs");
}

Result<double> macs_from_flops(double flops) {
  DERIVE_CHECK(check.non_negative("macs_from_flops", "flops", flops));
  return flops / 2.0;
}

Result<double> arithmetic_intensity(double flops, double bytes) {
  DERIVE_CHECK(check.non_negative("arithmetic_intensity", "flops", flops));
  DERIVE_CHECK(check.positive("arithmetic_intensity", "bytes", bytes));
  return flops / bytes;
}

Result<double> ridge_point(double peak_flops_per_s, double bandwidth_bytes_per_s) {
  DERIVE_CHECK(check.positive("ridge_point", "peak_flops_per_s", peak_flops_per_s));
  DERIVE_CHECK(check.positive("ridge_point", "bandwidth_bytes_per_s", bandwidth_bytes_per_s));
  return peak_flops_per_s / bandwidth_bytes_per_s;
}

Result<double> attainable_flops_per_s(double intensity, double peak_flops_per_s,
                                      double bandwidth_bytes_per_s) {
  DERIVE_CHECK(check.non_negative("attainable_flops_per_s", "intensity", intensity));
  DERIVE_CHECK(check.positive("attainable_flops_per_s", "peak_flops_per_s", peak_flops_per_s));
  DERIVE_CHECK(check.positive("attainable_flops_per_s", "bandwidth_bytes_per_s", bandwidth_bytes_per_s));
  return std::min(peak_flops_per_s, intensity * bandwidth_bytes_per_s);
}

Result<Number> activation_bytes(std::int64_t batch, std::int64_t channels, std::int64_t height,
                                std::int64_t width, double bytes_per_value) {
  const char* fn = "activation_bytes";
  DERIVE_CHECK(check.at_least(fn, "batch", batch, 1));
  DERIVE_CHECK(check.at_least(fn, "channels", channels, 1));
  DERIVE_CHECK(check.at_least(fn, "height", height, 1));
  DERIVE_CHECK(check.at_least(fn, "width", width, 1));
  DERIVE_CHECK(check.positive(fn, "bytes_per_value", bytes_per_value));
  const char* what = "activation_bytes: batch * channels * height * width";
  DERIVE_TRY(std::int64_t values, checked_multiply(batch, channels, what));
  DERIVE_TRY(values, checked_multiply(values, height, what));
  DERIVE_TRY(values, checked_multiply(values, width, what));
  auto bytes = tensor_bytes(values, bytes_per_value);
  if (!bytes.ok()) {
    return make_error(
        "activation_bytes: the tensor's size in bytes exceeds 2^63 - 1 and cannot be counted exactly");
  }
  return bytes;
}

Result<double> inference_latency_s(double macs, double macs_per_second) {
  DERIVE_CHECK(check.non_negative("inference_latency_s", "macs", macs));
  DERIVE_CHECK(check.positive("inference_latency_s", "macs_per_second", macs_per_second));
  return macs / macs_per_second;
}

}  // namespace derive
