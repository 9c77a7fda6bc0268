// The one JSON writer of the project (core, so every layer may use it): the
// exercise documents, the analyzer's report (src/analyze/json_text.hpp builds
// its nesting on it) and the review schedule. The documents are small and fixed
// in shape; one writer for the CLI and WebAssembly keeps their bytes identical.
// Strings are escaped per RFC 8259 section 7: quote and backslash, \n \r \t
// by their short escapes, every other control character as \u00XX.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "derive/number_format.hpp"
#include "derive/value.hpp"

namespace derive {

class JsonWriter {
 public:
  JsonWriter& string(std::string_view s) {
    out_ += '"';
    for (unsigned char c : s) {
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (c < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out_ += buffer;
          } else {
            out_ += static_cast<char>(c);
          }
      }
    }
    out_ += '"';
    return *this;
  }
  // Whole numbers print exactly. Other numbers print to 12 significant
  // figures: exp, log and pow may differ in the last bit between glibc (native)
  // and musl (WebAssembly), and 12 figures keep the two outputs identical while
  // staying far finer than any precision an exercise asks for.
  JsonWriter& number(const Number& n) {
    if (n.is_exact()) {
      out_ += format_plain(n);
      return *this;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.12g", n.to_double());
    out_ += format_shortest(std::strtod(buffer, nullptr));
    return *this;
  }
  // A double as printf's %.12g writes it (`derive schedule`'s stability and
  // difficulty, docs/review.md): 12 significant figures for the same reason
  // as number(), in the form the schedule has always printed.
  JsonWriter& real(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.12g", v);
    out_ += buffer;
    return *this;
  }
  JsonWriter& value(const Value& v) {
    if (v.is_bool()) {
      out_ += v.boolean() ? "true" : "false";
    } else if (v.is_number()) {
      number(v.number());
    } else {
      out_ += '[';
      for (std::size_t i = 0; i < v.list().size(); ++i) {
        if (i) out_ += ", ";
        number(v.list()[i]);
      }
      out_ += ']';
    }
    return *this;
  }
  JsonWriter& raw(std::string_view s) {
    out_ += s;
    return *this;
  }
  JsonWriter& key(std::string_view k) {
    string(k);
    out_ += ": ";
    return *this;
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace derive
