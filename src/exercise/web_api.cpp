#include "derive/exercise/web_api.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <vector>

#include "derive/exercise/calculator.hpp"
#include "derive/exercise/exercise.hpp"
#include "derive/exercise/given.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/exercise/hints.hpp"
#include "derive/exercise/json.hpp"
#include "derive/json_writer.hpp"
#include "derive/text/echo.hpp"
#include "exercise/picture.hpp"
#include "exercise/precision.hpp"

namespace derive::web {
namespace {

std::string error_json(const std::string& message) {
  JsonWriter w;
  return w.raw("{").key("error").string(message).raw("}").take();
}

// "answer 2 is too long: 5000 bytes; at most 4096 bytes (4 KiB) are accepted".
Status within(const std::string& what, std::size_t bytes, std::size_t limit, const char* where) {
  if (bytes <= limit) return {};
  return make_error(what + " is too long: " + std::to_string(bytes) + " bytes; at most " +
                    std::to_string(limit) + " bytes (" + std::to_string(limit / 1024) + " KiB) are accepted" +
                    where);
}

Status field(const std::string& what, std::string_view text) {
  return within(what, text.size(), kMaxFieldBytes, "");
}

Status call(std::size_t bytes) {
  return within("the text of this call", bytes, kMaxCallBytes, " in one call");
}

// The answers of one call: each within its bound, then all the call's text
// within its own.
// `other_bytes`: the call's other texts (the parameter values of a chosen question).
Result<std::vector<std::string>> answers_of(std::string_view id, std::string_view joined,
                                            std::size_t other_bytes = 0) {
  std::vector<std::string> answers;
  for (std::size_t start = 0;;) {
    const std::size_t end = std::min(joined.find(kAnswerSeparator, start), joined.size());
    const std::string_view answer = joined.substr(start, end - start);
    DERIVE_CHECK(field("answer " + std::to_string(answers.size() + 1), answer));
    answers.emplace_back(answer);
    if (end == joined.size()) break;
    start = end + 1;
  }
  DERIVE_CHECK(call(id.size() + joined.size() + other_bytes));
  return answers;
}

// The exercise `id` of the builtin catalogue, looked up alone (builtin_exercise:
// the web engine reads only that exercise's chapter). The caller has bounded
// the call's texts.
Result<const Exercise*> exercise_named(std::string_view id) {
  const Exercise* exercise = builtin_exercise(id);
  if (!exercise) return make_error("unknown exercise '" + text::printable(id) + "'");
  return exercise;
}

// JavaScript numbers are doubles: a variant must be a whole number in [0, 2^53].
Result<Instance> instance_for(std::string_view id, double variant) {
  DERIVE_CHECK(field("the exercise id", id));
  DERIVE_TRY(const Exercise* exercise, exercise_named(id));
  if (!(variant >= 0 && variant <= 9007199254740992.0) || std::trunc(variant) != variant) {
    return make_error("variant must be a whole number >= 0");
  }
  return instantiate(*exercise, static_cast<std::uint64_t>(variant));
}

// The question with the parameter values of `given` (given.hpp's text).
Result<Instance> instance_given(std::string_view id, std::string_view given) {
  DERIVE_CHECK(field("the exercise id", id));
  DERIVE_CHECK(field("the parameter values", given));
  DERIVE_TRY(const Exercise* exercise, exercise_named(id));
  DERIVE_TRY(const GivenParams params, parse_given(given));
  return instantiate_with(*exercise, params);
}

// The real variant `name` of the exercise (instantiate_real: its source leads
// the prompt).
Result<Instance> instance_real(std::string_view id, std::string_view name) {
  DERIVE_CHECK(field("the exercise id", id));
  DERIVE_CHECK(field("the real variant's name", name));
  DERIVE_TRY(const Exercise* exercise, exercise_named(id));
  return instantiate_real(*exercise, name);
}

// The model files of ../shared/models a real variant's source names
// ("Layer 0 of ... (ad01.tflite)."): the words ending in .tflite or .onnx.
// docs/catalogue-format.md asks a literal real layer's source to name its model.
std::vector<std::string> model_files(const std::string& source) {
  std::vector<std::string> files;
  const auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  };
  for (std::size_t start = 0; start < source.size();) {
    if (!word_char(source[start])) {
      ++start;
      continue;
    }
    std::size_t end = start;
    while (end < source.size() && word_char(source[end])) ++end;
    std::string word = source.substr(start, end - start);
    while (!word.empty() && word.back() == '.') word.pop_back();  // the sentence's full stop
    for (const std::string_view suffix : {".tflite", ".onnx"}) {
      if (word.size() > suffix.size() &&
          word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          std::find(files.begin(), files.end(), word) == files.end())
        files.push_back(word);
    }
    start = end;
  }
  return files;
}

// The values a chosen instance was built from: its parameters less the
// derived ones, which instantiate_with computes and refuses when given.
GivenParams chosen_values(const Instance& in) {
  GivenParams values;
  for (const auto& [name, value] : in.params) {
    const std::string& wanted = name;  // clang 14 cannot capture a structured binding
    const auto def = std::find_if(in.exercise->params.begin(), in.exercise->params.end(),
                                  [&](const ParamDef& p) { return p.name == wanted; });
    if (def != in.exercise->params.end() && def->draw.kind != DrawSpec::Kind::Derived)
      values.emplace_back(name, value);
  }
  return values;
}

// Everything a card shows for one instance (card_json's document). A chosen
// instance also carries "given": the values as given.hpp writes them, which
// check and grade take back to build the same question.
std::string card_of(const Instance& in) {
  const Exercise& e = *in.exercise;
  std::string show = instance_json(in);
  show.pop_back();  // reopen the object to append the card's fields
  JsonWriter w;
  // The prompt with the maths it writes as plain text typeset (10^6, x_min).
  w.raw(show).raw(", ").key("prompt_runs").raw("[");
  const std::vector<TextRun> runs = typeset_inline_math(in.prompt);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    w.raw(i ? ", " : "").raw("{").key("text").string(runs[i].text);
    if (!runs[i].mathml.empty()) w.raw(", ").key("mathml").string(runs[i].mathml);
    w.raw("}");
  }
  w.raw("], ").key("parts").raw("[");
  for (std::size_t i = 0; i < e.parts.size(); ++i) {
    w.raw(i ? ", " : "").raw("{").key("unit").string(e.parts[i].unit_text);
    w.raw(", ").key("precision").string(describe_precision(e.parts[i].precision)).raw("}");
  }
  w.raw("], ").key("steps").raw("[");
  for (std::size_t i = 0; i < in.steps.size(); ++i) w.raw(i ? ", " : "").string(in.steps[i]);
  w.raw("], ").key("hint_steps").raw(std::to_string(hint_steps(in)));
  w.raw(", ").key("symbolic").raw(e.symbolic ? "true" : "false").raw(", ").key("variables").raw("[");
  for (std::size_t i = 0; i < e.variables.size(); ++i) w.raw(i ? ", " : "").string(e.variables[i]);
  w.raw("]").raw(", ").key("kilobyte").raw(std::to_string(static_cast<int>(e.units.kilobyte)));
  if (in.chosen) w.raw(", ").key("given").string(given_text(chosen_values(in)));
  w.raw(", ").key("picture");
  // Lint evaluates every picture for 200 variants; a variant beyond them whose
  // values do not evaluate shows no picture rather than a wrong one.
  auto values = e.picture.kind.empty() ? Result<std::vector<std::pair<std::string, Value>>>(make_error(""))
                                       : picture_values(e.picture, in.env);
  if (!values) return w.raw("null}").take();
  w.raw("{").key("kind").string(e.picture.kind);
  for (const auto& [name, value] : *values) w.raw(", ").key(name).value(value);
  for (const auto& [name, word] : e.picture.words) w.raw(", ").key(name).string(word);
  return w.raw("}}").take();
}

