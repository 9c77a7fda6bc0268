// Which exercises a command works on: a chapter's, or a list of ids written
// "a,b,c" (the order kept, each once). Shared by export-scorm and assignment.
#pragma once

#include <string>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "derive/result.hpp"

namespace derive::cli {

// The exercises of chapter `name` in book order; an unknown name gets the
// nearest chapter names.
Result<std::vector<const Exercise*>> chapter_exercises(const Catalogue& catalogue, const std::string& name);

// The exercises named in `list` ("llm.kv-cache,quant.levels"), in that order;
// an unknown id gets the nearest ids, a repeated or empty one is refused.
Result<std::vector<const Exercise*>> listed_exercises(const Catalogue& catalogue, const std::string& list);

}  // namespace derive::cli
