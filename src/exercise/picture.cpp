#include "exercise/picture.hpp"

#include <cmath>

namespace derive {
namespace {

// Lists are words separated by single spaces; a word with choices is written
// name=choice|choice (no choices: any text). Plain strings keep this table,
// and the WebAssembly build, small.
struct Kind {
  std::string_view name, required, optional, lists, words;
};

constexpr Kind kKinds[] = {
    // Williams, Waterman & Patterson 2009: peak FLOP/s, bandwidth B/s, and
    // optionally one kernel's arithmetic intensity in FLOP/B.
    {"roofline", "peak bandwidth", "intensity", "", "caption"},
    // Jacob et al. 2018, r = S (q - Z): the integer grid of `bits` bits over
    // [x_min, x_max]; x is the real value quantized, q its level.
    {"quant-grid", "bits scale zero_point", "x_min x_max x q", "",
     "focus=value|round-trip|zero-point|step answer=none|level|zero-point caption"},
    // Hinton, Vinyals & Dean 2015: softmax(logits / T) of each class against
    // T, the point asked for at (temperature, index).
    {"softmax-temperature", "logits temperature index", "", "logits", "item symbol caption"},
    // An arena over time (TFLM's greedy planner, greedy_memory_planner.cc):
    // buffer i occupies [offsets[i], offsets[i] + sizes[i]) from step
    // first_use[i] to last_use[i]; bound is the live-set lower bound.
    {"memory-timeline", "sizes offsets first_use last_use", "bound", "sizes offsets first_use last_use",
     "unit caption"},
};
constexpr std::string_view kKindNames = "roofline, quant-grid, softmax-temperature, memory-timeline";

// Calls f(word) for each word of `list` separated by `separator`; stops at,
// and returns true for, the first word f returns true for.
template <class F>
bool any_word(std::string_view list, F f, char separator = ' ') {
  while (!list.empty()) {
    const std::size_t end = std::min(list.find(separator), list.size());
    if (f(list.substr(0, end))) return true;
    list.remove_prefix(std::min(end + 1, list.size()));
  }
  return false;
}

std::string_view name_of(std::string_view word) { return word.substr(0, word.find('=')); }

bool listed(std::string_view list, std::string_view name) {
  return any_word(list, [&](std::string_view w) { return name_of(w) == name; });
}

// The names of the words of each list, "a, b, c".
std::string names(std::initializer_list<std::string_view> lists) {
  std::string out;
  for (std::string_view list : lists)
    any_word(list, [&](std::string_view w) {
      out += (out.empty() ? "" : ", ") + std::string(name_of(w));
      return false;
    });
  return out;
}

}  // namespace

Picture read_picture(const Document& node, std::vector<std::pair<int, std::string>>& problems) {
  Picture picture;
  picture.line = node.line;
  const Document* kind_node = node.is_table() ? node.get("kind") : nullptr;
  const Kind* kind = nullptr;
  for (const Kind& k : kKinds)
    if (kind_node && kind_node->is_string() && kind_node->text == k.name) kind = &k;
  if (!kind) {
    problems.emplace_back(
        kind_node ? kind_node->line : node.line,
        kind_node && kind_node->is_string()
            ? "unknown kind '" + kind_node->text + "' (kinds: " + std::string(kKindNames) + ")"
            : "expected an inline table with a 'kind' (" + std::string(kKindNames) + ")");
    return picture;
  }
  const std::size_t before = problems.size();
  for (const Document::Member& member : node.members) {
    const std::string& key = member.first;
    const Document& value = member.second;
    const int line = value.line ? value.line : node.line;
    if (key == "kind") continue;
    if (!value.is_string()) {
      problems.emplace_back(line, "'" + key + "' must be a string");
    } else if (listed(kind->words, key)) {
      std::string_view choices;  // empty: any text
      any_word(kind->words, [&](std::string_view w) {
        if (name_of(w) != key) return false;
        choices = w.size() > key.size() ? w.substr(key.size() + 1) : std::string_view();
        return true;
      });
      if (choices.empty() || any_word(
                                 choices, [&](std::string_view c) { return c == value.text; }, '|')) {
        picture.words.emplace_back(key, value.text);
      } else {
        std::string list(choices);
        for (char& c : list) c = c == '|' ? ' ' : c;
        problems.emplace_back(line,
                              "'" + key + "' must be one of " + names({list}) + ", got '" + value.text + "'");
      }
    } else if (listed(kind->required, key) || listed(kind->optional, key)) {
      auto expression = Expression::parse(value.text);
      if (expression) {
        picture.values.emplace_back(key, std::move(*expression));
      } else {
        problems.emplace_back(line,
                              "'" + key + "': " + expression.error().message + " in \"" + value.text + "\"");
      }
    } else {
      problems.emplace_back(line, "a " + std::string(kind->name) + " picture has no '" + key +
                                      "' (it takes: " + names({kind->required, kind->optional, kind->words}) +
                                      ")");
    }
  }
  any_word(kind->required, [&](std::string_view name) {
    if (!node.get(name))
      problems.emplace_back(node.line, "a " + std::string(kind->name) + " picture needs '" +
                                           std::string(name) + "' (an expression)");
    return false;
  });
  if (problems.size() == before) picture.kind = std::string(kind->name);
  return picture;
}

Result<std::vector<std::pair<std::string, Value>>> picture_values(const Picture& picture,
                                                                  const Environment& env) {
  std::string_view lists;
  for (const Kind& k : kKinds)
    if (picture.kind == k.name) lists = k.lists;
  std::vector<std::pair<std::string, Value>> out;
  for (const auto& [name, expression] : picture.values) {
    auto value = expression.evaluate(env);
    if (!value) return make_error("picture '" + name + "': " + value.error().message);
    const bool list = listed(lists, name);
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
