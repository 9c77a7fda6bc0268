// FSRS-6, the Free Spaced Repetition Scheduler, from its published equations.
//
// Sources: open-spaced-repetition, "The Algorithm" (fsrs4anki wiki, FSRS-6
// section) and the reference implementations ts-fsrs (src/fsrs/algorithm.ts,
// default_w in src/fsrs/constant.ts), fsrs-rs (src/model.rs, src/inference.rs)
// and py-fsrs (fsrs/scheduler.py). Each function below names its equation.
//
// Depends only on the standard library and derive/result.hpp so the
// WebAssembly build compiles the same source.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"

namespace derive::review {

// The four FSRS grades, numbered as FSRS numbers them (G in the equations).
enum class Rating { again = 1, hard = 2, good = 3, easy = 4 };

std::string_view rating_name(Rating rating);  // "again", "hard", "good", "easy"
// "again" | "hard" | "good" | "easy" (any case) or an error naming the four.
Result<Rating> parse_rating(std::string_view text);

// FSRS-6's 21 default parameters w0..w20, as published in ts-fsrs default_w,
// fsrs-rs DEFAULT_PARAMETERS and py-fsrs DEFAULT_PARAMETERS (FSRS-6):
//   w0..w3   initial stability for again, hard, good, easy (days)
//   w4, w5   initial difficulty
//   w6       difficulty change per grade; w7 mean reversion weight
//   w8..w10  stability after success; w11..w14 stability after a lapse
//   w15, w16 hard penalty, easy bonus
//   w17..w19 same-day (short-term) stability
//   w20      decay of the forgetting curve (trainable in FSRS-6)
using Parameters = std::array<double, 21>;
inline constexpr Parameters kDefaultParameters{0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
                                               0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
                                               1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

// Bounds the reference implementations apply: stability in [0.001, 36500]
// days (ts-fsrs S_MIN / py-fsrs STABILITY_MIN; 36500 = default maximum
// interval), difficulty in [1, 10], intervals in [1, 36500] whole days.
inline constexpr double kMinStability = 0.001;
inline constexpr double kMaxStability = 36500.0;
inline constexpr int kMaxIntervalDays = 36500;

struct MemoryState {
  double stability = 0;   // days until R falls to 0.9
  double difficulty = 0;  // 1 (easy) .. 10 (hard)
};

class Fsrs {
 public:
  // desired_retention must lie in (0, 1); checked by make().
  static Result<Fsrs> make(double desired_retention, const Parameters& w = kDefaultParameters);

  double desired_retention() const { return retention_; }
  const Parameters& parameters() const { return w_; }

  // factor = 0.9^(-1/w20) - 1, chosen so that R(S, S) = 0.9.
  double factor() const;
  // Forgetting curve, FSRS-6: R(t, S) = (1 + factor * t / S)^(-w20).
  double retrievability(double elapsed_days, double stability) const;
  // The curve solved for t at R = desired retention:
  // I(r, S) = S / factor * (r^(-1/w20) - 1), before rounding.
  double raw_interval(double stability) const;
  // ts-fsrs next_interval (fuzz off): round(I), then clamp to [1, 36500].
  int interval_days(double stability) const;

  // S0(G) = w[G-1].
  double initial_stability(Rating rating) const;
  // D0(G) = w4 - e^(w5 * (G - 1)) + 1 (unclamped; the mean-reversion target).
  double initial_difficulty_unclamped(Rating rating) const;
  // Difficulty update: delta = -w6 (G - 3); linear damping
  // D' = D + delta * (10 - D) / 9; mean reversion D'' = w7 D0(4) + (1 - w7) D';
  // clamped to [1, 10].
  double next_difficulty(double difficulty, Rating rating) const;
  // Stability after a success (G >= 2):
  // S' = S (e^w8 (11 - D) S^(-w9) (e^(w10 (1 - R)) - 1) * w15[hard] * w16[easy] + 1).
  double stability_after_success(double difficulty, double stability, double r, Rating rating) const;
  // Stability after a lapse (G = 1):
  // S' = min(w11 D^(-w12) ((S + 1)^w13 - 1) e^(w14 (1 - R)),  S / e^(w17 w18)).
  double stability_after_failure(double difficulty, double stability, double r) const;
  // Same-day review (elapsed < 1 day), FSRS-6:
  // SInc = e^(w17 (G - 3 + w18)) * S^(-w19), at least 1 for G >= 3; S' = S * SInc.
  double short_term_stability(double stability, Rating rating) const;

  // The memory state after one review. A new card (state == nullptr) takes
  // S0 and clamped D0; otherwise elapsed_days < 1 uses the same-day formula
  // and elapsed_days >= 1 the success/failure formulas at R(elapsed, S).
  // elapsed_days must be >= 0.
  MemoryState next_state(const MemoryState* state, double elapsed_days, Rating rating) const;

 private:
  Fsrs(double retention, const Parameters& w) : retention_(retention), w_(w) {}
  double retention_;
  Parameters w_;
};

// One step of a simulated schedule: a new card reviewed with `ratings` in
// order, each review taking place exactly at the interval the previous one
// scheduled (the first at elapsed 0).
struct ScheduledReview {
  Rating rating;
  int elapsed_days;
  double stability;
  double difficulty;
  int interval_days;
};
std::vector<ScheduledReview> simulate(const Fsrs& fsrs, const std::vector<Rating>& ratings);

}  // namespace derive::review
