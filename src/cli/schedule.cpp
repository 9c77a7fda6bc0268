// derive schedule --ratings good,good,again,good [--retention 0.9] [--json]:
// a new card reviewed with these ratings, each review at the interval the
// previous one scheduled, under FSRS-6 at its default parameters
// (src/review/, docs/review.md).
// derive schedule --history FILE [--today DAY] [--new-per-day N]: a learner's
// review history replayed into the day's queue and every exercise's mastery,
// the JSON the web trainer's Review page gets from the same C++.
#include <cstdio>
#include <iostream>

#include <fstream>
#include <iterator>

#include "cli/clock.hpp"
#include "cli/commands.hpp"
#include "derive/exercise/exercise.hpp"
#include "derive/review/fsrs.hpp"
#include "derive/review/history.hpp"
#include "derive/review/schedule_json.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

struct ScheduleOptions {
  std::string ratings;
  double retention = 0.9;
  bool json = false;
  std::string history;      // a history file: the day's queue instead of a simulation
  std::int64_t today = -1;  // Unix day; -1: the clock's (DERIVE_NOW or now)
  int new_per_day = review::kDefaultNewPerDay;
};

void print_table(const std::vector<review::ScheduledReview>& reviews, double retention) {
  std::printf("FSRS-6, default parameters, desired retention %g\n", retention);
  std::printf("%-3s  %-6s  %12s  %14s  %10s  %13s\n", "#", "rating", "elapsed days", "stability (d)",
              "difficulty", "interval days");
  int index = 1;
  for (const review::ScheduledReview& r : reviews) {
    std::printf("%-3d  %-6s  %12d  %14.4f  %10.4f  %13d\n", index++,
                std::string(review::rating_name(r.rating)).c_str(), r.elapsed_days, r.stability, r.difficulty,
                r.interval_days);
  }
}

int run_history(Context& context, const ScheduleOptions& options) {
  std::ifstream in(options.history, std::ios::binary);
  if (!in) return usage_error("cannot read the history file " + text::printable(options.history));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::int64_t today = options.today;
  if (today < 0) {
    auto now = now_seconds();
    if (!now) return usage_error(now.error().message);
    today = review::day_of(*now);
  }
  if (options.new_per_day < 0) return usage_error("--new-per-day must be 0 or more");
  auto catalogue = context.catalogue();
  if (!catalogue) return usage_error(catalogue.error().message);
  std::vector<std::string> book;
  for (const Exercise& e : (*catalogue)->exercises) book.push_back(e.id);
  auto history = review::parse_history(text);
  if (!history) return usage_error(options.history + ": " + history.error().message);
  std::cout << review::history_queue_json(text, book, today, options.new_per_day) << '\n';
  return kExitOk;
}

int run_schedule(Context& context, const ScheduleOptions& options) {
  if (!options.history.empty()) {
    if (!options.ratings.empty()) return usage_error("give --ratings or --history, not both");
    return run_history(context, options);
  }
  if (options.ratings.empty())
    return usage_error(
        "no ratings: expected --ratings LIST (a simulation, e.g. good,good,again,good) or --history FILE "
        "(the day's queue)");
  auto ratings = review::parse_rating_list(options.ratings);
  if (!ratings) return usage_error("--ratings: " + text::printable_message(ratings.error().message));
  auto fsrs = review::Fsrs::make(options.retention);
  if (!fsrs) return usage_error("--retention: " + fsrs.error().message);
  const auto reviews = review::simulate(*fsrs, *ratings);
  if (options.json) {
    std::cout << review::schedule_json(reviews) << '\n';
  } else {
    print_table(reviews, options.retention);
  }
  return kExitOk;
}

}  // namespace

void add_schedule_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<ScheduleOptions>();
  CLI::App* schedule = app.add_subcommand(
      "schedule",
      "show the FSRS-6 schedule of a new card reviewed with the given ratings, each on its due day");
  schedule->add_option("--ratings", options->ratings, "comma-separated ratings: again, hard, good, easy")
      ->option_text("LIST");
  schedule
      ->add_option(
          "--history", options->history,
          "a review history, one \"EXERCISE DAY RATING\" per line: print the day's queue and mastery "
          "as JSON")
      ->option_text("FILE");
  schedule->add_option("--today", options->today, "with --history: the Unix day (default: today, UTC)")
      ->option_text("DAY");
  schedule
      ->add_option("--new-per-day", options->new_per_day, "with --history: new exercises a day (default 5)")
      ->option_text("N");
  schedule
      ->add_option("--retention", options->retention,
                   "desired retention, strictly between 0 and 1 (default 0.9)")
      ->option_text("R");
  schedule->add_flag("--json", options->json, "print {\"reviews\": [...]} instead of a table");
  schedule->callback([options, &context] {
    context.action = [options, &context] { return run_schedule(context, *options); };
  });
}

}  // namespace derive::cli
