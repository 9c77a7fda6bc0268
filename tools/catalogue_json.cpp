// Writes the embedded TOML catalogue as one JSON array of chapters, for the
// WebAssembly build, which reads JSON instead of linking toml++ (see
// src/exercise/document.hpp). Usage: derive_catalogue_json OUTPUT.json
//
// The references of real variants ("@llm:llama-3-8b.num_hidden_layers") are
// resolved here, at build time, against the data files (derive_realdata),
// and written as { reference, value }: the WebAssembly build has no LLM data
// layer, and its catalogue still holds every real variant's numbers.
#include <cstdio>
#include <fstream>

#include "derive/exercise/document.hpp"
#include "derive/exercise/exercise.hpp"
#include "derive/realdata/fields.hpp"

namespace {

derive::Document number_document(const derive::Number& n) {
  derive::Document d;
  if (n.is_exact()) {
    d.kind = derive::Document::Kind::Integer;
    d.integer = n.exact_value();
  } else {
    d.kind = derive::Document::Kind::Float;
    d.real = n.to_double();
  }
  return d;
}

derive::Document value_document(const derive::Value& value) {
  if (value.is_number()) return number_document(value.number());
  derive::Document d;
  if (value.is_bool()) {
    d.kind = derive::Document::Kind::Boolean;
    d.boolean = value.boolean();
    return d;
  }
  d.kind = derive::Document::Kind::Array;
  for (const derive::Number& n : value.list()) d.items.push_back(number_document(n));
  return d;
}

// Replaces each reference string of a real variant's params by
// { reference, value }; false (after saying why) when one does not resolve.
bool resolve_references(derive::Document& chapter, const std::string& file) {
  derive::Document* exercises = nullptr;
  for (auto& member : chapter.members)
    if (member.first == "exercise") exercises = &member.second;
  if (!exercises) return true;
  const derive::RealResolver resolver = derive::realdata::field_value;
  for (derive::Document& exercise : exercises->items) {
    for (auto& member : exercise.members) {
      if (member.first != "real") continue;
      for (derive::Document& real : member.second.items) {
        for (auto& field : real.members) {
          if (field.first != "params") continue;
          for (auto& param : field.second.members) {
            if (!param.second.is_string()) continue;
            auto value = derive::resolve_real_reference(param.second.text, resolver);
            if (!value) {
              std::fprintf(stderr, "%s:%d: %s\n", file.c_str(), param.second.line,
                           value.error().message.c_str());
              return false;
            }
            derive::Document resolved;
            resolved.members.push_back({"reference", param.second});
            resolved.members.push_back({"value", value_document(*value)});
            param.second = std::move(resolved);
          }
        }
      }
    }
  }
  return true;
}

}  // namespace

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
    if (!resolve_references(*document, file.name)) return 1;
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
