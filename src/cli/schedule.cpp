// derive schedule --ratings good,good,again,good [--retention 0.9] [--json]:
// a new card reviewed with these ratings, each review at the interval the
// previous one scheduled, under FSRS-6 at its default parameters
// (src/review/, docs/review.md).
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "derive/review/fsrs.hpp"
#include "derive/review/schedule_json.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

struct ScheduleOptions {
  std::string ratings;
  double retention = 0.9;
  bool json = false;
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

int run_schedule(const ScheduleOptions& options) {
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
      ->required()
      ->option_text("LIST");
  schedule
      ->add_option("--retention", options->retention,
                   "desired retention, strictly between 0 and 1 (default 0.9)")
      ->option_text("R");
  schedule->add_flag("--json", options->json, "print {\"reviews\": [...]} instead of a table");
  schedule->callback([options, &context] { context.action = [options] { return run_schedule(*options); }; });
}

}  // namespace derive::cli
