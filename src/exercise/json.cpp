#include "exercise/json.hpp"

#include <cstdio>

#include "units/format.hpp"

namespace derive {
namespace {

// A minimal JSON writer: the documents are small and fixed in shape, and one
// writer for the CLI and WebAssembly keeps their bytes identical.
class JsonWriter {
 public:
  JsonWriter& string(std::string_view s) {
    out_ += '"';
    for (unsigned char c : s) {
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
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
  JsonWriter& number(const Number& n) {
    out_ += format_plain(n);
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

}  // namespace

std::string exercise_list_json(const Catalogue& catalogue) {
  JsonWriter w;
  w.raw("[");
  for (std::size_t i = 0; i < catalogue.exercises.size(); ++i) {
    const Exercise& e = catalogue.exercises[i];
    w.raw(i ? ",\n " : "").raw("{").key("id").string(e.id).raw(", ").key("chapter").string(e.chapter);
    w.raw(", ").key("title").string(e.title).raw("}");
  }
  return w.raw("]").take();
}

std::string instance_json(const Instance& in) {
  const Exercise& e = *in.exercise;
  JsonWriter w;
  w.raw("{").key("id").string(e.id).raw(", ").key("chapter").string(e.chapter);
  w.raw(", ").key("title").string(e.title).raw(", ").key("prompt").string(in.prompt);
  w.raw(", ").key("variant").raw(std::to_string(in.variant)).raw(", ").key("params").raw("{");
  for (std::size_t i = 0; i < in.params.size(); ++i) {
    w.raw(i ? ", " : "").key(in.params[i].first).value(in.params[i].second);
  }
  w.raw("}, ").key("answer").raw("{");
  if (e.symbolic) {
    w.key("expression").string(e.symbolic->text()).raw(", ").key("variables").raw("[");
    for (std::size_t i = 0; i < e.variables.size(); ++i) w.raw(i ? ", " : "").string(e.variables[i]);
    w.raw("]");
  } else if (in.answers.size() == 1) {
    w.key("value").value(in.answers[0]).raw(", ").key("unit").string(e.parts[0].unit_text);
  } else {
    w.key("value").raw("[");
    for (std::size_t i = 0; i < in.answers.size(); ++i) w.raw(i ? ", " : "").value(in.answers[i]);
    w.raw("], ").key("unit").raw("[");
    for (std::size_t i = 0; i < e.parts.size(); ++i) w.raw(i ? ", " : "").string(e.parts[i].unit_text);
    w.raw("]");
  }
  w.raw("}, ").key("explanation").string(in.explanation).raw("}");
  return w.take();
}

std::string verdict_json(const Verdict& verdict) {
  JsonWriter w;
  w.raw("{").key("correct").raw(verdict.correct() ? "true" : "false");
  w.raw(", ").key("feedback").string(verdict.feedback).raw(", ").key("diagnosis");
  if (verdict.diagnosis) {
    w.string(*verdict.diagnosis);
  } else {
    w.raw("null");
  }
  return w.raw("}").take();
}

}  // namespace derive
