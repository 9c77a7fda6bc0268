// The `derive schedule` document; see include/derive/review/schedule_json.hpp.
#include "derive/review/schedule_json.hpp"

#include <cstdio>
#include <utility>

namespace derive::review {

Result<std::vector<Rating>> parse_rating_list(std::string_view list) {
  std::vector<Rating> ratings;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    std::string_view item = list.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) {
      return make_error("the ratings have an empty entry (entry " + std::to_string(ratings.size() + 1) +
                        "); expected a comma-separated list such as good,good,again,good");
    }
    auto rating = parse_rating(item);
    if (!rating) return rating.error();
    ratings.push_back(*rating);
    start = comma + 1;
  }
  return ratings;
}

// 12 significant figures, as the exercise JSON writer prints: exp and pow
// differ in the last bit between glibc and the WebAssembly build's libc, and
// the CLI and the browser must print the same bytes (tests/wasm/parity).
std::string json_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", value);
  return buffer;
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string schedule_json(const std::vector<ScheduledReview>& reviews) {
  std::string out = "{\"reviews\": [";
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    const ScheduledReview& r = reviews[i];
    if (i > 0) out += ", ";
    out += "{\"rating\": \"" + std::string(rating_name(r.rating)) +
           "\", \"elapsed_days\": " + std::to_string(r.elapsed_days) +
           ", \"stability\": " + json_number(r.stability) + ", \"difficulty\": " + json_number(r.difficulty) +
           ", \"interval_days\": " + std::to_string(r.interval_days) + "}";
  }
  return out + "]}";
}

Result<std::string> schedule_json(std::string_view ratings, double retention) {
  auto list = parse_rating_list(ratings);
  if (!list) return list.error();
  auto fsrs = Fsrs::make(retention);
  if (!fsrs) return fsrs.error();
  return schedule_json(simulate(*fsrs, *list));
}

std::string schedule_json_or_error(std::string_view ratings, double retention) {
  auto json = schedule_json(ratings, retention);
  if (!json) return "{\"error\": " + json_string(json.error().message) + "}";
  return std::move(*json);
}

}  // namespace derive::review
