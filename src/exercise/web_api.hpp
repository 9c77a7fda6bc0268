// The JSON documents the web trainer reads, one function per WebAssembly export
// (src/wasm/bindings.cpp). They are plain C++ so native tests can check them,
// and show/check return exactly the CLI's bytes (shared/catalogue.md).
#pragma once

#include <string>
#include <vector>

namespace derive::web {

// {"chapters": [{"name", "title", "intro", "exercises": [{"id", "title"}]}]}
std::string catalogue_json();
// The CLI's `exercise show --json` document, or {"error": "..."}.
std::string show_json(const std::string& id, double variant);
// Everything a card shows: show_json's fields plus "parts" ([{"unit",
// "precision"}]), "steps", "remark", "seed_note", "symbolic", "variables".
std::string card_json(const std::string& id, double variant);
// The CLI's `exercise check --json` document, or {"error": "..."}.
std::string check_json(const std::string& id, double variant, const std::vector<std::string>& answers);
// check_json plus "status": "correct" | "incorrect" | "unreadable".
std::string grade_json(const std::string& id, double variant, const std::vector<std::string>& answers);
// [{"name", "summary", "source", "topic", "unit", "params": [{"name", "kind",
// "unit", "help", "default"?}]}]
std::string functions_json();
// {"value": number | [numbers] | bool, "unit", "text"} or {"error": "..."}
std::string calc_json(const std::string& expression);

}  // namespace derive::web
