// Step hints: the worked solution shown one step at a time, with the
// variant's own numbers, the answer held back until the learner asks for the
// solution. The CLI's `h` and the web card's Hint button both stop where
// hint_steps() says. Implemented beside the error localization
// (src/exercise/localize.cpp), which reads the steps' numbers the same way.
#pragma once

#include <cstddef>

#include "derive/exercise/exercise.hpp"

namespace derive {

// How many steps of the worked solution a hint may show, from the first: the
// steps before the first one that shows the answer up to a unit's factor
// (10^±3, 10^±6, 10^±9, 1024, 8, 2, 10, 100, the sign), and never the last. For "2 x 512^2 x 2,048 =
// 2,147,483,648 FLOPs" before "= 2.15 GFLOPs", that step is held back too.
std::size_t hint_steps(const Instance& instance);

}  // namespace derive
