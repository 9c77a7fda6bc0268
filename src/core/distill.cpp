#include "derive/distill.hpp"

#include <cmath>
#include <string>

#include "units/format.hpp"

namespace derive {
namespace {

constexpr double kSumTolerance = 1e-9;

std::string show(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return format_plain(Number::from_double(x));
}

Error fail(const char* function, const std::string& what) {
  return make_error(std::string(function) + ": " + what);
}

Status require_positive(const char* function, const char* name, double value) {
  if (std::isfinite(value) && value > 0) return {};
  return fail(function, std::string(name) + " must be a finite number > 0, got " + show(value));
}

Status require_non_negative(const char* function, const char* name, double value) {
  if (std::isfinite(value) && value >= 0) return {};
  return fail(function, std::string(name) + " must be a finite number >= 0, got " + show(value));
}

// A non-empty list of finite probabilities >= 0 that sum to 1 within 1e-9.
Status require_distribution(const char* function, const char* name, const std::vector<double>& values) {
  if (values.empty()) return fail(function, std::string(name) + " must not be empty");
  double sum = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]) || values[i] < 0) {
      return fail(function, std::string(name) + "[" + std::to_string(i) +
                                "] must be a probability >= 0, got " + show(values[i]));
    }
    sum += values[i];
  }
  if (std::fabs(sum - 1.0) > kSumTolerance) {
    return fail(function, std::string(name) + " must sum to 1 within 1e-9, got a sum of " + show(sum));
  }
  return {};
}

}  // namespace

Result<double> kd_gradient_scale(double temperature) {
  DERIVE_CHECK(require_positive("kd_gradient_scale", "temperature", temperature));
  return temperature * temperature;
}

Result<double> kd_loss(double ce, double kl, double temperature, double lam) {
  constexpr const char* kName = "kd_loss";
  DERIVE_CHECK(require_non_negative(kName, "ce", ce));
  DERIVE_CHECK(require_non_negative(kName, "kl", kl));
  DERIVE_CHECK(require_positive(kName, "temperature", temperature));
  if (!std::isfinite(lam) || lam < 0 || lam > 1) {
    return fail(kName, "lam (the weight of the soft term) must be in [0, 1], got " + show(lam));
  }
  return (1.0 - lam) * ce + lam * temperature * temperature * kl;
}

Result<double> compression_ratio(double teacher_params, double student_params) {
  constexpr const char* kName = "compression_ratio";
  DERIVE_CHECK(require_positive(kName, "teacher_params", teacher_params));
  DERIVE_CHECK(require_positive(kName, "student_params", student_params));
  return teacher_params / student_params;
}

Result<double> uniform_prob(std::int64_t classes) {
  if (classes < 1) {
    return fail("uniform_prob", "classes must be >= 1, got " + std::to_string(classes));
  }
  return 1.0 / static_cast<double>(classes);
}

Result<double> kl_divergence(const std::vector<double>& p, const std::vector<double>& q) {
  constexpr const char* kName = "kl_divergence";
  DERIVE_CHECK(require_distribution(kName, "p", p));
  DERIVE_CHECK(require_distribution(kName, "q", q));
  if (p.size() != q.size()) {
    return fail(kName, "p and q must have the same length, got " + std::to_string(p.size()) + " and " +
                           std::to_string(q.size()));
  }
  double divergence = 0.0;
  for (std::size_t j = 0; j < p.size(); ++j) {
    if (p[j] == 0) continue;  // 0 * ln(0 / q) = 0 by continuity
    if (q[j] == 0) {
      const std::string at = std::to_string(j);
      return fail(kName, "q[" + at + "] is 0 where p[" + at + "] = " + show(p[j]) +
                             " > 0, so the divergence is infinite");
    }
    divergence += p[j] * std::log(p[j] / q[j]);
  }
  return divergence;
}

}  // namespace derive
