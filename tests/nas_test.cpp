#include "derive/nas.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "derive/registry.hpp"

#include "engine_test_support.hpp"

namespace derive {
namespace {

using namespace derive::testing;

// ---- search_space_size / search_space_log10 ---------------------------------

TEST(NasSearchSpace, SizeIsOpsToTheEdgesExactly) {
  std::int64_t seven_to_fourteen = 1;
  for (int e = 0; e < 14; ++e) seven_to_fourteen *= 7;
  Result<Number> n = search_space_size(7, 14);
  ASSERT_TRUE(n.ok());
  ASSERT_TRUE(n->is_exact());
  EXPECT_EQ(n->exact_value(), seven_to_fourteen);
  EXPECT_EQ(search_space_size(3, 1)->exact_value(), 3);
  EXPECT_EQ(search_space_size(1, 1)->exact_value(), 1);
}

TEST(NasSearchSpace, OneOperationIsOneArchitectureHoweverManyEdges) {
  Result<Number> n = search_space_size(1, std::numeric_limits<std::int64_t>::max());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->exact_value(), 1);
}

TEST(NasSearchSpace, ExactUpTo64BitsThenApproximate) {
  // 2^62 is the largest power of two an int64 holds; 2^63 is one past it.
  Result<Number> at_limit = search_space_size(2, 62);
  ASSERT_TRUE(at_limit.ok());
  ASSERT_TRUE(at_limit->is_exact());
  EXPECT_EQ(at_limit->exact_value(), std::int64_t{1} << 62);
  Result<Number> past = search_space_size(2, 63);
  ASSERT_TRUE(past.ok());
  EXPECT_FALSE(past->is_exact());
  EXPECT_TRUE(past->approximate());
  EXPECT_EQ(past->to_double(), std::ldexp(1.0, 63));
  // 10^300 is far past 64 bits but still a double: approximate, not an error.
  Result<Number> huge = search_space_size(10, 300);
  ASSERT_TRUE(huge.ok());
  EXPECT_TRUE(huge->approximate());
  EXPECT_DOUBLE_EQ(huge->to_double(), 1e300);
}

TEST(NasSearchSpace, BeyondTheRangeOfADoubleIsAnError) {
  Result<Number> r = search_space_size(10, 400);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "search_space_size: 10^400 architectures exceed the range of a double (about 1.8e308); "
            "use search_space_log10 instead");
}

TEST(NasSearchSpace, RejectsZeroOpsOrEdges) {
  EXPECT_EQ(search_space_size(0, 14).error().message, "search_space_size: ops must be >= 1, got 0");
  EXPECT_EQ(search_space_size(7, 0).error().message, "search_space_size: edges must be >= 1, got 0");
  EXPECT_EQ(search_space_size(-3, 2).error().message, "search_space_size: ops must be >= 1, got -3");
  EXPECT_EQ(search_space_log10(0, 14).error().message, "search_space_log10: ops must be >= 1, got 0");
  EXPECT_EQ(search_space_log10(7, 0).error().message, "search_space_log10: edges must be >= 1, got 0");
}

TEST(NasSearchSpace, Log10IsEdgesTimesLog10Ops) {
  EXPECT_DOUBLE_EQ(*search_space_log10(7, 14), 14.0 * std::log10(7.0));
  EXPECT_DOUBLE_EQ(*search_space_log10(10, 3), 3.0);
  EXPECT_DOUBLE_EQ(*search_space_log10(1, 50), 0.0);
  // Agrees with the exact count where both exist.
  EXPECT_NEAR(*search_space_log10(7, 14), std::log10(search_space_size(7, 14)->to_double()), 1e-12);
  // Works far past the range of a double, where search_space_size cannot.
  EXPECT_DOUBLE_EQ(*search_space_log10(10, 400), 400.0);
}

// ---- softmax / softmax_prob ----------------------------------------------------

TEST(NasSoftmax, MatchesTheDefinition) {
  const double e2 = std::exp(2.0), e1 = std::exp(1.0), e0 = 1.0;
  const double sum = e2 + e1 + e0;
  Result<std::vector<double>> p = softmax({2.0, 1.0, 0.0});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->size(), 3u);
  EXPECT_DOUBLE_EQ((*p)[0], e2 / sum);
  EXPECT_DOUBLE_EQ((*p)[1], e1 / sum);
  EXPECT_DOUBLE_EQ((*p)[2], e0 / sum);
  EXPECT_NEAR((*p)[0] + (*p)[1] + (*p)[2], 1.0, 1e-15);
}

