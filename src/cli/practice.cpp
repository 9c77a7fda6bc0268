// derive practice: the terminal trainer. It reads one line per answer part, so
// it works the same at a keyboard and with answers piped in by a test or a
// teacher's script; end of input ends the session with a summary.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "cli/clock.hpp"
#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "cli/review_state.hpp"
#include "cli/suggest.hpp"
#include "cli/text.hpp"
#include "derive/ascii.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/exercise/hints.hpp"
#include "derive/review/queue.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

struct PracticeOptions {
  std::string chapter;  // empty: every chapter in book order
  std::string variant;  // empty: a fresh variant per exercise
  bool solutions = false;
  bool review = false;  // the FSRS queue: due reviews, then new exercises
  bool real = false;    // every real variant of the exercises instead of drawn ones
  std::string state;    // the review state file; empty: default_review_state_path()
  int new_per_day = review::kDefaultNewPerDay;
};

enum class Command { None, Hint, Solution, Next, Quit };

struct Tally {
  int solved = 0;     // answered correctly without looking at the solution
  int attempted = 0;  // answered (wrongly, or after the solution) but not solved
  int skipped = 0;    // moved on without a readable answer
};

enum class Outcome { Solved, Attempted, Skipped, Uncounted };

struct ExerciseEnd {
  Outcome outcome = Outcome::Uncounted;
  bool stop = false;  // the learner quit or the input ended
  // What a review records (docs/review.md): the outcome and how it came.
  bool correct = false;
  bool revealed = false;  // the solution was shown before the right answer
  int attempts = 0;       // readable answers checked
  int hints = 0;          // steps shown with h
  double seconds = 0;     // from the question to the last answer checked
  std::string slip;       // the first wrong answer's diagnosis, if any
};

Command command_of(const std::string& line) {
  const std::string word = ascii_lower(line);
  if (word == "h" || word == "hint") return Command::Hint;
  if (word == "s" || word == "solution") return Command::Solution;
  if (word == "n" || word == "next" || word == "skip") return Command::Next;
  if (word == "q" || word == "quit" || word == "exit") return Command::Quit;
  return Command::None;
}

// SplitMix64 (Steele, Lea and Flood, 2014): a good spread from a clock seed.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Trainer {
 public:
  Trainer(std::istream& in, std::ostream& out, Style style, bool solutions, bool echo)
      : in_(in), out_(out), style_(style), solutions_(solutions), echo_(echo) {}

  ExerciseEnd run(const Instance& instance) {
    const std::size_t parts = instance.exercise->symbolic ? 1 : instance.exercise->parts.size();
    const auto shown = std::chrono::steady_clock::now();
    ExerciseEnd end;
    auto finished = [&](Outcome outcome, bool stop) {
      end.outcome = outcome;
      end.stop = stop;
      return end;
    };
    for (;;) {
      std::vector<std::string> answers;
      Command command = Command::None;
      for (std::size_t part = 0; part < parts && command == Command::None; ++part) {
        std::optional<std::string> line = read_line(prompt(instance, part, parts));
        if (!line) {
          out_ << '\n';
          return finished(end.attempts > 0 ? Outcome::Attempted : Outcome::Uncounted, true);
        }
        command = command_of(*line);
        if (command == Command::None) answers.push_back(*line);
      }
      switch (command) {
        case Command::Quit:
          return finished(end.attempts > 0 ? Outcome::Attempted : Outcome::Uncounted, true);
        case Command::Next:
          finish(instance, end.revealed);
          return finished(end.attempts > 0 || end.revealed ? Outcome::Attempted : Outcome::Skipped, false);
        case Command::Hint:
          show_hint(instance, end);
          continue;
        case Command::Solution:
          print_solution(out_, instance, style_);
          out_ << "Type the answer to check it, or n for the next exercise, q to quit.\n";
          end.revealed = true;
          continue;
        case Command::None:
          break;
      }
      const Verdict verdict = check(instance, answers);
      print_verdict(out_, verdict, style_);
      if (verdict.status == Verdict::Status::Unreadable) continue;  // not an attempt: ask again
      ++end.attempts;
      end.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - shown).count();
      if (verdict.correct()) {
        end.correct = true;
        finish(instance, end.revealed);
        return finished(end.revealed ? Outcome::Attempted : Outcome::Solved, false);
      }
      if (end.slip.empty() && verdict.diagnosis) end.slip = *verdict.diagnosis;
      out_ << "Try again, or type h (hint), s (solution), n (next), q (quit).\n";
    }
  }

 private:
  std::string prompt(const Instance& instance, std::size_t part, std::size_t parts) const {
    std::string text =
        parts > 1 ? "part " + std::to_string(part + 1) + "/" + std::to_string(parts) : "answer";
    const std::string unit = part_unit_text(instance, part);
    if (!unit.empty()) text += " (" + unit + ")";
    return text + "> ";
  }

  std::optional<std::string> read_line(const std::string& prompt_text) {
    out_ << prompt_text << std::flush;
    std::string line;
    if (!std::getline(in_, line)) return std::nullopt;  // EOF or a broken stream: never retry
    // A terminal echoes what was typed; piped answers are echoed by us so the
    // transcript reads as a dialogue.
    if (echo_) out_ << text::printable(line) << '\n';
    return trim(line);
  }

  // The worked solution one step at a time, with the variant's numbers, up to
  // hint_steps(): the steps that give the answer only with the solution.
  void show_hint(const Instance& instance, ExerciseEnd& end) {
    const std::size_t steps = instance.steps.size();
    if (static_cast<std::size_t>(end.hints) >= hint_steps(instance)) {
      out_ << "No more hints: the next step gives the answer; s shows the solution.\n";
      return;
    }
    ++end.hints;
    out_ << "Step " << end.hints << " of " << steps << ": "
         << text::printable_message(instance.steps[end.hints - 1]) << '\n';
  }

  void finish(const Instance& instance, bool revealed) {
    if (solutions_ && !revealed) print_solution(out_, instance, style_);
    out_ << '\n';
  }

  std::istream& in_;
  std::ostream& out_;
  Style style_;
  bool solutions_;
  bool echo_;
};

