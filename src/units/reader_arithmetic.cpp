// Arithmetic typed as an answer, by recursive descent over the usual grammar
// (^ binds tightest and to the right, then unary signs, then × and /, then +
// and −). Values are rationals of 64-bit integers while every step stays
// exact, so "8/255" and "7^14" are exact; a step that overflows, a decimal
// power or an irrational result falls back to double.
#include "units/reader_arithmetic.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <utility>

namespace derive::reader {
namespace {

struct Q {
  bool exact = true;
  std::int64_t num = 0, den = 1;  // den > 0, gcd(num, den) == 1 when exact
  double real = 0.0;              // always set

  static Q integer(std::int64_t n) { return {true, n, 1, static_cast<double>(n)}; }
  static Q inexact(double v) { return {false, 0, 1, v}; }
};

Q reduced(std::int64_t num, std::int64_t den) {
  if (den < 0) {
    if (num == INT64_MIN || den == INT64_MIN)
      return Q::inexact(static_cast<double>(num) / static_cast<double>(den));
    num = -num;
    den = -den;
  }
  const std::int64_t g = std::gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return {true, num, den, static_cast<double>(num) / static_cast<double>(den)};
}

bool mul(std::int64_t a, std::int64_t b, std::int64_t* out) { return !__builtin_mul_overflow(a, b, out); }
bool add(std::int64_t a, std::int64_t b, std::int64_t* out) { return !__builtin_add_overflow(a, b, out); }

Q plus(const Q& a, const Q& b) {
  std::int64_t x, y, n, d;
  if (a.exact && b.exact && mul(a.num, b.den, &x) && mul(b.num, a.den, &y) && add(x, y, &n) &&
      mul(a.den, b.den, &d))
    return reduced(n, d);
  return Q::inexact(a.real + b.real);
}
Q negate(const Q& a) {
  if (a.exact && a.num != INT64_MIN) return {true, -a.num, a.den, -a.real};
  return Q::inexact(-a.real);
}
Q times(const Q& a, const Q& b) {
  std::int64_t n, d;
  if (a.exact && b.exact && mul(a.num, b.num, &n) && mul(a.den, b.den, &d)) return reduced(n, d);
  return Q::inexact(a.real * b.real);
}
Q reciprocal(const Q& a) {  // REQUIRES: a != 0
  if (a.exact) return reduced(a.den, a.num);
  return Q::inexact(1.0 / a.real);
}
Q raise(const Q& base, const Q& exponent) {
  if (base.exact && exponent.exact && exponent.den == 1 && exponent.num >= -64 && exponent.num <= 64 &&
      (base.num != 0 || exponent.num >= 0)) {
    Q result = Q::integer(1);
    const Q factor = exponent.num < 0 ? reciprocal(base) : base;
    for (std::int64_t k = 0; k < std::llabs(exponent.num) && result.exact; ++k)
      result = times(result, factor);
    if (result.exact) return result;
  }
  return Q::inexact(std::pow(base.real, exponent.real));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Q> expression() {
    auto left = term();
    if (!left) return left;
    Q value = *left;
    for (;;) {
      const std::size_t before = at_;
      skip_spaces();
      bool minus = take("-") || take("\u2212");
      if (!minus && !take("+")) {
        at_ = before;
        return value;
      }
      auto right = term();
      if (!right) return right;
      operators_ += 1;
      value = plus(value, minus ? negate(*right) : *right);
    }
  }

  std::size_t end() const { return end_; }
  int operators() const { return operators_; }
  // True when parsing stopped where a number was expected ("8/", "abc").
  bool missing_number() const { return missing_number_; }

 private:
  Result<Q> term() {
    auto left = unary();
    if (!left) return left;
    Q value = *left;
    for (;;) {
      const std::size_t before = at_;
      skip_spaces();
      bool divide = take("/") || take("\u00f7");
      bool multiply =
          !divide && (take("*") || take("\u00d7") || take("\u00b7") || take("\u22c5") || take_x());
      if (!divide && !multiply) {
        at_ = before;
        return value;
      }
      auto right = unary();
      if (!right) return right;
      operators_ += 1;
      if (divide) {
        if (right->real == 0.0 && (!right->exact || right->num == 0))
          return make_error("division by zero in '" + std::string(text_.substr(0, at_)) + "'");
        value = times(value, reciprocal(*right));
      } else {
        value = times(value, *right);
      }
    }
  }

  Result<Q> unary() {
    skip_spaces();
    if (take("-") || take("\u2212")) {
      auto inner = unary();
      if (!inner) return inner;
      return negate(*inner);
    }
    if (take("+")) return unary();
    return power();
  }

  Result<Q> power() {
    auto base = primary();
    if (!base) return base;
    const std::size_t before = at_;
    skip_spaces();
    if (!take("^")) {
      at_ = before;
      return base;
    }
    auto exponent = unary();
    if (!exponent) return exponent;
    operators_ += 1;
    return raise(*base, *exponent);
  }

  Result<Q> primary() {
    skip_spaces();
    if (take("(")) {
      auto inner = expression();
      if (!inner) return inner;
      skip_spaces();
      if (!take(")")) return make_error("a '(' is not closed in '" + std::string(text_) + "'");
      end_ = at_;
      return inner;
    }
    return number();
  }

  // Digits with an optional fraction and exponent: 3, 3.5, .5, 1e6, 2.5E-3.
  Result<Q> number() {
    const std::size_t start = at_;
    std::string integer, fraction;
    while (at_ < text_.size() && is_digit(text_[at_])) integer += text_[at_++];
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      while (at_ < text_.size() && is_digit(text_[at_])) fraction += text_[at_++];
    }
    if (integer.empty() && fraction.empty()) {
      at_ = start;
      missing_number_ = true;
      return make_error("expected a number");
    }
    long exponent = 0;
    if (at_ + 1 < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      std::size_t k = at_ + 1;
      bool negative = false;
      if (text_[k] == '-' || text_[k] == '+') negative = text_[k++] == '-';
      std::string digits;
      while (k < text_.size() && is_digit(text_[k]) && digits.size() < 6) digits += text_[k++];
      if (!digits.empty()) {
        exponent = std::atol(digits.c_str()) * (negative ? -1 : 1);
        at_ = k;
      }
    }
    end_ = at_;
    // Exact when the digits and the power of ten fit: 12.5 is 125/10.
    Q value = Q::integer(0);
    std::int64_t digits = 0;
    bool fits = integer.size() + fraction.size() <= 18;
    if (fits) digits = std::atoll((integer + fraction).c_str());
    const long scale = exponent - static_cast<long>(fraction.size());
    if (fits && scale >= -18 && scale <= 18) {
      const Q ten = Q::integer(10);
      value = times(Q::integer(digits), raise(ten, Q::integer(scale)));
      if (value.exact) return value;
    }
    const std::string clean =
        (integer.empty() ? "0" : integer) + "." + fraction + "e" + std::to_string(exponent);
    return Q::inexact(std::strtod(clean.c_str(), nullptr));
  }

