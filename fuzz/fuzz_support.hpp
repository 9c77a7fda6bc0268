// Helpers shared by the fuzz targets: a failed property stops the run with a
// message, and a strict JSON reader (RFC 8259, unlike the catalogue's lenient
// one: null, \u escapes of any code point, exact number grammar) checks that
// what derive writes for the browser is JSON that JSON.parse accepts.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// Stops the run (libFuzzer saves the input) when a property does not hold.
inline void require(bool condition, const char* what, std::string_view detail = {}) {
  if (condition) return;
  std::fprintf(stderr, "property failed: %s\n", what);
  if (!detail.empty()) std::fprintf(stderr, "  %.*s\n", static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// Numbers that find edges: zero, signs, the int and int64 limits, the ends of
// the doubles, non-finite ones; or any double.
inline double interesting_number(FuzzedDataProvider& in) {
  static const double kValues[] = {0,
                                   1,
                                   -1,
                                   0.5,
                                   2,
                                   3,
                                   10,
                                   17,
                                   64,
                                   65,
                                   0.1,
                                   1e6,
                                   1e-6,
                                   1e9,
                                   2147483647.0,
                                   2147483648.0,
                                   4294967296.0,
                                   9007199254740992.0,
                                   9007199254740994.0,
                                   -0.0,
                                   1.5e20,
                                   1.5e-10,
                                   9223372036854775807.0,
                                   -9223372036854775808.0,
                                   1e300,
                                   -1e300,
                                   5e-324,
                                   std::numeric_limits<double>::max(),
                                   std::numeric_limits<double>::lowest(),
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::quiet_NaN()};
  switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0:
      return in.PickValueInArray(kValues);
    case 1:
      return static_cast<double>(in.ConsumeIntegralInRange<int>(-20, 100));
    case 2:
      return in.ConsumeFloatingPoint<double>();
    default:
      return in.ConsumeFloatingPointInRange<double>(-1000.0, 1000.0);
  }
}

// True when `text` is well-formed UTF-8: no stray continuation byte, no
// truncated or overlong sequence, no surrogate, nothing past U+10FFFF.
inline bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    int length = 0;
    unsigned code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      length = 2, code = c & 0x1fu;
    } else if (c >= 0xe0 && c <= 0xef) {
      length = 3, code = c & 0x0fu;
    } else if (c >= 0xf0 && c <= 0xf4) {
      length = 4, code = c & 0x07u;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(length) > text.size()) return false;
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xc0u) != 0x80u) return false;
      code = (code << 6) | (next & 0x3fu);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && (code < 0x10000 || code > 0x10ffff))) return false;
    if (code >= 0xd800 && code <= 0xdfff) return false;
    i += static_cast<std::size_t>(length);
  }
  return true;
}

// The next '\n'-terminated line of `rest`, which moves past it.
inline std::string_view next_line(std::string_view& rest) {
  const std::size_t end = rest.find('\n');
  const std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return line;
}

