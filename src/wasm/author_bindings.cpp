// The Author page's own WebAssembly module (derive_author.wasm), apart from the
// trainer's derive.wasm so that the trainer's first load does not carry toml++:
// web/modules/author.js fetches it when the Author page (#/author) opens.
//
// Contract, as for bindings.cpp: C functions taking numbers and NUL-terminated
// UTF-8 texts and returning NUL-terminated UTF-8 JSON, valid until the next
// call into this module; nothing throws across the boundary (toml++ is built
// with TOML_EXCEPTIONS=0) and every failure comes back as {"error": message}
// or as an issue of the lint report.
//
// The exercise layer of this build reads catalogues as JSON (document.hpp);
// the author's TOML is read here with toml++ into the tree the layer reads,
// every value with its line, so every message names the line of the author's
// file, as `derive author` does.
#include <emscripten/emscripten.h>

#include <cmath>
#include <string>

#include "derive/exercise/authoring.hpp"
#include "derive/exercise/document.hpp"
#include "derive/exercise/exercise.hpp"
#include "derive/exercise/web_api.hpp"
#include "derive/json_writer.hpp"
#include "wasm/returned_text.hpp"

using derive::wasm::keep;

namespace {

// One exercise file is a few KB; the bound keeps every call small, as
// web_api.hpp's bounds do for the trainer's module.
constexpr std::size_t kMaxFileBytes = 65536;

std::string error_json(const std::string& message) {
  derive::JsonWriter w;
  return w.raw("{").key("error").string(message).raw("}").take();
}

// What `derive lint` (with `lint`) or the catalogue loader reports on the file
// `label` holding `toml`.
derive::LoadResult load(const std::string& toml, const std::string& label, bool lint) {
  auto document = derive::parse_toml_document(toml, label);
  if (!document) {
    derive::LoadResult failed;
    const derive::Error& error = document.error();
    failed.issues.push_back(
        {label, error.line, std::string(error.line ? error.reason() : std::string_view(error.message))});
    return failed;
  }
  return lint ? derive::lint_chapter(label, *document)
              : derive::load_chapter_document({label, ""}, *document);
}

// JavaScript numbers are doubles: a variant is a whole number in [0, 2^53].
bool is_variant(double variant) {
  return variant >= 0 && variant <= 9007199254740992.0 && std::trunc(variant) == variant;
}

const char* kTooLong = "the exercise file is longer than 65536 bytes";

}  // namespace

extern "C" {

// {"template": TEXT}: `derive author --template`'s file.
EMSCRIPTEN_KEEPALIVE const char* derive_author_template() {
  derive::JsonWriter w;
  return keep(w.raw("{").key("template").string(derive::exercise_template()).raw("}").take());
}

// `derive author FILE --variant N --json`'s document for the file `label`
// holding `toml`: {"issues": [...], "exercises": [{"id", "card"}]}.
EMSCRIPTEN_KEEPALIVE const char* derive_author_preview(const char* toml, const char* label, double variant) {
  const std::string text(toml);
  if (text.size() > kMaxFileBytes) return keep(error_json(kTooLong));
  if (!is_variant(variant)) return keep(error_json("variant must be a whole number >= 0"));
  return keep(derive::author_json(load(text, label, true), static_cast<std::uint64_t>(variant)));
}

// The grade (web_api.hpp's grade_json document) of the answers joined by
// U+001F to variant `variant` of the exercise `id` of that file.
EMSCRIPTEN_KEEPALIVE const char* derive_author_grade(const char* toml, const char* label, const char* id,
                                                     double variant, const char* joined_answers) {
  const std::string text(toml);
  if (text.size() > kMaxFileBytes) return keep(error_json(kTooLong));
  if (!is_variant(variant)) return keep(error_json("variant must be a whole number >= 0"));
  const derive::LoadResult result = load(text, label, false);
  const derive::Exercise* exercise = result.catalogue.find(id);
  if (!exercise) return keep(error_json("the file has no exercise '" + std::string(id) + "' that loads"));
  auto instance = derive::instantiate(*exercise, static_cast<std::uint64_t>(variant));
  if (!instance) return keep(error_json(instance.error().message));
  return keep(derive::web::instance_grade_json(*instance, joined_answers));
}

}  // extern "C"
