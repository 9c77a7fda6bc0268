// Reads catalogue TOML into the Exercise model, collecting every problem as a
// LintIssue with file and line instead of stopping at the first one.
#pragma once

#include "derive/exercise/exercise.hpp"

namespace derive {

// Appends the chapter and exercises of one file to `catalogue`, and every
// problem found to `issues`. Expressions are parsed here; checks that need
// values (variants, templates) are done by lint_catalogue.
void read_catalogue_file(const SourceFile& file, Catalogue& catalogue, std::vector<LintIssue>& issues);

}  // namespace derive
