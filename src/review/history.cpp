#include "derive/review/history.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "derive/json_writer.hpp"

namespace derive::review {
namespace {

std::string json_string(std::string_view text) { return JsonWriter().string(text).take(); }
std::string json_number(double value) { return JsonWriter().real(value).take(); }

std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t' || line[at] == '\r')) ++at;
    const std::size_t start = at;
    while (at < line.size() && line[at] != ' ' && line[at] != '\t' && line[at] != '\r') ++at;
    if (at > start) words.push_back(line.substr(start, at - start));
  }
  return words;
}

}  // namespace

Result<std::vector<HistoryEntry>> parse_history(std::string_view text) {
  std::vector<HistoryEntry> history;
  std::size_t start = 0;
  for (int line_number = 1; start < text.size(); ++line_number) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const auto words = words_of(text.substr(start, end - start));
    start = end + 1;
    if (words.empty()) continue;
    const std::string where = "history line " + std::to_string(line_number);
    if (words.size() != 3)
      return make_error(where + ": expected \"EXERCISE DAY RATING\", got " + std::to_string(words.size()) +
                        " words");
    HistoryEntry entry;
    entry.exercise = std::string(words[0]);
    const auto [ptr, ec] = std::from_chars(words[1].data(), words[1].data() + words[1].size(), entry.day);
    if (ec != std::errc() || ptr != words[1].data() + words[1].size() || entry.day < 0)
      return make_error(where + ": the day must be a Unix day number (a whole number >= 0)");
    auto rating = parse_rating(words[2]);
    if (!rating) return make_error(where + ": " + rating.error().message);
    entry.rating = *rating;
    if (!history.empty() && entry.day < history.back().day)
      return make_error(where + ": day " + std::to_string(entry.day) + " comes after day " +
                        std::to_string(history.back().day) +
                        "; the reviews must be in the order they happened");
    history.push_back(std::move(entry));
  }
  return history;
}

std::vector<CardState> replay(const Fsrs& fsrs, const std::vector<HistoryEntry>& history) {
  std::vector<CardState> cards;
  std::unordered_map<std::string, std::size_t> index;
  for (const HistoryEntry& h : history) {
    const auto found = index.find(h.exercise);
    if (found == index.end()) {
      index.emplace(h.exercise, cards.size());
      cards.push_back({apply_review(fsrs, nullptr, h.exercise, h.rating, h.day), h.rating, h.day});
    } else {
      CardState& state = cards[found->second];
      state.card = apply_review(fsrs, &state.card, h.exercise, h.rating, h.day);
      state.last = h.rating;
    }
  }
  return cards;
}

std::string_view mastery_name(Mastery mastery) {
  switch (mastery) {
    case Mastery::fresh:
      return "new";
    case Mastery::learning:
      return "learning";
    case Mastery::familiar:
      return "familiar";
    case Mastery::mastered:
      return "mastered";
  }
  return "new";
}

Mastery mastery(const Fsrs& fsrs, const CardState* state, std::int64_t today) {
  if (state == nullptr) return Mastery::fresh;
  const double stability = state->card.memory.stability;
  if (state->last == Rating::again || stability < kFamiliarDays) return Mastery::learning;
  const double elapsed = static_cast<double>(std::max<std::int64_t>(today - state->card.last_day, 0));
  const bool recalled = fsrs.retrievability(elapsed, stability) >= fsrs.desired_retention();
  return stability >= kMasteredDays && recalled ? Mastery::mastered : Mastery::familiar;
}

std::string queue_json(const Fsrs& fsrs, const std::vector<CardState>& cards,
                       const std::vector<std::string>& book_order, std::int64_t today, int new_per_day) {
  std::vector<Card> plain;
  std::unordered_map<std::string, const CardState*> by_exercise;
  int started_today = 0;
  for (const CardState& c : cards) {
    plain.push_back(c.card);
    by_exercise.emplace(c.card.exercise, &c);
    started_today += c.first_day == today ? 1 : 0;
  }
  const auto queue = build_queue(plain, book_order, today, new_per_day, started_today);
  std::string due = "[", fresh = "[";
  for (const QueueEntry& q : queue) {
    if (q.is_new) {
      fresh += (fresh.size() > 1 ? ", " : "") + json_string(q.exercise);
    } else {
      due += std::string(due.size() > 1 ? ", " : "") + "{\"exercise\": " + json_string(q.exercise) +
             ", \"due_day\": " + std::to_string(q.due_day) + "}";
    }
  }
  std::string exercises = "[";
  for (const std::string& id : book_order) {
    const auto found = by_exercise.find(id);
    const CardState* state = found == by_exercise.end() ? nullptr : found->second;
    exercises += std::string(exercises.size() > 1 ? ", " : "") + "{\"exercise\": " + json_string(id) +
                 ", \"mastery\": \"" + std::string(mastery_name(mastery(fsrs, state, today))) + "\"";
    if (state != nullptr) {
      const Card& c = state->card;
      const double elapsed = static_cast<double>(std::max<std::int64_t>(today - c.last_day, 0));
      exercises += ", \"reviews\": " + std::to_string(c.reviews) +
                   ", \"due_day\": " + std::to_string(c.due_day) +
                   ", \"stability\": " + json_number(c.memory.stability) +
                   ", \"retrievability\": " + json_number(fsrs.retrievability(elapsed, c.memory.stability));
    }
    exercises += "}";
  }
  return "{\"today\": " + std::to_string(today) + ", \"due\": " + due + "], \"new\": " + fresh +
         "], \"exercises\": " + exercises + "]}";
}

std::string history_queue_json(std::string_view history, const std::vector<std::string>& book_order,
                               std::int64_t today, int new_per_day) {
  auto entries = parse_history(history);
  if (!entries) return "{\"error\": " + json_string(entries.error().message) + "}";
  if (today < 0 || new_per_day < 0)
    return "{\"error\": " + json_string("today and new_per_day must be whole numbers >= 0") + "}";
  const auto fsrs = Fsrs::make(0.9);
  return queue_json(*fsrs, replay(*fsrs, *entries), book_order, today, new_per_day);
}

}  // namespace derive::review
