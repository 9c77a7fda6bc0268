#include "derive/mcu.hpp"

#include <string>

#include "core/checks.hpp"
#include "core/counts.hpp"

namespace derive {
namespace {

// Reals in messages print as plain digits when whole ("1000000").
constexpr checks::Checker check{};

// count * bytes_each as bytes. When bytes_each is a whole number of bits (1,
// 0.5 for 4-bit, 0.125 for 1-bit) the product is formed in integer bits and
// stays exact up to 2^63 - 1 bits (past that, an error); otherwise a double.
Result<Number> bytes_of(std::int64_t count, double bytes_each, const char* what) {
  const double bits_each = bytes_each * 8.0;
  if (counts::whole_bits(bits_each)) return counts::bytes_of_bits(count, bits_each, what);
  return counts::real_result(static_cast<double>(count) * bytes_each);
}

}  // namespace

Result<Number> peak_sram_two_buffer_bytes(std::int64_t in_channels, std::int64_t out_channels,
                                          std::int64_t height, std::int64_t width, double bytes_per_value) {
  constexpr const char* kName = "peak_sram_two_buffer_bytes";
  DERIVE_CHECK(check.at_least(kName, "in_channels", in_channels, 1));
  DERIVE_CHECK(check.at_least(kName, "out_channels", out_channels, 1));
  DERIVE_CHECK(check.at_least(kName, "height", height, 1));
  DERIVE_CHECK(check.at_least(kName, "width", width, 1));
  DERIVE_CHECK(check.positive(kName, "bytes_per_value", bytes_per_value));
  constexpr const char* kWhat = "peak_sram_two_buffer_bytes: the number of values in both buffers";
  DERIVE_TRY(const std::int64_t channels, checked_add(in_channels, out_channels, kWhat));
  DERIVE_TRY(const std::int64_t pixels, checked_multiply(height, width, kWhat));
  DERIVE_TRY(const std::int64_t values, checked_multiply(channels, pixels, kWhat));
  return bytes_of(values, bytes_per_value, "peak_sram_two_buffer_bytes: the size of both buffers in bits");
}

Result<double> two_buffer_bytes(double input_bytes, double output_bytes) {
  DERIVE_CHECK(check.non_negative("two_buffer_bytes", "input_bytes", input_bytes));
  DERIVE_CHECK(check.non_negative("two_buffer_bytes", "output_bytes", output_bytes));
  return input_bytes + output_bytes;
}

Result<std::int64_t> patch_sram_reduction(std::int64_t patches) {
  DERIVE_CHECK(check.at_least("patch_sram_reduction", "patches", patches, 1));
  return checked_multiply(patches, patches, "patch_sram_reduction: patches^2");
}

Result<double> patch_sram_bytes(double sram_bytes, std::int64_t patches) {
  DERIVE_CHECK(check.non_negative("patch_sram_bytes", "sram_bytes", sram_bytes));
  DERIVE_CHECK(check.at_least("patch_sram_bytes", "patches", patches, 1));
  // P^2 as a double: a patch count past 2^26 would already leave less than a
  // byte per patch for any real SRAM, so rounding here cannot matter.
  const double split = static_cast<double>(patches) * static_cast<double>(patches);
  return sram_bytes / split;
}

Result<std::int64_t> im2col_values(std::int64_t kernel, std::int64_t in_channels, std::int64_t out_height,
                                   std::int64_t out_width) {
  constexpr const char* kName = "im2col_values";
  DERIVE_CHECK(check.at_least(kName, "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least(kName, "in_channels", in_channels, 1));
  DERIVE_CHECK(check.at_least(kName, "out_height", out_height, 1));
  DERIVE_CHECK(check.at_least(kName, "out_width", out_width, 1));
  constexpr const char* kWhat = "im2col_values: the number of values";
  // Rows: one per element of a receptive field, k * k * in_channels.
  DERIVE_TRY(const std::int64_t area, checked_multiply(kernel, kernel, kWhat));
  DERIVE_TRY(const std::int64_t rows, checked_multiply(area, in_channels, kWhat));
  // Columns: one per output position, out_height * out_width.
  DERIVE_TRY(const std::int64_t columns, checked_multiply(out_height, out_width, kWhat));
  return checked_multiply(rows, columns, kWhat);
}

Result<Number> flash_bytes(std::int64_t params, double bytes_per_param, double firmware_bytes) {
  constexpr const char* kName = "flash_bytes";
  DERIVE_CHECK(check.at_least(kName, "params", params, 1));
  DERIVE_CHECK(check.positive(kName, "bytes_per_param", bytes_per_param));
  DERIVE_CHECK(check.non_negative(kName, "firmware_bytes", firmware_bytes));
  DERIVE_TRY(const Number weights,
             bytes_of(params, bytes_per_param, "flash_bytes: the size of the weights in bits"));
  // The weights are at most (2^63 - 1) / 8 bytes and firmware_bytes is a double,
  // so the sum cannot overflow; a fractional or huge firmware size makes it a
  // double, marked approximate past 2^53.
  const Number total = weights + Number::from_double(firmware_bytes);
  if (!total.is_exact()) return counts::real_result(total.to_double());
  return total;
}

Result<Number> row_tiling_bytes(std::int64_t kernel, std::int64_t width, std::int64_t channels,
                                double bytes_per_value) {
  constexpr const char* kName = "row_tiling_bytes";
  DERIVE_CHECK(check.at_least(kName, "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least(kName, "width", width, 1));
  DERIVE_CHECK(check.at_least(kName, "channels", channels, 1));
  DERIVE_CHECK(check.positive(kName, "bytes_per_value", bytes_per_value));
  constexpr const char* kWhat = "row_tiling_bytes: the number of values in K rows";
  // K input rows of width * channels values each.
  DERIVE_TRY(const std::int64_t row, checked_multiply(width, channels, kWhat));
  DERIVE_TRY(const std::int64_t values, checked_multiply(kernel, row, kWhat));
  return bytes_of(values, bytes_per_value, "row_tiling_bytes: the size of K rows in bits");
}

}  // namespace derive
