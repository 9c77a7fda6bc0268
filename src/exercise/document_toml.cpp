// TOML to Document, with toml++. Native builds only (see document.hpp).
#include <algorithm>

#include <toml++/toml.h>

#include "exercise/document.hpp"

namespace derive {
namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

Document convert(const toml::node& node, int fallback_line) {
  Document d;
  d.line = line_of(node) ? line_of(node) : fallback_line;
  if (const toml::table* table = node.as_table()) {
    d.kind = Document::Kind::Table;
    for (const auto& [key, value] : *table)
      d.members.push_back({std::string(key.str()), convert(value, d.line)});
    // toml++ keeps keys sorted; the authors' order is the order of the lines.
    std::stable_sort(d.members.begin(), d.members.end(),
                     [](const auto& a, const auto& b) { return a.second.line < b.second.line; });
  } else if (const toml::array* array = node.as_array()) {
    d.kind = Document::Kind::Array;
    for (const toml::node& item : *array) d.items.push_back(convert(item, d.line));
  } else if (auto s = node.value_exact<std::string>()) {
    d.kind = Document::Kind::String;
    d.text = *s;
  } else if (auto i = node.value_exact<std::int64_t>()) {
    d.kind = Document::Kind::Integer;
    d.integer = *i;
  } else if (auto f = node.value_exact<double>()) {
    d.kind = Document::Kind::Float;
    d.real = *f;
  } else if (auto b = node.value_exact<bool>()) {
    d.kind = Document::Kind::Boolean;
    d.boolean = *b;
  } else {
    // Dates and times have no meaning in a catalogue: keep them as text so
    // the reader reports "must be a number" at the right line.
    d.kind = Document::Kind::String;
    d.text = "(date or time)";
  }
  return d;
}

// toml++ 3.3 (Debian 12) reaches __builtin_unreachable() when a line continued
// with a trailing backslash inside a """ string resumes with a non-ASCII
// character (is_non_ascii_horizontal_whitespace misses the range U+00A0 to
// U+0499). That is undefined behaviour, so such text is refused before toml++
// sees it, with the line to fix.
Status check_continuations(const std::string& text) {
  int line = 1;
  bool continued = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view row(text.data() + start, end - start);
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    const std::size_t first = row.find_first_not_of(" \t");
    if (continued && first != std::string_view::npos) {
      if (static_cast<unsigned char>(row[first]) >= 0x80) {
        return make_error("line " + std::to_string(line) +
                          ": a line continued with a trailing backslash must resume with an ASCII character "
                          "(toml++ 3.3 mishandles others); move the word to the previous line");
      }
      continued = false;
    }
    if (!row.empty() && row.back() == '\\') continued = true;
    start = end + 1;
    ++line;
  }
  return {};
}

}  // namespace

Result<Document> parse_toml_document(const std::string& text, const std::string& name) {
  DERIVE_CHECK(check_continuations(text));
  toml::parse_result parsed = toml::parse(text, name);
  if (!parsed) {
    const auto& error = parsed.error();
    return make_error("line " + std::to_string(error.source().begin.line) +
                      ": not valid TOML: " + std::string(error.description()));
  }
  Document root = convert(parsed.table(), 1);
  root.line = 1;
  return root;
}

}  // namespace derive
