// Fuzzes the catalogue reader on JSON, what the WebAssembly build embeds and
// reads in the browser: any bytes are a catalogue file, read by the small JSON
// reader (document_json.cpp), the catalogue reader and the lint, drawing one
// variant of each exercise. The result is either a clean catalogue whose
// exercises instantiate to valid JSON, or issues that each carry a message.
// Never a crash, a hang or undefined behaviour. A document that reads must
// write back as JSON that reads to the same JSON.
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalogue_checks.hpp"
#include "derive/exercise/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string name = "fuzz.json";

  const derive::LoadResult loaded = derive::load_catalogue({{name, text}}, 1);
  fuzz::check_issues(loaded, name);

  auto document = derive::parse_json_document(text);
  if (!document) {
    const std::string& message = document.error().message;
    fuzz::require(message.rfind("JSON at byte ", 0) == 0, "a JSON error without its byte", message);
    fuzz::require(!loaded.issues.empty(), "JSON that does not parse gave a clean catalogue");
    return 0;
  }
  const std::string json = derive::document_to_json(*document);
  auto reread = derive::parse_json_document(json);
  fuzz::require(reread.ok(), "written JSON does not read back",
                reread.ok() ? "" : reread.error().message + "\n  " + json.substr(0, 2000));
  const std::string again = derive::document_to_json(*reread);
  fuzz::require(again == json, "JSON -> JSON is not a fixed point", fuzz::difference(json, again));

  if (!loaded.issues.empty()) return 0;
  // One chapter per table of a top-level array, or one for a single table.
  const std::size_t chapters = document->is_array() ? document->items.size() : 1;
  fuzz::require(loaded.catalogue.chapters.size() == chapters, "a clean file lost or gained a chapter");
  fuzz::instances_json(loaded.catalogue, 1);
  return 0;
}
