// Exact counting helpers shared by the engine topics: products of counts and
// byte sizes that stay exact integers for as long as 64 bits allow.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "derive/number.hpp"

namespace derive::counts {

// The product of `factors`, with overflow reported as "<what> exceeds 2^63 - 1 ...".
Result<std::int64_t> product(const char* what, std::initializer_list<std::int64_t> factors);

// A double result as a Number, marked approximate past 2^53, where a double no
// longer holds every integer.
Number real_result(double value);

// count * bits_each / 8 as bytes. When bits_each is whole (16, 4, 2 * 8) the
// product is formed in integer bits and stays exact up to 2^63 - 1 bits (past
// that, an error naming `what`); a fractional bit width (3.5 bits) gives a double.
Result<Number> bytes_of_bits(std::int64_t count, double bits_each, const char* what);

// Whether bytes_of_bits counts `bits_each` in exact integer bits.
bool whole_bits(double bits_each);

}  // namespace derive::counts
