// A JSON text builder for the analyzer: objects, arrays, keys, strings,
// integers and booleans, commas placed by nesting. Strings are escaped per
// RFC 8259 section 7 (quote, backslash, control characters). No floats: the
// analyzer's counts and sizes are exact integers (analyzer.md).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace derive::analyze {

class JsonText {
 public:
  JsonText& begin_object() { return open('{'); }
  JsonText& end_object() { return close('}'); }
  JsonText& begin_array() { return open('['); }
  JsonText& end_array() { return close(']'); }
  // The next value is this key's.
  JsonText& key(std::string_view name) {
    string(name);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  JsonText& string(std::string_view text) {
    value_start();
    out_ += '"';
    for (const unsigned char c : text) {
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += static_cast<char>(c);
      } else if (c < 0x20) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
        out_ += escaped;
      } else {
        out_ += static_cast<char>(c);
      }
    }
    out_ += '"';
    return *this;
  }
  JsonText& integer(std::int64_t value) {
    value_start();
    out_ += std::to_string(value);
    return *this;
  }
  JsonText& boolean(bool value) {
    value_start();
    out_ += value ? "true" : "false";
    return *this;
  }
  // The text built so far. REQUIRES: every object and array closed.
  std::string take() { return std::move(out_); }

 private:
  void value_start() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!has_value_.empty()) {
      if (has_value_.back()) out_ += ',';
      has_value_.back() = true;
    }
  }
  JsonText& open(char bracket) {
    value_start();
    out_ += bracket;
    has_value_.push_back(false);
    return *this;
  }
  JsonText& close(char bracket) {
    out_ += bracket;
    has_value_.pop_back();
    return *this;
  }

  std::string out_;
  std::vector<bool> has_value_;
  bool after_key_ = false;
};

}  // namespace derive::analyze
