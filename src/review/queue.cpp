// Ratings from outcomes, card updates and the day's queue; see
// include/derive/review/queue.hpp.
#include "derive/review/queue.hpp"

#include "derive/json_writer.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace derive::review {

double par_seconds(int answer_fields) { return kParSecondsPerAnswer * std::max(answer_fields, 1); }

Rating rate(const Outcome& outcome) {
  if (!outcome.correct) return Rating::again;
  if (outcome.hints > 0 || outcome.retried) return Rating::hard;
  if (outcome.par_seconds > 0 && outcome.seconds <= kEasyFractionOfPar * outcome.par_seconds)
    return Rating::easy;
  return Rating::good;
}

std::string record_json(const ReviewRecord& record) {
  return "{\"exercise\": " + JsonWriter().string(record.exercise).take() + ", \"variant\": \"" +
         std::to_string(record.variant) + "\", \"correct\": " + (record.correct ? "true" : "false") +
         ", \"seconds\": " + JsonWriter().real(record.seconds).take() +
         ", \"hints\": " + std::to_string(record.hints) +
         ", \"slip\": " + JsonWriter().string(record.slip).take() + ", \"rating\": \"" +
         std::string(rating_name(record.rating)) + "\", \"timestamp\": " + std::to_string(record.timestamp) +
         "}";
}

Card apply_review(const Fsrs& fsrs, const Card* card, const std::string& exercise, Rating rating,
                  std::int64_t day) {
  Card next = card != nullptr ? *card : Card{exercise, {}, day, day, 0, 0};
  const double elapsed =
      card != nullptr ? static_cast<double>(std::max<std::int64_t>(day - card->last_day, 0)) : 0;
  next.memory = fsrs.next_state(card != nullptr ? &card->memory : nullptr, elapsed, rating);
  next.last_day = day;
  next.due_day = day + fsrs.interval_days(next.memory.stability);
  next.reviews += 1;
  if (rating == Rating::again && card != nullptr) next.lapses += 1;
  return next;
}

std::vector<QueueEntry> build_queue(const std::vector<Card>& cards,
                                    const std::vector<std::string>& book_order, std::int64_t today,
                                    int new_per_day, int new_done_today) {
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < book_order.size(); ++i) position.emplace(book_order[i], i);
  std::vector<const Card*> due;
  std::unordered_set<std::string> seen;
  for (const Card& card : cards) {
    seen.insert(card.exercise);
    if (card.due_day <= today && position.count(card.exercise) != 0) due.push_back(&card);
  }
  std::sort(due.begin(), due.end(), [&](const Card* a, const Card* b) {
    if (a->due_day != b->due_day) return a->due_day < b->due_day;
    return position.at(a->exercise) < position.at(b->exercise);
  });
  std::vector<QueueEntry> queue;
  for (const Card* card : due) queue.push_back({card->exercise, false, card->due_day});
  int room = std::max(new_per_day - new_done_today, 0);
  for (const std::string& id : book_order) {
    if (room == 0) break;
    if (seen.count(id) != 0) continue;
    queue.push_back({id, true, today});
    --room;
  }
  return queue;
}

}  // namespace derive::review
