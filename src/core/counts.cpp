#include "core/counts.hpp"

#include <cmath>

namespace derive::counts {
namespace {

constexpr double kTwoTo53 = 9007199254740992.0;

}  // namespace

Result<std::int64_t> product(const char* what, std::initializer_list<std::int64_t> factors) {
  std::int64_t p = 1;
  for (std::int64_t f : factors) {
    DERIVE_TRY(p, checked_multiply(p, f, what));
  }
  return p;
}

Number real_result(double value) {
  return std::fabs(value) < kTwoTo53 ? Number::from_double(value) : Number::approximate_real(value);
}

bool whole_bits(double bits_each) { return std::trunc(bits_each) == bits_each && bits_each < kTwoTo53; }

Result<Number> bytes_of_bits(std::int64_t count, double bits_each, const char* what) {
  if (whole_bits(bits_each)) {
    DERIVE_TRY(const std::int64_t bits, checked_multiply(count, static_cast<std::int64_t>(bits_each), what));
    if (bits % 8 == 0) return Number::exact(bits / 8);
    return real_result(static_cast<double>(bits) / 8.0);
  }
  return real_result(static_cast<double>(count) * bits_each / 8.0);
}

}  // namespace derive::counts
