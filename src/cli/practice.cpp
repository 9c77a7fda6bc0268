// derive practice: the terminal trainer. It reads one line per answer part, so
// it works the same at a keyboard and with answers piped in by a test or a
// teacher's script; end of input ends the session with a summary.
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "cli/suggest.hpp"
#include "cli/text.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

struct PracticeOptions {
  std::string chapter;  // empty: every chapter in book order
  std::string variant;  // empty: a fresh variant per exercise
  bool solutions = false;
};

enum class Command { None, Solution, Next, Quit };

struct Tally {
  int solved = 0;     // answered correctly without looking at the solution
  int attempted = 0;  // answered (wrongly, or after the solution) but not solved
  int skipped = 0;    // moved on without a readable answer
};

enum class Outcome { Solved, Attempted, Skipped, Uncounted };

struct ExerciseEnd {
  Outcome outcome = Outcome::Uncounted;
  bool stop = false;  // the learner quit or the input ended
};

Command command_of(const std::string& line) {
  std::string word;
  for (char c : line) word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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
    int attempts = 0;
    bool revealed = false;
    for (;;) {
      std::vector<std::string> answers;
      Command command = Command::None;
      for (std::size_t part = 0; part < parts && command == Command::None; ++part) {
        std::optional<std::string> line = read_line(prompt(instance, part, parts));
        if (!line) {
          out_ << '\n';
          return {attempts > 0 ? Outcome::Attempted : Outcome::Uncounted, true};
        }
        command = command_of(*line);
        if (command == Command::None) answers.push_back(*line);
      }
      switch (command) {
        case Command::Quit:
          return {attempts > 0 ? Outcome::Attempted : Outcome::Uncounted, true};
        case Command::Next:
          finish(instance, revealed);
          return {attempts > 0 || revealed ? Outcome::Attempted : Outcome::Skipped, false};
        case Command::Solution:
          print_solution(out_, instance, style_);
          out_ << "Type the answer to check it, or n for the next exercise, q to quit.\n";
          revealed = true;
          continue;
        case Command::None:
          break;
      }
      const Verdict verdict = check(instance, answers);
      print_verdict(out_, verdict, style_);
      if (verdict.status == Verdict::Status::Unreadable) continue;  // not an attempt: ask again
      ++attempts;
      if (verdict.correct()) {
        finish(instance, revealed);
        return {revealed ? Outcome::Attempted : Outcome::Solved, false};
      }
      out_ << "Try again, or type s (solution), n (next), q (quit).\n";
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

  const Style style = Style::for_stdout();
  std::ostream& out = std::cout;
  out << "Practice: " << exercises.size() << " exercises"
      << (options.chapter.empty() ? "" : " of chapter " + options.chapter) << ".\n"
      << "Type an answer (a number, optionally with a unit) and press Enter; s shows the solution, "
      << "n moves to the next exercise, q quits.\n";
  if (!fixed_variant) out << "Each exercise gets fresh numbers; `--variant N` repeats variant N.\n";
  out << '\n';

  const std::uint64_t seed = static_cast<std::uint64_t>(
      std::chrono::system_clock::now().time_since_epoch().count() ^ (static_cast<long long>(getpid()) << 32));
  Trainer trainer(std::cin, out, style, options.solutions, isatty(STDIN_FILENO) != 1);
  std::map<std::string, Tally> tallies;
  std::string current_chapter;
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    const Exercise& exercise = *exercises[i];
    // Variant 0 is the canonical one the book prints; fresh ones start at 1
    // and stay short enough to read out to a class.
    const std::uint64_t variant = fixed_variant ? *fixed_variant : 1 + splitmix64(seed + i) % 999999;
    auto instance = instantiate(exercise, variant);
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
    out << "[" << i + 1 << "/" << exercises.size() << "] " << exercise.id << ", variant " << variant << '\n';
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
  print_summary(out, chapter_order, tallies, exercises.size());
  return kExitOk;
}

}  // namespace

void add_practice_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<PracticeOptions>();
  CLI::App* practice = app.add_subcommand("practice", "an interactive trainer: answer exercises one by one");
  practice->add_option("--chapter", options->chapter, "practise one chapter (measure, count, ..., combined)")
      ->option_text("NAME");
  practice
      ->add_option("--variant", options->variant, "use variant N of every exercise (0 = the book's numbers)")
      ->option_text("N");
  practice->add_flag("--solutions", options->solutions, "show the worked solution after each exercise");
  practice->footer(
      "Reads one line per answer part from standard input. At any prompt: s shows the solution, n moves on, "
      "q quits; end of input (Ctrl-D) also ends the session. A summary follows.");
  practice->callback([&context, options] {
    context.action = [&context, options] { return run_practice(context, *options); };
  });
}

}  // namespace derive::cli
