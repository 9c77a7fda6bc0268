// A JSON text builder for the analyzer: objects, arrays, keys, strings,
// integers and booleans, commas placed by nesting. The text itself is written
// by the project's one JSON writer (include/derive/json_writer.hpp), which
// escapes strings. No floats: the analyzer's counts and sizes are exact
// integers (analyzer.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "derive/json_writer.hpp"

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
    out_.raw(":");
    after_key_ = true;
    return *this;
  }
  JsonText& string(std::string_view text) {
    value_start();
    out_.string(text);
    return *this;
  }
  JsonText& integer(std::int64_t value) {
    value_start();
    out_.raw(std::to_string(value));
    return *this;
  }
  JsonText& boolean(bool value) {
    value_start();
    out_.raw(value ? "true" : "false");
    return *this;
  }
  // The text built so far. REQUIRES: every object and array closed.
  std::string take() { return out_.take(); }

 private:
  void value_start() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!has_value_.empty()) {
      if (has_value_.back()) out_.raw(",");
      has_value_.back() = true;
    }
  }
  JsonText& open(char bracket) {
    value_start();
    out_.raw(std::string_view(&bracket, 1));
    has_value_.push_back(false);
    return *this;
  }
  JsonText& close(char bracket) {
    out_.raw(std::string_view(&bracket, 1));
    has_value_.pop_back();
    return *this;
  }

  JsonWriter out_;
  std::vector<bool> has_value_;
  bool after_key_ = false;
};

}  // namespace derive::analyze
