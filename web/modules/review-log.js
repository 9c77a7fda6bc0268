// The store's log of attempts (modules/store.js) as the review scheduler's
// history (include/derive/review/history.hpp: one "EXERCISE DAY RATING" line
// per review, in the order the reviews happened). Pure functions: no storage,
// no DOM; the rating itself is the engine's (engine.rate, review::rate, the
// rule `derive practice --review` uses), passed in as `rate`.
//
// What a review is. The CLI's trainer rates one exercise shown once, from
// its first answer to the right one or to moving on. The web log has no
// "moving on" event, so a review here is every attempt on one exercise at
// one variant on one day (UTC), up to and including the first right one:
//   correct  some attempt of it was right
//   seconds  the right attempt's time from the card being shown (else the last one's)
//   hints    the step hints revealed by then
//   retried  a wrong attempt came before the right one, or the right answer
//            was practised with help (the variant's solution had been opened:
//            store's `helped`)
// Answers after the first right one on the same variant and day are not
// another review. A solution opened without any answer is not logged, so it
// is not a review (the CLI counts it as Again).

// The Unix day (UTC) of a time in epoch milliseconds: the day numbers the
// history and derive_review_queue use (review::day_of).
export const unixDay = (ms) => Math.floor(ms / 86400000);

// How many exercises never reviewed the day's session adds at most: the
// default of `derive practice --review --new-per-day` (review::kDefaultNewPerDay).
export const NEW_PER_DAY = 5;

// The reviews of progress.log, in the order of their first attempt:
// [{exercise, variant, day, correct, seconds, hints, retried, at, drill}]
// (`at`: the time of the attempt that ended it; `drill`: every attempt of it
// was a drill answer).
export function reviewsOf(progress) {
  const open = new Map(); // "exercise variant day" -> review
  const out = [];
  for (const a of progress.log) {
    const day = unixDay(a.at);
    const key = `${a.exercise} ${a.variant} ${day}`;
    let review = open.get(key);
    if (!review) {
      review = { exercise: a.exercise, variant: a.variant, day, correct: false, seconds: 0, hints: 0, retried: false, at: a.at, drill: true };
      open.set(key, review);
      out.push(review);
    } else if (review.correct) {
      continue;
    } else {
      review.retried = true; // a wrong attempt came before this one
    }
    review.seconds = a.ms / 1000;
    review.hints = Math.max(review.hints, a.hints);
    review.at = a.at;
    review.drill = review.drill && a.drill === true;
    if (a.correct) {
      review.correct = true;
      if (progress.exercises[a.exercise]?.helped.includes(a.variant)) review.retried = true;
    }
  }
  return out;
}

// Each review with its rating: rate(review) gives {rating} or {error} (an
// exercise no longer in the catalogue); those are left out.
export function rated(reviews, rate) {
  const out = [];
  for (const review of reviews) {
    const { rating } = rate(review);
    if (rating) out.push({ ...review, rating });
  }
  return out;
}

// The history text derive_review_queue reads.
export const historyText = (ratedReviews) => ratedReviews.map((r) => `${r.exercise} ${r.day} ${r.rating}`).join('\n');

// The variant a new review of `id` draws: one past every variant of it the
// learner has seen (logged, solved, helped, shown or last checked), 0 for an
// exercise never tried.
export function nextVariant(progress, id) {
  const e = progress.exercises[id];
  const seen = [...progress.log.filter((a) => a.exercise === id).map((a) => a.variant),
    ...(e ? [...e.solved, ...e.helped, ...e.shown, e.last?.variant ?? -1] : [])];
  const next = seen.length ? Math.max(...seen) + 1 : 0;
  return next > Number.MAX_SAFE_INTEGER ? 0 : next; // past the last variant (engine.MAX_VARIANT): start again
}

// The day's queue (engine.reviewQueue's document) for `progress` at `now`
// (epoch ms), with the rated reviews it was computed from.
export function dayQueue(engine, progress, now = Date.now()) {
  const reviews = rated(reviewsOf(progress), (r) => engine.rate(r.exercise, r));
  const today = unixDay(now);
  return { today, reviews, queue: engine.reviewQueue(historyText(reviews), today, NEW_PER_DAY) };
}

// {new, learning, familiar, mastered, total} over standings (the queue's
// `exercises`: review::mastery of each).
export function totals(standings) {
  const out = { new: 0, learning: 0, familiar: 0, mastered: 0, total: standings.length };
  for (const s of standings) out[s.mastery] += 1;
  return out;
}

// The median and the best (smallest) of a list of numbers; null when empty.
export function medianAndBest(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, best: sorted[0], count: sorted.length };
}

// Per exercise, the times (seconds) of its right drill answers in the log:
// Map id -> {median, best, count}.
export function drillTimes(progress) {
  const times = new Map();
  for (const a of progress.log) {
    if (!a.drill || !a.correct) continue;
    if (!times.has(a.exercise)) times.set(a.exercise, []);
    times.get(a.exercise).push(a.ms / 1000);
  }
  return new Map([...times].map(([id, list]) => [id, medianAndBest(list)]));
}
