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
#include <vector>

#include "derive/result.hpp"

namespace derive {

struct Formula {
  std::string notation;  // as the catalogue writes it; empty: no formula
  std::string mathml;    // <math display="block">...</math>, MathML Core elements only
  std::string text;      // e.g. "bytes = (P · b)/8"
};

// Errors name the column (the byte offset from 1) and what was expected.
// `inline_math`: a <math> that sits in a line of text instead of a block.
Result<Formula> parse_formula(std::string_view notation, bool inline_math = false);

// A run of a sentence: plain text, or maths the catalogue wrote as plain text
// (10^6, x_min, [LAT(m) / T]^w) with its inline MathML.
struct TextRun {
  std::string text;    // as written in the sentence
  std::string mathml;  // empty for plain text
};

// Cuts `sentence` into plain runs and the scripts written in it: a base
// (a run of letters or digits, or a bracketed group) followed by _ or ^ and a
// script (a run of letters or digits, a minus and digits, or a parenthesised
// group, whose parentheses only group), possibly several (a_b^c). Each such
// run is typeset with the formula notation above; the texts of the runs,
// joined, are the sentence.
std::vector<TextRun> typeset_inline_math(std::string_view sentence);

}  // namespace derive
