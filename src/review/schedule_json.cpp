// The `derive schedule` document; see include/derive/review/schedule_json.hpp.
#include "derive/review/schedule_json.hpp"

#include <utility>

#include "derive/json_writer.hpp"

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

std::string schedule_json(const std::vector<ScheduledReview>& reviews) {
  std::string out = "{\"reviews\": [";
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    const ScheduledReview& r = reviews[i];
    if (i > 0) out += ", ";
    out += "{\"rating\": \"" + std::string(rating_name(r.rating)) +
           "\", \"elapsed_days\": " + std::to_string(r.elapsed_days) +
           ", \"stability\": " + JsonWriter().real(r.stability).take() +
           ", \"difficulty\": " + JsonWriter().real(r.difficulty).take() +
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
  if (!json) return "{\"error\": " + JsonWriter().string(json.error().message).take() + "}";
  return std::move(*json);
}

}  // namespace derive::review
