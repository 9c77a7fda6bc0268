// Fuzzes the catalogue reader on TOML, the authors' format: any bytes are one
// chapter file, read by toml++ (document_toml.cpp), the catalogue reader and
// the lint, drawing one variant of each exercise. The result is either a clean
// catalogue whose exercises instantiate, or issues that each carry a message
// and a line of the file. Never a crash, a hang or undefined behaviour (toml++
// 3.3 has one known path to __builtin_unreachable that document_toml.cpp
// refuses before toml++ sees it).
//
// The WebAssembly build reads the same catalogue as JSON converted from the
// TOML (tools/catalogue_json.cpp), so every TOML document must also convert to
// JSON that reads back to the same JSON, and a clean TOML catalogue must give
// a clean JSON one with byte-identical instances.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalogue_checks.hpp"
#include "derive/exercise/document.hpp"

constexpr int kLintVariants = 1;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string name = "fuzz.toml";
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;

  const derive::LoadResult loaded = derive::load_catalogue({{name, text}}, kLintVariants);
  fuzz::check_issues(loaded, name, lines);
  const bool clean = loaded.issues.empty();
  if (clean) {
    fuzz::require(loaded.catalogue.chapters.size() == 1, "a clean chapter file is not one chapter");
    fuzz::require(!loaded.catalogue.exercises.empty(), "a clean chapter file without exercises");
  }

  auto document = derive::parse_toml_document(text, name);
  fuzz::require(document.ok() || !document.error().message.empty(), "a TOML error without a message");
  if (!document) {
    fuzz::require(!clean, "TOML that does not parse gave a clean catalogue");
    return 0;
  }
  const std::string json = derive::document_to_json(*document);
  auto reread = derive::parse_json_document(json);
  fuzz::require(reread.ok(), "the JSON of a TOML document does not read back",
                reread.ok() ? json : reread.error().message + "\n  " + json.substr(0, 2000));
  const std::string again = derive::document_to_json(*reread);
  fuzz::require(again == json, "TOML -> JSON -> JSON is not a fixed point", fuzz::difference(json, again));

  if (!clean) return 0;
  const derive::LoadResult from_json = derive::load_catalogue({{"fuzz.json", json}}, kLintVariants);
  fuzz::require(from_json.issues.empty(), "a clean TOML catalogue is not clean as JSON",
                from_json.issues.empty() ? "" : from_json.issues.front().to_string());
  fuzz::require(fuzz::instances_json(from_json.catalogue, kLintVariants) ==
                    fuzz::instances_json(loaded.catalogue, kLintVariants),
                "TOML and JSON give different instances");
  return 0;
}
