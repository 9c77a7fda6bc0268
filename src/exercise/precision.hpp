// The precision a prompt asks for, turned into a tolerance and a text. The rule
// (docs/grading.md): an answer is right when it is within half a unit of the
// last requested place of the exact answer, i.e. when it would round to the
// same printed value, with a relative slack of 1e-9 for binary floating point.
#pragma once

#include <string>
#include <string_view>

#include "derive/exercise/exercise.hpp"

namespace derive {

// The largest accepted |typed - exact| for an exact answer `answer`.
// Decimals d: 0.5 * 10^-d. Significant s: 0.5 * 10^(floor(log10|answer|) - s + 1).
// Exact: 0 (plus the slack), so a whole count must be typed in full.
double tolerance(const Precision& precision, double answer);

bool within_precision(const Precision& precision, double answer, double typed);

// True when the answer would print as zero at this precision (a degenerate
// variant: "0.0000").
bool rounds_to_zero(const Precision& precision, double answer);

// The answer as the prompt asks for it: "13.6", "0.0314", "14,450,688".
std::string format_at_precision(const Precision& precision, double answer);

// True when `text` contains `number` as a whole number: "= 0.25 MB" shows
// 0.25, "0.250" and "10.25" do not.
bool shows_number(std::string_view text, std::string_view number);

// "1 decimal", "4 decimals", "3 significant figures", "the exact count".
std::string describe_precision(const Precision& precision);

}  // namespace derive
