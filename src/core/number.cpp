#include "derive/number.hpp"

#include <cmath>
#include <limits>

namespace derive {
namespace {

constexpr double kTwoTo53 = 9007199254740992.0;

Number merge_approximate(Number n, const Number& a, const Number& b) {
  if (a.approximate() || b.approximate()) return Number::approximate_real(n.to_double());
  return n;
}

// An exact chain that overflowed: the double result is approximate only if it is
// beyond the range where doubles still represent every integer.
Number overflowed(double value) {
  if (std::fabs(value) < kTwoTo53) return Number::from_double(value);
  return Number::approximate_real(value);
}

}  // namespace

Number Number::exact(std::int64_t value) {
  Number n;
  n.integer_ = value;
  return n;
}

Number Number::from_double(double value) {
  if (std::isfinite(value) && std::fabs(value) <= kTwoTo53 && std::trunc(value) == value) {
    return exact(static_cast<std::int64_t>(value));
  }
  Number n;
  n.exact_ = false;
  n.real_ = value;
  return n;
}

Number Number::approximate_real(double value) {
  Number n;
  n.exact_ = false;
  n.real_ = value;
  n.approximate_ = true;
  return n;
}

bool Number::is_integral() const {
  if (exact_) return true;
  return std::isfinite(real_) && std::trunc(real_) == real_;
}

Number operator+(const Number& a, const Number& b) {
  if (a.exact_ && b.exact_) {
    std::int64_t r;
    if (!__builtin_add_overflow(a.integer_, b.integer_, &r)) return Number::exact(r);
    return overflowed(a.to_double() + b.to_double());
  }
  return merge_approximate(Number::from_double(a.to_double() + b.to_double()), a, b);
}

Number operator-(const Number& a, const Number& b) {
  if (a.exact_ && b.exact_) {
    std::int64_t r;
    if (!__builtin_sub_overflow(a.integer_, b.integer_, &r)) return Number::exact(r);
    return overflowed(a.to_double() - b.to_double());
  }
  return merge_approximate(Number::from_double(a.to_double() - b.to_double()), a, b);
}

Number operator*(const Number& a, const Number& b) {
  if (a.exact_ && b.exact_) {
    std::int64_t r;
    if (!__builtin_mul_overflow(a.integer_, b.integer_, &r)) return Number::exact(r);
    return overflowed(a.to_double() * b.to_double());
  }
  return merge_approximate(Number::from_double(a.to_double() * b.to_double()), a, b);
}

Number operator-(const Number& a) { return Number::exact(0) - a; }

Result<Number> divide(const Number& a, const Number& b) {
  if (b.to_double() == 0.0) return make_error("division by zero");
  if (a.exact_ && b.exact_ && !(a.integer_ == std::numeric_limits<std::int64_t>::min() && b.integer_ == -1) &&
      a.integer_ % b.integer_ == 0) {
    return Number::exact(a.integer_ / b.integer_);
  }
  return merge_approximate(Number::from_double(a.to_double() / b.to_double()), a, b);
}

Number power(const Number& base, const Number& exponent) {
  if (base.exact_ && exponent.exact_ && exponent.integer_ >= 0) {
    std::int64_t result = 1;
    bool overflow = false;
    for (std::int64_t i = 0; i < exponent.integer_ && !overflow; ++i) {
      overflow = __builtin_mul_overflow(result, base.integer_, &result);
      // 0, 1 and -1 stay small however long the loop runs; stop early for them.
      if (base.integer_ >= -1 && base.integer_ <= 1 && i > 2) break;
    }
    if (base.integer_ == -1) result = (exponent.integer_ % 2 == 0) ? 1 : -1;
    if (!overflow) return Number::exact(result);
    return overflowed(std::pow(base.to_double(), exponent.to_double()));
  }
  return merge_approximate(Number::from_double(std::pow(base.to_double(), exponent.to_double())), base,
                           exponent);
}

bool operator==(const Number& a, const Number& b) {
  if (a.exact_ && b.exact_) return a.integer_ == b.integer_;
  return a.to_double() == b.to_double();
}

bool operator<(const Number& a, const Number& b) {
  if (a.exact_ && b.exact_) return a.integer_ < b.integer_;
  return a.to_double() < b.to_double();
}

// `what` is "<function>: <quantity>" by the convention of core/checks.hpp, a
// literal of the caller's, so the error names its function structurally.
static Error count_overflow(const char* what) {
  const std::string_view text(what);
  const std::size_t colon = text.find(": ");
  const std::string reason = std::string(colon == std::string_view::npos ? text : text.substr(colon + 2)) +
                             " exceeds 2^63 - 1 and cannot be counted exactly";
  if (colon == std::string_view::npos) return make_error(ErrorCode::Overflow, reason);
  return error_in(std::string(text.substr(0, colon)), reason, ErrorCode::Overflow);
}

Result<std::int64_t> checked_multiply(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) {
    return count_overflow(what);
  }
  return r;
}

Result<std::int64_t> checked_add(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) {
    return count_overflow(what);
  }
  return r;
}

}  // namespace derive
