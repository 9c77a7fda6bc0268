// instantiate(): a variant's parameters, definitions, answers and texts.
#include <cmath>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/template.hpp"
#include "derive/number_format.hpp"
#include "exercise/precision.hpp"
#include "exercise/variants.hpp"

namespace derive {
namespace {

constexpr int kMaxDrawAttempts = 500;

Result<std::vector<Value>> evaluate(const Template& text, const Environment& env, const char* what) {
  auto values = text.evaluate(env);
  if (!values) return make_error(std::string(what) + ": " + values.error().message);
  return values;
}

// Everything that follows from the parameter values. Fails when the values do
// not make a sensible question (a requirement is false, an answer is not
// finite or prints as zero, a text does not render).
Result<Instance> build(const Exercise& exercise, std::uint64_t variant, ParamValues params, Texts texts,
                       bool chosen = false) {
  Instance in;
  in.exercise = &exercise;
  in.variant = variant;
  in.chosen = chosen;
  for (const auto& [name, value] : params) in.env[name] = value;
  in.params = std::move(params);
  for (const Definition& d : exercise.definitions) {
    auto value = d.expression.evaluate(in.env);
    if (!value) return make_error("let " + d.name + ": " + value.error().message);
    in.env[d.name] = *value;
  }
  for (const Expression& r : exercise.requirements) {
    auto holds = r.evaluate(in.env);
    if (!holds) return make_error("require \"" + r.text() + "\": " + holds.error().message);
    if (!holds->is_bool()) return make_error("require \"" + r.text() + "\" is not a true/false condition");
    if (!holds->boolean()) return make_error("require \"" + r.text() + "\" does not hold");
  }
  // A drawn variant's texts are true by lint and the 1000-variant test; chosen
  // values are not drawn from the catalogue's choices, so the claims the
  // texts make of the numbers (`truth`) are checked here (a 1x1 convolution
  // would make conv-params' remark call the separable block smaller).
  for (const Expression& t : chosen ? exercise.truths : std::vector<Expression>{}) {
    auto holds = t.evaluate(in.env);
    if (!holds || !holds->is_bool() || !holds->boolean())
      return make_error("the texts claim \"" + t.text() + "\", which is not true of these values");
  }
  for (const AnswerPart& part : exercise.parts) {
    auto value = part.expression.evaluate(in.env);
    if (!value) return make_error("answer: " + value.error().message);
    if (!value->is_number()) return make_error("answer \"" + part.expression.text() + "\" is not a number");
    const double a = value->number().to_double();
    if (!std::isfinite(a)) return make_error("answer is not finite");
    if (rounds_to_zero(part.precision, a)) {
      return make_error("answer " + format_plain(value->number()) + " rounds to zero at " +
                        describe_precision(part.precision));
    }
    in.answers.push_back(*value);
  }
  // Every text must evaluate for the draw to count, whichever are written out.
  DERIVE_TRY(const std::vector<Value> prompt, evaluate(exercise.prompt, in.env, "prompt"));
  std::vector<std::vector<Value>> steps;
  for (const Template& step : exercise.steps) {
    DERIVE_TRY(std::vector<Value> values, evaluate(step, in.env, "step"));
    steps.push_back(std::move(values));
  }
  DERIVE_TRY(const std::vector<Value> remark, evaluate(exercise.remark, in.env, "remark"));
  DERIVE_TRY(const std::vector<Value> note, evaluate(exercise.seed_note, in.env, "seed_note"));
  if (texts == Texts::LastStep) {
    if (!steps.empty()) in.steps.push_back(exercise.steps.back().format(steps.back()));
    return in;
  }
  in.prompt = exercise.prompt.format(prompt);
  std::string explanation;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    in.steps.push_back(exercise.steps[i].format(steps[i]));
    explanation += (explanation.empty() ? "" : "\n") + in.steps.back();
  }
  if (!exercise.remark.empty()) explanation += "\n" + exercise.remark.format(remark);
  // The note corrects a common published version of the exercise, which uses
  // the canonical numbers: it is true of variant 0 only, and is written for a
  // learner as a full sentence (where it comes from is in ERRATA.md).
  if (!exercise.seed_note.empty() && variant == 0 && !chosen)
    explanation += "\n" + exercise.seed_note.format(note);
  in.explanation = std::move(explanation);
  return in;
}

// Draws until `build` accepts the parameter values (at most kMaxDrawAttempts
// times); `build` turns drawn values into an Instance or says why they do not
// make a sensible question.
template <typename Build>
auto draw(const Exercise& exercise, std::uint64_t variant, Build&& build) -> decltype(build(ParamValues())) {
  VariantRng rng(exercise.id, variant);
  std::string last_problem;
  for (int attempt = 0; attempt < kMaxDrawAttempts; ++attempt) {
    auto params = draw_params(exercise, rng);
    if (!params)
      return make_error(exercise.id + " variant " + std::to_string(variant) + ": " + params.error().message);
    auto in = build(std::move(params).value());
    if (in) return in;
    last_problem = in.error().message;
  }
  return make_error(exercise.id + ": no sensible variant " + std::to_string(variant) + " in " +
                    std::to_string(kMaxDrawAttempts) + " draws; the last one failed with: " + last_problem);
}

Result<Instance> canonical(const Exercise& exercise, Texts texts) {
  auto in = build(exercise, 0, canonical_params(exercise), texts);
  if (!in) return make_error(exercise.id + " variant 0: " + in.error().message);
  return in;
}

// The drawn values as bytes, exactness included (an exact 2 and a double 2.0
// compute differently): equal keys build equal instances.
std::string draw_key(const ParamValues& params) {
  std::string key;
  auto append = [&key](const auto& bits) { key.append(reinterpret_cast<const char*>(&bits), sizeof bits); };
  auto number = [&](const Number& n) {
    key += n.is_exact() ? 'i' : n.approximate() ? 'a' : 'd';
    if (n.is_exact()) {
      append(n.exact_value());
    } else {
      append(n.to_double());
    }
  };
  for (const auto& [name, value] : params) {
    if (value.is_bool()) {
      key += value.boolean() ? 'T' : 'F';
    } else if (value.is_number()) {
      number(value.number());
    } else {
      key += '[';
      append(value.list().size());
      for (const Number& n : value.list()) number(n);
    }
  }
  return key;
}

}  // namespace

