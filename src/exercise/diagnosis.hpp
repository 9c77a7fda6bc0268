// Why a numeric answer is wrong: the exercise's own named mistakes first, then
// the slips that happen in every exercise (a factor of 2, 8, 100, 1000, 1024/1000,
// MACs vs FLOPs, log vs count, the sign, rounding), then the step of the worked
// solution that shows the number (localize.hpp). Messages name the slip
// without revealing the answer.
#pragma once

#include <optional>
#include <string>

#include "derive/exercise/exercise.hpp"

namespace derive {

// `typed` is the learner's value converted to the part's unit.
std::optional<std::string> diagnose(const Instance& instance, std::size_t part, double typed);

// The slips of every exercise alone, without the named mistakes: of all the
// slips that fit `typed`, the one whose prediction is closest to it (smallest
// |ln(typed / predicted)|), and on a tie the simplest (rounding, sign, 2, 10,
// 100, 1000, 8, 1024/1000, 10^6, 10^9, logarithms). docs/grading.md lists them.
std::optional<std::string> generic_slip(const AnswerPart& part, const UnitContext& units, double answer,
                                        double typed);

// The same for a symbolic answer: compares against the named mistakes at the
// sample points.
std::optional<std::string> diagnose_symbolic(const Instance& instance, const Expression& typed);

// Points at which symbolic answers are compared, with relative tolerance 1e-9.
bool same_function(const Expression& a, const Expression& b, const std::vector<std::string>& variables);

}  // namespace derive
