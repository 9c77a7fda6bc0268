#include "derive/nas.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/checks.hpp"

namespace derive {
namespace {

// Reals in messages print as plain digits when whole ("1000000").
constexpr checks::Checker check{};

// A non-empty list of finite numbers, each >= `min` when `non_negative`.
Status require_list(const char* function, const char* name, const std::vector<double>& values,
                    bool non_negative) {
  if (values.empty()) return checks::fail(function, std::string(name) + " must not be empty");
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string element = std::string(name) + "[" + std::to_string(i) + "]";
    DERIVE_CHECK(check.finite(function, element.c_str(), values[i]));
    if (non_negative && values[i] < 0) {
      return checks::fail(function, element + " must be >= 0, got " + check.text(values[i]));
    }
  }
  return {};
}

Status require_index(const char* function, std::int64_t index, std::size_t size, const char* list_name) {
  if (index >= 0 && static_cast<std::size_t>(index) < size) return {};
  return checks::fail(function, "index must be in [0, " + std::to_string(size) +
                                    ") (0-based, one per entry of " + list_name + "), got " +
                                    std::to_string(index));
}

// The stable softmax without input checks. Subtracting the maximum leaves the
// result unchanged (numerator and denominator both gain the factor
// exp(-max / T)) but keeps every exponent <= 0, so exp() cannot overflow and
// the largest term is exactly 1, so the sum cannot underflow to 0.
std::vector<double> softmax_unchecked(const std::vector<double>& logits, double temperature) {
  const double max = *std::max_element(logits.begin(), logits.end());
  std::vector<double> out(logits.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    out[i] = std::exp((logits[i] - max) / temperature);
    sum += out[i];
  }
  for (double& p : out) p /= sum;
  return out;
}

}  // namespace

Result<Number> search_space_size(std::int64_t ops, std::int64_t edges) {
  constexpr const char* kName = "search_space_size";
  DERIVE_CHECK(check.at_least(kName, "ops", ops, 1));
  DERIVE_CHECK(check.at_least(kName, "edges", edges, 1));
  // One choice per edge leaves a single architecture however many edges there are.
  if (ops == 1) return Number::exact(1);
  std::int64_t count = 1;
  // With ops >= 2 the product overflows within 63 steps, so the loop is short.
  for (std::int64_t e = 0; e < edges; ++e) {
    if (__builtin_mul_overflow(count, ops, &count)) {
      const double approx = std::pow(static_cast<double>(ops), static_cast<double>(edges));
      if (!std::isfinite(approx)) {
        return checks::fail(kName, std::to_string(ops) + "^" + std::to_string(edges) +
                                       " architectures exceed the range of a double (about 1.8e308); "
                                       "use search_space_log10 instead");
      }
      return Number::approximate_real(approx);
    }
  }
  return Number::exact(count);
}

Result<double> search_space_log10(std::int64_t ops, std::int64_t edges) {
  constexpr const char* kName = "search_space_log10";
  DERIVE_CHECK(check.at_least(kName, "ops", ops, 1));
  DERIVE_CHECK(check.at_least(kName, "edges", edges, 1));
  // log10(ops^edges) = edges * log10(ops).
  return static_cast<double>(edges) * std::log10(static_cast<double>(ops));
}

Result<std::vector<double>> softmax(const std::vector<double>& logits, double temperature) {
  constexpr const char* kName = "softmax";
  DERIVE_CHECK(require_list(kName, "logits", logits, false));
  DERIVE_CHECK(check.positive(kName, "temperature", temperature));
  return softmax_unchecked(logits, temperature);
}

Result<double> softmax_prob(const std::vector<double>& logits, std::int64_t index, double temperature) {
  constexpr const char* kName = "softmax_prob";
  DERIVE_CHECK(require_list(kName, "logits", logits, false));
  DERIVE_CHECK(require_index(kName, index, logits.size(), "logits"));
  DERIVE_CHECK(check.positive(kName, "temperature", temperature));
  return softmax_unchecked(logits, temperature)[static_cast<std::size_t>(index)];
}

Result<double> expected_latency(const std::vector<double>& latencies, const std::vector<double>& probs) {
  constexpr const char* kName = "expected_latency";
  DERIVE_CHECK(require_list(kName, "latencies", latencies, true));
  DERIVE_CHECK(require_list(kName, "probs", probs, true));
  DERIVE_CHECK(check.same_length(kName, "latencies", latencies.size(), "probs", probs.size()));
  DERIVE_CHECK(check.sums_to_one(kName, "probs", probs));
  double expected = 0.0;
  for (std::size_t j = 0; j < probs.size(); ++j) expected += probs[j] * latencies[j];
  return expected;
}

// With p = softmax(alpha) and E = sum_j lat_j * p_j, the softmax Jacobian is
// dp_j / dalpha_k = p_j * (delta_jk - p_k), so
//   dE / dalpha_k = sum_j lat_j * p_j * (delta_jk - p_k)
//                 = p_k * lat_k - p_k * sum_j lat_j * p_j
//                 = p_k * (lat_k - E).
// Keeping only the j = k term gives p_k * (1 - p_k) * lat_k, which drops the
// cross terms -p_k * p_j * lat_j (j != k): raising one logit also lowers the
// weight of every other operation.
Result<double> expected_latency_gradient(const std::vector<double>& latencies,
                                         const std::vector<double>& logits, std::int64_t index) {
  constexpr const char* kName = "expected_latency_gradient";
  DERIVE_CHECK(require_list(kName, "latencies", latencies, true));
  DERIVE_CHECK(require_list(kName, "logits", logits, false));
  DERIVE_CHECK(check.same_length(kName, "latencies", latencies.size(), "logits", logits.size()));
  DERIVE_CHECK(require_index(kName, index, logits.size(), "logits"));
  const std::vector<double> p = softmax_unchecked(logits, 1.0);
  double expected = 0.0;
  for (std::size_t j = 0; j < p.size(); ++j) expected += p[j] * latencies[j];
  const auto k = static_cast<std::size_t>(index);
  return p[k] * (latencies[k] - expected);
}

Result<double> mnasnet_reward(double accuracy, double latency, double target, double alpha, double beta) {
  constexpr const char* kName = "mnasnet_reward";
  DERIVE_CHECK(check.fraction(kName, "accuracy", accuracy, "a fraction in [0, 1]"));
  DERIVE_CHECK(check.positive(kName, "latency", latency));
  DERIVE_CHECK(check.positive(kName, "target", target));
  DERIVE_CHECK(check.finite(kName, "alpha", alpha));
  DERIVE_CHECK(check.finite(kName, "beta", beta));
  // The ratio is measured latency over target (eq. 2): with w < 0 a model
  // slower than the target (ratio > 1) loses reward, a faster one gains a little.
  const double w = latency <= target ? alpha : beta;
  return accuracy * std::pow(latency / target, w);
}

Result<double> darts_speedup(std::int64_t architectures, double gpu_hours_each, double darts_gpu_days) {
  constexpr const char* kName = "darts_speedup";
  DERIVE_CHECK(check.at_least(kName, "architectures", architectures, 1));
  DERIVE_CHECK(check.positive(kName, "gpu_hours_each", gpu_hours_each));
  DERIVE_CHECK(check.positive(kName, "darts_gpu_days", darts_gpu_days));
  constexpr double kHoursPerDay = 24.0;
  return static_cast<double>(architectures) * gpu_hours_each / (darts_gpu_days * kHoursPerDay);
}

}  // namespace derive