Result<Instance> instantiate(const Exercise& exercise, std::uint64_t variant, Texts texts) {
  if (variant == 0) return canonical(exercise, texts);
  return draw(exercise, variant,
              [&](ParamValues params) { return build(exercise, variant, std::move(params), texts); });
}

Result<Instance> instantiate_with(const Exercise& exercise, const ParamValues& given, Texts texts) {
  DERIVE_TRY(ParamValues params, given_params(exercise, given));
  auto in = build(exercise, 0, std::move(params), texts, true);
  if (!in) return make_error(exercise.id + " with the given parameters: " + in.error().message);
  return in;
}

Result<const Instance*> VariantDrawer::instantiate(std::uint64_t variant) {
  repeat_ = false;
  auto cached = [&](ParamValues params, auto&& build_once) -> Result<const Instance*> {
    const std::string key = draw_key(params);
    auto found = built_.find(key);
    const bool seen = found != built_.end();
    if (!seen) found = built_.emplace(key, build_once(std::move(params))).first;
    if (!found->second) return found->second.error();
    repeat_ = seen;
    return &found->second.value();
  };
  if (variant == 0) {
    return cached(canonical_params(exercise_), [&](ParamValues) { return canonical(exercise_, texts_); });
  }
  return draw(exercise_, variant, [&](ParamValues params) {
    return cached(std::move(params),
                  [&](ParamValues p) { return build(exercise_, variant, std::move(p), texts_); });
  });
}

}  // namespace derive
