// Error localization: where in the worked solution a wrong number went off.
// A learner who stops one step short, or types a number the question gives,
// types a number the solution shows on its way to the answer; this finds it
// among the placeholders of the variant's own steps, so every exercise of the
// catalogue gets it without a word written per exercise.
#pragma once

#include <optional>
#include <string>

#include "derive/exercise/exercise.hpp"

namespace derive {

// `typed` is the learner's value in the unit of part `part`. Compares it, and
// the same value in the unit's base (bytes, MACs, ...), with every number the
// steps show: a whole number must match exactly, any other within 0.5 %. The
// first step that computes it wins over a number the question gives.
//
// The message names the step ("step 2 of 4") and quotes it when that shows
// nothing of the answer: never the last step, never a step holding a number
// that is the answer up to a unit's factor (10^±3, 10^±6, 10^±9, 1024, 8, 2,
// 10, 100, the sign). Numbers that are themselves the answer up to such a
// factor are never matched (generic_slip explains those).
std::optional<std::string> localize(const Instance& instance, std::size_t part, double typed);

}  // namespace derive
