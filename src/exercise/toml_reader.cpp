#include "exercise/toml_reader.hpp"

#include <algorithm>

#include <toml++/toml.h>

namespace derive {
namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

class FileReader {
 public:
  FileReader(const SourceFile& file, std::vector<LintIssue>& issues) : file_(file), issues_(issues) {}

  void issue(int line, std::string message) { issues_.push_back({file_.name, line, std::move(message)}); }

  void read(Catalogue& catalogue) {
    toml::parse_result parsed = toml::parse(file_.text, file_.name);
    if (!parsed) {
      const auto& error = parsed.error();
      issue(static_cast<int>(error.source().begin.line), "not valid TOML: " + std::string(error.description()));
      return;
    }
    const toml::table& root = parsed.table();
    check_keys(root, 1, "chapter file", {"chapter", "title", "intro", "exercise"});
    Chapter chapter;
    chapter.name = required_string(root, "chapter", 1, "the chapter file");
    chapter.title = required_string(root, "title", 1, "the chapter file");
    chapter.intro = required_string(root, "intro", 1, "the chapter file");
    const toml::array* exercises = root["exercise"].as_array();
    if (!exercises || exercises->empty()) {
      issue(1, "no [[exercise]] tables: a chapter file needs at least one exercise");
    } else {
      for (const toml::node& node : *exercises) {
        const toml::table* table = node.as_table();
        if (!table) {
          issue(line_of(node), "each 'exercise' must be a table ([[exercise]])");
          continue;
        }
        Exercise exercise = read_exercise(*table, chapter.name);
        chapter.exercise_ids.push_back(exercise.id);
        catalogue.exercises.push_back(std::move(exercise));
      }
    }
    catalogue.chapters.push_back(std::move(chapter));
  }

