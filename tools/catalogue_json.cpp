// Writes the embedded TOML catalogue as one JSON array of chapters, for the
// WebAssembly build, which reads JSON instead of linking toml++ (see
// src/exercise/document.hpp). Usage: derive_catalogue_json OUTPUT.json
#include <cstdio>
#include <fstream>

#include "derive/exercise/document.hpp"
#include "derive/exercise/exercise.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: derive_catalogue_json OUTPUT.json\n");
    return 2;
  }
  derive::Document chapters;
  chapters.kind = derive::Document::Kind::Array;
  for (const derive::SourceFile& file : derive::builtin_catalogue_sources()) {
    auto document = derive::parse_toml_document(file.text, file.name);
    if (!document) {
      std::fprintf(stderr, "%s: %s\n", file.name.c_str(), document.error().message.c_str());
      return 1;
    }
    chapters.items.push_back(std::move(document).value());
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << derive::document_to_json(chapters, /*lines=*/false) << '\n';
  if (!out) {
    std::fprintf(stderr, "derive_catalogue_json: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