// check_json's document.
std::string checked(const Instance& in, const std::vector<std::string>& answers) {
  return verdict_json(check(in, answers));
}

// check_json's document plus "status".
std::string graded(const Instance& in, const std::vector<std::string>& answers) {
  const Verdict verdict = check(in, answers);
  std::string json = verdict_json(verdict);
  json.pop_back();
  const char* status = verdict.status == Verdict::Status::Correct     ? "correct"
                       : verdict.status == Verdict::Status::Incorrect ? "incorrect"
                                                                      : "unreadable";
  JsonWriter w;
  return w.raw(json).raw(", ").key("status").string(status).raw("}").take();
}

// `document` of the instance, or {"error": "..."} saying why there is none.
std::string about(const Result<Instance>& in, std::string (*document)(const Instance&)) {
  return in ? document(*in) : error_json(in.error().message);
}

// The question a check or grade is about, made once its answers are read
// (instance_for, instance_given or instance_real with the call's arguments).
using InstanceMaker = std::function<Result<Instance>()>;

// `document` (checked or graded) of the answers joined by kAnswerSeparator to
// the instance `make` gives. The answers are bounded first, so an oversized
// paste is refused before any question is built; `other_bytes` are the
// call's texts besides the id and the answers (given values, a real name).
std::string answered(std::string_view id, std::string_view joined_answers, std::size_t other_bytes,
                     std::string (*document)(const Instance&, const std::vector<std::string>&),
                     const InstanceMaker& make) {
  auto answers = answers_of(id, joined_answers, other_bytes);
  if (!answers) return error_json(answers.error().message);
  auto in = make();
  return in ? document(*in, *answers) : error_json(in.error().message);
}

