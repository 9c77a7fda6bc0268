// The WebAssembly face of derive: C functions that take and return UTF-8 text
// (mostly JSON) so the browser grades with the same C++ as the CLI. Nothing
// throws across this boundary (the build has exceptions disabled) and every
// error comes back as a JSON object with an "error" member.
//
// A returned pointer stays valid until the next call into this module; the
// JavaScript side copies it at once (UTF8ToString). Text arguments are
// NUL-terminated UTF-8 that web/modules/engine.js places in malloc'd memory,
// not on the 5 MB wasm stack that ccall would copy them to; web_api bounds
// their length (kMaxFieldBytes, kMaxCallBytes).
#include <emscripten/emscripten.h>

#include <string>

#include "derive/exercise/assignment_json.hpp"
#include "derive/exercise/exercise.hpp"
#include "derive/exercise/web_api.hpp"
#include "derive/json_writer.hpp"
#include "derive/review/history.hpp"
#include "derive/review/queue.hpp"
#include "derive/review/schedule_json.hpp"
#include "wasm/returned_text.hpp"

using derive::wasm::keep;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* derive_limits() { return keep(derive::web::limits_json()); }

// Gives the engine chapters of the catalogue, which this module does not embed
// (derive::add_builtin_chapters): `json` is one chapter or an array of them as
// the site's catalogue/*.json files hold them; `index_only` 1 for the book's
// index (catalogue/index.json), which the trainer gives first. {"added": N}
// with N the chapters that were new, or {"error": "..."}.
EMSCRIPTEN_KEEPALIVE const char* derive_load_chapters(const char* json, double index_only) {
  const auto added = derive::add_builtin_chapters(
      index_only != 0 ? "catalogue/index.json" : "catalogue/chapter.json", json, index_only != 0);
  if (!added) return keep("{\"error\": " + derive::JsonWriter().string(added.error().message).take() + "}");
  return keep("{\"added\": " + std::to_string(*added) + "}");
}

EMSCRIPTEN_KEEPALIVE const char* derive_catalogue() { return keep(derive::web::catalogue_json()); }

EMSCRIPTEN_KEEPALIVE const char* derive_show(const char* id, double variant) {
  return keep(derive::web::show_json(id, variant));
}

EMSCRIPTEN_KEEPALIVE const char* derive_card(const char* id, double variant) {
  return keep(derive::web::card_json(id, variant));
}

EMSCRIPTEN_KEEPALIVE const char* derive_check(const char* id, double variant, const char* answers) {
  return keep(derive::web::check_json(id, variant, answers));
}

EMSCRIPTEN_KEEPALIVE const char* derive_grade(const char* id, double variant, const char* answers) {
  return keep(derive::web::grade_json(id, variant, answers));
}

// The question with chosen parameter values ("kernel:3,in_channels:64"):
// "practise on this layer" from the Analyze page.
EMSCRIPTEN_KEEPALIVE const char* derive_card_with(const char* id, const char* given) {
  return keep(derive::web::card_with_json(id, given));
}

EMSCRIPTEN_KEEPALIVE const char* derive_check_with(const char* id, const char* given, const char* answers) {
  return keep(derive::web::check_with_json(id, given, answers));
}

EMSCRIPTEN_KEEPALIVE const char* derive_grade_with(const char* id, const char* given, const char* answers) {
  return keep(derive::web::grade_with_json(id, given, answers));
}

// A real variant's question (`derive exercise show ID --real NAME`), and the
// real variants of exercise `id` ("": of the chapters given so far) with the
// data entries and model files they use.
EMSCRIPTEN_KEEPALIVE const char* derive_real_variants(const char* id) {
  return keep(derive::web::real_variants_json(id));
}

EMSCRIPTEN_KEEPALIVE const char* derive_show_real(const char* id, const char* name) {
  return keep(derive::web::show_real_json(id, name));
}

