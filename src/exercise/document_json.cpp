// Document to JSON and back: a small reader and writer for exactly the values a
// catalogue holds (objects, arrays, strings, numbers, booleans; no null).
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "derive/decimal.hpp"
#include "derive/exercise/document.hpp"
#include "derive/json_writer.hpp"

namespace derive {
namespace {

void write(const Document& d, bool lines, JsonWriter& w) {
  switch (d.kind) {
    case Document::Kind::Table: {
      w.raw("{");
      bool first = true;
      if (lines) {
        w.key("__line").raw(std::to_string(d.line));
        first = false;
      }
      for (const auto& [key, value] : d.members) {
        w.raw(first ? "" : ",").key(key);
        first = false;
        write(value, lines, w);
      }
      w.raw("}");
      break;
    }
    case Document::Kind::Array:
      w.raw("[");
      for (std::size_t i = 0; i < d.items.size(); ++i) {
        if (i) w.raw(",");
        write(d.items[i], lines, w);
      }
      w.raw("]");
      break;
    case Document::Kind::String:
      w.string(d.text);
      break;
    case Document::Kind::Integer:
      w.raw(std::to_string(d.integer));
      break;
    case Document::Kind::Float: {
      // A float keeps a '.' or exponent so it reads back as a float, not an integer.
      std::string s = format_shortest(d.real);
      if (s.find_first_of(".eE") == std::string::npos) s += ".0";
      w.raw(s);
      break;
    }
    case Document::Kind::Boolean:
      w.raw(d.boolean ? "true" : "false");
      break;
  }
}

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  Result<Document> document() {
    DERIVE_TRY(Document d, value(0));
    skip_space();
    if (pos_ != text_.size()) return fail("unexpected text after the JSON value");
    inherit_lines(d, 0);
    return d;
  }

 private:
  Error fail(const std::string& what) const {
    return make_error("JSON at byte " + std::to_string(pos_ + 1) + ": " + what);
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }

  bool consume(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  Result<Document> value(int depth) {
    if (depth > 64) return fail("nested too deeply");
    skip_space();
    if (pos_ >= text_.size()) return fail("unexpected end");
    const char c = text_[pos_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') {
      Document d;
      d.kind = Document::Kind::String;
      DERIVE_TRY(d.text, string());
      return d;
    }
    if (text_.substr(pos_, 4) == "true" || text_.substr(pos_, 5) == "false") {
      Document d;
      d.kind = Document::Kind::Boolean;
      d.boolean = text_[pos_] == 't';
      pos_ += d.boolean ? 4 : 5;
      return d;
    }
    return number();
  }

  Result<Document> object(int depth) {
    ++pos_;
    Document d;
    d.kind = Document::Kind::Table;
    if (consume('}')) return d;
    do {
      skip_space();
      DERIVE_TRY(std::string key, string());
      if (!consume(':')) return fail("expected ':' after a key");
      DERIVE_TRY(Document member, value(depth + 1));
      if (key == "__line") {
        d.line = static_cast<int>(member.integer);
      } else {
        d.members.push_back({std::move(key), std::move(member)});
      }
    } while (consume(','));
    if (!consume('}')) return fail("expected ',' or '}'");
    return d;
  }

  Result<Document> array(int depth) {
    ++pos_;
    Document d;
    d.kind = Document::Kind::Array;
    if (consume(']')) return d;
    do {
      DERIVE_TRY(Document item, value(depth + 1));
      d.items.push_back(std::move(item));
    } while (consume(','));
    if (!consume(']')) return fail("expected ',' or ']'");
    return d;
  }

  Result<std::string> string() {
    if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a string");
    ++pos_;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      // A run without escapes at once, rather than one character at a time.
      const std::size_t run = std::min(text_.find_first_of("\"\\", pos_), text_.size());
      out.append(text_.substr(pos_, run - pos_));
      pos_ = run;
      if (pos_ >= text_.size() || text_[pos_] == '"') break;
      char c = text_[pos_++];
      if (pos_ >= text_.size()) break;
      c = text_[pos_++];
      switch (c) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'u': {
          if (pos_ + 4 > text_.size()) return fail("short \\u escape");
          const unsigned code =
              static_cast<unsigned>(std::strtoul(std::string(text_.substr(pos_, 4)).c_str(), nullptr, 16));
          pos_ += 4;
          if (code >= 0x80) return fail("only ASCII \\u escapes are written by derive");
          out += static_cast<char>(code);
          break;
        }
        default:
          out += c;  // '"', '\\', '/'
      }
    }
    if (pos_ >= text_.size()) return fail("unterminated string");
    ++pos_;
    return out;
  }

  Result<Document> number() {
    const std::size_t start = pos_;
    bool is_float = false;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
      } else if (!((c >= '0' && c <= '9') || c == '-' || c == '+')) {
        break;
      }
      ++pos_;
    }
    if (start == pos_) return fail("expected a value");
    const std::string token(text_.substr(start, pos_ - start));
    char* end = nullptr;
    Document d;
    errno = 0;
    if (is_float) {
      d.kind = Document::Kind::Float;
      if (read_decimal_fast(token, d.real)) return d;  // strtod's double, faster in wasm
      d.real = std::strtod(token.c_str(), &end);
    } else {
      d.kind = Document::Kind::Integer;
      d.integer = std::strtoll(token.c_str(), &end, 10);
    }
    if (end != token.c_str() + token.size()) return fail("not a number: " + token);
    // strtod and strtoll clamp what they cannot hold (to inf, to 2^63 - 1):
    // refuse it rather than read another number.
    if (errno == ERANGE && (!is_float || !std::isfinite(d.real)))
      return fail("number out of range: " + token);
    return d;
  }

  // A value without a line of its own takes the line of the table or array
  // it is in, so lint points at the table. Done once the whole tree is read:
  // a table's "__line" may come after its members, or be missing while its
  // parent's is not (catalogue_json_fuzz found the tree depending on that).
  static void inherit_lines(Document& d, int line) {
    if (d.line == 0) d.line = line;
    for (auto& member : d.members) inherit_lines(member.second, d.line);
    for (Document& item : d.items) inherit_lines(item, d.line);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

const Document* Document::get(std::string_view key) const {
  for (const auto& [name, value] : members)
    if (name == key) return &value;
  return nullptr;
}

std::string document_to_json(const Document& document, bool lines) {
  JsonWriter w;
  write(document, lines, w);
  return w.take();
}

Result<Document> parse_json_document(std::string_view text) { return JsonReader(text).document(); }

}  // namespace derive
