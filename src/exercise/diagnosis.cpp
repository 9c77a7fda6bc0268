#include "exercise/diagnosis.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "derive/exercise/template.hpp"
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

std::optional<std::string> generic_slip(const AnswerPart& part, const UnitContext& units, double answer,
                                        double typed) {
  const Precision& p = part.precision;
  const bool operations = part.unit.dimension == Dimension::Macs || part.unit.dimension == Dimension::Flops;
  const bool binary_kb = units.kilobyte == 1024.0;
  const char* kb_hint =
      binary_kb ? "This question counts 1 KB = 1024 B; your value is off by 1024/1000: check which "
                  "kilobyte you divided by."
                : "Your value is off by 1024/1000: this question uses decimal prefixes (1 kB = "
                  "1000 B, 1 MB = 10^6 B), not binary ones.";
  const Slip slips[] = {
      {2.0, operations ? "Twice the expected value: did you count FLOPs where MACs are asked, or add a "
                         "factor of 2? One MAC is two FLOPs."
                       : "Twice the expected value: look for a factor of 2 you added."},
      {0.5, operations ? "Half the expected value: did you count MACs where FLOPs are asked, or drop a "
                         "factor of 2? One MAC is two FLOPs."
                       : "Half the expected value: look for a factor of 2 you dropped."},
      {8.0, "Off by a factor of 8: that is bits versus bytes (1 byte = 8 bits)."},
      {0.125, "Off by a factor of 8: that is bits versus bytes (1 byte = 8 bits)."},
      {100.0, "Off by a factor of 100: percent versus fraction (70 % is 0.7)."},
      {0.01, "Off by a factor of 100: percent versus fraction (70 % is 0.7)."},
      {1000.0, "Off by a factor of 1000: check the unit prefix (k, M, G) of your conversion."},
      {0.001, "Off by a factor of 1000: check the unit prefix (k, M, G) of your conversion."},
      {1e6, "Off by a factor of a million: check the unit prefix (M, G) of your conversion."},
      {1e-6, "Off by a factor of a million: check the unit prefix (M, G) of your conversion."},
      {1e9, "Off by a factor of 10^9: check the unit prefix of your conversion."},
      {1e-9, "Off by a factor of 10^9: check the unit prefix of your conversion."},
      {1.024, kb_hint},
      {1 / 1.024, kb_hint},
      {1.024 * 1.024, kb_hint},
      {1 / (1.024 * 1.024), kb_hint},
      {1.024 * 1.024 * 1.024, kb_hint},
      {1 / (1.024 * 1.024 * 1.024), kb_hint},
      {10.0, "Off by a factor of 10: check the decimal point."},
      {0.1, "Off by a factor of 10: check the decimal point."},
      {-1.0, "The size is right but the sign is wrong."},
  };
  for (const Slip& slip : slips)
    if (near(p, answer * slip.factor, typed)) return std::string(slip.message);
  if (answer > 0 && typed > 0) {
    if (near(p, answer, std::log10(typed)))
      return std::string("That is the number itself; the question asks for its base-10 logarithm.");
    if (near(p, std::log10(answer), typed) || near(p, std::log2(answer), typed) ||
        near(p, std::log(answer), typed))
      return std::string("That looks like a logarithm; the question asks for the number itself.");
  }
  const double tol = tolerance(p, answer);
  if (p.kind == Precision::Kind::Exact && std::fabs(typed - answer) <= 0.005 * std::fabs(answer)) {
    return std::string("Close, but the question asks for the exact count, every digit, not a rounded value.");
  }
  if (p.kind != Precision::Kind::Exact && std::fabs(typed - answer) <= 20 * tol) {
    return "Close, but not within the precision asked (" + describe_precision(p) +
           "): round only at the end and check the last digit.";
  }
  return std::nullopt;
}

}  // namespace

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
  return generic_slip(ap, e.units, answer, typed);
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
