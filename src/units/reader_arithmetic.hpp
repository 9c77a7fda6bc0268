// Arithmetic typed as an answer: "8/255", "2^4", "4x4", "16 × 4",
// "3400000*4/1e6", "(3+4)*2". Numbers and the operators + - − × · * x / ÷ ^ with
// parentheses, no names (symbolic answers such as "1/C" are read by the
// expression engine, not here). The rules are in docs/units.md.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "derive/result.hpp"

namespace derive::reader {

struct Arithmetic {
  double value = 0.0;
  bool exact = false;      // every step was exact in rationals of 64-bit integers
  std::size_t length = 0;  // bytes of the text the expression took; the rest is a unit
  std::string text;        // the expression as typed: "8/255"
};

// Reads the longest arithmetic expression at the start of `text` that holds at
// least one operator. Nothing (nullopt) when the text is not arithmetic: no
// operator, or an operator with no number after it ("8/"). Errors, with a
// message for the learner, for a division by zero, an unclosed parenthesis or
// a result too large for a double.
Result<std::optional<Arithmetic>> read_arithmetic(std::string_view text);

}  // namespace derive::reader