TEST(NasSoftmax, TemperatureDividesTheLogits) {
  // Hinton et al. eq. 1: exp(z_i / T); at T = 4 the logits [4, 2, 1] act as [1, 0.5, 0.25].
  const double a = std::exp(1.0), b = std::exp(0.5), c = std::exp(0.25);
  EXPECT_DOUBLE_EQ(*softmax_prob({4.0, 2.0, 1.0}, 0, 4.0), a / (a + b + c));
  EXPECT_DOUBLE_EQ(*softmax_prob({4.0, 2.0, 1.0}, 2, 4.0), c / (a + b + c));
  // A higher temperature flattens the distribution towards 1/3.
  EXPECT_LT(*softmax_prob({4.0, 2.0, 1.0}, 0, 4.0), *softmax_prob({4.0, 2.0, 1.0}, 0, 1.0));
  EXPECT_NEAR(*softmax_prob({4.0, 2.0, 1.0}, 0, 1e9), 1.0 / 3.0, 1e-9);
}

TEST(NasSoftmax, StableForLargeLogitsAndTinyTemperatures) {
  // exp(1000) overflows a double; subtracting the maximum avoids it.
  Result<std::vector<double>> equal = softmax({1000.0, 1000.0});
  ASSERT_TRUE(equal.ok());
  EXPECT_DOUBLE_EQ((*equal)[0], 0.5);
  EXPECT_DOUBLE_EQ((*equal)[1], 0.5);
  Result<std::vector<double>> apart = softmax({1000.0, 0.0});
  ASSERT_TRUE(apart.ok());
  EXPECT_DOUBLE_EQ((*apart)[0], 1.0);
  EXPECT_EQ((*apart)[1], 0.0);
  // Shifting every logit by a constant changes nothing.
  EXPECT_NEAR(*softmax_prob({-498.0, -499.0, -500.0}, 0), *softmax_prob({2.0, 1.0, 0.0}, 0), 1e-15);
  // T -> 0 approaches the argmax.
  EXPECT_EQ(*softmax_prob({1.0, 0.0}, 0, 1e-300), 1.0);
  EXPECT_EQ(*softmax_prob({-1e300, 1e300}, 1), 1.0);
}

TEST(NasSoftmax, OneLogitIsCertain) { EXPECT_EQ(*softmax_prob({-7.5}, 0), 1.0); }

TEST(NasSoftmax, RejectsBadInput) {
  EXPECT_EQ(softmax({}).error().message, "softmax: logits must not be empty");
  EXPECT_EQ(softmax({1.0, kNaN}).error().message, "softmax: logits[1] must be a finite number, got nan");
  EXPECT_EQ(softmax({kInf}).error().message, "softmax: logits[0] must be a finite number, got inf");
  EXPECT_EQ(softmax({1.0}, 0.0).error().message, "softmax: temperature must be a finite number > 0, got 0");
  EXPECT_EQ(softmax({1.0}, -1.0).error().message, "softmax: temperature must be a finite number > 0, got -1");
  EXPECT_EQ(softmax({1.0}, kInf).error().message,
            "softmax: temperature must be a finite number > 0, got inf");
  EXPECT_TRUE(softmax({1.0}, std::numeric_limits<double>::denorm_min()).ok());
}

TEST(NasSoftmax, IndexMustBeInRange) {
  EXPECT_TRUE(softmax_prob({2.0, 1.0, 0.0}, 2).ok());  // the last entry
  EXPECT_EQ(softmax_prob({2.0, 1.0, 0.0}, 3).error().message,
            "softmax_prob: index must be in [0, 3) (0-based, one per entry of logits), got 3");
  EXPECT_EQ(softmax_prob({2.0, 1.0, 0.0}, -1).error().message,
            "softmax_prob: index must be in [0, 3) (0-based, one per entry of logits), got -1");
  EXPECT_EQ(softmax_prob({}, 0).error().message, "softmax_prob: logits must not be empty");
  EXPECT_EQ(softmax_prob({1.0}, 0, 0.0).error().message,
            "softmax_prob: temperature must be a finite number > 0, got 0");
}

// ---- expected_latency ------------------------------------------------------------

TEST(NasExpectedLatency, IsTheProbabilityWeightedSum) {
  EXPECT_DOUBLE_EQ(*expected_latency({10.0, 5.0, 2.0}, {0.6, 0.3, 0.1}), 0.6 * 10.0 + 0.3 * 5.0 + 0.1 * 2.0);
  EXPECT_DOUBLE_EQ(*expected_latency({4.0, 8.0}, {0.5, 0.5}), 6.0);
  EXPECT_DOUBLE_EQ(*expected_latency({4.0, 8.0}, {1.0, 0.0}), 4.0);
  EXPECT_DOUBLE_EQ(*expected_latency({3.0}, {1.0}), 3.0);
}

