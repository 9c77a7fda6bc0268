// Number: a value that remembers whether it is an exact integer.
//
// Counts in this field get large: a 70B-parameter model's MACs per token times a
// million tokens is about 7e16, past 2^53, where a double can no longer hold every
// integer. A Number keeps integers exact in 64 bits for as long as every operation
// on them is exact (+, -, *, integer powers, divisions that leave no remainder).
// Anything else (a fraction, a square root) turns it into a double. If an exact
// operation would overflow 64 bits the result falls back to a double and is marked
// approximate(), so a front end can print "≈" instead of silently losing digits.
#pragma once

#include <cstdint>
#include <string>

#include "derive/result.hpp"

namespace derive {

class Number {
 public:
  Number() = default;  // exact 0

  static Number exact(std::int64_t value);
  // An integral double within ±2^53 becomes exact; anything else stays a double.
  static Number from_double(double value);
  // A double that lost integer precision on the way (overflow of an exact chain).
  static Number approximate_real(double value);

  bool is_exact() const { return exact_; }
  // REQUIRES: is_exact()
  std::int64_t exact_value() const { return integer_; }
  double to_double() const { return exact_ ? static_cast<double>(integer_) : real_; }
  // True when an exact computation overflowed 64 bits and continued as a double.
  bool approximate() const { return approximate_; }
  // True when the value is a whole number (exact, or a double with no fraction).
  bool is_integral() const;

  friend Number operator+(const Number& a, const Number& b);
  friend Number operator-(const Number& a, const Number& b);
  friend Number operator*(const Number& a, const Number& b);
  friend Number operator-(const Number& a);
  // Division by zero is the one arithmetic error a user can cause with finite
  // inputs; everything else is total.
  friend Result<Number> divide(const Number& a, const Number& b);
  // Exact when the base is exact and the exponent a non-negative exact integer
  // whose result fits in 64 bits.
  friend Number power(const Number& base, const Number& exponent);

  friend bool operator==(const Number& a, const Number& b);
  friend bool operator<(const Number& a, const Number& b);

 private:
  std::int64_t integer_ = 0;
  double real_ = 0.0;
  bool exact_ = true;
  bool approximate_ = false;
};

inline bool operator!=(const Number& a, const Number& b) { return !(a == b); }
inline bool operator>(const Number& a, const Number& b) { return b < a; }
inline bool operator<=(const Number& a, const Number& b) { return !(b < a); }
inline bool operator>=(const Number& a, const Number& b) { return !(a < b); }

// Checked 64-bit integer arithmetic for the engine's count functions: overflow is
// an error that names the quantity, never a wrapped value.
Result<std::int64_t> checked_multiply(std::int64_t a, std::int64_t b, const char* what);
Result<std::int64_t> checked_add(std::int64_t a, std::int64_t b, const char* what);

}  // namespace derive
