// FSRS-6 against values worked out by hand from the published equations
// (open-spaced-repetition, "The Algorithm", FSRS-6) at the 21 default
// parameters. The arithmetic is shown beside each expected value.
#include "derive/review/fsrs.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace derive::review {
namespace {

const Fsrs& fsrs90() {
  static const Fsrs f = *Fsrs::make(0.9);
  return f;
}

TEST(Fsrs, DefaultParametersAreTheFsrs6Defaults) {
  // ts-fsrs default_w / fsrs-rs DEFAULT_PARAMETERS / py-fsrs DEFAULT_PARAMETERS.
  const Parameters w = kDefaultParameters;
  EXPECT_EQ(w[0], 0.212);
  EXPECT_EQ(w[3], 8.2956);
  EXPECT_EQ(w[17], 0.5425);
  EXPECT_EQ(w[19], 0.0658);
  EXPECT_EQ(w[20], 0.1542);
}

TEST(Fsrs, FactorMakesRetrievabilityNinetyPercentAtStability) {
  // factor = 0.9^(-1/0.1542) - 1 = e^(0.1053605/0.1542) - 1 = e^0.683272 - 1 = 0.980346
  EXPECT_NEAR(fsrs90().factor(), 0.980346494, 1e-9);
  for (double s : {0.5, 2.3065, 10.0, 400.0}) EXPECT_NEAR(fsrs90().retrievability(s, s), 0.9, 1e-12);
  // R(0, S) = 1; R decreases with t.
  EXPECT_DOUBLE_EQ(fsrs90().retrievability(0, 3.0), 1.0);
  EXPECT_LT(fsrs90().retrievability(4, 3.0), fsrs90().retrievability(3.5, 3.0));
  // R(2, 2.3065) = (1 + 0.980346 * 2 / 2.3065)^(-0.1542) = 1.850067^(-0.1542)
  //             = e^(-0.1542 * 0.615222) = e^(-0.094867) = 0.909493
  EXPECT_NEAR(fsrs90().retrievability(2, 2.3065), 0.909493256, 1e-8);
}

TEST(Fsrs, IntervalSolvesTheCurveForTheDesiredRetention) {
  // At r = 0.9 the interval is S itself: S / factor * (0.9^(-1/w20) - 1) = S.
  EXPECT_NEAR(fsrs90().raw_interval(2.3065), 2.3065, 1e-12);
  // r = 0.8: 0.8^(-1/0.1542) = e^(0.2231436/0.1542) = e^1.447105 = 4.250800;
  // I = 2.3065 / 0.980346 * 3.250800 = 7.648261, rounded to 8.
  const Fsrs f80 = *Fsrs::make(0.8);
  EXPECT_NEAR(f80.raw_interval(2.3065), 7.64826125, 1e-7);
  EXPECT_EQ(f80.interval_days(2.3065), 8);
  // Bounds: at least one day, at most 36500.
  EXPECT_EQ(fsrs90().interval_days(0.2), 1);
  EXPECT_EQ(fsrs90().interval_days(1e6), kMaxIntervalDays);
  // Round half away from zero, as Math.round does for positive numbers.
  EXPECT_EQ(fsrs90().interval_days(2.5), 3);
}

TEST(Fsrs, InitialStateOfANewCard) {
  // S0(G) = w[G-1].
  EXPECT_EQ(fsrs90().initial_stability(Rating::again), 0.212);
  EXPECT_EQ(fsrs90().initial_stability(Rating::easy), 8.2956);
  // D0(G) = w4 - e^(w5 (G-1)) + 1:
  //   again: 6.4133 - 1 + 1 = 6.4133
  //   hard:  6.4133 - e^0.8334 + 1 = 6.4133 - 2.301129 + 1 = 5.112171
  //   good:  6.4133 - e^1.6668 + 1 = 6.4133 - 5.295196 + 1 = 2.118104
  //   easy:  6.4133 - e^2.5002 + 1 = 6.4133 - 12.184931 + 1 = -4.771631 (clamped to 1 for a card)
  EXPECT_NEAR(fsrs90().initial_difficulty_unclamped(Rating::again), 6.4133, 1e-12);
  EXPECT_NEAR(fsrs90().initial_difficulty_unclamped(Rating::hard), 5.112170706, 1e-8);
  EXPECT_NEAR(fsrs90().initial_difficulty_unclamped(Rating::good), 2.118103970, 1e-8);
  EXPECT_NEAR(fsrs90().initial_difficulty_unclamped(Rating::easy), -4.771630703, 1e-8);
  EXPECT_EQ(fsrs90().next_state(nullptr, 0, Rating::easy).difficulty, 1.0);
}

TEST(Fsrs, DifficultyDampsLinearlyAndRevertsToTheEasyMean) {
  // D = 2.118104, Good: delta = 0, D' = D; D'' = 0.001 * (-4.771631) + 0.999 * 2.118104
  //   = -0.004772 + 2.115986 = 2.111214
  EXPECT_NEAR(fsrs90().next_difficulty(2.118103970459015, Rating::good), 2.111214236, 1e-8);
  // D = 2.111214, Again: delta = -3.0194 * (1 - 3) = 6.0388;
  //   D' = 2.111214 + 6.0388 * (10 - 2.111214) / 9 = 2.111214 + 5.293200 = 7.404414;
  //   D'' = 0.001 * (-4.771631) + 0.999 * 7.404414 = -0.004772 + 7.397010 = 7.392238
  EXPECT_NEAR(fsrs90().next_difficulty(2.1112142357853942, Rating::again), 7.392238132, 1e-8);
  // Damping: at D = 10 an Again cannot raise it; the result stays within [1, 10].
  EXPECT_LE(fsrs90().next_difficulty(10.0, Rating::again), 10.0);
  EXPECT_GE(fsrs90().next_difficulty(1.0, Rating::easy), 1.0);
}

TEST(Fsrs, StabilityAfterSuccess) {
  // D = 2.118104, S = 2.3065, R = 0.909493, Good:
  //   e^w8 = e^1.8722 = 6.502586; (11 - D) = 8.881896; S^(-w9) = 2.3065^(-0.1666) = 0.870025
  //   e^(0.796 * 0.090507) - 1 = e^0.072043 - 1 = 0.074702
  //   SInc = 6.502586 * 8.881896 * 0.870025 * 0.074702 = 3.753667
  //   S' = 2.3065 * (3.753667 + 1) = 10.964332
  const double r = fsrs90().retrievability(2, 2.3065);
  EXPECT_NEAR(fsrs90().stability_after_success(2.118103970459015, 2.3065, r, Rating::good), 10.96433234,
              1e-7);
  // Hard multiplies the increase by w15 = 0.6014, Easy by w16 = 1.8729.
  EXPECT_NEAR(fsrs90().stability_after_success(2.118103970459015, 2.3065, r, Rating::hard),
              2.3065 * (3.7536667400046397 * 0.6014 + 1), 1e-7);
  EXPECT_NEAR(fsrs90().stability_after_success(2.118103970459015, 2.3065, r, Rating::easy),
              2.3065 * (3.7536667400046397 * 1.8729 + 1), 1e-7);
}

TEST(Fsrs, StabilityAfterFailureIsCappedByTheShortTermCeiling) {
  // D = 2.111214, S = 10.964332, reviewed after 11 days: R = (1 + 0.980346 * 11 / 10.964332)^(-0.1542)
  //   = 1.983536^(-0.1542) = 0.899777
  //   lapse = 1.4835 * 2.111214^(-0.0614) * (11.964332^0.2629 - 1) * e^(1.6483 * 0.100223)
  //         = 1.4835 * 0.955155 * 0.920334 * 1.179627 = 1.538337
  //   ceiling = S / e^(0.5425 * 0.0912) = 10.964332 / 1.050744 = 10.435062; S' = min = 1.538337
  const double r = fsrs90().retrievability(11, 10.964332335820703);
  EXPECT_NEAR(r, 0.899776718, 1e-8);
  EXPECT_NEAR(fsrs90().stability_after_failure(2.1112142357853942, 10.964332335820703, r), 1.538337236, 1e-8);
  // A small S long overdue (R = 0), D = 1: lapse = 1.4835 * 1 * (1.1^0.2629 - 1) * e^1.6483
  //   = 1.4835 * 0.025374 * 5.198135 = 0.195667, above the ceiling S / e^(w17 w18) = 0.1 / 1.050744
  //   = 0.095171, which binds: a lapse never raises stability.
  EXPECT_NEAR(fsrs90().stability_after_failure(1.0, 0.1, 0.0), 0.1 / std::exp(0.5425 * 0.0912), 1e-12);
  // With R = 0.5 the lapse formula is below it: 1.4835 * 0.025374 * e^0.82415 = 0.085821.
  EXPECT_NEAR(fsrs90().stability_after_failure(1.0, 0.1, 0.5), 0.0858210162, 1e-9);
}

TEST(Fsrs, SameDayReviewUsesTheShortTermFormula) {
  // SInc = e^(w17 (G - 3 + w18)) * S^(-w19) at S = 2.3065:
  //   S^(-0.0658) = e^(-0.0658 * 0.835733) = 0.946510
  //   again: e^(0.5425 * -1.9088) = 0.355035 -> SInc 0.336043, S' = 0.775084
  //   good:  e^(0.5425 * 0.0912) = 1.050744 -> SInc 0.994500, raised to 1: S' = 2.3065
  //   easy:  e^(0.5425 * 1.0912) = 1.807510 -> SInc 1.710841, S' = 3.946054
  EXPECT_NEAR(fsrs90().short_term_stability(2.3065, Rating::again), 0.775083983, 1e-8);
  EXPECT_NEAR(fsrs90().short_term_stability(2.3065, Rating::hard), 1.333378717, 1e-8);
  EXPECT_DOUBLE_EQ(fsrs90().short_term_stability(2.3065, Rating::good), 2.3065);
  EXPECT_NEAR(fsrs90().short_term_stability(2.3065, Rating::easy), 3.946054068, 1e-8);
  // next_state picks it for elapsed < 1 day.
  const MemoryState card{2.3065, 2.118103970459015};
  EXPECT_NEAR(fsrs90().next_state(&card, 0.5, Rating::easy).stability, 3.946054068, 1e-8);
}

TEST(Schedule, GoodGoodAgainGood) {
  // The `derive schedule --ratings good,good,again,good` example, each review
  // on its due day; the numbers are the ones worked out in the tests above:
  //   1 good:  new card        S = 2.3065,    D = 2.118104, I = round(2.3065)    = 2
  //   2 good:  after 2 days    S = 10.964332, D = 2.111214, I = round(10.964332) = 11
  //   3 again: after 11 days   S = 1.538337,  D = 7.392238, I = round(1.538337)  = 2
  //   4 good:  after 2 days    R = (1 + 0.980346 * 2 / 1.538337)^(-0.1542) = 0.880981
  //            SInc = 6.502586 * 3.607762 * 0.930759 * (e^(0.796 * 0.119019) - 1 = 0.099372) = 2.169825
  //            S = 1.538337 * 3.169825 = 4.876260; D = -0.004772 + 0.999 * 7.392238 = 7.380074; I = 5
  const auto reviews = simulate(fsrs90(), {Rating::good, Rating::good, Rating::again, Rating::good});
  ASSERT_EQ(reviews.size(), 4u);
  const int elapsed[] = {0, 2, 11, 2};
  const double stability[] = {2.3065, 10.96433234, 1.538337236, 4.876260134};
  const double difficulty[] = {2.118103970, 2.111214236, 7.392238132, 7.380074264};
  const int interval[] = {2, 11, 2, 5};
  for (int i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(reviews[i].elapsed_days, elapsed[i]);
    EXPECT_NEAR(reviews[i].stability, stability[i], 1e-7);
    EXPECT_NEAR(reviews[i].difficulty, difficulty[i], 1e-8);
    EXPECT_EQ(reviews[i].interval_days, interval[i]);
  }
}

TEST(Fsrs, RejectsRetentionOutsideTheOpenUnitInterval) {
  for (double bad : {0.0, 1.0, -0.1, 1.5, std::nan("")}) EXPECT_FALSE(Fsrs::make(bad).ok()) << bad;
  EXPECT_TRUE(Fsrs::make(0.97).ok());
}

TEST(Rating, ParsesTheFourNames) {
  EXPECT_EQ(*parse_rating("Again"), Rating::again);
  EXPECT_EQ(*parse_rating("easy"), Rating::easy);
  const auto bad = parse_rating("ok");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("again, hard, good or easy"), std::string::npos);
}

}  // namespace
}  // namespace derive::review
