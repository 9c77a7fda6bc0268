// A learner's review history replayed into cards, the day's queue and mastery.
// The history is the source of truth: FSRS is deterministic, so replaying the
// (exercise, day, rating) list gives the same cards everywhere, and the web
// trainer stores only that list (docs/review.md, "History, queue, mastery").
//
// The history's text form, one review per line, in the order they happened:
//   EXERCISE DAY RATING        e.g. "llm.kv-cache 20424 good"
// DAY is the Unix day (UTC) of the review; blank lines are ignored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"
#include "derive/review/fsrs.hpp"
#include "derive/review/queue.hpp"

namespace derive::review {

struct HistoryEntry {
  std::string exercise;
  std::int64_t day = 0;
  Rating rating = Rating::good;
};

// Errors name the line and what was expected. Days must not decrease.
Result<std::vector<HistoryEntry>> parse_history(std::string_view text);

// A card with its last rating, which mastery needs.
struct CardState {
  Card card;
  Rating last = Rating::good;
  std::int64_t first_day = 0;  // the day the exercise was first reviewed
};

// apply_review() over the history in order, one card per exercise, in the
// order the exercises were first reviewed.
std::vector<CardState> replay(const Fsrs& fsrs, const std::vector<HistoryEntry>& history);

// How well an exercise is known today (docs/review.md):
//   new        never reviewed
//   learning   last review Again, or stability under kFamiliarDays
//   familiar   stability kFamiliarDays or more, or recall today below the
//              desired retention (overdue)
//   mastered   stability kMasteredDays or more and recall today at or above
//              the desired retention
enum class Mastery { fresh, learning, familiar, mastered };
inline constexpr double kFamiliarDays = 7;
inline constexpr double kMasteredDays = 30;
std::string_view mastery_name(Mastery mastery);  // "new", "learning", "familiar", "mastered"
Mastery mastery(const Fsrs& fsrs, const CardState* state, std::int64_t today);

// The day's queue and every exercise's standing, as JSON:
//   {"today": DAY, "due": [{"exercise", "due_day"}...], "new": [ids...],
//    "exercises": [{"exercise", "mastery", "reviews", "due_day", "stability",
//                   "retrievability"}...]}   (book order; new ones with only
//                                             "exercise" and "mastery")
// New ones are capped at new_per_day less the exercises first reviewed today.
std::string queue_json(const Fsrs& fsrs, const std::vector<CardState>& cards,
                       const std::vector<std::string>& book_order, std::int64_t today, int new_per_day);

// parse_history, replay and queue_json at the default parameters and a
// desired retention of 0.9; a failure as {"error": "..."}: what the
// WebAssembly build and `derive schedule --history` return.
std::string history_queue_json(std::string_view history, const std::vector<std::string>& book_order,
                               std::int64_t today, int new_per_day);

}  // namespace derive::review
