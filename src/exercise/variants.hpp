// Drawing a variant's parameter values (docs/catalogue-format.md, "Parameters").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "derive/result.hpp"
#include "exercise/prng.hpp"

namespace derive {

using ParamValues = std::vector<std::pair<std::string, Value>>;

// The canonical values (variant 0), in declaration order.
ParamValues canonical_params(const Exercise& exercise);

// One draw: independent parameters in declaration order from `rng`, then
// derived ones once the names they read are known. Errors: a parameter whose
// draw spec failed validation (DrawSpec::Kind::Invalid), a derived parameter
// that cannot be evaluated or depends on itself.
Result<ParamValues> draw_params(const Exercise& exercise, VariantRng& rng);

// Chosen values (a real layer, model or board): each independent parameter
// from `given` or else its canonical value, then the derived ones computed.
// Errors name the exercise and the parameter: an unknown name (the known ones
// are listed), a derived parameter given, a list given for a number or the
// reverse.
Result<ParamValues> given_params(const Exercise& exercise, const ParamValues& given);

// Rounds to 12 significant figures: grid points such as 0.1 + 3 * 0.1 come out
// as 0.4, not 0.40000000000000002, so prompts and JSON show clean numbers.
double clean_decimal(double value);

}  // namespace derive