void print_counts(std::ostream& out, const Tally& t) {
  out << t.solved << " solved, " << t.attempted << " attempted, " << t.skipped << " skipped";
}

void print_summary(std::ostream& out, const std::vector<std::string>& chapter_order,
                   const std::map<std::string, Tally>& tallies, std::size_t total) {
  Tally all;
  for (const auto& [name, t] : tallies) {
    all.solved += t.solved;
    all.attempted += t.attempted;
    all.skipped += t.skipped;
  }
  out << "Summary: ";
  print_counts(out, all);
  out << " (of " << total << " exercises)\n";
  for (const std::string& name : chapter_order) {
    const auto it = tallies.find(name);
    if (it == tallies.end()) continue;
    out << "  " << name << ": ";
    print_counts(out, it->second);
    out << '\n';
  }
}

std::string in_days(std::int64_t days) {
  if (days <= 0) return "today";
  return days == 1 ? "tomorrow" : "in " + std::to_string(days) + " days";
}

std::uint64_t session_seed() {
  return static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count() ^
                                    (static_cast<long long>(getpid()) << 32));
}

// Variant 0 is the canonical one the book prints; fresh ones start at 1 and
// stay short enough to read out to a class.
std::uint64_t fresh_variant(std::uint64_t seed, std::size_t i) { return 1 + splitmix64(seed + i) % 999999; }

