#include "derive/decimal.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace derive {

bool read_decimal_fast(std::string_view text, double& out) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative || (i < text.size() && text[i] == '+')) ++i;
  std::int64_t m = 0;
  int digits = 0, exponent = 0;
  bool seen_digit = false, point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !point) {
      point = true;
    } else if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (m == 0 && c == '0') {
        if (point) --exponent;  // a zero before the first significant digit, after the point
        continue;
      }
      if (++digits > 15) return false;
      m = m * 10 + (c - '0');
      if (point) --exponent;
    } else {
      break;
    }
  }
  if (!seen_digit) return false;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return false;
    ++i;
    const bool minus = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (i == text.size()) return false;
    int e = 0;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9' || e > 1000) return false;
      e = e * 10 + (text[i] - '0');
    }
    exponent += minus ? -e : e;
  }
  if (m == 0) {
    out = negative ? -0.0 : 0.0;
    return true;
  }
  if (exponent < -22 || exponent > 22) return false;
  const double v = static_cast<double>(m);
  out = exponent >= 0 ? v * kPow10[exponent] : v / kPow10[-exponent];
  if (negative) out = -out;
  return true;
}

double read_decimal(std::string_view text) {
  double value = 0;
  if (read_decimal_fast(text, value)) return value;
  return std::strtod(std::string(text).c_str(), nullptr);
}

}  // namespace derive
