// A review history replayed into cards, the day's queue and mastery.
#include "derive/review/history.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace derive::review {
namespace {

TEST(History, ParsesLinesAndNamesTheBadOne) {
  auto h = parse_history("a.x 20000 good\n\n  b.y\t20001 AGAIN \r\n");
  ASSERT_TRUE(h.ok()) << h.error().message;
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[1].exercise, "b.y");
  EXPECT_EQ((*h)[1].day, 20001);
  EXPECT_EQ((*h)[1].rating, Rating::again);

  auto words = parse_history("a.x 20000 good\na.x 20001\n");
  ASSERT_FALSE(words.ok());
  EXPECT_EQ(words.error().message, "history line 2: expected \"EXERCISE DAY RATING\", got 2 words");
  auto day = parse_history("a.x monday good\n");
  ASSERT_FALSE(day.ok());
  EXPECT_NE(day.error().message.find("line 1: the day must be a Unix day"), std::string::npos);
  auto rating = parse_history("a.x 1 ok\n");
  ASSERT_FALSE(rating.ok());
  EXPECT_NE(rating.error().message.find("again, hard, good or easy"), std::string::npos)
      << rating.error().message;
  auto order = parse_history("a.x 5 good\na.x 4 good\n");
  ASSERT_FALSE(order.ok());
  EXPECT_NE(order.error().message.find("in the order they happened"), std::string::npos);
}

// Replaying is apply_review() in order: the same cards as applying by hand.
TEST(History, ReplayIsApplyReviewInOrder) {
  const Fsrs fsrs = *Fsrs::make(0.9);
  const auto cards = replay(fsrs, *parse_history("a 100 good\nb 100 again\nb 101 good\na 102 good\n"));
  ASSERT_EQ(cards.size(), 2u);
  const Card a1 = apply_review(fsrs, nullptr, "a", Rating::good, 100);
  const Card a2 = apply_review(fsrs, &a1, "a", Rating::good, 102);
  EXPECT_EQ(cards[0].card.exercise, "a");
  EXPECT_EQ(cards[0].card.memory.stability, a2.memory.stability);
  EXPECT_EQ(cards[0].card.due_day, a2.due_day);
  EXPECT_EQ(cards[0].first_day, 100);
  const Card b1 = apply_review(fsrs, nullptr, "b", Rating::again, 100);
  const Card b2 = apply_review(fsrs, &b1, "b", Rating::good, 101);
  EXPECT_EQ(cards[1].card.memory.difficulty, b2.memory.difficulty);
  EXPECT_EQ(cards[1].last, Rating::good);
}

TEST(Mastery, FromStabilityRecallAndTheLastRating) {
  const Fsrs fsrs = *Fsrs::make(0.9);
  EXPECT_EQ(mastery(fsrs, nullptr, 0), Mastery::fresh);
  CardState s;
  s.card.memory = {2.3, 5};
  s.card.last_day = 100;
  EXPECT_EQ(mastery(fsrs, &s, 100), Mastery::learning);  // stability under 7 days
  s.card.memory.stability = 12;
  EXPECT_EQ(mastery(fsrs, &s, 100), Mastery::familiar);
  s.last = Rating::again;
  EXPECT_EQ(mastery(fsrs, &s, 100), Mastery::learning);
  s.last = Rating::good;
  s.card.memory.stability = 40;
  EXPECT_EQ(mastery(fsrs, &s, 130), Mastery::mastered);  // R(30, 40) > 0.9
  // Overdue: R(t, S) = 0.9 at t = S, so 50 days after the last review of a
  // 40-day card recall has fallen below the desired retention.
  ASSERT_LT(fsrs.retrievability(50, 40), 0.9);
  EXPECT_EQ(mastery(fsrs, &s, 150), Mastery::familiar);
  EXPECT_EQ(mastery_name(Mastery::fresh), "new");
}

TEST(History, QueueJsonHasDueNewAndEveryExercise) {
  const std::vector<std::string> book = {"a", "b", "c", "d"};
  // "a" reviewed Good on day 100 is due on 102 (S0(good) = 2.3065 days).
  const std::string json = history_queue_json("a 100 good\n", book, 102, 2);
  EXPECT_EQ(
      json.find(
          "{\"today\": 102, \"due\": [{\"exercise\": \"a\", \"due_day\": 102}], \"new\": [\"b\", \"c\"]"),
      0u)
      << json;
  EXPECT_NE(json.find("{\"exercise\": \"d\", \"mastery\": \"new\"}"), std::string::npos) << json;
  EXPECT_NE(json.find("{\"exercise\": \"a\", \"mastery\": \"learning\", \"reviews\": 1, \"due_day\": 102"),
            std::string::npos)
      << json;
  // On day 100 itself "a" was started that day: one of the two new is used.
  const std::string same_day = history_queue_json("a 100 good\n", book, 100, 2);
  EXPECT_NE(same_day.find("\"due\": [], \"new\": [\"b\"]"), std::string::npos) << same_day;
  EXPECT_EQ(history_queue_json("a x good\n", book, 1, 1).find("{\"error\": \"history line 1"), 0u);
  EXPECT_EQ(history_queue_json("", book, 1, -1).find("{\"error\""), 0u);
}

}  // namespace
}  // namespace derive::review
