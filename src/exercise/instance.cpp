// instantiate(): a variant's parameters, definitions, answers and texts.
#include <cmath>

#include "exercise/exercise.hpp"
#include "exercise/precision.hpp"
#include "exercise/template.hpp"
#include "exercise/variants.hpp"
#include "units/format.hpp"

namespace derive {
namespace {

constexpr int kMaxDrawAttempts = 500;

Result<std::string> render(const std::string& text, const Environment& env, const char* what) {
  auto out = render_template(text, env);
  if (!out) return make_error(std::string(what) + ": " + out.error().message);
  return out;
}

// Everything that follows from the parameter values. Fails when the values do
// not make a sensible question (a requirement is false, an answer is not
// finite or prints as zero, a text does not render).
Result<Instance> build(const Exercise& exercise, std::uint64_t variant, ParamValues params) {
  Instance in;
  in.exercise = &exercise;
  in.variant = variant;
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
  DERIVE_TRY(in.prompt, render(exercise.prompt, in.env, "prompt"));
  std::string explanation;
  for (const std::string& step : exercise.steps) {
    DERIVE_TRY(std::string text, render(step, in.env, "step"));
    explanation += (explanation.empty() ? "" : "\n") + text;
    in.steps.push_back(std::move(text));
  }
  if (!exercise.remark.empty()) {
    DERIVE_TRY(std::string remark, render(exercise.remark, in.env, "remark"));
    explanation += "\n" + remark;
  }
  if (!exercise.seed_note.empty()) {
    DERIVE_TRY(std::string note, render(exercise.seed_note, in.env, "seed_note"));
    explanation += "\nNote on the seed text: " + note;
  }
  in.explanation = std::move(explanation);
  return in;
}

}  // namespace

Result<Instance> instantiate(const Exercise& exercise, std::uint64_t variant) {
  if (variant == 0) {
    auto in = build(exercise, 0, canonical_params(exercise));
    if (!in) return make_error(exercise.id + " variant 0: " + in.error().message);
    return in;
  }
  VariantRng rng(exercise.id, variant);
  std::string last_problem;
  for (int attempt = 0; attempt < kMaxDrawAttempts; ++attempt) {
    auto params = draw_params(exercise, rng);
    if (!params)
      return make_error(exercise.id + " variant " + std::to_string(variant) + ": " + params.error().message);
    auto in = build(exercise, variant, std::move(params).value());
    if (in) return in;
    last_problem = in.error().message;
  }
  return make_error(exercise.id + ": no sensible variant " + std::to_string(variant) + " in " +
                    std::to_string(kMaxDrawAttempts) + " draws; the last one failed with: " + last_problem);
}

}  // namespace derive
