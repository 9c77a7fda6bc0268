#include "exercise/localize.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "derive/exercise/hints.hpp"
#include "derive/number_format.hpp"
#include "exercise/precision.hpp"

namespace derive {
namespace {

// A number one step of the solution shows.
struct Shown {
  double value = 0;
  bool given = false;  // the placeholder is a parameter of the question itself
};

bool is_parameter(const Exercise& e, const Expression& expression, const std::string& written) {
  const auto& names = expression.names();
  if (names.size() != 1) return false;
  const std::string& name = *names.begin();
  std::string trimmed = written;
  trimmed.erase(std::remove(trimmed.begin(), trimmed.end(), ' '), trimmed.end());
  if (trimmed != name) return false;
  return std::any_of(e.params.begin(), e.params.end(), [&](const ParamDef& p) { return p.name == name; });
}

// Every number `step` shows for this instance, in order, following the
// wording a conditional chooses as Template::evaluate does.
void collect(const Template& step, const Instance& in, std::vector<Shown>& out) {
  for (const Template::Piece& piece : step.pieces()) {
    if (!piece.branches.empty()) {
      for (const Template::Branch& branch : piece.branches) {
        bool chosen = branch.condition_text.empty() && branch.problem.empty();
        if (branch.condition) {
          auto c = branch.condition->evaluate(in.env);
          chosen = c && c->is_bool() && c->boolean();
        }
        if (!chosen) continue;
        if (branch.text) collect(*branch.text, in, out);
        break;
      }
      continue;
    }
    if (!piece.placeholder || !piece.expression) continue;
    auto value = piece.expression->evaluate(in.env);
    if (!value || !value->is_number()) continue;
    out.push_back({value->number().to_double(), is_parameter(*in.exercise, *piece.expression, piece.text)});
  }
}

// Whether `value` is `answer` up to the factor of a unit or of a common slip,
// closely enough to give it away at the precision asked: showing it would
// give the answer away, and generic_slip names such a slip.
bool answer_in_disguise(double value, double answer, const Precision& precision) {
  static constexpr std::array<double, 14> kFactors = {
      1, 2, 8, 10, 100, 1e3, 1e6, 1e9, 1024, 1024.0 * 1024, 1024.0 * 1024 * 1024, 1.024, 1e12, 1e15};
  if (answer == 0 || value == 0) return value == answer;
  const double band = tolerance(precision, answer);
  for (double f : kFactors) {
    for (double r : {f, 1 / f}) {
      if (std::fabs(std::fabs(value) / r - std::fabs(answer)) <= band + 1e-9 * std::fabs(answer)) return true;
    }
  }
  return false;
}

// Whether `value` gives away the answer of any numeric part: a step that
// reaches another part's answer must be neither matched nor quoted either, or
// a number typed in the wrong box would reveal the other box's answer.
bool gives_away_an_answer(double value, const Instance& in) {
  for (std::size_t i = 0; i < in.answers.size() && i < in.exercise->parts.size(); ++i) {
    if (!in.answers[i].is_number()) continue;
    if (answer_in_disguise(value, in.answers[i].number().to_double(), in.exercise->parts[i].precision))
      return true;
  }
  return false;
}

bool matches(double shown, double typed) {
  if (!std::isfinite(shown) || !std::isfinite(typed)) return false;
  if (std::floor(shown) == shown && std::floor(typed) == typed) return shown == typed;
  return std::fabs(typed - shown) <= 0.005 * std::fabs(shown);
}

}  // namespace

std::optional<std::string> localize(const Instance& instance, std::size_t part, double typed) {
  const Exercise& e = *instance.exercise;
  const AnswerPart& ap = e.parts[part];
  std::vector<double> forms = {typed};
  if (ap.unit.scale != 1.0) forms.push_back(typed * ap.unit.scale);

  const std::size_t steps = e.steps.size();
  std::optional<std::size_t> computed_at, given_at;
  std::vector<std::vector<Shown>> shown(steps);
  for (std::size_t k = 0; k < steps; ++k) {
    collect(e.steps[k], instance, shown[k]);
    for (const Shown& s : shown[k]) {
      if (s.value == 0 || s.value == 1 || gives_away_an_answer(s.value, instance)) continue;
      const bool hit = std::any_of(forms.begin(), forms.end(), [&](double f) { return matches(s.value, f); });
      if (!hit) continue;
      if (!s.given && !computed_at) computed_at = k;
      if (s.given && !given_at) given_at = k;
    }
  }
  const std::string yours = "Your " + format_grouped(Number::from_double(typed));
  if (!computed_at) {
    if (!given_at) return std::nullopt;
    return yours +
           " is a number the question gives: the answer is computed from it (the worked solution uses it in "
           "step " +
           std::to_string(*given_at + 1) + " of " + std::to_string(steps) + ").";
  }
  const std::size_t k = *computed_at;
  const std::string where = "step " + std::to_string(k + 1) + " of " + std::to_string(steps);
  if (k + 1 == steps) {
    return yours + " is a number the last step of the worked solution (" + where +
           ") starts from: that step takes it to the answer.";
  }
  const std::size_t left = steps - k - 1;
  const std::string rest = left == 1 ? "one more step takes it to the answer."
                                     : std::to_string(left) + " more steps take it to the answer.";
  const bool quotable = k < instance.steps.size() &&
                        std::none_of(shown[k].begin(), shown[k].end(),
                                     [&](const Shown& s) { return gives_away_an_answer(s.value, instance); });
  if (!quotable) return yours + " is what " + where + " of the worked solution reaches; " + rest;
  return yours + " is what " + where + " of the worked solution reaches (\u201c" + instance.steps[k] +
         "\u201d); " + rest;
}

std::size_t hint_steps(const Instance& instance) {
  const Exercise& e = *instance.exercise;
  const std::size_t steps = e.steps.size();
  if (steps == 0) return 0;
  for (std::size_t k = 0; k + 1 < steps; ++k) {
    std::vector<Shown> shown;
    collect(e.steps[k], instance, shown);
    if (std::any_of(shown.begin(), shown.end(),
                    [&](const Shown& s) { return gives_away_an_answer(s.value, instance); }))
      return k;
  }
  return steps - 1;
}

}  // namespace derive