// derive practice --review: the day's queue (review::build_queue) from the
// state file, each card a fresh variant, rated from the outcome
// (review::rate) and saved after every review so quitting loses nothing.
int run_review(const Catalogue& cat, const std::vector<const Exercise*>& exercises,
               const PracticeOptions& options) {
  if (!options.variant.empty())
    return usage_error("--variant cannot be used with --review: every review draws fresh numbers");
  if (options.real)
    return usage_error("--real cannot be used with --review: every review draws fresh numbers");
  if (options.new_per_day < 0) return usage_error("--new-per-day must be 0 or more");
  const std::filesystem::path path =
      options.state.empty() ? default_review_state_path() : std::filesystem::path(options.state);
  if (path.empty())
    return usage_error("no place for the review state: set HOME or XDG_STATE_HOME, or pass --state FILE");
  auto loaded = read_review_state(path);
  if (!loaded) return usage_error(loaded.error().message);
  ReviewState state = std::move(loaded).value();
  auto now = now_seconds();
  if (!now) return usage_error(now.error().message);
  const std::int64_t today = review::day_of(*now);
  const int new_today = state.new_day == today ? state.new_count : 0;
  std::vector<std::string> book;
  for (const Exercise* e : exercises) book.push_back(e->id);
  const auto queue = review::build_queue(state.cards, book, today, options.new_per_day, new_today);
  const auto fsrs = review::Fsrs::make(0.9);

  const Style style = Style::for_stdout();
  std::ostream& out = std::cout;
  std::size_t due = 0;
  for (const auto& entry : queue) due += entry.is_new ? 0 : 1;
  out << "Review (" << date_of(today) << "): " << due << " due, " << queue.size() - due << " new (at most "
      << options.new_per_day << " new a day). State: " << path.string() << "\n"
      << "Type an answer and press Enter; h shows the next step, s the solution, n moves on, q quits.\n\n";

  const std::uint64_t seed = session_seed();
  Trainer trainer(std::cin, out, style, options.solutions, isatty(STDIN_FILENO) != 1);
  int counts[5] = {0, 0, 0, 0, 0};  // by review::Rating
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const Exercise* exercise = cat.find(queue[i].exercise);
    if (exercise == nullptr) continue;
    const std::uint64_t variant = fresh_variant(seed, i);
    auto instance = instantiate(*exercise, variant);
    if (!instance) {
      std::cerr << "derive: skipping " << text::printable_message(instance.error().message) << '\n';
      continue;
    }
    out << "[" << i + 1 << "/" << queue.size() << "] " << (queue[i].is_new ? "new: " : "review: ")
        << exercise->id << ", variant " << variant << '\n';
    print_question(out, *instance, style);
    const ExerciseEnd end = trainer.run(*instance);
    const bool reviewed = end.attempts > 0 || end.revealed;
    if (reviewed) {
      const int fields = exercise->symbolic ? 1 : static_cast<int>(exercise->parts.size());
      const review::Outcome outcome{end.correct, end.seconds, end.hints, end.attempts > 1 || end.revealed,
                                    review::par_seconds(fields)};
      const review::Rating rating = review::rate(outcome);
      auto card = std::find_if(state.cards.begin(), state.cards.end(),
                               [&](const review::Card& c) { return c.exercise == exercise->id; });
      const review::Card next = review::apply_review(*fsrs, card == state.cards.end() ? nullptr : &*card,
                                                     exercise->id, rating, today);
      if (card == state.cards.end()) {
        state.cards.push_back(next);
      } else {
        *card = next;
      }
      if (queue[i].is_new) {
        if (state.new_day != today) state.new_day = today, state.new_count = 0;
        ++state.new_count;
      }
      auto stamp = now_seconds();
      state.log.push_back({exercise->id, variant, end.correct, end.seconds, end.hints, end.slip, rating,
                           stamp ? *stamp : *now});
      if (auto saved = write_review_state(path, state); !saved) {
        std::cerr << "derive: " << saved.error().message << "; this review is not saved\n";
        return kExitFailed;
      }
      ++counts[static_cast<int>(rating)];
      out << "Rated " << review::rating_name(rating) << ": next review " << in_days(next.due_day - today)
          << " (" << date_of(next.due_day) << ").\n\n";
    }
    if (end.stop) break;
  }
  const int total = counts[1] + counts[2] + counts[3] + counts[4];
  out << "Reviewed " << total << ": " << counts[1] << " again, " << counts[2] << " hard, " << counts[3]
      << " good, " << counts[4] << " easy.";
  const review::Card* soonest = nullptr;
  for (const review::Card& c : state.cards) {
    if (std::find(book.begin(), book.end(), c.exercise) == book.end()) continue;
    if (soonest == nullptr || c.due_day < soonest->due_day) soonest = &c;
  }
  if (soonest != nullptr)
    out << " Next due: " << soonest->exercise << " " << in_days(soonest->due_day - today) << " ("
        << date_of(soonest->due_day) << ").";
  out << '\n';
  return kExitOk;
}

