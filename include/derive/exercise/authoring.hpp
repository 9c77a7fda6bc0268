// Writing an exercise (`derive author`, docs/catalogue-format.md "Write your
// first exercise"): the checks `derive lint` runs, a commented template that
// passes them, and a preview document of one variant of every exercise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "derive/exercise/document.hpp"
#include "derive/exercise/exercise.hpp"

namespace derive {

// Everything `derive lint` checks, in its order: load_catalogue() drawing
// kLintVariants variants, then lint_presentation() once the files load cleanly
// (a broken file's problems come first). Real variants are resolved with
// `resolver`; without one, a file that has them reports each as unresolved.
LoadResult lint_sources(const std::vector<SourceFile>& files, const RealResolver* resolver = nullptr);

// lint_sources() for one chapter already parsed (src/wasm/author_bindings.cpp
// reads the TOML itself), of the file named `file`.
LoadResult lint_chapter(const std::string& file, const Document& chapter);

// load_catalogue() for one chapter already parsed, of the file named file.name
// (the Author page's module parses the author's TOML itself, since the
// WebAssembly build's reader takes JSON, whose round trip would give every
// value its table's line).
LoadResult load_chapter_document(const SourceFile& file, const Document& chapter, int lint_variants = 0,
                                 bool structure = true, const RealResolver* resolver = nullptr);

// A chapter file with one commented exercise; lint_sources() finds no problem in it.
std::string_view exercise_template();

// {"issues": [{"file", "line", "message"}], "exercises": [{"id", "card"}]}
// where "card" is web::card_json's document for variant `variant` of the
// exercise, or {"error": "..."} when that variant cannot be drawn. Exercises
// are listed even when there are issues: a half-written file still previews
// what loads.
std::string author_json(const LoadResult& result, std::uint64_t variant);

}  // namespace derive
