// Ratings from outcomes, card updates and the day's queue.
#include "derive/review/queue.hpp"

#include <gtest/gtest.h>

namespace derive::review {
namespace {

TEST(Rate, OutcomeToRating) {
  const double par = par_seconds(2);  // 2 answers x 90 s = 180 s
  EXPECT_EQ(par, 180.0);
  EXPECT_EQ(rate({false, 10, 0, false, par}), Rating::again);
  EXPECT_EQ(rate({true, 10, 1, false, par}), Rating::hard);  // a hint outweighs speed
  EXPECT_EQ(rate({true, 10, 0, true, par}), Rating::hard);   // a retry too
  EXPECT_EQ(rate({true, 90, 0, false, par}), Rating::easy);  // 90 <= 0.5 x 180
  EXPECT_EQ(rate({true, 91, 0, false, par}), Rating::good);
  EXPECT_EQ(rate({true, 1, 0, false, 0}), Rating::good);  // no par: never Easy
}

TEST(ApplyReview, NewCardThenOnItsDueDay) {
  const Fsrs fsrs = *Fsrs::make(0.9);
  const Card first = apply_review(fsrs, nullptr, "ch1.macs", Rating::good, 20000);
  // S0(good) = 2.3065, interval round(2.3065) = 2.
  EXPECT_EQ(first.due_day, 20002);
  EXPECT_EQ(first.reviews, 1);
  const Card second = apply_review(fsrs, &first, "ch1.macs", Rating::good, first.due_day);
  // Matches the simulated schedule's second step (fsrs_test.cpp): S = 10.964332, I = 11.
  EXPECT_NEAR(second.memory.stability, 10.96433234, 1e-7);
  EXPECT_EQ(second.due_day, 20002 + 11);
  const Card lapse = apply_review(fsrs, &second, "ch1.macs", Rating::again, second.due_day);
  EXPECT_EQ(lapse.lapses, 1);
  // The same day again: the short-term formula, elapsed 0.
  const Card same_day = apply_review(fsrs, &lapse, "ch1.macs", Rating::good, lapse.last_day);
  EXPECT_NEAR(same_day.memory.stability, fsrs.short_term_stability(lapse.memory.stability, Rating::good),
              1e-12);
}

TEST(BuildQueue, DueFirstThenNewInBookOrderUnderTheCap) {
  const std::vector<std::string> book{"a", "b", "c", "d", "e", "f"};
  std::vector<Card> cards(3);
  cards[0].exercise = "d";
  cards[0].due_day = 99;  // most overdue
  cards[1].exercise = "b";
  cards[1].due_day = 100;
  cards[2].exercise = "a";
  cards[2].due_day = 101;  // not yet due
  const auto queue = build_queue(cards, book, 100, 3, 1);
  ASSERT_EQ(queue.size(), 4u);
  EXPECT_EQ(queue[0].exercise, "d");
  EXPECT_FALSE(queue[0].is_new);
  EXPECT_EQ(queue[1].exercise, "b");
  EXPECT_EQ(queue[2].exercise, "c");  // new, book order, skipping reviewed a, b, d
  EXPECT_TRUE(queue[2].is_new);
  EXPECT_EQ(queue[3].exercise, "e");                              // cap 3, one already done today: two new
  EXPECT_TRUE(build_queue(cards, book, 100, 2, 5).size() == 2u);  // cap spent: reviews only
}

TEST(ReviewRecord, JsonForRefitting) {
  ReviewRecord r;
  r.exercise = "llm.kv-cache";
  r.variant = 18446744073709551615u;  // 2^64 - 1 kept exactly, as a string
  r.correct = true;
  r.seconds = 41.5;
  r.hints = 1;
  r.slip = "bits \"for\" bytes";
  r.rating = rate({true, 41.5, 1, false, par_seconds(1)});
  r.timestamp = 1764662400;
  EXPECT_EQ(record_json(r),
            "{\"exercise\": \"llm.kv-cache\", \"variant\": \"18446744073709551615\", \"correct\": true, "
            "\"seconds\": 41.5, \"hints\": 1, \"slip\": \"bits \\\"for\\\" bytes\", \"rating\": \"hard\", "
            "\"timestamp\": 1764662400}");
}

TEST(DayOf, UnixDaysRoundDown) {
  EXPECT_EQ(day_of(0), 0);
  EXPECT_EQ(day_of(86399), 0);
  EXPECT_EQ(day_of(86400), 1);
  EXPECT_EQ(day_of(-1), -1);
}

}  // namespace
}  // namespace derive::review
