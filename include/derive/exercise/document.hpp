// A parsed catalogue file as a plain tree: tables keep their keys in source
// order, every node knows its line. The catalogue reader works on this tree, so
// the same reader serves TOML (the authors' format, parsed natively with toml++)
// and JSON (what the WebAssembly build embeds: toml++ parses floats through
// iostreams under libc++, which would add about 100 KB to every page load).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "derive/result.hpp"

namespace derive {

struct Document {
  struct Member;  // a key and its value; defined below, once Document is complete
  enum class Kind { Table, Array, String, Integer, Float, Boolean };
  Kind kind = Kind::Table;
  int line = 0;
  std::string text;             // String
  std::int64_t integer = 0;     // Integer
  double real = 0.0;            // Float
  bool boolean = false;         // Boolean
  std::vector<Member> members;  // Table, in source order
  std::vector<Document> items;  // Array

  const Document* get(std::string_view key) const;
  bool is_table() const { return kind == Kind::Table; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_string() const { return kind == Kind::String; }
  bool is_number() const { return kind == Kind::Integer || kind == Kind::Float; }
  double number() const { return kind == Kind::Integer ? static_cast<double>(integer) : real; }
};

// A struct rather than std::pair: clang 14 with libstdc++ rejects a pair whose
// second type is the still-incomplete Document.
struct Document::Member {
  std::string first;  // the key
  Document second;    // its value
};

// JSON; with `lines`, a "__line" member in each table so lint messages keep
// their lines after the round trip. The WebAssembly build needs no lines (lint
// runs natively) and saves the bytes.
std::string document_to_json(const Document& document, bool lines = true);
Result<Document> parse_json_document(std::string_view text);

#ifdef DERIVE_HAS_TOML
// toml++ underneath; errors give the line: "line 6: not valid TOML: ...".
Result<Document> parse_toml_document(const std::string& text, const std::string& name);
#endif

}  // namespace derive
