#include "exercise/diagnosis.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "derive/exercise/template.hpp"
#include "exercise/localize.hpp"
#include "exercise/precision.hpp"

namespace derive {
namespace {

// A slip lands within this band of the value it predicts: the requested
// precision, or 0.5 % for learners who rounded on the way there. Exact counts
// get no band: two slips a few units apart (131,072 and 131,584 parameters)
// must not be mistaken for each other.
bool near(const Precision& precision, double predicted, double typed) {
  if (!std::isfinite(predicted)) return false;
  const double rounding = precision.kind == Precision::Kind::Exact ? 0.0 : 0.005 * std::fabs(predicted);
  const double band = std::max(tolerance(precision, predicted), rounding);
  return std::fabs(typed - predicted) <= band + 1e-12 * std::fabs(predicted);
}

struct Slip {
  double factor;
  const char* message;
};

// How far `typed` is from what a slip predicts, as the size of the ratio
// (|ln(typed / predicted)|); by difference when a sign or a zero makes the
// ratio meaningless.
double distance(double predicted, double typed) {
  if (predicted > 0 && typed > 0) return std::fabs(std::log(typed / predicted));
  return std::fabs(typed - predicted) / std::max(std::fabs(predicted), 1e-300);
}

// `value` rounded to `figures` significant figures.
double rounded(double value, int figures) {
  if (value == 0 || !std::isfinite(value)) return value;
  const double scale = std::pow(10.0, figures - 1 - std::floor(std::log10(std::fabs(value))));
  return std::round(value * scale) / scale;
}

// A slip that fits: what it predicts, and its message.
struct Fit {
  double predicted;
  std::string message;
};

// Every slip that could explain `typed`, simplest first; diagnose picks the
// one closest to `typed` and, on a tie, the simplest.
std::vector<Fit> fitting_slips(const AnswerPart& part, const UnitContext& units, double answer,
                               double typed) {
  const Precision& p = part.precision;
  std::vector<Fit> fits;
  const double tol = tolerance(p, answer);
  // Rounding first: it is the simplest slip of all.
  const std::string precision_hint = "Close, but not within the precision asked (" + describe_precision(p) +
                                     "): round only at the end and check the last digit.";
  if (p.kind != Precision::Kind::Exact) {
    // Rounded to fewer figures than asked ("2.1" for 2.147): exactly a rounding of the answer.
    for (int figures = 1; figures <= 15; ++figures) {
      const double r = rounded(answer, figures);
      if (within_precision(p, answer, r)) break;
      if (std::fabs(typed - r) <= 1e-9 * std::fabs(r)) fits.push_back({r, precision_hint});
    }
    if (std::fabs(typed - answer) <= 20 * tol) fits.push_back({answer, precision_hint});
  } else if (std::fabs(typed - answer) <= 0.005 * std::fabs(answer) || std::fabs(typed - answer) < 1) {
    const bool whole_answer = std::floor(answer) == answer;
    const bool whole_typed = std::floor(typed) == typed;
    if (whole_answer && !whole_typed && std::fabs(typed - answer) < 1)
      fits.push_back({answer,
                      "Close, but the answer is a whole number: round your result to an integer, "
                      "as the question asks (check which way it rounds)."});
    else
      fits.push_back({answer,
                      "Close, but the question asks for the exact count, every digit, not a "
                      "rounded value."});
  }
  const bool operations = part.unit.dimension == Dimension::Macs || part.unit.dimension == Dimension::Flops;
  const bool binary_kb = units.kilobyte == 1024.0;
  const char* kb_hint =
      binary_kb ? "This question counts 1 KB = 1024 B; your value is off by 1024/1000: check which "
                  "kilobyte you divided by."
                : "Your value is off by 1024/1000: this question uses decimal prefixes (1 kB = "
                  "1000 B, 1 MB = 10^6 B), not binary ones.";
  const char* percent_hint =
      "Off by a factor of 100: percent versus fraction (a percentage is a hundred times its fraction).";
  const Slip slips[] = {
      {-1.0, "The size is right but the sign is wrong."},
      {2.0, operations ? "Twice the expected value: did you count FLOPs where MACs are asked, or add a "
                         "factor of 2? One MAC is two FLOPs."
                       : "Twice the expected value: look for a factor of 2 you added."},
      {0.5, operations ? "Half the expected value: did you count MACs where FLOPs are asked, or drop a "
                         "factor of 2? One MAC is two FLOPs."
                       : "Half the expected value: look for a factor of 2 you dropped."},
      {10.0, "Off by a factor of 10: check the decimal point."},
      {0.1, "Off by a factor of 10: check the decimal point."},
      {100.0, percent_hint},
      {0.01, percent_hint},
      {1000.0, "Off by a factor of 1000: check the unit prefix (k, M, G) of your conversion."},
      {0.001, "Off by a factor of 1000: check the unit prefix (k, M, G) of your conversion."},
      {8.0, "Off by a factor of 8: that is bits versus bytes (1 byte = 8 bits)."},
      {0.125, "Off by a factor of 8: that is bits versus bytes (1 byte = 8 bits)."},
      {1.024, kb_hint},
      {1 / 1.024, kb_hint},
      {1.024 * 1.024, kb_hint},
      {1 / (1.024 * 1.024), kb_hint},
      {1.024 * 1.024 * 1.024, kb_hint},
      {1 / (1.024 * 1.024 * 1.024), kb_hint},
      {1e6, "Off by a factor of a million: check the unit prefix (M, G) of your conversion."},
      {1e-6, "Off by a factor of a million: check the unit prefix (M, G) of your conversion."},
      {1e9, "Off by a factor of 10^9: check the unit prefix of your conversion."},
      {1e-9, "Off by a factor of 10^9: check the unit prefix of your conversion."},
  };
  for (const Slip& slip : slips)
    if (near(p, answer * slip.factor, typed)) fits.push_back({answer * slip.factor, slip.message});
  if (answer > 0 && typed > 0) {
    const char* not_log = "That is the number itself; the question asks for its base-10 logarithm.";
    const char* is_log = "That looks like a logarithm; the question asks for the number itself.";
    if (near(p, answer, std::log10(typed))) fits.push_back({std::pow(10.0, answer), not_log});
    for (double log : {std::log10(answer), std::log2(answer), std::log(answer)})
      if (near(p, log, typed)) fits.push_back({log, is_log});
  }
  return fits;
}

}  // namespace

std::optional<std::string> generic_slip(const AnswerPart& part, const UnitContext& units, double answer,
                                        double typed) {
  const std::vector<Fit> fits = fitting_slips(part, units, answer, typed);
  const Fit* best = nullptr;
  for (const Fit& fit : fits)  // strictly closer wins, so a tie keeps the simpler slip
    if (best == nullptr || distance(fit.predicted, typed) < distance(best->predicted, typed) - 1e-12)
      best = &fit;
  if (best == nullptr) return std::nullopt;
  return best->message;
}

std::optional<std::string> diagnose(const Instance& instance, std::size_t part, double typed) {
  const Exercise& e = *instance.exercise;
  const AnswerPart& ap = e.parts[part];
  const double answer = instance.answers[part].number().to_double();
  // Every named mistake that gives this number is named: on some variants two
  // slips land on the same value (K² and C_out when they are equal), and the
  // learner should hear both rather than whichever is listed first.
  std::vector<std::string> named;
  for (const Mistake& m : e.mistakes) {
    if (m.part != part) continue;
    auto wrong = m.answer.evaluate(instance.env);
    if (!wrong || !wrong->is_number()) continue;
    const double w = wrong->number().to_double();
    // A slip that gives the right value for these numbers says nothing.
    if (within_precision(ap.precision, answer, w)) continue;
    if (near(ap.precision, w, typed)) {
      auto says = m.says.render(instance.env);
      if (says && std::find(named.begin(), named.end(), *says) == named.end()) named.push_back(*says);
    }
  }
  if (named.size() == 1) return named.front();
  if (!named.empty()) {
    std::string both = "More than one slip gives this number.";
    for (const std::string& says : named) both += " " + says;
    return both;
  }
  if (auto slip = generic_slip(ap, e.units, answer, typed)) return slip;
  return localize(instance, part, typed);
}

bool same_function(const Expression& a, const Expression& b, const std::vector<std::string>& variables) {
  // Several points, none special (0 and 1 hide many differences).
  static const double kPoints[] = {2.0, 3.0, 7.0, 10.0, 37.5};
  for (std::size_t i = 0; i < std::size(kPoints); ++i) {
    Environment env;
    for (std::size_t v = 0; v < variables.size(); ++v) {
      env[variables[v]] = Value::real(kPoints[(i + v) % std::size(kPoints)]);
    }
    auto x = a.evaluate(env);
    auto y = b.evaluate(env);
    if (!x || !y || !x->is_number() || !y->is_number()) return false;
    const double p = x->number().to_double(), q = y->number().to_double();
    if (std::fabs(p - q) > 1e-9 * std::max({std::fabs(p), std::fabs(q), 1e-300})) return false;
  }
  return true;
}

std::optional<std::string> diagnose_symbolic(const Instance& instance, const Expression& typed) {
  const Exercise& e = *instance.exercise;
  for (const Mistake& m : e.mistakes) {
    if (same_function(m.answer, typed, e.variables)) {
      auto says = m.says.render(instance.env);
      if (says) return *says;
    }
  }
  if (typed.names().empty()) {
    std::string vars;
    for (const std::string& v : e.variables) vars += (vars.empty() ? "" : ", ") + v;
    return "Your answer is a fixed number; the limit depends on " + vars + ".";
  }
  return std::nullopt;
}

}  // namespace derive