// Answers joined by U+001F, as the browser sends them, split as
// src/wasm/bindings.cpp splits them.
inline std::vector<std::string> split_answers(std::string_view joined) {
  std::vector<std::string> out(1);
  for (char c : joined) {
    if (c == '\x1f') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

struct Json {
  struct Member;  // a key and its value (not std::pair: clang 14 with libstdc++ rejects one of the incomplete
                  // Json)
  enum class Kind { Null, Boolean, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0;
  std::string text;          // String (escapes decoded)
  std::vector<Json> items;   // Array
  std::vector<Member> keys;  // Object, in order

  const Json* get(std::string_view key) const;  // the member, or nullptr
  bool is(Kind k) const { return kind == k; }
};

struct Json::Member {
  std::string first;
  Json second;
};

inline const Json* Json::get(std::string_view key) const {
  for (const Member& member : keys)
    if (member.first == key) return &member.second;
  return nullptr;
}

// Reads exactly one JSON value with nothing but white space around it;
// nullopt with `why` set when the text is not JSON.
class JsonReader {
 public:
  static std::optional<Json> read(std::string_view text, std::string* why = nullptr) {
    JsonReader reader(text);
    Json value;
    if (!reader.value(value, 0) || (reader.space(), reader.at_ != text.size())) {
      if (why) *why = "not JSON at byte " + std::to_string(reader.at_) + ": " + reader.why_;
      return std::nullopt;
    }
    return value;
  }

 private:
  explicit JsonReader(std::string_view text) : text_(text) {}

  bool fail(const char* why) {
    if (why_.empty()) why_ = why;
    return false;
  }
  void space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
      ++at_;
  }
  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return fail("unknown word");
    at_ += word.size();
    return true;
  }
  bool digits() {
    const std::size_t start = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    return at_ > start || fail("expected a digit");
  }

  bool value(Json& out, int depth) {
    if (depth > 100) return fail("nested too deeply");
    space();
    if (at_ >= text_.size()) return fail("unexpected end");
    const char c = text_[at_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      out.kind = Json::Kind::String;
      return string(out.text);
    }
    if (c == 't' || c == 'f') {
      out.kind = Json::Kind::Boolean;
      out.boolean = c == 't';
      return literal(c == 't' ? "true" : "false");
    }
    if (c == 'n') return literal("null");
    return number(out);
  }

  // Skips white space, then takes `c` if it comes next.
  bool take(char c) {
    space();
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }

  bool object(Json& out, int depth) {
    out.kind = Json::Kind::Object;
    ++at_;
    if (take('}')) return true;
    do {
      space();
      std::string key;
      if (at_ >= text_.size() || text_[at_] != '"' || !string(key)) return fail("expected a key");
      if (!take(':')) return fail("expected ':'");
      Json member;
      if (!value(member, depth + 1)) return false;
      out.keys.push_back({std::move(key), std::move(member)});
    } while (take(','));
    return take('}') || fail("expected ',' or '}'");
  }

  bool array(Json& out, int depth) {
    out.kind = Json::Kind::Array;
    ++at_;
    if (take(']')) return true;
    do {
      Json item;
      if (!value(item, depth + 1)) return false;
      out.items.push_back(std::move(item));
    } while (take(','));
    return take(']') || fail("expected ',' or ']'");
  }

  bool string(std::string& out) {
    ++at_;  // the opening quote
    while (at_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[at_++]);
      if (c == '"') return true;
      if (c < 0x20) return fail("a raw control character in a string");
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      if (at_ >= text_.size()) break;
      const char e = text_[at_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned code = 0;
          for (int k = 0; k < 4; ++k, ++at_) {
            const char h = at_ < text_.size() ? text_[at_] : '\0';
            const int v = h >= '0' && h <= '9'   ? h - '0'
                          : h >= 'a' && h <= 'f' ? h - 'a' + 10
                          : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                 : -1;
            if (v < 0) return fail("a bad \\u escape");
            code = code * 16 + static_cast<unsigned>(v);
          }
          // Only the ASCII range matters for the checks; others stay escaped.
          out += code < 0x80 ? std::string(1, static_cast<char>(code)) : "\\u";
          break;
        }
        default:
          return fail("an unknown escape");
      }
    }
    return fail("an unterminated string");
  }

  bool number(Json& out) {
    out.kind = Json::Kind::Number;
    const std::size_t start = at_;
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    if (at_ < text_.size() && text_[at_] == '0') {
      ++at_;
    } else if (!digits()) {
      return fail("expected a value");
    }
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) return false;
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) return false;
    }
    out.number = std::strtod(std::string(text_.substr(start, at_ - start)).c_str(), nullptr);
    return true;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::string why_;
};

// Where two texts part, with some text of each around it, for a report.
inline std::string difference(std::string_view a, std::string_view b) {
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  const std::size_t from = at < 60 ? 0 : at - 60;
  return "they differ at byte " + std::to_string(at) + ":\n  " + std::string(a.substr(from, 120)) + "\n  " +
         std::string(b.substr(from, 120));
}

// The JSON of `text`, or a stop with the reason and the text.
inline Json require_json(std::string_view text, const char* what) {
  std::string why;
  auto json = JsonReader::read(text, &why);
  if (!json) require(false, what, why + "\n  " + std::string(text.substr(0, 2000)));
  return std::move(*json);
}

// {"error": "a message"} and nothing else.
inline bool is_error_document(const Json& json) {
  return json.is(Json::Kind::Object) && json.keys.size() == 1 && json.keys[0].first == "error" &&
         json.keys[0].second.is(Json::Kind::String) && !json.keys[0].second.text.empty();
}

}  // namespace fuzz
