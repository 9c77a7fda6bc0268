// derive lint FILE...: validate catalogue files the way the build would load
// them, and draw many variants of each exercise to catch answers that are
// infinite, zero after rounding, or otherwise not sensible.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/lint_report.hpp"
#include "cli/text.hpp"
#include "derive/exercise/authoring.hpp"
#include "derive/realdata/fields.hpp"

namespace derive::cli {
namespace {

struct LintOptions {
  std::vector<std::string> files;
};

int run_lint(const LintOptions& options) {
  std::vector<SourceFile> sources;
  for (const std::string& name : options.files) {
    auto source = read_source(name);
    if (!source) return usage_error(source.error().message);
    sources.push_back(std::move(*source));
  }
  // Real variants are resolved against the data files and built like drawn ones.
  const RealResolver resolver = realdata::field_value;
  const LoadResult result = lint_sources(sources, &resolver);
  print_issues(std::cout, result.issues);
  if (!result.issues.empty()) return kExitFailed;
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
