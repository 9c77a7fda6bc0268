// The JSON documents the web trainer reads, one function per WebAssembly export
// (src/wasm/bindings.cpp). They are plain C++ so native tests can check them,
// and show/check return exactly the CLI's bytes (shared/catalogue.md).
//
// Every text argument is bounded before any work is done: generous for
// anything a person types, small enough that no call can exhaust the module.
// Past a bound the document is {"error": "... is too long: N bytes; at most
// ... are accepted"}; web/modules/engine.js checks the same bounds (read from
// limits_json) before it copies a text into the module's memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace derive {
struct Instance;  // derive/exercise/exercise.hpp
}

namespace derive::web {

inline constexpr std::size_t kMaxFieldBytes = 4096;  // one id, answer or expression, in UTF-8 bytes
inline constexpr std::size_t kMaxCallBytes = 65536;  // all the text of one call together
// Answers arrive joined by U+001F (unit separator), a character nobody types.
inline constexpr char kAnswerSeparator = '\x1f';

// {"field_bytes": 4096, "call_bytes": 65536}
std::string limits_json();

// {"chapters": [{"name", "title", "intro", "exercises": [{"id", "title"}]}]}
std::string catalogue_json();
// The CLI's `exercise show --json` document, or {"error": "..."}.
std::string show_json(std::string_view id, double variant);
// Everything a card shows: show_json's fields plus "parts" ([{"unit",
// "precision"}]), "steps", "hint_steps" (how many steps a hint may show:
// hint_steps() of hints.hpp), "remark", "seed_note", "symbolic", "variables".
std::string card_json(std::string_view id, double variant);
// The card of the question with chosen parameter values, `given` as
// given.hpp writes them ("kernel:3,in_channels:64"): card_json's fields with
// "variant" 0 and "given" (the values as the engine read them, to pass back
// to check_with_json and grade_with_json). Errors (a malformed pair, an
// unknown or derived parameter, a value that makes no sensible question) are
// {"error": "..."} with instantiate_with's message.
std::string card_with_json(std::string_view id, std::string_view given);
// card_json's document for an instance of any catalogue (the Author page's preview).
std::string instance_card_json(const Instance& instance);
// grade_json's document for the answers to an instance of any catalogue.
std::string instance_grade_json(const Instance& instance, std::string_view joined_answers);
// The CLI's `exercise check --json` document for the answers joined by
// kAnswerSeparator, or {"error": "..."}.
std::string check_json(std::string_view id, double variant, std::string_view joined_answers);
// check_json plus "status": "correct" | "incorrect" | "unreadable".
std::string grade_json(std::string_view id, double variant, std::string_view joined_answers);
// check_json and grade_json for the question card_with_json(id, given) shows.
std::string check_with_json(std::string_view id, std::string_view given, std::string_view joined_answers);
std::string grade_with_json(std::string_view id, std::string_view given, std::string_view joined_answers);
// The real variants of exercise `id` (empty: of every exercise, in book
// order): [{"exercise", "title", "name", "source", "uses": [{"kind": "llm" |
// "gpu" | "board", "id"}], "model_files": ["ad01.tflite"]}]. "uses" are the
// data-file entries its references name (each once); "model_files" the
// .tflite and .onnx files its source names (a real TinyML layer's model). The
// web's Models and Analyze pages link the exercises that use their numbers
// from all of them; an exercise page offers its own. An unknown id is
// {"error": "unknown exercise '...'"}.
std::string real_variants_json(std::string_view id = {});
// show_json, card_json, check_json and grade_json for the real variant `name`
// (`derive exercise show ID --real NAME`): the CLI's documents, with "real"
// and "source"; the card also has "given". An unknown name is {"error": ...}
// listing the exercise's real variants.
std::string show_real_json(std::string_view id, std::string_view name);
std::string card_real_json(std::string_view id, std::string_view name);
std::string check_real_json(std::string_view id, std::string_view name, std::string_view joined_answers);
std::string grade_real_json(std::string_view id, std::string_view name, std::string_view joined_answers);
// [{"name", "summary", "source", "topic", "unit", "params": [{"name", "kind",
// "unit", "help", "default"?}]}]
std::string functions_json();
// {"value": number | [numbers] | bool, "unit", "text"} or {"error": "..."}
std::string calc_json(std::string_view expression);

}  // namespace derive::web