TEST(NasExpectedLatency, ProbabilitiesMustSumToOneWithin1e9) {
  EXPECT_TRUE(expected_latency({1.0, 1.0}, {0.5, 0.5 + 0.5e-9}).ok());
  EXPECT_TRUE(expected_latency({1.0, 1.0}, {0.5, 0.5 - 0.5e-9}).ok());
  Result<double> over = expected_latency({1.0, 1.0}, {0.5, 0.5 + 2e-9});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().message.rfind("expected_latency: probs must sum to 1 within 1e-9, got a sum of ", 0),
            0u);
  EXPECT_EQ(expected_latency({1.0, 1.0}, {0.5, 0.25}).error().message,
            "expected_latency: probs must sum to 1 within 1e-9, got a sum of 0.75");
}

TEST(NasExpectedLatency, RejectsBadInput) {
  EXPECT_EQ(expected_latency({10.0, 5.0, 2.0}, {0.5, 0.5}).error().message,
            "expected_latency: latencies and probs must have the same length, got 3 and 2");
  EXPECT_EQ(expected_latency({}, {}).error().message, "expected_latency: latencies must not be empty");
  EXPECT_EQ(expected_latency({1.0}, {}).error().message, "expected_latency: probs must not be empty");
  EXPECT_EQ(expected_latency({1.0, 2.0}, {1.5, -0.5}).error().message,
            "expected_latency: probs[1] must be >= 0, got -0.5");
  EXPECT_EQ(expected_latency({-1.0, 2.0}, {0.5, 0.5}).error().message,
            "expected_latency: latencies[0] must be >= 0, got -1");
  EXPECT_EQ(expected_latency({1.0, kInf}, {0.5, 0.5}).error().message,
            "expected_latency: latencies[1] must be a finite number, got inf");
  EXPECT_TRUE(expected_latency({0.0, 2.0}, {0.5, 0.5}).ok());  // zero latency is allowed
}

// ---- expected_latency_gradient -------------------------------------------------

double expected_latency_at(const std::vector<double>& latencies, const std::vector<double>& logits) {
  return *expected_latency(latencies, *softmax(logits));
}

TEST(NasLatencyGradient, EqualsPkTimesLatkMinusExpectation) {
  const std::vector<double> lat = {10.0, 5.0, 2.0};
  const std::vector<double> logits = {2.0, 1.0, 0.0};
  const std::vector<double> p = *softmax(logits);
  const double e = p[0] * lat[0] + p[1] * lat[1] + p[2] * lat[2];
  for (std::int64_t k = 0; k < 3; ++k) {
    const auto i = static_cast<std::size_t>(k);
    EXPECT_DOUBLE_EQ(*expected_latency_gradient(lat, logits, k), p[i] * (lat[i] - e)) << k;
  }
}

TEST(NasLatencyGradient, AgreesWithACentralFiniteDifference) {
  const std::vector<double> lat = {10.0, 5.0, 2.0, 7.5};
  const std::vector<double> logits = {0.3, -1.2, 2.0, 0.7};
  const double h = 1e-6;
  for (std::size_t k = 0; k < logits.size(); ++k) {
    std::vector<double> up = logits, down = logits;
    up[k] += h;
    down[k] -= h;
    const double numeric = (expected_latency_at(lat, up) - expected_latency_at(lat, down)) / (2 * h);
    EXPECT_NEAR(*expected_latency_gradient(lat, logits, static_cast<std::int64_t>(k)), numeric, 1e-7) << k;
  }
}

TEST(NasLatencyGradient, GradientsSumToZeroAndDifferFromTheDiagonalOnlyFormula) {
  const std::vector<double> lat = {10.0, 5.0, 2.0};
  const std::vector<double> logits = {2.0, 1.0, 0.0};
  double total = 0.0;
  for (std::int64_t k = 0; k < 3; ++k) total += *expected_latency_gradient(lat, logits, k);
  // Adding the same amount to every logit leaves the softmax unchanged.
  EXPECT_NEAR(total, 0.0, 1e-12);
  // p_k (1 - p_k) lat_k keeps only the j = k term of the Jacobian; it is not the gradient.
  const double p0 = *softmax_prob(logits, 0);
  EXPECT_GT(std::fabs(*expected_latency_gradient(lat, logits, 0) - p0 * (1 - p0) * lat[0]), 0.5);
  // Equal latencies: the expectation cannot move (zero up to rounding of sum p = 1).
  EXPECT_NEAR(*expected_latency_gradient({4.0, 4.0}, {1.0, -1.0}, 0), 0.0, 1e-14);
}