// The entries of real_variants_json for the real variants of `exercise`,
// each after a comma unless it is the first of the document.
void real_entries(JsonWriter& w, const Exercise& exercise, bool& first) {
  for (const RealVariant& real : exercise.real) {
    // Each entry the variant's references name, "kind:key", once.
    std::vector<std::pair<std::string, std::string>> uses;
    for (const RealValue& value : real.values) {
      auto references = real_references(value.reference);
      for (const RealReference& r : references ? *references : std::vector<RealReference>{}) {
        if (std::find(uses.begin(), uses.end(), std::pair(r.kind, r.key)) == uses.end())
          uses.emplace_back(r.kind, r.key);
      }
    }
    w.raw(first ? "" : ",\n ").raw("{").key("exercise").string(exercise.id);
    w.raw(", ").key("title").string(exercise.title);
    w.raw(", ").key("name").string(real.name).raw(", ").key("source").string(real.source);
    w.raw(", ").key("uses").raw("[");
    for (std::size_t i = 0; i < uses.size(); ++i) {
      w.raw(i ? ", " : "").raw("{").key("kind").string(uses[i].first);
      w.raw(", ").key("id").string(uses[i].second).raw("}");
    }
    w.raw("], ").key("model_files").raw("[");
    const std::vector<std::string> files = model_files(real.source);
    for (std::size_t i = 0; i < files.size(); ++i) w.raw(i ? ", " : "").string(files[i]);
    w.raw("]}");
    first = false;
  }
}

const char* kind_name(ParamKind kind) {
  switch (kind) {
    case ParamKind::Real:
      return "real";
    case ParamKind::Count:
      return "count";
    case ParamKind::Bool:
      return "bool";
    case ParamKind::List:
      return "list";
  }
  return "";
}

}  // namespace

std::string limits_json() {
  return "{\"field_bytes\": " + std::to_string(kMaxFieldBytes) +
         ", \"call_bytes\": " + std::to_string(kMaxCallBytes) + "}";
}

std::string catalogue_json() {
  const std::vector<ChapterEntry>& chapters = builtin_chapter_index();
  JsonWriter w;
  w.raw("{").key("chapters").raw("[");
  for (std::size_t c = 0; c < chapters.size(); ++c) {
    const ChapterEntry& chapter = chapters[c];
    w.raw(c ? ", " : "")
        .raw("{")
        .key("name")
        .string(chapter.name)
        .raw(", ")
        .key("title")
        .string(chapter.title);
    w.raw(", ").key("intro").string(chapter.intro).raw(", ").key("exercises").raw("[");
    for (std::size_t i = 0; i < chapter.exercises.size(); ++i) {
      const auto& [id, title] = chapter.exercises[i];
      w.raw(i ? ", " : "").raw("{").key("id").string(id).raw(", ").key("title").string(title).raw("}");
    }
    w.raw("]}");
  }
  return w.raw("]}").take();
}

std::string show_json(std::string_view id, double variant) {
  return about(instance_for(id, variant), instance_json);
}

std::string card_json(std::string_view id, double variant) {
  return about(instance_for(id, variant), card_of);
}

