// FSRS-6 equations; see include/derive/review/fsrs.hpp for the sources.
#include "derive/review/fsrs.hpp"

#include <algorithm>
#include <cmath>

#include "derive/ascii.hpp"

namespace derive::review {
namespace {

double grade(Rating rating) { return static_cast<double>(static_cast<int>(rating)); }

double clamp_stability(double s) { return std::clamp(s, kMinStability, kMaxStability); }
double clamp_difficulty(double d) { return std::clamp(d, 1.0, 10.0); }

}  // namespace

std::string_view rating_name(Rating rating) {
  switch (rating) {
    case Rating::again:
      return "again";
    case Rating::hard:
      return "hard";
    case Rating::good:
      return "good";
    case Rating::easy:
      return "easy";
  }
  return "good";
}

Result<Rating> parse_rating(std::string_view text) {
  const std::string lower = ascii_lower(text);
  for (Rating r : {Rating::again, Rating::hard, Rating::good, Rating::easy}) {
    if (lower == rating_name(r)) return r;
  }
  return make_error("unknown rating \"" + std::string(text) + "\"; expected again, hard, good or easy");
}

Result<Fsrs> Fsrs::make(double desired_retention, const Parameters& w) {
  if (!(desired_retention > 0.0 && desired_retention < 1.0)) {
    return make_error("desired retention must be a probability strictly between 0 and 1 (e.g. 0.9), got " +
                      std::to_string(desired_retention));
  }
  if (!(w[20] > 0.0)) return make_error("the decay w20 must be positive");
  return Fsrs(desired_retention, w);
}

double Fsrs::factor() const { return std::pow(0.9, -1.0 / w_[20]) - 1.0; }

double Fsrs::retrievability(double elapsed_days, double stability) const {
  return std::pow(1.0 + factor() * elapsed_days / stability, -w_[20]);
}

double Fsrs::raw_interval(double stability) const {
  return stability / factor() * (std::pow(retention_, -1.0 / w_[20]) - 1.0);
}

int Fsrs::interval_days(double stability) const {
  const double rounded = std::round(raw_interval(stability));
  return static_cast<int>(std::clamp(rounded, 1.0, static_cast<double>(kMaxIntervalDays)));
}

double Fsrs::initial_stability(Rating rating) const { return w_[static_cast<int>(rating) - 1]; }

double Fsrs::initial_difficulty_unclamped(Rating rating) const {
  return w_[4] - std::exp(w_[5] * (grade(rating) - 1.0)) + 1.0;
}

double Fsrs::next_difficulty(double difficulty, Rating rating) const {
  const double delta = -w_[6] * (grade(rating) - 3.0);
  const double damped = difficulty + delta * (10.0 - difficulty) / 9.0;
  const double reverted = w_[7] * initial_difficulty_unclamped(Rating::easy) + (1.0 - w_[7]) * damped;
  return clamp_difficulty(reverted);
}

double Fsrs::stability_after_success(double difficulty, double stability, double r, Rating rating) const {
  const double hard_penalty = rating == Rating::hard ? w_[15] : 1.0;
  const double easy_bonus = rating == Rating::easy ? w_[16] : 1.0;
  const double increase = std::exp(w_[8]) * (11.0 - difficulty) * std::pow(stability, -w_[9]) *
                          (std::exp(w_[10] * (1.0 - r)) - 1.0) * hard_penalty * easy_bonus;
  return clamp_stability(stability * (increase + 1.0));
}

double Fsrs::stability_after_failure(double difficulty, double stability, double r) const {
  const double lapse = w_[11] * std::pow(difficulty, -w_[12]) * (std::pow(stability + 1.0, w_[13]) - 1.0) *
                       std::exp(w_[14] * (1.0 - r));
  const double ceiling = stability / std::exp(w_[17] * w_[18]);
  return clamp_stability(std::min(lapse, ceiling));
}

double Fsrs::short_term_stability(double stability, Rating rating) const {
  double increase = std::exp(w_[17] * (grade(rating) - 3.0 + w_[18])) * std::pow(stability, -w_[19]);
  if (rating == Rating::good || rating == Rating::easy) increase = std::max(increase, 1.0);
  return clamp_stability(stability * increase);
}

MemoryState Fsrs::next_state(const MemoryState* state, double elapsed_days, Rating rating) const {
  if (state == nullptr) {
    return {clamp_stability(initial_stability(rating)),
            clamp_difficulty(initial_difficulty_unclamped(rating))};
  }
  MemoryState next;
  next.difficulty = next_difficulty(state->difficulty, rating);
  if (elapsed_days < 1.0) {
    next.stability = short_term_stability(state->stability, rating);
  } else {
    const double r = retrievability(elapsed_days, state->stability);
    next.stability = rating == Rating::again
                         ? stability_after_failure(state->difficulty, state->stability, r)
                         : stability_after_success(state->difficulty, state->stability, r, rating);
  }
  return next;
}

std::vector<ScheduledReview> simulate(const Fsrs& fsrs, const std::vector<Rating>& ratings) {
  std::vector<ScheduledReview> reviews;
  MemoryState state;
  int elapsed = 0;
  for (Rating rating : ratings) {
    state = fsrs.next_state(reviews.empty() ? nullptr : &state, elapsed, rating);
    const int interval = fsrs.interval_days(state.stability);
    reviews.push_back({rating, elapsed, state.stability, state.difficulty, interval});
    elapsed = interval;
  }
  return reviews;
}

}  // namespace derive::review
