#include "derive/distill.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "derive/nas.hpp"
#include "derive/registry.hpp"

#include "engine_test_support.hpp"

namespace derive {
namespace {

using namespace derive::testing;

// ---- kd_gradient_scale ----------------------------------------------------------

TEST(DistillGradientScale, IsTemperatureSquared) {
  EXPECT_DOUBLE_EQ(*kd_gradient_scale(5.0), 5.0 * 5.0);
  EXPECT_DOUBLE_EQ(*kd_gradient_scale(1.0), 1.0);  // no softening, no correction
  EXPECT_DOUBLE_EQ(*kd_gradient_scale(0.5), 0.25);
}

TEST(DistillGradientScale, MatchesTheShrinkOfTheSoftGradient) {
  // Hinton et al. sec. 2.1: d(soft CE)/dz_i = (q_i - p_i) / T, where q and p are the
  // softmaxes at T. For small logits q_i - p_i ~ (z_i - v_i) / (N T), so the gradient
  // falls as 1/T^2. Check numerically: the ratio of the gradients at T = 1 and T = 5,
  // for logits small enough to be in the linear regime, approaches 5^2.
  const std::vector<double> student = {1e-6, -2e-6, 1e-6};
  const std::vector<double> teacher = {3e-6, 0.0, -3e-6};
  auto grad0 = [&](double t) { return (*softmax_prob(student, 0, t) - *softmax_prob(teacher, 0, t)) / t; };
  EXPECT_NEAR(grad0(1.0) / grad0(5.0), *kd_gradient_scale(5.0), 1e-3);
}

TEST(DistillGradientScale, RejectsBadTemperatures) {
  EXPECT_EQ(kd_gradient_scale(0.0).error().message,
            "kd_gradient_scale: temperature must be a finite number > 0, got 0");
  EXPECT_EQ(kd_gradient_scale(-2.0).error().message,
            "kd_gradient_scale: temperature must be a finite number > 0, got -2");
  EXPECT_EQ(kd_gradient_scale(kNaN).error().message,
            "kd_gradient_scale: temperature must be a finite number > 0, got nan");
  EXPECT_TRUE(kd_gradient_scale(std::numeric_limits<double>::denorm_min()).ok());
}

// ---- kd_gradient_ratio ----------------------------------------------------------

// |q(T) - p(T)| / T written out for three logits, independently of the engine's
// softmax (Hinton et al., 2015, sec. 2.1: dC/dz_i = (q_i - p_i) / T).
double soft_gradient_norm(const std::vector<double>& z, const std::vector<double>& v, double t) {
  const double zq = std::exp(z[0] / t) + std::exp(z[1] / t) + std::exp(z[2] / t);
  const double vp = std::exp(v[0] / t) + std::exp(v[1] / t) + std::exp(v[2] / t);
  double squares = 0;
  for (int i = 0; i < 3; ++i) {
    const double d = std::exp(z[i] / t) / zq - std::exp(v[i] / t) / vp;
    squares += d * d;
  }
  return std::sqrt(squares) / t;
}

TEST(DistillGradientRatio, IsTheRatioOfTheExactGradients) {
  const std::vector<double> student = {2.5, 2.0, 1.5};
  const std::vector<double> teacher = {4.0, 2.0, 1.0};
  for (double t : {1.5, 3.0, 5.0, 20.0}) {
    const double expected =
        soft_gradient_norm(student, teacher, 1.0) / soft_gradient_norm(student, teacher, t);
    EXPECT_NEAR(*kd_gradient_ratio(student, teacher, t), expected, 1e-12 * expected) << t;
  }
  EXPECT_DOUBLE_EQ(*kd_gradient_ratio(student, teacher, 1.0), 1.0);
}

TEST(DistillGradientRatio, DiffersFromTSquaredButFallsAsOneOverTSquaredAtHighT) {
  const std::vector<double> student = {2.5, 2.0, 1.5};
  const std::vector<double> teacher = {4.0, 2.0, 1.0};
  // At T = 5 the exact ratio is not 25: T^2 is a limit, not the value.
  EXPECT_GT(std::fabs(*kd_gradient_ratio(student, teacher, 5.0) - 25.0), 1.0);
  // Far above the logits, doubling T divides the gradient by about 4.
  EXPECT_NEAR(*kd_gradient_ratio(student, teacher, 400.0) / *kd_gradient_ratio(student, teacher, 200.0), 4.0,
              1e-2);
}

TEST(DistillGradientRatio, RejectsMismatchedOrEqualLogits) {
  EXPECT_FALSE(kd_gradient_ratio({1.0, 2.0}, {1.0, 2.0, 3.0}, 2.0).ok());
  EXPECT_FALSE(kd_gradient_ratio({1.0, 2.0}, {1.0, 2.0}, 2.0).ok());
  EXPECT_FALSE(kd_gradient_ratio({1.0, 2.0}, {2.0, 1.0}, 0.0).ok());
  EXPECT_FALSE(kd_gradient_ratio({}, {}, 2.0).ok());
  EXPECT_FALSE(kd_gradient_ratio({kNaN, 1.0}, {1.0, 2.0}, 2.0).ok());
}

// ---- kd_loss ------------------------------------------------------------------------

TEST(DistillLoss, WeighsHardAndScaledSoftTerms) {
  EXPECT_DOUBLE_EQ(*kd_loss(2.0, 0.4, 3.0, 0.7), (1 - 0.7) * 2.0 + 0.7 * 3.0 * 3.0 * 0.4);
  EXPECT_DOUBLE_EQ(*kd_loss(2.0, 0.4, 3.0, 0.0), 2.0);        // hard labels only
  EXPECT_DOUBLE_EQ(*kd_loss(2.0, 0.4, 3.0, 1.0), 9.0 * 0.4);  // soft targets only
  EXPECT_DOUBLE_EQ(*kd_loss(1.0, 1.0, 1.0, 0.5), 1.0);        // T = 1: a plain average
  EXPECT_DOUBLE_EQ(*kd_loss(0.0, 0.0, 4.0, 0.5), 0.0);
}

TEST(DistillLoss, LambdaMustBeAWeightInZeroOne) {
  EXPECT_TRUE(kd_loss(2.0, 0.4, 3.0, 1.0).ok());
  EXPECT_TRUE(kd_loss(2.0, 0.4, 3.0, 0.0).ok());
  EXPECT_EQ(kd_loss(2.0, 0.4, 3.0, std::nextafter(1.0, 2.0)).error().message,
            "kd_loss: lam (the weight of the soft term) must be in [0, 1], got 1.0000000000000002");
  EXPECT_EQ(kd_loss(2.0, 0.4, 3.0, -0.5).error().message,
            "kd_loss: lam (the weight of the soft term) must be in [0, 1], got -0.5");
  EXPECT_EQ(kd_loss(2.0, 0.4, 3.0, kNaN).error().message,
            "kd_loss: lam (the weight of the soft term) must be in [0, 1], got nan");
}

TEST(DistillLoss, RejectsBadLossesAndTemperatures) {
  EXPECT_EQ(kd_loss(-1.0, 0.4, 3.0, 0.7).error().message, "kd_loss: ce must be a finite number >= 0, got -1");
  EXPECT_EQ(kd_loss(2.0, -0.25, 3.0, 0.7).error().message,
            "kd_loss: kl must be a finite number >= 0, got -0.25");
  EXPECT_EQ(kd_loss(2.0, kInf, 3.0, 0.7).error().message,
            "kd_loss: kl must be a finite number >= 0, got inf");
  EXPECT_EQ(kd_loss(2.0, 0.4, 0.0, 0.7).error().message,
            "kd_loss: temperature must be a finite number > 0, got 0");
}

// ---- compression_ratio ----------------------------------------------------------------

TEST(DistillCompressionRatio, IsTeacherOverStudent) {
  EXPECT_DOUBLE_EQ(*compression_ratio(25.6e6, 3.4e6), 25.6e6 / 3.4e6);
  EXPECT_DOUBLE_EQ(*compression_ratio(10.0, 10.0), 1.0);
  EXPECT_DOUBLE_EQ(*compression_ratio(1.0, 4.0), 0.25);  // a larger student is allowed
}

TEST(DistillCompressionRatio, RejectsNonPositiveCounts) {
  EXPECT_EQ(compression_ratio(0.0, 3.4e6).error().message,
            "compression_ratio: teacher_params must be a finite number > 0, got 0");
  EXPECT_EQ(compression_ratio(25.6e6, 0.0).error().message,
            "compression_ratio: student_params must be a finite number > 0, got 0");
  EXPECT_EQ(compression_ratio(25.6e6, -1.0).error().message,
            "compression_ratio: student_params must be a finite number > 0, got -1");
}

// ---- uniform_prob ---------------------------------------------------------------------

TEST(DistillUniformProb, IsOneOverTheClassCount) {
  EXPECT_DOUBLE_EQ(*uniform_prob(10), 0.1);
  EXPECT_DOUBLE_EQ(*uniform_prob(1), 1.0);
  EXPECT_DOUBLE_EQ(*uniform_prob(4), 0.25);
  EXPECT_EQ(uniform_prob(0).error().message, "uniform_prob: classes must be >= 1, got 0");
  EXPECT_EQ(uniform_prob(-3).error().message, "uniform_prob: classes must be >= 1, got -3");
}

TEST(DistillUniformProb, IsTheLimitOfAHotSoftmax) {
  const std::vector<double> logits = {4.0, 2.0, 1.0};
  for (std::int64_t i = 0; i < 3; ++i) EXPECT_NEAR(*softmax_prob(logits, i, 1e12), *uniform_prob(3), 1e-11);
}

// ---- kl_divergence --------------------------------------------------------------------

TEST(DistillKlDivergence, MatchesTheDefinitionInNats) {
  EXPECT_DOUBLE_EQ(*kl_divergence({0.5, 0.5}, {0.25, 0.75}),
                   0.5 * std::log(0.5 / 0.25) + 0.5 * std::log(0.5 / 0.75));
  EXPECT_DOUBLE_EQ(*kl_divergence({0.25, 0.75}, {0.5, 0.5}),
                   0.25 * std::log(0.25 / 0.5) + 0.75 * std::log(0.75 / 0.5));
  EXPECT_EQ(*kl_divergence({0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}), 0.0);
  // A certain p against a uniform q of two classes: ln 2 nats (one bit).
  EXPECT_DOUBLE_EQ(*kl_divergence({1.0, 0.0}, {0.5, 0.5}), std::log(2.0));
}

TEST(DistillKlDivergence, ZeroTermsAndInfiniteDivergence) {
  // 0 log 0 = 0: a class p never predicts contributes nothing, even where q is 0.
  EXPECT_EQ(*kl_divergence({1.0, 0.0}, {1.0, 0.0}), 0.0);
  EXPECT_EQ(kl_divergence({0.5, 0.5}, {1.0, 0.0}).error().message,
            "kl_divergence: q[1] is 0 where p[1] = 0.5 > 0, so the divergence is infinite");
}

TEST(DistillKlDivergence, IsNonNegativeAndAsymmetric) {
  const std::vector<double> p = *softmax({4.0, 2.0, 1.0}, 4.0);
  const std::vector<double> q = *softmax({1.0, 3.0, 0.5}, 4.0);
  EXPECT_GT(*kl_divergence(p, q), 0.0);
  EXPECT_GT(*kl_divergence(q, p), 0.0);
  EXPECT_NE(*kl_divergence(p, q), *kl_divergence(q, p));
}

TEST(DistillKlDivergence, RejectsBadDistributions) {
  EXPECT_EQ(kl_divergence({}, {}).error().message, "kl_divergence: p must not be empty");
  EXPECT_EQ(kl_divergence({1.0}, {}).error().message, "kl_divergence: q must not be empty");
  EXPECT_EQ(kl_divergence({1.0}, {0.5, 0.5}).error().message,
            "kl_divergence: p and q must have the same length, got 1 and 2");
  EXPECT_EQ(kl_divergence({1.5, -0.5}, {0.5, 0.5}).error().message,
            "kl_divergence: p[1] must be a probability >= 0, got -0.5");
  EXPECT_EQ(kl_divergence({0.5, 0.5}, {kNaN, 0.5}).error().message,
            "kl_divergence: q[0] must be a probability >= 0, got nan");
  EXPECT_EQ(kl_divergence({0.5, 0.5}, {0.5, 0.25}).error().message,
            "kl_divergence: q must sum to 1 within 1e-9, got a sum of 0.75");
  EXPECT_TRUE(kl_divergence({0.5, 0.5 + 0.5e-9}, {0.5, 0.5}).ok());
  EXPECT_FALSE(kl_divergence({0.5, 0.5 + 2e-9}, {0.5, 0.5}).ok());
}

// ---- registry -------------------------------------------------------------------------

TEST(DistillRegistry, SignaturesMatchTheCatalogueContract) {
  expect_signature("distill", "kd_gradient_scale", {"temperature"}, "", Defaults::None);
  expect_signature("distill", "kd_loss", {"ce", "kl", "temperature", "lam"}, "", Defaults::None);
  expect_signature("distill", "compression_ratio", {"teacher_params", "student_params"}, "", Defaults::None);
  expect_signature("distill", "uniform_prob", {"classes"}, "", Defaults::None);
  expect_signature("distill", "kl_divergence", {"p", "q"}, "", Defaults::None);
}

TEST(DistillRegistry, CallsReturnTheTypedResults) {
  EXPECT_DOUBLE_EQ(call("kd_gradient_scale", {{"temperature", Value::real(5)}})->number().to_double(), 25.0);
  Result<Value> loss = call("kd_loss", {{"ce", Value::real(2.0)},
                                        {"kl", Value::real(0.4)},
                                        {"temperature", Value::real(3.0)},
                                        {"lam", Value::real(0.7)}});
  ASSERT_TRUE(loss.ok()) << loss.error().message;
  EXPECT_DOUBLE_EQ(loss->number().to_double(), *kd_loss(2.0, 0.4, 3.0, 0.7));
  Result<Value> ratio = call(
      "compression_ratio", {{"teacher_params", Value::real(25.6e6)}, {"student_params", Value::real(3.4e6)}});
  EXPECT_DOUBLE_EQ(ratio->number().to_double(), 25.6e6 / 3.4e6);
  EXPECT_DOUBLE_EQ(call("uniform_prob", {{"classes", Value::integer(8)}})->number().to_double(), 0.125);
  Result<Value> kl = call("kl_divergence", {{"p", list({1, 0})}, {"q", list({0.5, 0.5})}});
  EXPECT_DOUBLE_EQ(kl->number().to_double(), std::log(2.0));
  Result<Value> bad = call("uniform_prob", {{"classes", Value::integer(0)}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "uniform_prob: classes must be >= 1, got 0");
}

}  // namespace
}  // namespace derive
