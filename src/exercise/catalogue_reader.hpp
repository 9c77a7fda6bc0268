// Reads catalogue TOML into the Exercise model, collecting every problem as a
// LintIssue with file and line instead of stopping at the first one.
#pragma once

#include "derive/exercise/document.hpp"
#include "derive/exercise/exercise.hpp"

namespace derive {

// Appends the chapter and exercises of one file to `catalogue`, and every
// problem found to `issues`. Expressions are parsed here; checks that need
// values (variants, templates) are done by lint_catalogue.
void read_catalogue_file(const SourceFile& file, Catalogue& catalogue, std::vector<LintIssue>& issues);

// The chapters of one file as parsed documents, not yet read (a TOML file
// holds one chapter, the JSON the WebAssembly build embeds an array of them),
// or the file's syntax error.
Result<std::vector<Document>> chapter_documents(const SourceFile& file);

// What read_catalogue_file does for one of those chapters.
void read_chapter_document(const SourceFile& file, const Document& chapter, Catalogue& catalogue,
                           std::vector<LintIssue>& issues);

}  // namespace derive
