// Number formatting from two correctly rounded primitives only: snprintf (%e, %g,
// %f) and strtod. glibc and musl (the WebAssembly libc) both print and read
// doubles exactly as IEEE 754 and C11 (7.21.6.1) require, so the text here is the
// same on every platform. No std::to_chars for floats (absent from the
// WebAssembly libc++), no locale-dependent streams.
#include "derive/number_format.hpp"

#include "derive/decimal.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace derive {
namespace {

// A decimal rounding of a finite double: value = ±0.d1d2d3... × 10^(point), i.e.
// the first `point` digits are the integer part.
struct Decimal {
  bool negative = false;
  std::string digits;  // no leading zeros unless the value is 0
  int point = 0;
};

// Parses the text of printf's %e ("-1.2345e+07") into a Decimal.
Decimal parse_e(const char* text) {
  Decimal d;
  const char* p = text;
  if (*p == '-') {
    d.negative = true;
    ++p;
  }
  for (; *p != '\0' && *p != 'e'; ++p)
    if (*p >= '0' && *p <= '9') d.digits.push_back(*p);
  int exponent = (*p == 'e') ? static_cast<int>(std::strtol(p + 1, nullptr, 10)) : 0;
  d.point = exponent + 1;
  return d;
}

// `value` rounded to `figures` significant digits (correctly rounded by %e).
// REQUIRES: value finite, figures in [1, 17]
Decimal round_to_figures(double value, int figures) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", figures - 1, value);
  return parse_e(buf);
}

// The fewest digits that read back as exactly `value`. REQUIRES: value finite.
Decimal shortest_decimal(double value) {
  char buf[64];
  for (int figures = 1; figures <= 17; ++figures) {
    std::snprintf(buf, sizeof buf, "%.*e", figures - 1, value);
    if (read_decimal(buf) == value) break;  // 17 digits always round-trip
  }
  return parse_e(buf);
}

// Inserts a comma every three digits of a run of integer digits.
std::string group_digits(const std::string& digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Positional text of a Decimal (no exponent), integer part grouped or not.
std::string positional(const Decimal& d, bool grouped) {
  std::string integer_part;
  std::string fraction;
  if (d.point <= 0) {
    integer_part = "0";
    fraction = std::string(static_cast<std::size_t>(-d.point), '0') + d.digits;
  } else if (static_cast<std::size_t>(d.point) >= d.digits.size()) {
    integer_part = d.digits + std::string(static_cast<std::size_t>(d.point) - d.digits.size(), '0');
  } else {
    integer_part = d.digits.substr(0, static_cast<std::size_t>(d.point));
    fraction = d.digits.substr(static_cast<std::size_t>(d.point));
  }
  std::string out = d.negative ? "-" : "";
  out += grouped ? group_digits(integer_part) : integer_part;
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

std::string non_finite(double value) {
  if (std::isnan(value)) return "nan";
  return value < 0 ? "-inf" : "inf";
}

}  // namespace

std::string format_shortest(double value) {
  if (!std::isfinite(value)) return non_finite(value);
  char buf[64];
  for (int figures = 1; figures <= 17; ++figures) {
    std::snprintf(buf, sizeof buf, "%.*g", figures, value);
    if (read_decimal(buf) == value) break;  // 17 digits always round-trip
  }
  return buf;
}

std::string format_plain(const Number& value) {
  if (value.is_exact()) return std::to_string(value.exact_value());
  return format_shortest(value.to_double());
}

std::string format_grouped(const Number& value) {
  if (value.is_exact()) {
    std::int64_t v = value.exact_value();
    // Magnitude as unsigned so that INT64_MIN has a positive counterpart.
    std::uint64_t magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    return (v < 0 ? "-" : "") + group_digits(std::to_string(magnitude));
  }
  double x = value.to_double();
  if (!std::isfinite(x)) return non_finite(x);
  double magnitude = std::fabs(x);
  // Positional only where it stays short; beyond, an exponent reads better.
  if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) return format_shortest(x);
  if (magnitude == 0) return "0";
  return positional(shortest_decimal(x), /*grouped=*/true);
}

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return non_finite(value);
  if (decimals < 0) decimals = 0;
  if (decimals > 40) decimals = 40;
  // DBL_MAX has 309 integer digits: with a sign, a point and 40 decimals the
  // text always fits, so one pass of snprintf is enough.
  char buffer[360];
  const int size = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string out(buffer, static_cast<std::size_t>(size));
  // "-0.0000" for a tiny negative value reads as a different answer from
  // "0.0000" to a learner; the sign of a rounded zero carries no information.
  if (out[0] == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

std::string format_significant(double value, int figures) {
  if (!std::isfinite(value)) return non_finite(value);
  if (figures < 1) figures = 1;
  if (figures > 17) figures = 17;
  if (value == 0) return "0";
  Decimal d = round_to_figures(value, figures);
  int exponent = d.point - 1;  // of the rounded value, so 9.9995e14 -> 1.000e15
  if (exponent >= -4 && exponent < 15) return positional(d, /*grouped=*/true);
  std::string out = d.negative ? "-" : "";
  out += d.digits.substr(0, 1);
  if (d.digits.size() > 1) out += "." + d.digits.substr(1);
  return out + " \u00d7 10^" + std::to_string(exponent);
}

std::string format_kib(std::int64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  return text;
}

std::string format_byte_count(std::int64_t bytes) {
  const std::string count = std::to_string(bytes) + " B";
  if (bytes < 1024) return count;
  if (bytes < 1024 * 1024) return count + " (" + format_kib(bytes) + ")";
  char text[32];
  std::snprintf(text, sizeof text, "%.2f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return count + " (" + text + ")";
}

}  // namespace derive
