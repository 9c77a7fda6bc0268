// The terminal trainer's review state: the cards of the FSRS queue and the
// log of every review, in one JSON file (docs/review.md, "The state file"):
//   {"version": 1,
//    "cards": [{"exercise", "stability", "difficulty", "last_day", "due_day",
//               "reviews", "lapses"}, ...],
//    "new": {"day", "count"},     new exercises started on that day
//    "log": [record_json(...), ...]}
// Days are Unix days (UTC). Numbers round-trip exactly (shortest form).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"
#include "derive/review/queue.hpp"

namespace derive::cli {

inline constexpr int kReviewStateVersion = 1;

struct ReviewState {
  std::vector<review::Card> cards;
  std::vector<review::ReviewRecord> log;
  std::int64_t new_day = 0;  // the day `new_count` counts
  int new_count = 0;         // new exercises started on new_day
};

std::string review_state_json(const ReviewState& state);
// Every field checked; the error names the first that is missing or wrong
// ("cards[2].stability: expected a positive number"). A version newer than
// kReviewStateVersion is refused rather than half read.
Result<ReviewState> parse_review_state(std::string_view text);

// Where the state lives when --state is not given: $XDG_STATE_HOME/derive/
// review.json, else $HOME/.local/state/derive/review.json; empty when
// neither variable is set.
std::filesystem::path default_review_state_path();

// A missing file is an empty state; an unreadable or corrupt one is an error
// naming the file (and the file is never overwritten then).
Result<ReviewState> read_review_state(const std::filesystem::path& path);
// Writes a temporary file beside `path` and renames it over `path`, so an
// interrupted write leaves the old state whole. Creates missing folders.
Status write_review_state(const std::filesystem::path& path, const ReviewState& state);

}  // namespace derive::cli
