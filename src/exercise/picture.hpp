// The kinds of picture an exercise card can show (docs/catalogue-format.md,
// "picture"): for each kind, the values it plots (expressions over the
// exercise's parameters and definitions, evaluated per variant) and the words
// that choose its labels. The web trainer's modules/plots.js draws each kind.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "derive/exercise/document.hpp"
#include "derive/exercise/exercise.hpp"

namespace derive {

// Reads `picture = { kind = "...", ... }`; every problem is added to
// `problems` with the line it is on. A picture with a problem keeps an empty kind.
Picture read_picture(const Document& node, std::vector<std::pair<int, std::string>>& problems);

// The picture's values for one variant, in the catalogue's order, checked
// against what the kind plots (a list where it wants a list, else a finite number).
Result<std::vector<std::pair<std::string, Value>>> picture_values(const Picture& picture,
                                                                  const Environment& env);

}  // namespace derive