TEST(NasLatencyGradient, RejectsBadInput) {
  EXPECT_EQ(expected_latency_gradient({1.0, 2.0}, {0.0}, 0).error().message,
            "expected_latency_gradient: latencies and logits must have the same length, got 2 and 1");
  EXPECT_EQ(expected_latency_gradient({1.0, 2.0}, {0.0, 1.0}, 2).error().message,
            "expected_latency_gradient: index must be in [0, 2) (0-based, one per entry of logits), got 2");
  EXPECT_TRUE(expected_latency_gradient({1.0, 2.0}, {0.0, 1.0}, 1).ok());
  EXPECT_EQ(expected_latency_gradient({-1.0}, {0.0}, 0).error().message,
            "expected_latency_gradient: latencies[0] must be >= 0, got -1");
  EXPECT_EQ(expected_latency_gradient({1.0}, {kNaN}, 0).error().message,
            "expected_latency_gradient: logits[0] must be a finite number, got nan");
}

// ---- mnasnet_reward ----------------------------------------------------------------

TEST(NasMnasnetReward, IsAccuracyTimesLatencyOverTargetToTheW) {
  // Tan et al. 2019 eq. 2: ACC * (LAT / T)^w; faster than target with w < 0 gives a small bonus.
  const double r = *mnasnet_reward(0.75, 60.0, 80.0);
  EXPECT_DOUBLE_EQ(r, 0.75 * std::pow(60.0 / 80.0, -0.07));
  EXPECT_GT(r, 0.75);
  // Slower than target: a penalty.
  EXPECT_DOUBLE_EQ(*mnasnet_reward(0.75, 100.0, 80.0), 0.75 * std::pow(100.0 / 80.0, -0.07));
  EXPECT_LT(*mnasnet_reward(0.75, 100.0, 80.0), 0.75);
  // Doubling the latency costs a factor 2^-0.07 (the paper's ~5% accuracy trade).
  EXPECT_DOUBLE_EQ(*mnasnet_reward(0.8, 160.0, 80.0), 0.8 * std::pow(2.0, -0.07));
}

TEST(NasMnasnetReward, AlphaAppliesAtTheTargetAndBetaJustPastIt) {
  // alpha = 0 and beta = -1 tell the branches apart.
  EXPECT_EQ(*mnasnet_reward(0.75, 80.0, 80.0, 0.0, -1.0), 0.75);
  EXPECT_EQ(*mnasnet_reward(0.75, 40.0, 80.0, 0.0, -1.0), 0.75);
  const double just_over = std::nextafter(80.0, 100.0);
  EXPECT_DOUBLE_EQ(*mnasnet_reward(0.75, just_over, 80.0, 0.0, -1.0), 0.75 * 80.0 / just_over);
  EXPECT_DOUBLE_EQ(*mnasnet_reward(0.75, 160.0, 80.0, 0.0, -1.0), 0.375);
  EXPECT_DOUBLE_EQ(*mnasnet_reward(0.75, 40.0, 80.0, -1.0, 0.0), 1.5);
}

TEST(NasMnasnetReward, RejectsBadInput) {
  EXPECT_TRUE(mnasnet_reward(1.0, 60.0, 80.0).ok());
  EXPECT_TRUE(mnasnet_reward(0.0, 60.0, 80.0).ok());
  EXPECT_EQ(mnasnet_reward(1.5, 60.0, 80.0).error().message,
            "mnasnet_reward: accuracy must be a fraction in [0, 1], got 1.5");
  EXPECT_EQ(mnasnet_reward(-0.5, 60.0, 80.0).error().message,
            "mnasnet_reward: accuracy must be a fraction in [0, 1], got -0.5");
  EXPECT_EQ(mnasnet_reward(0.75, 0.0, 80.0).error().message,
            "mnasnet_reward: latency must be a finite number > 0, got 0");
  EXPECT_EQ(mnasnet_reward(0.75, 60.0, -1.0).error().message,
            "mnasnet_reward: target must be a finite number > 0, got -1");
  EXPECT_EQ(mnasnet_reward(0.75, 60.0, 80.0, kNaN).error().message,
            "mnasnet_reward: alpha must be a finite number, got nan");
  EXPECT_EQ(mnasnet_reward(0.75, 60.0, 80.0, -0.07, -kInf).error().message,
            "mnasnet_reward: beta must be a finite number, got -inf");
}

// ---- darts_speedup -------------------------------------------------------------------