int run_practice(Context& context, const PracticeOptions& options) {
  std::optional<std::uint64_t> fixed_variant;
  if (!options.variant.empty()) {
    auto variant = parse_variant(options.variant);
    if (!variant) return usage_error(variant.error().message);
    fixed_variant = *variant;
  }
  auto catalogue = context.catalogue();
  if (!catalogue) return usage_error(catalogue.error().message);
  const Catalogue& cat = **catalogue;

  std::vector<const Exercise*> exercises;
  std::vector<std::string> chapter_order;
  std::map<std::string, const Chapter*> chapters;
  for (const Chapter& chapter : cat.chapters) {
    chapters[chapter.name] = &chapter;
    chapter_order.push_back(chapter.name);
  }
  if (!options.chapter.empty() && chapters.count(options.chapter) == 0)
    return usage_error(
        "unknown chapter \"" + text::printable(options.chapter) + "\"" +
        did_you_mean_or(options.chapter, chapter_order, "; the chapters are " + join(chapter_order)));
  for (const Exercise& exercise : cat.exercises)
    if (options.chapter.empty() || exercise.chapter == options.chapter) exercises.push_back(&exercise);
  if (exercises.empty()) return usage_error("no exercises to practise");
  if (options.review) return run_review(cat, exercises, options);

  // The questions in book order: one drawn variant per exercise, or with
  // --real each real variant (a real model's, GPU's, board's or layer's numbers).
  struct Question {
    const Exercise* exercise;
    std::string real;  // empty: drawn
  };
  std::vector<Question> questions;
  for (const Exercise* exercise : exercises) {
    if (!options.real) {
      questions.push_back({exercise, ""});
    } else {
      for (const RealVariant& r : exercise->real) questions.push_back({exercise, r.name});
    }
  }
  if (questions.empty()) return usage_error("no exercise here has real variants; try without --real");

  const Style style = Style::for_stdout();
  std::ostream& out = std::cout;
  out << "Practice: " << questions.size() << (options.real ? " real variants" : " exercises")
      << (options.chapter.empty() ? "" : " of chapter " + options.chapter) << ".\n"
      << "Type an answer (a number, optionally with a unit) and press Enter; h shows the next step, "
      << "s the solution, n moves to the next exercise, q quits.\n";
  if (!fixed_variant && !options.real)
    out << "Each exercise gets fresh numbers; `--variant N` repeats variant N, `--real` the numbers of "
           "real models, GPUs, boards and layers.\n";
  out << '\n';

  const std::uint64_t seed = session_seed();
  Trainer trainer(std::cin, out, style, options.solutions, isatty(STDIN_FILENO) != 1);
  std::map<std::string, Tally> tallies;
  std::string current_chapter;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const Exercise& exercise = *questions[i].exercise;
    const std::string& real = questions[i].real;
    const std::uint64_t variant = fixed_variant ? *fixed_variant : fresh_variant(seed, i);
    auto instance = real.empty() ? instantiate(exercise, variant) : instantiate_real(exercise, real);
    if (!instance) {
      // instantiate's errors name the exercise and the variant.
      std::cerr << "derive: skipping " << text::printable_message(instance.error().message) << '\n';
      continue;
    }
    if (exercise.chapter != current_chapter) {
      current_chapter = exercise.chapter;
      const auto chapter = chapters.find(current_chapter);
      out << style.bold("== " + current_chapter +
                        (chapter != chapters.end() && !chapter->second->title.empty()
                             ? ": " + chapter->second->title
                             : "") +
                        " ==")
          << '\n';
      if (chapter != chapters.end() && !chapter->second->intro.empty())
        out << trim(chapter->second->intro) << "\n";
      out << '\n';
    }
    out << "[" << i + 1 << "/" << questions.size() << "] " << exercise.id << ", "
        << (real.empty() ? "variant " + std::to_string(variant) : "real variant " + real) << '\n';
    print_question(out, *instance, style);
    const ExerciseEnd end = trainer.run(*instance);
    Tally& tally = tallies[exercise.chapter];
    switch (end.outcome) {
      case Outcome::Solved:
        ++tally.solved;
        break;
      case Outcome::Attempted:
        ++tally.attempted;
        break;
      case Outcome::Skipped:
        ++tally.skipped;
        break;
      case Outcome::Uncounted:
        if (tally.solved + tally.attempted + tally.skipped == 0) tallies.erase(exercise.chapter);
        break;
    }
    if (end.stop) break;
  }
  print_summary(out, chapter_order, tallies, questions.size());
  return kExitOk;
}

}  // namespace

void add_practice_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<PracticeOptions>();
  CLI::App* practice = app.add_subcommand("practice", "an interactive trainer: answer exercises one by one");
  practice->add_option("--chapter", options->chapter, "practise one chapter (measure, count, ..., combined)")
      ->option_text("NAME");
  CLI::Option* variant = practice
                             ->add_option("--variant", options->variant,
                                          "use variant N of every exercise (0 = the book's numbers)")
                             ->option_text("N");
  practice
      ->add_flag("--real", options->real,
                 "every real variant instead: the numbers of real models, GPUs, boards and layers")
      ->excludes(variant);
  practice->add_flag("--solutions", options->solutions, "show the worked solution after each exercise");
  practice->add_flag("--review", options->review,
                     "the day's review queue (FSRS-6): due exercises first, then new ones in book order");
  practice
      ->add_option("--state", options->state,
                   "the review state file (default: " + std::string("$XDG_STATE_HOME/derive/review.json)"))
      ->option_text("FILE");
  practice
      ->add_option("--new-per-day", options->new_per_day, "with --review: new exercises a day (default 5)")
      ->option_text("N");
  practice->footer(
      "Reads one line per answer part from standard input. At any prompt: h shows the next step of the "
      "solution, s the whole solution, n moves on, q quits; end of input (Ctrl-D) also ends the session. A "
      "summary follows. With --review each reviewed exercise is rated (again, hard, good, easy) and saved to "
      "the state file at once; DERIVE_NOW (Unix seconds) replaces the clock.");
  practice->callback([&context, options] {
    context.action = [&context, options] { return run_practice(context, *options); };
  });
}

}  // namespace derive::cli
