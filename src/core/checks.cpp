#include "core/checks.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "derive/number.hpp"
#include "derive/number_format.hpp"

namespace derive::checks {

std::string plain_text(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return format_plain(Number::from_double(x));
}

Error fail(const char* function, const std::string& what) { return error_in(function, what); }

Error invalid(const char* function, const char* name, const std::string& expected, const std::string& got) {
  return fail(function, std::string(name) + " must be " + expected + ", got " + got);
}

Status Checker::at_least(const char* function, const char* name, std::int64_t value, std::int64_t min) const {
  if (value >= min) return {};
  return invalid(function, name, ">= " + std::to_string(min), std::to_string(value));
}

Status Checker::at_most(const char* function, const char* name, std::int64_t value, const char* limit_name,
                        std::int64_t limit) const {
  if (value <= limit) return {};
  return invalid(function, name, "<= " + std::string(limit_name) + " (" + std::to_string(limit) + ")",
                 std::to_string(value));
}

Status Checker::in_range(const char* function, const char* name, std::int64_t value, std::int64_t lo,
                         std::int64_t hi) const {
  if (value >= lo && value <= hi) return {};
  return invalid(function, name, "in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
                 std::to_string(value));
}

Status Checker::same_length(const char* function, const char* a_name, std::size_t a, const char* b_name,
                            std::size_t b) const {
  if (a == b) return {};
  return fail(function, std::string(a_name) + " and " + b_name + " must have the same length, got " +
                            std::to_string(a) + " and " + std::to_string(b));
}

Status Checker::finite(const char* function, const char* name, double x) const {
  if (std::isfinite(x)) return {};
  return invalid(function, name, "a finite number", text(x));
}

Status Checker::positive(const char* function, const char* name, double x) const {
  if (std::isfinite(x) && x > 0) return {};
  return invalid(function, name, "a finite number > 0", text(x));
}

Status Checker::non_negative(const char* function, const char* name, double x) const {
  if (std::isfinite(x) && x >= 0) return {};
  return invalid(function, name, "a finite number >= 0", text(x));
}

Status Checker::fraction(const char* function, const char* name, double x, const char* expected) const {
  if (std::isfinite(x) && x >= 0 && x <= 1) return {};
  return invalid(function, name, expected, text(x));
}

Status Checker::sums_to_one(const char* function, const char* name, const std::vector<double>& values) const {
  constexpr double kSumTolerance = 1e-9;
  double sum = 0.0;
  for (double v : values) sum += v;
  if (std::fabs(sum - 1.0) > kSumTolerance) {
    return fail(function, std::string(name) + " must sum to 1 within 1e-9, got a sum of " + text(sum));
  }
  return {};
}

}  // namespace derive::checks
