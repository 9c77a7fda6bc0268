#include "derive/exercise/web_api.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "derive/exercise/calculator.hpp"
#include "derive/exercise/exercise.hpp"
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
Result<std::vector<std::string>> answers_of(std::string_view id, std::string_view joined) {
  std::vector<std::string> answers;
  for (std::size_t start = 0;;) {
    const std::size_t end = std::min(joined.find(kAnswerSeparator, start), joined.size());
    const std::string_view answer = joined.substr(start, end - start);
    DERIVE_CHECK(field("answer " + std::to_string(answers.size() + 1), answer));
    answers.emplace_back(answer);
    if (end == joined.size()) break;
    start = end + 1;
  }
  DERIVE_CHECK(call(id.size() + joined.size()));
  return answers;
}

// JavaScript numbers are doubles: a variant must be a whole number in [0, 2^53].
Result<Instance> instance_for(std::string_view id, double variant) {
  DERIVE_CHECK(field("the exercise id", id));
  const Exercise* exercise = builtin_catalogue().find(id);
  if (!exercise) return make_error("unknown exercise '" + text::printable(id) + "'");
  if (!(variant >= 0 && variant <= 9007199254740992.0) || std::trunc(variant) != variant) {
    return make_error("variant must be a whole number >= 0");
  }
  return instantiate(*exercise, static_cast<std::uint64_t>(variant));
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
  const Catalogue& catalogue = builtin_catalogue();
  JsonWriter w;
  w.raw("{").key("chapters").raw("[");
  for (std::size_t c = 0; c < catalogue.chapters.size(); ++c) {
    const Chapter& chapter = catalogue.chapters[c];
    w.raw(c ? ", " : "")
        .raw("{")
        .key("name")
        .string(chapter.name)
        .raw(", ")
        .key("title")
        .string(chapter.title);
    w.raw(", ").key("intro").string(chapter.intro).raw(", ").key("exercises").raw("[");
    for (std::size_t i = 0; i < chapter.exercise_ids.size(); ++i) {
      const Exercise* e = catalogue.find(chapter.exercise_ids[i]);
      w.raw(i ? ", " : "").raw("{").key("id").string(e->id).raw(", ").key("title").string(e->title).raw("}");
    }
    w.raw("]}");
  }
  return w.raw("]}").take();
}

std::string show_json(std::string_view id, double variant) {
  auto in = instance_for(id, variant);
  return in ? instance_json(*in) : error_json(in.error().message);
}

std::string card_json(std::string_view id, double variant) {
  auto in = instance_for(id, variant);
  return in ? instance_card_json(*in) : error_json(in.error().message);
}

std::string instance_card_json(const Instance& instance) {
  const Instance* in = &instance;
  const Exercise& e = *in->exercise;
  std::string show = instance_json(*in);
  show.pop_back();  // reopen the object to append the card's fields
  JsonWriter w;
  w.raw(show).raw(", ").key("parts").raw("[");
  for (std::size_t i = 0; i < e.parts.size(); ++i) {
    w.raw(i ? ", " : "").raw("{").key("unit").string(e.parts[i].unit_text);
    w.raw(", ").key("precision").string(describe_precision(e.parts[i].precision)).raw("}");
  }
  w.raw("], ").key("steps").raw("[");
  for (std::size_t i = 0; i < in->steps.size(); ++i) w.raw(i ? ", " : "").string(in->steps[i]);
  w.raw("], ").key("hint_steps").raw(std::to_string(hint_steps(*in)));
  w.raw(", ").key("symbolic").raw(e.symbolic ? "true" : "false").raw(", ").key("variables").raw("[");
  for (std::size_t i = 0; i < e.variables.size(); ++i) w.raw(i ? ", " : "").string(e.variables[i]);
  w.raw("]").raw(", ").key("kilobyte").raw(std::to_string(static_cast<int>(e.units.kilobyte)));
  w.raw(", ").key("picture");
  // Lint evaluates every picture for 200 variants; a variant beyond them whose
  // values do not evaluate shows no picture rather than a wrong one.
  auto values = e.picture.kind.empty() ? Result<std::vector<std::pair<std::string, Value>>>(make_error(""))
                                       : picture_values(e.picture, in->env);
  if (!values) return w.raw("null}").take();
  w.raw("{").key("kind").string(e.picture.kind);
  for (const auto& [name, value] : *values) w.raw(", ").key(name).value(value);
  for (const auto& [name, word] : e.picture.words) w.raw(", ").key(name).string(word);
  return w.raw("}}").take();
}

std::string check_json(std::string_view id, double variant, std::string_view joined_answers) {
  auto answers = answers_of(id, joined_answers);
  if (!answers) return error_json(answers.error().message);
  auto in = instance_for(id, variant);
  return in ? verdict_json(check(*in, *answers)) : error_json(in.error().message);
}

std::string grade_json(std::string_view id, double variant, std::string_view joined_answers) {
  auto answers = answers_of(id, joined_answers);
  if (!answers) return error_json(answers.error().message);
  auto in = instance_for(id, variant);
  if (!in) return error_json(in.error().message);
  const Verdict verdict = check(*in, *answers);
  std::string json = verdict_json(verdict);
  json.pop_back();
  const char* status = verdict.status == Verdict::Status::Correct     ? "correct"
                       : verdict.status == Verdict::Status::Incorrect ? "incorrect"
                                                                      : "unreadable";
  JsonWriter w;
  return w.raw(json).raw(", ").key("status").string(status).raw("}").take();
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
