#include "exercise/catalogue_reader.hpp"

#include <algorithm>
#include <cmath>

#include "derive/exercise/document.hpp"
#include "derive/number_format.hpp"
#include "exercise/picture.hpp"

namespace derive {
namespace {

const std::string* string_of(const Document* node) {
  return node && node->is_string() ? &node->text : nullptr;
}
const std::int64_t* integer_of(const Document* node) {
  return node && node->kind == Document::Kind::Integer ? &node->integer : nullptr;
}
bool true_of(const Document* node) { return node && node->kind == Document::Kind::Boolean && node->boolean; }

class FileReader {
 public:
  FileReader(const SourceFile& file, std::vector<LintIssue>& issues) : file_(file), issues_(issues) {}

  void issue(int line, std::string message) { issues_.push_back({file_.name, line, std::move(message)}); }

  void read(Catalogue& catalogue) {
    auto chapters = chapter_documents(file_);
    if (!chapters) {
      const Error& error = chapters.error();
      issue(error.line, std::string(error.line ? error.reason() : std::string_view(error.message)));
      return;
    }
    for (const Document& chapter : *chapters) read_chapter(chapter, catalogue);
  }

  // A TOML file holds one chapter; the JSON the WebAssembly build embeds holds
  // an array of them.
  static Result<std::vector<Document>> chapter_documents(const SourceFile& file) {
    const bool json = file.name.size() >= 5 && file.name.compare(file.name.size() - 5, 5, ".json") == 0;
    Result<Document> parsed = json ? parse_json_document(file.text) : parse_toml(file.text, file.name);
    if (!parsed) return parsed.error();
    if (parsed->is_array()) return std::move(parsed->items);
    std::vector<Document> one;
    one.push_back(std::move(parsed).value());
    return one;
  }

  void read_chapter(const Document& root, Catalogue& catalogue) { read_chapter_body(root, catalogue); }

 private:
  static Result<Document> parse_toml(const std::string& text, const std::string& name) {
#ifdef DERIVE_HAS_TOML
    return parse_toml_document(text, name);
#else
    (void)text;
    return make_error(name + ": this build reads catalogues as JSON only");
#endif
  }

  void read_chapter_body(const Document& root, Catalogue& catalogue) {
    check_keys(root, 1, "chapter file", {"chapter", "title", "intro", "exercise"});
    Chapter chapter;
    chapter.name = required_string(root, "chapter", 1, "the chapter file");
    chapter.title = required_string(root, "title", 1, "the chapter file");
    chapter.intro = required_string(root, "intro", 1, "the chapter file");
    const Document* exercises = root.get("exercise");
    if (!exercises || !exercises->is_array() || exercises->items.empty()) {
      issue(1, "no [[exercise]] tables: a chapter file needs at least one exercise");
    } else {
      for (const Document& node : exercises->items) {
        if (!node.is_table()) {
          issue(node.line, "each 'exercise' must be a table ([[exercise]])");
          continue;
        }
        Exercise exercise = read_exercise(node, chapter.name);
        chapter.exercise_ids.push_back(exercise.id);
        catalogue.exercises.push_back(std::move(exercise));
      }
    }
    catalogue.chapters.push_back(std::move(chapter));
  }

