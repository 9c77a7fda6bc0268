#include "derive/distill.hpp"

#include <cmath>
#include <string>

#include "core/checks.hpp"
#include "derive/nas.hpp"

namespace derive {
namespace {

// Reals in messages print as plain digits when whole ("1000000").
constexpr checks::Checker check{};

// A non-empty list of finite probabilities >= 0 that sum to 1 within 1e-9.
Status require_distribution(const char* function, const char* name, const std::vector<double>& values) {
  if (values.empty()) return checks::fail(function, std::string(name) + " must not be empty");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]) || values[i] < 0) {
      return checks::fail(function, std::string(name) + "[" + std::to_string(i) +
                                        "] must be a probability >= 0, got " + check.text(values[i]));
    }
  }
  return check.sums_to_one(function, name, values);
}

}  // namespace

Result<double> kd_gradient_scale(double temperature) {
  DERIVE_CHECK(check.positive("kd_gradient_scale", "temperature", temperature));
  return temperature * temperature;
}

Result<double> kd_gradient_ratio(const std::vector<double>& student_logits,
                                 const std::vector<double>& teacher_logits, double temperature) {
  constexpr const char* kName = "kd_gradient_ratio";
  DERIVE_CHECK(check.same_length(kName, "student_logits", student_logits.size(), "teacher_logits",
                                 teacher_logits.size()));
  DERIVE_CHECK(check.positive(kName, "temperature", temperature));
  // |g(T)| = |q(T) - p(T)| / T (Hinton et al., 2015, sec. 2.1).
  auto gradient_norm = [&](double t) -> Result<double> {
    auto q = softmax(student_logits, t);
    if (!q) return checks::fail(kName, "student_logits: " + q.error().message);
    auto p = softmax(teacher_logits, t);
    if (!p) return checks::fail(kName, "teacher_logits: " + p.error().message);
    double squares = 0.0;
    for (std::size_t i = 0; i < q->size(); ++i) squares += ((*q)[i] - (*p)[i]) * ((*q)[i] - (*p)[i]);
    return std::sqrt(squares) / t;
  };
  DERIVE_TRY(const double at_one, gradient_norm(1.0));
  DERIVE_TRY(const double at_t, gradient_norm(temperature));
  if (at_t == 0.0) {
    return checks::fail(kName, "the student's and the teacher's soft targets are equal at temperature " +
                                   check.text(temperature) + ", so there is no gradient to compare");
  }
  return at_one / at_t;
}

Result<double> kd_loss(double ce, double kl, double temperature, double lam) {
  constexpr const char* kName = "kd_loss";
  DERIVE_CHECK(check.non_negative(kName, "ce", ce));
  DERIVE_CHECK(check.non_negative(kName, "kl", kl));
  DERIVE_CHECK(check.positive(kName, "temperature", temperature));
  DERIVE_CHECK(check.fraction(kName, "lam (the weight of the soft term)", lam, "in [0, 1]"));
  return (1.0 - lam) * ce + lam * temperature * temperature * kl;
}

Result<double> compression_ratio(double teacher_params, double student_params) {
  constexpr const char* kName = "compression_ratio";
  DERIVE_CHECK(check.positive(kName, "teacher_params", teacher_params));
  DERIVE_CHECK(check.positive(kName, "student_params", student_params));
  return teacher_params / student_params;
}

Result<double> uniform_prob(std::int64_t classes) {
  DERIVE_CHECK(check.at_least("uniform_prob", "classes", classes, 1));
  return 1.0 / static_cast<double>(classes);
}

Result<double> kl_divergence(const std::vector<double>& p, const std::vector<double>& q) {
  constexpr const char* kName = "kl_divergence";
  DERIVE_CHECK(require_distribution(kName, "p", p));
  DERIVE_CHECK(require_distribution(kName, "q", q));
  DERIVE_CHECK(check.same_length(kName, "p", p.size(), "q", q.size()));
  double divergence = 0.0;
  for (std::size_t j = 0; j < p.size(); ++j) {
    if (p[j] == 0) continue;  // 0 * ln(0 / q) = 0 by continuity
    if (q[j] == 0) {
      const std::string at = std::to_string(j);
      return checks::fail(kName, "q[" + at + "] is 0 where p[" + at + "] = " + check.text(p[j]) +
                                     " > 0, so the divergence is infinite");
    }
    divergence += p[j] * std::log(p[j] / q[j]);
  }
  return divergence;
}

}  // namespace derive
