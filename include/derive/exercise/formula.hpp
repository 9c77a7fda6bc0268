// An exercise's main relation, written in the catalogue in a small notation
// and converted once, when the catalogue is read, to MathML (for the web
// trainer) and to one line of plain text (for the terminal). The notation is
// documented in docs/catalogue-format.md ("formula"):
//   a_b subscript, a^b superscript, a_b^c both, a/b stacked fraction,
//   a//b an inline slash, {...} a group, "text" upright words, digits a
//   number, a run of letters one identifier (exp, max), x̂ a letter with a
//   hat; every other symbol is an operator.
#pragma once

#include <string>
#include <string_view>

#include "derive/result.hpp"

namespace derive {

struct Formula {
  std::string notation;  // as the catalogue writes it; empty: no formula
  std::string mathml;    // <math display="block">...</math>, MathML Core elements only
  std::string text;      // e.g. "bytes = (P · b)/8"
};

// Errors name the column (the byte offset from 1) and what was expected.
Result<Formula> parse_formula(std::string_view notation);

}  // namespace derive