  // "4x4", "4 x 4": an x between two operands is a times sign; "7.9x" is not.
  bool take_x() {
    if (at_ >= text_.size() || (text_[at_] != 'x' && text_[at_] != 'X')) return false;
    std::size_t k = at_ + 1;
    while (k < text_.size() && text_[k] == ' ') ++k;
    if (k >= text_.size() || !(is_digit(text_[k]) || text_[k] == '.' || text_[k] == '(')) return false;
    at_ += 1;
    return true;
  }

  bool take(std::string_view literal) {
    if (text_.substr(at_, literal.size()) != literal) return false;
    at_ += literal.size();
    return true;
  }
  void skip_spaces() {
    while (at_ < text_.size() && text_[at_] == ' ') ++at_;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::size_t end_ = 0;
  int operators_ = 0;
  bool missing_number_ = false;
};

}  // namespace

Result<std::optional<Arithmetic>> read_arithmetic(std::string_view text) {
  Parser parser(text);
  auto value = parser.expression();
  if (!value && parser.missing_number()) return std::optional<Arithmetic>();
  if (!value) return value.error();
  if (parser.operators() == 0) return std::optional<Arithmetic>();
  if (!std::isfinite(value->real))
    return make_error("'" + std::string(text) + "' is too large to read as a number");
  Arithmetic out;
  out.value = value->real;
  out.exact = value->exact;
  out.length = parser.end();
  out.text = std::string(text.substr(0, parser.end()));
  return std::optional<Arithmetic>(std::move(out));
}

}  // namespace derive::reader