  void check_keys(const Document& table, int line, const std::string& what,
                  std::initializer_list<const char*> allowed) {
    for (const auto& [key, node] : table.members) {
      const std::string_view name = key;  // clang 14 cannot capture a structured binding
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; })) {
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        issue(node.line ? node.line : line,
              what + ": unknown key '" + key + "' (expected one of: " + list + ")");
      }
    }
  }

  std::string required_string(const Document& table, const char* key, int line, const std::string& what) {
    const Document* node = table.get(key);
    if (!node) {
      issue(line, what + " has no '" + key + "' (a string)");
      return "";
    }
    if (const std::string* s = string_of(node)) return *s;
    issue(node->line, what + ": '" + key + "' must be a string");
    return "";
  }

  std::string optional_string(const Document& table, const char* key, const std::string& what) {
    const Document* node = table.get(key);
    if (!node) return "";
    if (const std::string* s = string_of(node)) return *s;
    issue(node->line, what + ": '" + key + "' must be a string");
    return "";
  }

  // A string or an array of strings.
  std::vector<std::pair<std::string, int>> strings(const Document& node, const std::string& what) {
    std::vector<std::pair<std::string, int>> out;
    if (node.is_string()) {
      out.emplace_back(node.text, node.line);
    } else if (node.is_array()) {
      for (const Document& item : node.items) {
        if (item.is_string()) {
          out.emplace_back(item.text, item.line ? item.line : node.line);
        } else {
          issue(node.line, what + " must hold strings only");
        }
      }
    } else {
      issue(node.line, what + " must be a string or an array of strings");
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

  static std::optional<Number> number_value(const Document& node) {
    if (node.kind == Document::Kind::Integer) return Number::exact(node.integer);
    if (node.kind == Document::Kind::Float) return Number::from_double(node.real);
    return std::nullopt;
  }

  // A parameter value: a finite number, true/false, or a list of finite numbers.
  std::optional<Value> value_of(const Document& node, const std::string& where) {
    auto finite = [&](const Number& n) {
      if (std::isfinite(n.to_double())) return true;
      issue(node.line, where + ": numbers must be finite, got " + format_plain(n));
      return false;
    };
    if (auto n = number_value(node)) return finite(*n) ? std::optional<Value>(Value(*n)) : std::nullopt;
    if (node.kind == Document::Kind::Boolean) return Value(node.boolean);
    if (node.is_array()) {
      NumberList list;
      for (const Document& item : node.items) {
        auto n = number_value(item);
        if (!n) {
          issue(node.line, where + ": a list may hold numbers only");
          return std::nullopt;
        }
        if (!finite(*n)) return std::nullopt;
        list.push_back(*n);
      }
      return Value(std::move(list));
    }
    issue(node.line, where + ": expected a number, true/false or a list of numbers");
    return std::nullopt;
  }

  // Reads the settings of a parameter's inline table into `param.draw`. Any
  // setting out of bounds makes the spec Invalid, so it is never drawn from.
  class DrawReader {
   public:
    DrawReader(FileReader& reader, const Document& table, int line, const std::string& what)
        : reader_(reader), table_(table), line_(line), what_(what) {}

    bool valid() const { return valid_; }
    void invalidate() { valid_ = false; }
    void bad(const std::string& message) {
      reader_.issue(line_, what_ + ": " + message);
      valid_ = false;
    }
    bool has(const char* key) const { return table_.get(key) != nullptr; }

    // A finite number, or nullopt when missing or not one (then reported).
    std::optional<double> number(const char* key) {
      const Document* node = table_.get(key);
      if (!node) return std::nullopt;
      if (node->is_number() && std::isfinite(node->number())) return node->number();
      bad("'" + std::string(key) + "' must be a finite number");
      return std::nullopt;
    }
    // A whole number in [lo, hi], or nullopt when missing or not one.
    std::optional<int> whole(const char* key, int lo, int hi) {
      const Document* node = table_.get(key);
      if (!node) return std::nullopt;
      const double x = node->is_number() ? node->number() : std::nan("");
      if (x >= lo && x <= hi && std::trunc(x) == x) return static_cast<int>(x);
      bad("'" + std::string(key) + "' must be a whole number from " + std::to_string(lo) + " to " +
          std::to_string(hi) + ", got " +
          (node->is_number() ? format_plain(Number::from_double(x)) : "a " + kind_name(*node)));
      return std::nullopt;
    }
    bool flag(const char* key) {
      const Document* node = table_.get(key);
      if (!node) return false;
      if (node->kind == Document::Kind::Boolean) return node->boolean;
      bad("'" + std::string(key) + "' must be true or false");
      return false;
    }
    // Settings that the kind of draw would ignore are mistakes, not no-ops.
    void not_with(std::initializer_list<const char*> keys, const std::string& kind) {
      for (const char* key : keys)
        if (has(key)) bad("'" + std::string(key) + "' does not apply to " + kind);
    }

   private:
    static std::string kind_name(const Document& node) {
      if (node.is_string()) return "string";
      if (node.is_array()) return "list";
      if (node.is_table()) return "table";
      return node.kind == Document::Kind::Boolean ? "boolean" : "value";
    }

    FileReader& reader_;
    const Document& table_;
    int line_;
    const std::string& what_;
    bool valid_ = true;
  };

  ParamDef read_param(const std::string& name, const Document& node, const std::string& where) {
    ParamDef param;
    param.name = name;
    param.line = node.line;
    const std::string what = where + ", parameter '" + name + "'";
    const Document* table = node.is_table() ? &node : nullptr;
    if (!table) {
      issue(param.line,
            what + ": expected an inline table such as { canonical = 32, choices = [8, 16, 32] }");
      return param;
    }
    check_keys(*table, param.line, what,
               {"canonical", "min", "max", "step", "log", "significant", "choices", "derive", "length"});
    if (const Document* canonical = table->get("canonical")) {
      if (auto v = value_of(*canonical, what + " canonical")) param.canonical = *v;
    } else {
      issue(param.line, what + " has no 'canonical' value (the seed's number, variant 0)");
    }
    DrawSpec& draw = param.draw;
    DrawReader spec(*this, *table, param.line, what);
    const auto min = spec.number("min");
    const auto max = spec.number("max");
    const auto step = spec.number("step");
    const bool log = spec.flag("log");
    if (auto length = spec.whole("length", 1, kMaxDrawLength)) draw.length = *length;
    if (const Document* choices = table->get("choices")) {
      draw.kind = DrawSpec::Kind::Choices;
      spec.not_with({"min", "max", "step", "log", "significant", "derive"}, "a choices draw");
      if (!choices->is_array() || choices->items.empty() || choices->items.size() > kMaxDrawChoices) {
        spec.bad("'choices' must be an array of 1 to " + std::to_string(kMaxDrawChoices) + " values");
      } else {
        for (const Document& item : choices->items) {
          auto v = value_of(item, what + " choices");
          if (!v) {
            spec.invalidate();  // value_of said why
            break;
          }
          if (spec.has("length") && !v->is_number()) {
            spec.bad("a list drawn from choices ('length') needs numbers as choices");
            break;
          }
          draw.choices.push_back(std::move(*v));
        }
      }
    } else if (const Document* derive = table->get("derive")) {
      draw.kind = DrawSpec::Kind::Derived;
      spec.not_with({"min", "max", "step", "log", "significant", "length"}, "a derived parameter");
      if (const std::string* text = string_of(derive)) {
        draw.derive = expression(*text, derive->line, what + " derive");
        if (!draw.derive) spec.invalidate();  // expression() said why
      } else {
        spec.bad("'derive' must be an expression string");
      }
    } else if (min || max || spec.has("min") || spec.has("max")) {
      draw.min = min.value_or(0);
      draw.max = max.value_or(0);
      if (!min || !max) {
        if (spec.valid()) spec.bad("give both 'min' and 'max'");
      } else if (!(*min < *max)) {
        spec.bad("'min' must be less than 'max'");
      } else if (log) {
        draw.kind = DrawSpec::Kind::LogUniform;
        spec.not_with({"step"}, "a log draw (it rounds to 'significant' figures)");
        if (*min <= 0) spec.bad("a log draw needs min > 0");
        if (auto significant = spec.whole("significant", 1, kMaxDrawSignificant))
          draw.significant = *significant;
      } else {
        draw.kind = DrawSpec::Kind::Grid;
        spec.not_with({"significant"}, "a grid draw (only a log draw rounds to significant figures)");
        if (!step || *step <= 0) {
          spec.bad("a grid draw needs a finite 'step' > 0");
        } else if (!((*max - *min) / *step + 1 <= kMaxDrawGridPoints)) {
          spec.bad("a grid draw may have at most " + format_grouped(Number::from_double(kMaxDrawGridPoints)) +
                   " points, got (max - min) / step + 1 = " +
                   format_plain(Number::from_double((*max - *min) / *step + 1)));
        }
        draw.step = step.value_or(1);
      }
    } else {
      spec.not_with({"step", "log", "significant", "length"},
                    "a parameter without a draw (min and max, choices or derive)");
    }
    if (!spec.valid()) draw.kind = DrawSpec::Kind::Invalid;
    return param;
  }

  void read_precision(const Document& table, Exercise& exercise, const std::string& what) {
    const std::size_t parts = exercise.parts.size();
    auto apply = [&](const char* key, Precision::Kind kind) {
      const Document* node = table.get(key);
      if (!node) return;
      std::vector<const Document*> items;
      if (node->is_array()) {
        for (const Document& item : node->items) items.push_back(&item);
        if (items.size() != parts) {
          issue(node->line, what + ": '" + key + "' has " + std::to_string(items.size()) +
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
          if (!true_of(items[i])) issue(node->line, what + ": 'exact' must be true when given");
        } else if (const std::int64_t* digits = integer_of(items[i]);
                   digits && *digits >= 0 && *digits <= 15) {
          p.digits = static_cast<int>(*digits);
        } else {
          issue(node->line, what + ": '" + key + "' must be a whole number from 0 to 15");
        }
      }
      explicit_precision_ = true;
    };
    apply("decimals", Precision::Kind::Decimals);
    apply("significant", Precision::Kind::Significant);
    apply("exact", Precision::Kind::Exact);
  }

  Exercise read_exercise(const Document& table, const std::string& chapter) {
    Exercise e;
    e.file = file_.name;
    e.line = table.line;
    e.chapter = chapter;
    e.id = required_string(table, "id", e.line, "an exercise");
    const std::string what = "exercise '" + e.id + "'";
    check_keys(table, e.line, what,
               {"id",        "title",   "formula",   "picture",        "prompt", "params",
                "let",       "require", "truth",     "realistic_sets", "answer", "answer_expression",
                "variables", "unit",    "decimals",  "significant",    "exact",  "kilobyte",
                "steps",     "remark",  "seed_note", "mistake",        "real"});
    e.title = required_string(table, "title", e.line, what);
    read_display(table, e, what);
    e.prompt = Template(required_string(table, "prompt", e.line, what));
    e.remark = Template(optional_string(table, "remark", what));
    e.seed_note = Template(optional_string(table, "seed_note", what));

    if (const Document* params = table.get("params")) {
      if (params->is_table()) {
        for (const auto& [key, node] : params->members) e.params.push_back(read_param(key, node, what));
      } else {
        issue(params->line, what + ": 'params' must be a table");
      }
    }
    if (const Document* lets = table.get("let")) {
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
          e.definitions.push_back({name, std::move(*ex), line});
        }
      }
    }
    if (const Document* require = table.get("require")) {
      for (const auto& [text, line] : strings(*require, what + ": 'require'"))
        if (auto ex = expression(text, line, what + ", require")) e.requirements.push_back(std::move(*ex));
    }
    if (const Document* truth = table.get("truth")) {
      for (const auto& [text, line] : strings(*truth, what + ": 'truth'"))
        if (auto ex = expression(text, line, what + ", truth")) e.truths.push_back(std::move(*ex));
    }
    if (const Document* sets = table.get("realistic_sets")) {
      const std::int64_t* n = integer_of(sets);
      if (n && *n >= 1 && *n < 30) {
        e.realistic_sets = static_cast<int>(*n);
      } else {
        issue(sets->line, what +
                              ": 'realistic_sets' must be a whole number from 1 to 29 (the count of "
                              "realistic parameter sets, when below the 30 asked of variants 1..100)");
      }
    }
    read_answer(table, e, what);
    if (const Document* steps = table.get("steps")) {
      for (auto& [text, line] : strings(*steps, what + ": 'steps'")) e.steps.emplace_back(std::move(text));
    }
    if (e.steps.empty()) issue(e.line, what + " has no 'steps' (the worked solution)");
    if (const Document* kilobyte = table.get("kilobyte")) {
      const std::int64_t* kb = integer_of(kilobyte);
      if (kb && (*kb == 1000 || *kb == 1024)) {
        e.units.kilobyte = static_cast<double>(*kb);
      } else {
        issue(kilobyte->line, what + ": 'kilobyte' must be 1000 or 1024");
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
    if (const Document* mistakes = table.get("mistake")) {
      if (mistakes->is_array()) {
        for (const Document& node : mistakes->items) read_mistake(node, e, what);
      } else {
        issue(mistakes->line, what + ": 'mistake' must be an array of tables ([[exercise.mistake]])");
      }
    }
    if (const Document* real = table.get("real")) {
      if (real->is_array()) {
        for (const Document& node : real->items) read_real(node, e, what);
      } else {
        issue(real->line, what + ": 'real' must be an array of tables ([[exercise.real]])");
      }
    }
    return e;
  }

  // [[exercise.real]]: name, source and params; a parameter's value is a
  // literal, a reference expression (a string) or, in the JSON the WebAssembly
  // build embeds, { reference, value } resolved at build time.
  void read_real(const Document& node, Exercise& e, const std::string& what) {
    if (!node.is_table()) {
      issue(node.line, what + ": each 'real' must be a table with 'name', 'source' and 'params'");
      return;
    }
    RealVariant real;
    real.line = node.line;
    real.name = required_string(node, "name", real.line, what + ", real variant");
    const std::string where = what + ", real variant '" + real.name + "'";
    check_keys(node, real.line, where, {"name", "source", "params"});
    real.source = required_string(node, "source", real.line, where);
    const Document* params = node.get("params");
    if (!params || !params->is_table() || params->members.empty()) {
      issue(params ? params->line : real.line,
            where + ": 'params' must be a table of parameter values, e.g. params = { layers = 32 }");
    } else {
      for (const auto& [key, value] : params->members) {
        RealValue v;
        v.param = key;
        v.line = value.line ? value.line : params->line;
        const std::string at = where + ", parameter '" + key + "'";
        if (const std::string* reference = string_of(&value)) {
          v.reference = *reference;
        } else if (const Document* stored = value.is_table() ? value.get("reference") : nullptr) {
          const std::string* text = string_of(stored);
          const Document* resolved = value.get("value");
          if (!text || !resolved) {
            issue(v.line, at + ": a resolved reference is { reference = \"...\", value = ... }");
            continue;
          }
          v.reference = *text;
          v.value = value_of(*resolved, at);
        } else {
          v.value = value_of(value, at);
          if (!v.value) continue;  // value_of said why
        }
        real.values.push_back(std::move(v));
      }
    }
    e.real.push_back(std::move(real));
  }

  // What the card shows besides the text: the formula and the picture.
  void read_display(const Document& table, Exercise& e, const std::string& what) {
    if (const Document* formula = table.get("formula")) {
      if (const std::string* text = string_of(formula)) {
        auto parsed = parse_formula(*text);
        if (parsed) {
          e.formula = std::move(*parsed);
        } else {
          issue(formula->line, what + ", formula: " + parsed.error().message + " in \"" + *text + "\"");
        }
      } else {
        issue(formula->line, what + ": 'formula' must be a string");
      }
    }
    if (const Document* picture = table.get("picture")) {
      std::vector<std::pair<int, std::string>> problems;
      e.picture = read_picture(*picture, problems);
      for (const auto& [line, message] : problems)
        issue(line ? line : e.line, what + ", picture: " + message);
    }
  }

  void read_answer(const Document& table, Exercise& e, const std::string& what) {
    const Document* answer = table.get("answer");
    const Document* symbolic = table.get("answer_expression");
    if (answer && symbolic) issue(e.line, what + ": give either 'answer' or 'answer_expression', not both");
    if (!answer && !symbolic) issue(e.line, what + " has no 'answer' (an expression over the parameters)");
    if (symbolic) {
      if (const std::string* text = string_of(symbolic)) e.symbolic = expression(*text, symbolic->line, what);
      if (const Document* vars = table.get("variables")) {
        for (auto& [name, line] : strings(*vars, what + ": 'variables'"))
          e.variables.push_back(std::move(name));
      }
      if (e.variables.empty()) issue(e.line, what + ": a symbolic answer needs 'variables', e.g. [\"C\"]");
      return;
    }
    if (!answer) return;
    std::vector<std::pair<std::string, int>> units;
    if (const Document* unit = table.get("unit")) {
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
      AnswerPart part{
          std::move(*ex), units.empty() ? "" : units[std::min(i, units.size() - 1)].first, {}, {}};
      e.parts.push_back(std::move(part));
    }
    explicit_precision_ = false;
    read_precision(table, e, what);
    if (!explicit_precision_) {
      for (AnswerPart& part : e.parts) part.default_precision = true;
    }
  }

  void read_mistake(const Document& node, Exercise& e, const std::string& what) {
    const Document* table = node.is_table() ? &node : nullptr;
    const int line = node.line;
    if (!table) {
      issue(line, what + ": each mistake must be a table with 'answer' and 'says'");
      return;
    }
    check_keys(*table, line, what + ", mistake", {"answer", "says", "part"});
    Mistake mistake;
    mistake.says = Template(required_string(*table, "says", line, what + ", mistake"));
    const std::string text = required_string(*table, "answer", line, what + ", mistake");
    if (const Document* part = table->get("part")) {
      const std::int64_t* index = integer_of(part);
      const std::size_t parts = std::max<std::size_t>(e.parts.size(), 1);
      if (!index || *index < 0 || static_cast<std::size_t>(*index) >= parts) {
        issue(part->line, what + ", mistake: 'part' must be 0.." + std::to_string(parts - 1));
      } else {
        mistake.part = static_cast<std::size_t>(*index);
      }
    }
    if (text.empty()) return;
    if (auto ex = expression(text, line, what + ", mistake")) {
      mistake.answer = std::move(*ex);
      const Document* answer = table->get("answer");
      mistake.line = answer && answer->line > 0 ? answer->line : line;
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

Result<std::vector<Document>> chapter_documents(const SourceFile& file) {
  return FileReader::chapter_documents(file);
}

void read_chapter_document(const SourceFile& file, const Document& chapter, Catalogue& catalogue,
                           std::vector<LintIssue>& issues) {
  FileReader(file, issues).read_chapter(chapter, catalogue);
}

}  // namespace derive