TEST(NasDartsSpeedup, IsBruteForceHoursOverDartsHours) {
  EXPECT_DOUBLE_EQ(*darts_speedup(1000, 4.0, 4.0), 1000.0 * 4.0 / (4.0 * 24.0));
  EXPECT_DOUBLE_EQ(*darts_speedup(24, 1.0, 1.0), 1.0);  // one GPU-day each way
  EXPECT_DOUBLE_EQ(*darts_speedup(1, 12.0, 1.0), 0.5);
}

TEST(NasDartsSpeedup, RejectsBadInput) {
  EXPECT_EQ(darts_speedup(0, 4.0, 4.0).error().message, "darts_speedup: architectures must be >= 1, got 0");
  EXPECT_EQ(darts_speedup(1000, 0.0, 4.0).error().message,
            "darts_speedup: gpu_hours_each must be a finite number > 0, got 0");
  EXPECT_EQ(darts_speedup(1000, 4.0, -2.0).error().message,
            "darts_speedup: darts_gpu_days must be a finite number > 0, got -2");
}

// ---- registry ------------------------------------------------------------------------

TEST(NasRegistry, SignaturesMatchTheCatalogueContract) {
  expect_signature("nas", "search_space_size", {"ops", "edges"}, "architectures");
  expect_signature("nas", "search_space_log10", {"ops", "edges"}, "log10");
  expect_signature("nas", "softmax", {"logits", "temperature"}, "");
  expect_signature("nas", "softmax_prob", {"logits", "index", "temperature"}, "");
  expect_signature("nas", "expected_latency", {"latencies", "probs"}, "ms");
  expect_signature("nas", "expected_latency_gradient", {"latencies", "logits", "index"}, "ms");
  expect_signature("nas", "mnasnet_reward", {"accuracy", "latency", "target", "alpha", "beta"}, "");
  expect_signature("nas", "darts_speedup", {"architectures", "gpu_hours_each", "darts_gpu_days"}, "");
}

TEST(NasRegistry, DefaultsFillOmittedParameters) {
  Result<Value> p = call("softmax_prob", {{"logits", list({2, 1, 0})}, {"index", Value::integer(0)}});
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_DOUBLE_EQ(p->number().to_double(), *softmax_prob({2, 1, 0}, 0, 1.0));
  Result<Value> r =
      call("mnasnet_reward",
           {{"accuracy", Value::real(0.75)}, {"latency", Value::real(60)}, {"target", Value::real(80)}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_DOUBLE_EQ(r->number().to_double(), 0.75 * std::pow(0.75, -0.07));
}

TEST(NasRegistry, CallsReturnTheTypedResults) {
  Result<Value> size = call("search_space_size", {{"ops", Value::integer(7)}, {"edges", Value::integer(14)}});
  ASSERT_TRUE(size.ok());
  ASSERT_TRUE(size->number().is_exact());
  EXPECT_EQ(size->number().exact_value(), search_space_size(7, 14)->exact_value());
  Result<Value> log = call("search_space_log10", {{"ops", Value::integer(7)}, {"edges", Value::integer(14)}});
  EXPECT_DOUBLE_EQ(log->number().to_double(), 14 * std::log10(7.0));
  Result<Value> probs = call("softmax", {{"logits", list({0, 0, 0, 0})}});
  ASSERT_TRUE(probs.ok());
  ASSERT_TRUE(probs->is_list());
  ASSERT_EQ(probs->list().size(), 4u);
  for (const Number& n : probs->list()) EXPECT_DOUBLE_EQ(n.to_double(), 0.25);
  Result<Value> lat =
      call("expected_latency", {{"latencies", list({10, 5, 2})}, {"probs", list({0.6, 0.3, 0.1})}});
  EXPECT_DOUBLE_EQ(lat->number().to_double(), 0.6 * 10 + 0.3 * 5 + 0.1 * 2);
  Result<Value> grad =
      call("expected_latency_gradient",
           {{"latencies", list({4, 8})}, {"logits", list({0, 0})}, {"index", Value::integer(1)}});
  EXPECT_DOUBLE_EQ(grad->number().to_double(), 0.5 * (8 - 6));
  Result<Value> speedup = call("darts_speedup", {{"architectures", Value::integer(1000)},
                                                 {"gpu_hours_each", Value::real(4)},
                                                 {"darts_gpu_days", Value::real(4)}});
  EXPECT_DOUBLE_EQ(speedup->number().to_double(), 4000.0 / 96.0);
}

TEST(NasRegistry, ErrorsReachTheCaller) {
  Result<Value> r = call("softmax_prob", {{"logits", list({2, 1, 0})}, {"index", Value::integer(3)}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "softmax_prob: index must be in [0, 3) (0-based, one per entry of logits), got 3");
}

}  // namespace
}  // namespace derive