EMSCRIPTEN_KEEPALIVE const char* derive_card_real(const char* id, const char* name) {
  return keep(derive::web::card_real_json(id, name));
}

EMSCRIPTEN_KEEPALIVE const char* derive_check_real(const char* id, const char* name, const char* answers) {
  return keep(derive::web::check_real_json(id, name, answers));
}

EMSCRIPTEN_KEEPALIVE const char* derive_grade_real(const char* id, const char* name, const char* answers) {
  return keep(derive::web::grade_real_json(id, name, answers));
}

EMSCRIPTEN_KEEPALIVE const char* derive_functions() { return keep(derive::web::functions_json()); }

EMSCRIPTEN_KEEPALIVE const char* derive_calc(const char* expression) {
  return keep(derive::web::calc_json(expression));
}

// `derive schedule --ratings RATINGS --retention R --json`, or {"error": "..."}.
EMSCRIPTEN_KEEPALIVE const char* derive_schedule(const char* ratings, double retention) {
  return keep(derive::review::schedule_json_or_error(ratings, retention));
}

// `derive schedule --history FILE --today DAY --new-per-day N` with the file's
// text as `history`, or {"error": "..."}.
EMSCRIPTEN_KEEPALIVE const char* derive_review_queue(const char* history, double today, double new_per_day) {
  std::vector<std::string> book;  // every exercise id, in book order (the index given first)
  for (const derive::ChapterEntry& chapter : derive::builtin_chapter_index())
    for (const auto& exercise : chapter.exercises) book.push_back(exercise.first);
  const bool whole = today >= 0 && today <= 1e12 && new_per_day >= 0 && new_per_day <= 1e6 &&
                     today == static_cast<double>(static_cast<std::int64_t>(today)) &&
                     new_per_day == static_cast<double>(static_cast<int>(new_per_day));
  if (!whole) return keep("{\"error\": \"today and new_per_day must be whole numbers >= 0\"}");
  return keep(derive::review::history_queue_json(history, book, static_cast<std::int64_t>(today),
                                                 static_cast<int>(new_per_day)));
}

// The rating `derive practice --review` gives an outcome (review::rate, with
// par = review::par_seconds of the exercise's answer fields, a symbolic
// question counting one): {"rating": "good", "par_seconds": 90}, or
// {"error": "..."} for an unknown exercise. `correct` and `retried` are 0 or 1;
// `retried` means a wrong try before the right answer or the solution opened.
EMSCRIPTEN_KEEPALIVE const char* derive_rate(const char* id, double correct, double seconds, double hints,
                                             double retried) {
  const derive::Exercise* exercise = derive::builtin_exercise(id);
  if (exercise == nullptr)
    return keep("{\"error\": " + derive::JsonWriter().string(std::string("no exercise ") + id).take() + "}");
  if (!(seconds >= 0) || !(hints >= 0) || hints > 1e6)
    return keep("{\"error\": \"seconds and hints must be numbers >= 0\"}");
  const int fields = exercise->symbolic ? 1 : static_cast<int>(exercise->parts.size());
  const double par = derive::review::par_seconds(fields);
  const derive::review::Rating rating =
      derive::review::rate({correct != 0, seconds, static_cast<int>(hints), retried != 0, par});
  return keep("{\"rating\": \"" + std::string(derive::review::rating_name(rating)) +
              "\", \"par_seconds\": " + std::to_string(static_cast<int>(par)) + "}");
}

// An assignment link's exercises with the learner's variants, and the
// learner's results code (docs/instructors.md), or {"error": "..."}.
EMSCRIPTEN_KEEPALIVE const char* derive_assignment(const char* token, const char* learner) {
  return keep(derive::web::assignment_json(token, learner));
}

EMSCRIPTEN_KEEPALIVE const char* derive_results_code(const char* token, const char* learner,
                                                     const char* answers) {
  return keep(derive::web::results_code_json(token, learner, answers));
}

}  // extern "C"
