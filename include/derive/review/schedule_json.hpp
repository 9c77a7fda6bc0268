// The `derive schedule` document, written by one function so the CLI and the
// WebAssembly build print the same bytes:
//   {"reviews": [{"rating", "elapsed_days", "stability", "difficulty", "interval_days"}, ...]}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"
#include "derive/review/fsrs.hpp"

namespace derive::review {

// "good,good,again,good" (spaces around entries allowed); the error names the
// entry that is not a rating.
Result<std::vector<Rating>> parse_rating_list(std::string_view list);

// Numbers in it are printed to 12 significant figures (JsonWriter::real,
// include/derive/json_writer.hpp): the CLI and the wasm build print the same
// bytes although their exp and pow may differ in the last bit.
std::string schedule_json(const std::vector<ScheduledReview>& reviews);

// parse_rating_list, Fsrs::make(retention) and simulate in one call; the
// error is the first that fails.
Result<std::string> schedule_json(std::string_view ratings, double retention);
// The same, with a failure as {"error": "..."}: what the WebAssembly build returns.
std::string schedule_json_or_error(std::string_view ratings, double retention);

}  // namespace derive::review
