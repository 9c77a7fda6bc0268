#include "exercise/picture.hpp"

#include <algorithm>
#include <cmath>

namespace derive {
namespace {

struct Word {
  const char* name;
  std::vector<const char*> choices;  // empty: any text
};

struct Kind {
  const char* name;
  std::vector<const char*> required, optional;  // values
  std::vector<const char*> lists;               // values that are lists of numbers
  std::vector<Word> words;
};

// Every kind also takes `caption`, the sentence under the picture.
const std::vector<Kind>& kinds() {
  static const std::vector<Kind> table = {
      // Williams, Waterman & Patterson 2009: peak FLOP/s, bandwidth B/s, and
      // optionally one kernel's arithmetic intensity in FLOP/B.
      {"roofline", {"peak", "bandwidth"}, {"intensity"}, {}, {}},
      // Jacob et al. 2018, r = S (q - Z): the integer grid of `bits` bits over
      // [x_min, x_max]; x is the real value quantized, q its level.
      {"quant-grid",
       {"bits", "scale", "zero_point"},
       {"x_min", "x_max", "x", "q"},
       {},
       {{"focus", {"value", "round-trip", "zero-point", "step"}},
        {"answer", {"none", "level", "zero-point"}}}},
      // Hinton, Vinyals & Dean 2015: softmax(logits / T) of each class
      // against T, the point asked for at (temperature, index).
      {"softmax-temperature",
       {"logits", "temperature", "index"},
       {},
       {"logits"},
       {{"item", {}}, {"symbol", {}}}},
  };
  return table;
}

const Kind* kind_named(std::string_view name) {
  for (const Kind& k : kinds())
    if (name == k.name) return &k;
  return nullptr;
}

bool contains(const std::vector<const char*>& list, std::string_view name) {
  return std::any_of(list.begin(), list.end(), [&](const char* n) { return name == n; });
}

std::string joined(const std::vector<const char*>& list) {
  std::string out;
  for (const char* n : list) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

}  // namespace

Picture read_picture(const Document& node, const std::function<void(int, const std::string&)>& problem) {
  Picture picture;
  picture.line = node.line;
  const Document* kind_node = node.is_table() ? node.get("kind") : nullptr;
  if (!kind_node || !kind_node->is_string()) {
    problem(node.line,
            "expected an inline table with a 'kind', e.g. { kind = \"roofline\", peak = \"peak_flops\", "
            "bandwidth = \"bandwidth_bytes\" }");
    return picture;
  }
  const Kind* kind = kind_named(kind_node->text);
  if (!kind) {
    std::vector<const char*> names;
    for (const Kind& k : kinds()) names.push_back(k.name);
    problem(kind_node->line, "unknown kind '" + kind_node->text + "' (kinds: " + joined(names) + ")");
    return picture;
  }
  bool valid = true;
  auto bad = [&](int line, const std::string& message) {
    problem(line, message);
    valid = false;
  };
  for (const auto& [key, value] : node.members) {
    const int line = value.line ? value.line : node.line;
    if (key == "kind") continue;
    if (!value.is_string()) {
      bad(line, "'" + key + "' must be a string");
      continue;
    }
    const auto word = std::find_if(kind->words.begin(), kind->words.end(),
                                   [&, &name = key](const Word& w) { return name == w.name; });
    if (key == "caption" || word != kind->words.end()) {
      if (word != kind->words.end() && !word->choices.empty() && !contains(word->choices, value.text)) {
        bad(line, "'" + key + "' must be one of " + joined(word->choices) + ", got '" + value.text + "'");
      } else {
        picture.words.emplace_back(key, value.text);
      }
    } else if (contains(kind->required, key) || contains(kind->optional, key)) {
      auto expression = Expression::parse(value.text);
      if (expression) {
        picture.values.emplace_back(key, std::move(*expression));
      } else {
        bad(line, "'" + key + "': " + expression.error().message + " in \"" + value.text + "\"");
      }
    } else {
      std::vector<const char*> keys = kind->required;
      keys.insert(keys.end(), kind->optional.begin(), kind->optional.end());
      for (const Word& w : kind->words) keys.push_back(w.name);
      keys.push_back("caption");
      bad(line,
          "a " + std::string(kind->name) + " picture has no '" + key + "' (it takes: " + joined(keys) + ")");
    }
  }
  for (const char* name : kind->required) {
    if (std::none_of(picture.values.begin(), picture.values.end(),
                     [&](const auto& v) { return v.first == name; }) &&
        !node.get(name))
      bad(node.line, "a " + std::string(kind->name) + " picture needs '" + name + "' (an expression)");
  }
  if (valid) picture.kind = kind->name;
  return picture;
}

Result<std::vector<std::pair<std::string, Value>>> picture_values(const Picture& picture,
                                                                  const Environment& env) {
  const Kind* kind = kind_named(picture.kind);
  if (!kind) return make_error("no picture");
  std::vector<std::pair<std::string, Value>> out;
  for (const auto& [name, expression] : picture.values) {
    auto value = expression.evaluate(env);
    if (!value) return make_error("picture '" + name + "': " + value.error().message);
    const bool list = contains(kind->lists, name);
    const bool fits =
        list ? value->is_list() : value->is_number() && std::isfinite(value->number().to_double());
    if (!fits)
      return make_error("picture '" + name + "' must be " + (list ? "a list of numbers" : "a finite number") +
                        ", got \"" + expression.text() + "\"");
    out.emplace_back(name, std::move(*value));
  }
  return out;
}

}  // namespace derive
