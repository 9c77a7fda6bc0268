// What is scheduled and when: an exercise family (its id) is one card; every
// review draws a fresh variant. The rating comes from the outcome, each
// review is recorded, and the day's queue puts due reviews first, then new
// exercises in book order up to a small daily cap (docs/review.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "derive/review/fsrs.hpp"

namespace derive::review {

// Par: the time a practised learner needs, kParSecondsPerAnswer per answer
// field of the exercise (the catalogue records no timings yet). "Well under"
// par is at most kEasyFractionOfPar of it.
inline constexpr double kParSecondsPerAnswer = 90.0;
inline constexpr double kEasyFractionOfPar = 0.5;
double par_seconds(int answer_fields);

struct Outcome {
  bool correct = false;
  double seconds = 0;      // from the question shown to the answer accepted
  int hints = 0;           // step hints revealed
  bool retried = false;    // a wrong answer before the right one, or the solution opened
  double par_seconds = 0;  // par_seconds(answers); 0: Easy is never given
};

// Wrong -> Again; right after a hint or a retry -> Hard; right within
// kEasyFractionOfPar of par -> Easy; otherwise right -> Good.
Rating rate(const Outcome& outcome);

// One review as recorded, enough to refit the parameters later (FSRS fits on
// (card, day, rating) histories; the rest explains the rating).
struct ReviewRecord {
  std::string exercise;
  std::uint64_t variant = 0;
  bool correct = false;
  double seconds = 0;
  int hints = 0;
  std::string slip;  // the diagnosed mistake's name, empty if none
  Rating rating = Rating::good;
  std::int64_t timestamp = 0;  // Unix seconds, UTC
};

// {"exercise", "variant", "correct", "seconds", "hints", "slip", "rating",
// "timestamp"}, one object of a review log a refit reads. The variant is a
// string: 64-bit numbers do not survive JavaScript's doubles.
std::string record_json(const ReviewRecord& record);

// A card's memory: absent from the list while new.
struct Card {
  std::string exercise;
  MemoryState memory;
  std::int64_t last_day = 0;  // day number (Unix days, UTC) of the last review
  std::int64_t due_day = 0;   // last_day + the scheduled interval
  int reviews = 0;
  int lapses = 0;
};

inline std::int64_t day_of(std::int64_t unix_seconds) {
  return unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
}

// The card after a review on `day`: a new card when `card` is null; elapsed
// days are whole days since the last review (0: a same-day review).
Card apply_review(const Fsrs& fsrs, const Card* card, const std::string& exercise, Rating rating,
                  std::int64_t day);

struct QueueEntry {
  std::string exercise;
  bool is_new = false;
  std::int64_t due_day = 0;  // for reviews
};

// The day's session: cards due on or before `today` (most overdue first, then
// book order), then exercises never reviewed in `book_order`, at most
// `new_per_day - new_done_today` of them. Cards whose exercise is no longer
// in the book are skipped.
std::vector<QueueEntry> build_queue(const std::vector<Card>& cards,
                                    const std::vector<std::string>& book_order, std::int64_t today,
                                    int new_per_day, int new_done_today);
inline constexpr int kDefaultNewPerDay = 5;

}  // namespace derive::review
