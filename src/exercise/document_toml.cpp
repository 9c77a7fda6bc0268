// TOML to Document, with toml++. Native builds only (see document.hpp).
#include <algorithm>
#include <cmath>
#include <string>

#include <toml++/toml.h>

#include "derive/exercise/document.hpp"

namespace derive {
namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// What TOML can say but the catalogue's JSON cannot: the first one found
// (line and what), for the error.
struct Unsayable {
  int line = 0;
  std::string what;
  void note(int at, const char* message) {
    if (line == 0) line = at, what = message;
  }
};

// Notes inf and nan (a catalogue has no use for them, and the JSON the
// WebAssembly build reads cannot hold them) and keys named "__line" (the JSON
// uses that name for the lines: catalogue_toml_fuzz found such a key lost).
Document convert(const toml::node& node, int fallback_line, Unsayable& unsayable) {
  Document d;
  d.line = line_of(node) ? line_of(node) : fallback_line;
  if (const toml::table* table = node.as_table()) {
    d.kind = Document::Kind::Table;
    for (const auto& [key, value] : *table) {
      d.members.push_back({std::string(key.str()), convert(value, d.line, unsayable)});
      if (key.str() == "__line")
        unsayable.note(d.members.back().second.line,
                       "the key '__line' is reserved for the lines in the catalogue's JSON");
    }
    // toml++ keeps keys sorted; the authors' order is the order of the lines.
    std::stable_sort(d.members.begin(), d.members.end(),
                     [](const auto& a, const auto& b) { return a.second.line < b.second.line; });
  } else if (const toml::array* array = node.as_array()) {
    d.kind = Document::Kind::Array;
    for (const toml::node& item : *array) d.items.push_back(convert(item, d.line, unsayable));
  } else if (auto s = node.value_exact<std::string>()) {
    d.kind = Document::Kind::String;
    d.text = *s;
  } else if (auto i = node.value_exact<std::int64_t>()) {
    d.kind = Document::Kind::Integer;
    d.integer = *i;
  } else if (auto f = node.value_exact<double>()) {
    d.kind = Document::Kind::Float;
    d.real = *f;
    if (!std::isfinite(d.real))
      unsayable.note(d.line, "inf and nan are not numbers a catalogue can use; write a finite number");
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

// toml++ 3.3 (Debian 12) reaches __builtin_unreachable() when it asks whether a
// character from U+00A1 to U+0499 is white space (is_non_ascii_horizontal_
// whitespace misses that range). It asks at every character outside a string:
// after a key ("[[exercise\u0292]]"), in a bare value, and where a quote in the
// middle of a bare value ("1fa'\u0292'", "1.\"\u0292\"") does not start a
// string (catalogue_toml_fuzz found both); and inside a """ string after a
// backslash: an escape, or a line continued with a trailing backslash whose
// next line resumes with such a character. That is undefined behaviour, so
// such text is refused before toml++ sees it, with the line to fix.
// Non-ASCII text in strings and comments is fine, and TOML allows it nowhere
// else. A quote starts a string here only where toml++ starts one: in a key,
// or as the first character of a value.
class TomlGuard {
 public:
  explicit TomlGuard(std::string_view text) : text_(text) {}

  Status check() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;  // a byte order mark
    while (at_ < text_.size()) {
      const char c = text_[at_];
      const bool quote = c == '"' || c == '\'';
      if (c == '#') {
        skip_to_line_end();
      } else if (quote && (key_ || value_start_)) {
        if (text_.substr(at_, 3) == std::string(3, c)) {
          DERIVE_CHECK(multi_line_string(c));
        } else {
          single_line_string(c);
        }
        value_start_ = false;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        return refuse(
            "a non-ASCII character outside a string or comment (toml++ 3.3 mishandles some; TOML "
            "allows none there)");
      } else {
        structure(c);
        next();
      }
    }
    return {};
  }

 private:
  // Follows whether a key or the start of a value comes next: '[' opens a
  // table header at the start of a line and an array in a value, '{' an
  // inline table, whose ',' leads to a key and an array's to a value.
  void structure(char c) {
    if (c == ' ' || c == '\t' || c == '\r') return;
    if (c == '\n') {
      if (open_.empty()) key_ = true;
      return;
    }
    if (c == '[') {
      open_.push_back(key_ ? 'H' : 'A');
      value_start_ = !key_;
    } else if (c == '{') {
      open_.push_back('T');
      key_ = true;
    } else if (c == ']' || c == '}') {
      if (!open_.empty()) open_.pop_back();
      value_start_ = false;
    } else if (c == ',' && !open_.empty()) {
      key_ = open_.back() == 'T';
      value_start_ = open_.back() == 'A';
    } else if (c == '=' && key_) {
      key_ = false;
      value_start_ = true;
    } else if (!key_) {
      value_start_ = false;  // inside a bare value, or past one
    }
  }

 private:
  void next() {
    if (text_[at_++] == '\n') ++line_;
  }
  bool non_ascii() const { return at_ < text_.size() && static_cast<unsigned char>(text_[at_]) >= 0x80; }
  Error refuse(const std::string& what) const { return error_at_line(ErrorCode::Syntax, line_, what); }

  void skip_to_line_end() {
    while (at_ < text_.size() && text_[at_] != '\n') next();
  }

  // "..." or '...': ends at its quote or, unterminated, at the line's end
  // (where toml++ stops with an error).
  void single_line_string(char quote) {
    next();
    while (at_ < text_.size() && text_[at_] != quote && text_[at_] != '\n') {
      if (quote == '"' && text_[at_] == '\\' && at_ + 1 < text_.size() && text_[at_ + 1] != '\n') next();
      next();
    }
    if (at_ < text_.size() && text_[at_] == quote) next();
  }

  Status multi_line_string(char quote) {
    const std::string_view close = quote == '"' ? "\"\"\"" : "'''";
    at_ += 3;
    while (at_ < text_.size()) {
      if (text_.substr(at_, 3) == close) {
        at_ += 3;
        for (int extra = 0; extra < 2 && at_ < text_.size() && text_[at_] == quote; ++extra) next();
        return {};
      }
      if (quote == '"' && text_[at_] == '\\') {
        next();
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t')) next();
        if (non_ascii()) return refuse("a non-ASCII character after a backslash (toml++ 3.3 mishandles it)");
        if (at_ < text_.size() && (text_[at_] == '\n' || text_[at_] == '\r')) {
          while (at_ < text_.size() && std::string_view(" \t\r\n").find(text_[at_]) != std::string_view::npos)
            next();
          if (non_ascii()) {
            return refuse(
                "a line continued with a trailing backslash must resume with an ASCII character (toml++ 3.3 "
                "mishandles others); move the word to the previous line");
          }
          continue;
        }
      }
      if (at_ < text_.size()) next();
    }
    return {};
  }

  std::string_view text_;
  std::size_t at_ = 0;
  int line_ = 1;
  bool key_ = true;           // a key comes next, or is being read
  bool value_start_ = false;  // the next character would start a value
  std::string open_;          // the open brackets: 'H' header, 'A' array, 'T' inline table
};

}  // namespace

Result<Document> parse_toml_document(const std::string& text, const std::string& name) {
  DERIVE_CHECK(TomlGuard(text).check());
  toml::parse_result parsed = toml::parse(text, name);
  if (!parsed) {
    const auto& error = parsed.error();
    return error_at_line(ErrorCode::Syntax, static_cast<int>(error.source().begin.line),
                         "not valid TOML: " + std::string(error.description()));
  }
  Unsayable unsayable;
  Document root = convert(parsed.table(), 1, unsayable);
  if (unsayable.line) return error_at_line(ErrorCode::Syntax, unsayable.line, unsayable.what);
  root.line = 1;
  return root;
}

}  // namespace derive