 private:
  void check_keys(const toml::table& table, int line, const std::string& what,
                  std::initializer_list<const char*> allowed) {
    for (const auto& [key, node] : table) {
      const std::string_view name = key.str();  // clang 14 cannot capture a structured binding
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; })) {
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        issue(line_of(node) ? line_of(node) : line,
              what + ": unknown key '" + std::string(key.str()) + "' (expected one of: " + list + ")");
      }
    }
  }

  std::string required_string(const toml::table& table, const char* key, int line, const std::string& what) {
    const toml::node* node = table.get(key);
    if (!node) {
      issue(line, what + " has no '" + key + "' (a string)");
      return "";
    }
    if (auto s = node->value<std::string>()) return *s;
    issue(line_of(*node), what + ": '" + key + "' must be a string");
    return "";
  }

  std::string optional_string(const toml::table& table, const char* key, const std::string& what) {
    const toml::node* node = table.get(key);
    if (!node) return "";
    if (auto s = node->value<std::string>()) return *s;
    issue(line_of(*node), what + ": '" + key + "' must be a string");
    return "";
  }

  // A string or an array of strings.
  std::vector<std::pair<std::string, int>> strings(const toml::node& node, const std::string& what) {
    std::vector<std::pair<std::string, int>> out;
    if (auto s = node.value<std::string>()) {
      out.emplace_back(*s, line_of(node));
    } else if (const toml::array* array = node.as_array()) {
      for (const toml::node& item : *array) {
        if (auto t = item.value<std::string>()) {
          out.emplace_back(*t, line_of(item) ? line_of(item) : line_of(node));
        } else {
          issue(line_of(node), what + " must hold strings only");
        }
      }
    } else {
      issue(line_of(node), what + " must be a string or an array of strings");
    }
    return out;
  }

  std::optional<Expression> expression(const std::string& text, int line, const std::string& where) {
    auto parsed = Expression::parse(text);
    if (!parsed) {
      issue(line, where + ": " + parsed.error().message + " in \"" + text + "\"");
      return std::nullopt;
    }
    return std::move(parsed).value();
  }

  std::optional<Value> value_of(const toml::node& node, const std::string& where) {
    if (auto i = node.value_exact<std::int64_t>()) return Value(Number::exact(*i));
    if (auto d = node.value_exact<double>()) return Value::real(*d);
    if (auto b = node.value_exact<bool>()) return Value(*b);
    if (const toml::array* array = node.as_array()) {
      NumberList list;
      for (const toml::node& item : *array) {
        if (auto i = item.value_exact<std::int64_t>()) {
          list.push_back(Number::exact(*i));
        } else if (auto d = item.value_exact<double>()) {
          list.push_back(Number::from_double(*d));
        } else {
          issue(line_of(node), where + ": a list may hold numbers only");
          return std::nullopt;
        }
      }
      return Value(std::move(list));
    }
    issue(line_of(node), where + ": expected a number, true/false or a list of numbers");
    return std::nullopt;
  }

  std::optional<double> number_of(const toml::table& table, const char* key, const std::string& where) {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (auto d = node->value<double>()) return *d;  // toml++ converts integers too
    issue(line_of(*node), where + ": '" + key + "' must be a number");
    return std::nullopt;
  }

  ParamDef read_param(const std::string& name, const toml::node& node, const std::string& where) {
    ParamDef param;
    param.name = name;
    param.line = line_of(node);
    const std::string what = where + ", parameter '" + name + "'";
    const toml::table* table = node.as_table();
    if (!table) {
      issue(param.line, what + ": expected an inline table such as { canonical = 32, choices = [8, 16, 32] }");
      return param;
    }
    check_keys(*table, param.line, what,
               {"canonical", "min", "max", "step", "log", "significant", "choices", "derive", "length"});
    if (const toml::node* canonical = table->get("canonical")) {
      if (auto v = value_of(*canonical, what + " canonical")) param.canonical = *v;
    } else {
      issue(param.line, what + " has no 'canonical' value (the seed's number, variant 0)");
    }
    DrawSpec& draw = param.draw;
    const auto min = number_of(*table, "min", what);
    const auto max = number_of(*table, "max", what);
    const auto step = number_of(*table, "step", what);
    const bool log = table->get("log") && table->get("log")->value_or(false);
    if (const toml::node* choices = table->get("choices")) {
      draw.kind = DrawSpec::Kind::Choices;
      if (const toml::array* array = choices->as_array(); array && !array->empty()) {
        for (const toml::node& item : *array)
          if (auto v = value_of(item, what + " choices")) draw.choices.push_back(*v);
      } else {
        issue(line_of(*choices), what + ": 'choices' must be a non-empty array");
      }
    } else if (const toml::node* derive = table->get("derive")) {
      draw.kind = DrawSpec::Kind::Derived;
      if (auto text = derive->value<std::string>()) {
        draw.derive = expression(*text, line_of(*derive), what + " derive");
      } else {
        issue(line_of(*derive), what + ": 'derive' must be an expression string");
      }
    } else if (min || max) {
      if (!min || !max) {
        issue(param.line, what + ": give both 'min' and 'max'");
      } else if (!(*min < *max)) {
        issue(param.line, what + ": 'min' must be less than 'max'");
      } else if (log) {
        draw.kind = DrawSpec::Kind::LogUniform;
        if (*min <= 0) issue(param.line, what + ": a log draw needs min > 0");
        draw.significant = static_cast<int>(number_of(*table, "significant", what).value_or(2));
      } else {
        draw.kind = DrawSpec::Kind::Grid;
        if (!step || *step <= 0) issue(param.line, what + ": a grid draw needs 'step' > 0");
        draw.step = step.value_or(1);
      }
      draw.min = min.value_or(0);
      draw.max = max.value_or(0);
    }
    if (auto length = number_of(*table, "length", what)) {
      draw.length = static_cast<int>(*length);
      if (draw.length < 1 || draw.length > 64) issue(param.line, what + ": 'length' must be 1..64");
    }
    return param;
  }

  void read_precision(const toml::table& table, Exercise& exercise, const std::string& what) {
    const std::size_t parts = exercise.parts.size();
    auto apply = [&](const char* key, Precision::Kind kind) {
      const toml::node* node = table.get(key);
      if (!node) return;
      std::vector<const toml::node*> items;
      if (const toml::array* array = node->as_array()) {
        for (const toml::node& item : *array) items.push_back(&item);
        if (items.size() != parts) {
          issue(line_of(*node), what + ": '" + key + "' has " + std::to_string(items.size()) +
                                    " entries but the answer has " + std::to_string(parts) + " parts");
          return;
        }
      } else {
        items.assign(parts, node);
      }
      for (std::size_t i = 0; i < items.size(); ++i) {
        Precision& p = exercise.parts[i].precision;
        p.kind = kind;
        if (kind == Precision::Kind::Exact) {
          if (!items[i]->value_or(false)) issue(line_of(*node), what + ": 'exact' must be true when given");
        } else if (auto digits = items[i]->value<std::int64_t>(); digits && *digits >= 0 && *digits <= 15) {
          p.digits = static_cast<int>(*digits);
        } else {
          issue(line_of(*node), what + ": '" + key + "' must be a whole number from 0 to 15");
        }
      }
      explicit_precision_ = true;
    };
    apply("decimals", Precision::Kind::Decimals);
    apply("significant", Precision::Kind::Significant);
    apply("exact", Precision::Kind::Exact);
  }

  Exercise read_exercise(const toml::table& table, const std::string& chapter) {
    Exercise e;
    e.file = file_.name;
    e.line = line_of(table);
    e.chapter = chapter;
    e.id = required_string(table, "id", e.line, "an exercise");
    const std::string what = "exercise '" + e.id + "'";
    check_keys(table, e.line, what,
               {"id", "title", "prompt", "params", "let", "require", "answer", "answer_expression", "variables",
                "unit", "decimals", "significant", "exact", "kilobyte", "steps", "remark", "seed_note", "mistake"});
    e.title = required_string(table, "title", e.line, what);
    e.prompt = required_string(table, "prompt", e.line, what);
    e.remark = optional_string(table, "remark", what);
    e.seed_note = optional_string(table, "seed_note", what);

    if (const toml::node* params = table.get("params")) {
      if (const toml::table* t = params->as_table()) {
        for (const auto& [key, node] : *t) e.params.push_back(read_param(std::string(key.str()), node, what));
        // toml++ keeps keys sorted; authors' order is the order of the lines.
        std::stable_sort(e.params.begin(), e.params.end(),
                         [](const ParamDef& a, const ParamDef& b) { return a.line < b.line; });
      } else {
        issue(line_of(*params), what + ": 'params' must be a table");
      }
    }
    if (const toml::node* lets = table.get("let")) {
      for (const auto& [text, line] : strings(*lets, what + ": 'let'")) {
        const std::size_t eq = text.find('=');
        const bool valid = eq != std::string::npos && eq + 1 < text.size() && text[eq + 1] != '=';
        std::string name = valid ? text.substr(0, eq) : "";
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!valid || name.empty()) {
          issue(line, what + ": a 'let' entry must look like \"name = expression\", got \"" + text + "\"");
          continue;
        }
        if (auto ex = expression(text.substr(eq + 1), line, what + ", let " + name)) {
          e.definitions.push_back({name, std::move(*ex)});
        }
      }
    }
    if (const toml::node* require = table.get("require")) {
      for (const auto& [text, line] : strings(*require, what + ": 'require'"))
        if (auto ex = expression(text, line, what + ", require")) e.requirements.push_back(std::move(*ex));
    }
    read_answer(table, e, what);
    if (const toml::node* steps = table.get("steps")) {
      for (auto& [text, line] : strings(*steps, what + ": 'steps'")) e.steps.push_back(std::move(text));
    }
    if (e.steps.empty()) issue(e.line, what + " has no 'steps' (the worked solution)");
    if (const toml::node* kilobyte = table.get("kilobyte")) {
      const auto kb = kilobyte->value<std::int64_t>();
      if (kb == 1000 || kb == 1024) {
        e.units.kilobyte = static_cast<double>(*kb);
      } else {
        issue(line_of(*kilobyte), what + ": 'kilobyte' must be 1000 or 1024");
      }
    }
    for (AnswerPart& part : e.parts) {
      auto unit = parse_answer_unit(part.unit_text, e.units);
      if (unit) {
        part.unit = *unit;
      } else {
        issue(e.line, what + ": unit '" + part.unit_text + "': " + unit.error().message);
      }
    }
    if (const toml::node* mistakes = table.get("mistake")) {
      if (const toml::array* array = mistakes->as_array()) {
        for (const toml::node& node : *array) read_mistake(node, e, what);
      } else {
        issue(line_of(*mistakes), what + ": 'mistake' must be an array of tables ([[exercise.mistake]])");
      }
    }
    return e;
  }

  void read_answer(const toml::table& table, Exercise& e, const std::string& what) {
    const toml::node* answer = table.get("answer");
    const toml::node* symbolic = table.get("answer_expression");
    if (answer && symbolic) issue(e.line, what + ": give either 'answer' or 'answer_expression', not both");
    if (!answer && !symbolic) issue(e.line, what + " has no 'answer' (an expression over the parameters)");
    if (symbolic) {
      if (auto text = symbolic->value<std::string>()) e.symbolic = expression(*text, line_of(*symbolic), what);
      if (const toml::node* vars = table.get("variables")) {
        for (auto& [name, line] : strings(*vars, what + ": 'variables'")) e.variables.push_back(std::move(name));
      }
      if (e.variables.empty()) issue(e.line, what + ": a symbolic answer needs 'variables', e.g. [\"C\"]");
      return;
    }
    if (!answer) return;
    std::vector<std::pair<std::string, int>> units;
    if (const toml::node* unit = table.get("unit")) {
      units = strings(*unit, what + ": 'unit'");
    } else {
      issue(e.line, what + " has no 'unit' (the unit the prompt asks for)");
    }
    const auto texts = strings(*answer, what + ": 'answer'");
    if (!units.empty() && units.size() != texts.size() && units.size() != 1) {
      issue(e.line, what + ": 'unit' has " + std::to_string(units.size()) + " entries but 'answer' has " +
                        std::to_string(texts.size()));
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
      auto ex = expression(texts[i].first, texts[i].second, what + ", answer");
      if (!ex) continue;
      AnswerPart part{std::move(*ex), units.empty() ? "" : units[std::min(i, units.size() - 1)].first, {}, {}};
      e.parts.push_back(std::move(part));
    }
    explicit_precision_ = false;
    read_precision(table, e, what);
    if (!explicit_precision_) {
      for (AnswerPart& part : e.parts) part.default_precision = true;
    }
  }

  void read_mistake(const toml::node& node, Exercise& e, const std::string& what) {
    const toml::table* table = node.as_table();
    const int line = line_of(node);
    if (!table) {
      issue(line, what + ": each mistake must be a table with 'answer' and 'says'");
      return;
    }
    check_keys(*table, line, what + ", mistake", {"answer", "says", "part"});
    Mistake mistake;
    mistake.says = required_string(*table, "says", line, what + ", mistake");
    const std::string text = required_string(*table, "answer", line, what + ", mistake");
    if (const toml::node* part = table->get("part")) {
      const auto index = part->value<std::int64_t>();
      const std::size_t parts = std::max<std::size_t>(e.parts.size(), 1);
      if (!index || *index < 0 || static_cast<std::size_t>(*index) >= parts) {
        issue(line_of(*part), what + ", mistake: 'part' must be 0.." + std::to_string(parts - 1));
      } else {
        mistake.part = static_cast<std::size_t>(*index);
      }
    }
    if (text.empty()) return;
    if (auto ex = expression(text, line, what + ", mistake")) {
      mistake.answer = std::move(*ex);
      e.mistakes.push_back(std::move(mistake));
    }
  }

  const SourceFile& file_;
  std::vector<LintIssue>& issues_;
  bool explicit_precision_ = false;
};

}  // namespace

void read_catalogue_file(const SourceFile& file, Catalogue& catalogue, std::vector<LintIssue>& issues) {
  FileReader(file, issues).read(catalogue);
}

}  // namespace derive
