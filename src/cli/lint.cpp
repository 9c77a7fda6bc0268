// derive lint FILE...: validate catalogue files the way the build would load
// them, and draw many variants of each exercise to catch answers that are
// infinite, zero after rounding, or otherwise not sensible.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "cli/text.hpp"
#include "derive/realdata/fields.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

struct LintOptions {
  std::vector<std::string> files;
};

Result<SourceFile> read_source(const std::string& name) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(name, ec))
    return make_error("cannot read " + text::printable(name) + ": not a file");
  std::ifstream in(name, std::ios::binary);
  if (!in) return make_error("cannot read " + text::printable(name));
  std::ostringstream text;
  text << in.rdbuf();
  return SourceFile{name, text.str()};
}

int run_lint(const LintOptions& options) {
  std::vector<SourceFile> sources;
  for (const std::string& name : options.files) {
    auto source = read_source(name);
    if (!source) return usage_error(source.error().message);
    sources.push_back(std::move(*source));
  }
  // Real variants are resolved against the data files and built like drawn ones.
  const RealResolver resolver = realdata::field_value;
  LoadResult result = load_catalogue(sources, kLintVariants, true, &resolver);
  // What a learner sees (a formula for every exercise) is checked once the
  // files load cleanly: a broken file's problems come first.
  if (result.issues.empty()) result.issues = lint_presentation(result.catalogue);
  std::set<std::string> files_with_problems;
  for (const LintIssue& issue : result.issues) {
    // A catalogue string may hold escapes such as \u001b, which TOML decodes.
    std::cout << text::printable_message(issue.file);
    if (issue.line > 0) std::cout << ':' << issue.line;
    std::cout << ": " << text::printable_message(issue.message) << '\n';
    files_with_problems.insert(issue.file);
  }
  if (!result.issues.empty()) {
    std::cout << count_text(result.issues.size(), "problem") << " in "
              << count_text(files_with_problems.size(), "file") << '\n';
    return kExitFailed;
  }
  std::cout << "ok: " << count_text(sources.size(), "file") << ", "
            << count_text(result.catalogue.exercises.size(), "exercise") << '\n';
  return kExitOk;
}

}  // namespace

void add_lint_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* lint =
      app.add_subcommand("lint", "check catalogue files; exit 0 clean, 1 problems, 2 unreadable file");
  lint->footer(
      "Prints one line per problem, file:line: message, then \"N problems in M files\" or "
      "\"ok: M files, K exercises\". Exit status: 0 clean, 1 problems, 2 a file that cannot be read.");
  lint->add_option("files", options->files, "catalogue .toml files, e.g. catalogue/*.toml")->required();
  lint->callback([&context, options] { context.action = [options] { return run_lint(*options); }; });
}

}  // namespace derive::cli