std::string card_with_json(std::string_view id, std::string_view given) {
  return about(instance_given(id, given), card_of);
}

std::string instance_card_json(const Instance& instance) { return card_of(instance); }

std::string instance_grade_json(const Instance& instance, std::string_view joined_answers) {
  auto answers = answers_of(instance.exercise->id, joined_answers);
  return answers ? graded(instance, *answers) : error_json(answers.error().message);
}

std::string check_json(std::string_view id, double variant, std::string_view joined_answers) {
  return answered(id, joined_answers, 0, checked, [&] { return instance_for(id, variant); });
}

std::string grade_json(std::string_view id, double variant, std::string_view joined_answers) {
  return answered(id, joined_answers, 0, graded, [&] { return instance_for(id, variant); });
}

std::string check_with_json(std::string_view id, std::string_view given, std::string_view joined_answers) {
  return answered(id, joined_answers, given.size(), checked, [&] { return instance_given(id, given); });
}

std::string grade_with_json(std::string_view id, std::string_view given, std::string_view joined_answers) {
  return answered(id, joined_answers, given.size(), graded, [&] { return instance_given(id, given); });
}

std::string real_variants_json(std::string_view id) {
  JsonWriter w;
  w.raw("[");
  bool first = true;
  if (!id.empty()) {
    if (auto bounded = field("the exercise id", id); !bounded) return error_json(bounded.error().message);
    auto exercise = exercise_named(id);
    if (!exercise) return error_json(exercise.error().message);
    real_entries(w, **exercise, first);
    return w.raw("]").take();
  }
  // The book's exercises in order, each looked up alone: the exercises of a
  // chapter the web engine has not been given yet are not found and not listed.
  for (const ChapterEntry& chapter : builtin_chapter_index()) {
    for (const auto& entry : chapter.exercises) {
      if (const Exercise* exercise = builtin_exercise(entry.first)) real_entries(w, *exercise, first);
    }
  }
  return w.raw("]").take();
}

std::string show_real_json(std::string_view id, std::string_view name) {
  return about(instance_real(id, name), instance_json);
}

std::string card_real_json(std::string_view id, std::string_view name) {
  return about(instance_real(id, name), card_of);
}

std::string check_real_json(std::string_view id, std::string_view name, std::string_view joined_answers) {
  return answered(id, joined_answers, name.size(), checked, [&] { return instance_real(id, name); });
}

std::string grade_real_json(std::string_view id, std::string_view name, std::string_view joined_answers) {
  return answered(id, joined_answers, name.size(), graded, [&] { return instance_real(id, name); });
}

std::string functions_json() {
  JsonWriter w;
  w.raw("[");
  const auto& functions = engine_registry().functions();
  for (std::size_t f = 0; f < functions.size(); ++f) {
    const FunctionSpec& spec = functions[f];
    w.raw(f ? ",\n " : "")
        .raw("{")
        .key("name")
        .string(spec.name)
        .raw(", ")
        .key("summary")
        .string(spec.summary);
    w.raw(", ").key("source").string(spec.source).raw(", ").key("topic").string(spec.topic);
    w.raw(", ").key("unit").string(spec.result_unit).raw(", ").key("params").raw("[");
    for (std::size_t i = 0; i < spec.params.size(); ++i) {
      const ParamSpec& p = spec.params[i];
      w.raw(i ? ", " : "")
          .raw("{")
          .key("name")
          .string(p.name)
          .raw(", ")
          .key("kind")
          .string(kind_name(p.kind));
      w.raw(", ").key("unit").string(p.unit).raw(", ").key("help").string(p.help);
      if (p.default_value) w.raw(", ").key("default").value(*p.default_value);
      w.raw("}");
    }
    w.raw("]}");
  }
  return w.raw("]").take();
}

std::string calc_json(std::string_view expression) {
  if (auto bounded = field("the expression", expression); !bounded)
    return error_json(bounded.error().message);
  auto result = calculate(expression);
  if (!result) return error_json(result.error().message);
  JsonWriter w;
  w.raw("{").key("value").value(result->value).raw(", ").key("unit").string(result->unit);
  return w.raw(", ").key("text").string(result->text).raw("}").take();
}

}  // namespace derive::web
