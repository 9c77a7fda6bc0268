// The JSON documents of the command-line contract (shared/catalogue.md), built
// by one writer so that the CLI and the WebAssembly build print the same bytes.
#pragma once

#include <string>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/grader.hpp"

namespace derive {

// [{"id", "chapter", "title", "has_real", "real": [{"name", "source"}, ...]}, ...] in book order.
std::string exercise_list_json(const Catalogue& catalogue);
// {"id", "chapter", "title", "prompt", "variant", "params", "answer", "explanation"}; a real
// variant (instantiate_real) adds "real" (its name) and "source" after "prompt".
std::string instance_json(const Instance& instance);
// {"correct", "feedback", "diagnosis"}
std::string verdict_json(const Verdict& verdict);

}  // namespace derive
