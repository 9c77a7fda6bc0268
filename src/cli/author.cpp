// derive author FILE.toml [--variant N] [--json] [--watch], derive author --template:
// write an exercise with `derive lint`'s checks and a preview of one variant.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/lint_report.hpp"
#include "cli/render.hpp"
#include "cli/text.hpp"
#include "derive/exercise/authoring.hpp"
#include "derive/realdata/fields.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

struct AuthorOptions {
  std::string file;
  std::string variant = "0";
  bool watch = false;
  bool json = false;
  bool print_template = false;
};

// How often --watch looks at the file: quick enough to feel live, rare enough
// to cost nothing (one small read).
constexpr std::chrono::milliseconds kPollInterval{250};

// "  12.3 KB: That counts bits; ...": each named slip with the number it gives
// on this variant.
void print_mistakes(std::ostream& out, const Instance& instance) {
  const Exercise& e = *instance.exercise;
  if (e.mistakes.empty()) return;
  out << "\nNamed mistakes:\n";
  for (const Mistake& m : e.mistakes) {
    auto wrong = m.answer.evaluate(instance.env);
    auto says = m.says.render(instance.env);
    out << "  ";
    if (wrong && wrong->is_number() && m.part < e.parts.size()) {
      out << answer_number_text(wrong->number(), e.parts[m.part].precision) << ' '
          << e.parts[m.part].unit_text;
    } else {
      out << m.answer.text();
    }
    out << ": " << (says ? *says : "(does not evaluate: " + says.error().message + ")") << '\n';
  }
}

void print_preview(std::ostream& out, const LoadResult& result, std::uint64_t variant) {
  const Style style = Style::for_stdout();
  for (const Exercise& exercise : result.catalogue.exercises) {
    out << '\n' << style.bold(exercise.id + " (variant " + std::to_string(variant) + ")") << '\n';
    auto instance = instantiate(exercise, variant);
    if (!instance) {
      out << "cannot draw this variant: " << text::printable_message(instance.error().message) << '\n';
      continue;
    }
    print_question(out, *instance, style);
    out << '\n';
    print_solution(out, *instance, style);
    print_mistakes(out, *instance);
  }
}

// One run on `source`: the lint report, then the preview (or the JSON
// document). Returns the exit status of a run without --watch.
int author_once(std::ostream& out, const SourceFile& source, const AuthorOptions& options,
                std::uint64_t variant) {
  // Real variants are resolved against the data files, as `derive lint` does.
  const RealResolver resolver = realdata::field_value;
  const LoadResult result = lint_sources({source}, &resolver);
  if (options.json) {
    out << author_json(result, variant) << '\n';
  } else {
    print_issues(out, result.issues);
    if (result.issues.empty())
      out << "ok: " << count_text(result.catalogue.exercises.size(), "exercise") << '\n';
    print_preview(out, result, variant);
  }
  return result.issues.empty() ? kExitOk : kExitFailed;
}

// Re-runs whenever the file's text changes, never exits on a bad or missing
// file. Comparing the text rather than the modification time also sees two
// saves within the file system's time resolution.
[[noreturn]] void watch(const AuthorOptions& options, std::uint64_t variant) {
  const bool terminal = isatty(STDOUT_FILENO);
  std::optional<std::string> shown;  // the text of the last run; "" with no file
  for (;;) {
    auto source = read_source(options.file);
    const std::string text = source ? source->text : "";
    if (!shown || *shown != text || (!source && !shown->empty())) {
      std::ostringstream page;
      if (source) {
        author_once(page, *source, options, variant);
      } else {
        page << source.error().message << '\n';
      }
      // Clear and redraw on a terminal; elsewhere (a log, a test) a rule between runs.
      std::cout << (terminal ? "\x1b[H\x1b[2J"
                             : "--- derive author: " + text::printable(options.file) + " ---\n")
                << page.str() << "(watching " << text::printable(options.file) << "; Ctrl-C stops)\n"
                << std::flush;
      shown = text;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

int run_author(const AuthorOptions& options) {
  if (options.print_template) {
    std::cout << exercise_template();
    return kExitOk;
  }
  if (options.file.empty()) return usage_error("author: give a FILE.toml to check, or --template");
  auto variant = parse_variant(options.variant);
  if (!variant) return usage_error(variant.error().message);
  if (options.watch) watch(options, *variant);
  auto source = read_source(options.file);
  if (!source) return usage_error(source.error().message);
  return author_once(std::cout, *source, options, *variant);
}

}  // namespace

void add_author_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<AuthorOptions>();
  CLI::App* author = app.add_subcommand(
      "author", "write an exercise: lint one chapter file and preview a variant of each exercise");
  author->add_option("file", options->file, "the chapter .toml file being written");
  author->add_option("--variant", options->variant, "the variant to preview: 0 = the canonical numbers")
      ->option_text("N");
  author->add_flag("--json", options->json,
                   "print {\"issues\": [{file, line, message}], \"exercises\": [{id, card}]} instead");
  author->add_flag("--watch", options->watch, "re-run whenever the file changes, until Ctrl-C");
  author->add_flag("--template", options->print_template,
                   "print a commented chapter file with one exercise that lints clean");
  author->footer(
      "Prints the problems `derive lint` finds (file:line: message), then each exercise's prompt, answer, "
      "worked steps and named mistakes for the variant. Exit status: 0 clean, 1 problems, 2 bad usage or "
      "an unreadable file; --watch runs until interrupted.");
  author->callback([&context, options] { context.action = [options] { return run_author(*options); }; });
}

}  // namespace derive::cli
