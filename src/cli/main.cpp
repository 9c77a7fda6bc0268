// derive: the command-line front end. Thin by design: every number it prints
// comes from the engine and every exercise from the catalogue; this program only
// reads arguments, picks a command and maps outcomes to exit statuses.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "cli/suggest.hpp"
#include "derive/text/echo.hpp"

#ifndef DERIVE_VERSION
#define DERIVE_VERSION "0.1.0"  // keep in step with project(VERSION) in CMakeLists.txt
#endif

int main(int argc, char** argv) {
  using namespace derive::cli;
  Context context;
  CLI::App app{"derive: the numbers of efficient and tiny ML: exercises, a trainer, a calculator.", "derive"};
  app.set_version_flag("--version", "derive " DERIVE_VERSION);
  app.add_option("--catalogue", context.catalogue_dir,
                 "load the exercises from DIR/*.toml (or DIR/catalogue/*.toml) instead of the built-in ones")
      ->option_text("DIR");
  app.require_subcommand(1);
  // Lets global options follow the subcommand: `derive exercise list --catalogue DIR`.
  app.fallthrough();
  app.footer(
      "Run `derive COMMAND --help` for the options of a command. Exit status: 0 success, "
      "1 wrong answer or lint problems, 2 bad usage or unreadable input.");
  // CLI11's own errors quote the arguments they did not expect: escaped, like ours.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    const std::string what = e.what();
    return derive::text::printable_message(what) + CLI::FailureMessage::simple(failed, e).substr(what.size());
  });

  add_exercise_command(app, context);
  add_practice_command(app, context);
  add_calc_command(app, context);
  add_lint_command(app, context);
  add_author_command(app, context);
  add_serve_command(app, context);
  add_export_site_command(app, context);
  add_schedule_command(app, context);
  add_analyze_command(app, context);
  add_export_scorm_command(app, context);
  add_assignment_command(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 reports a mistyped command as "a subcommand is required"; name it.
    if (app.get_subcommands().empty() && !app.remaining().empty()) {
      const std::string typed = app.remaining().front();
      std::vector<std::string> names;
      for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
      std::string list;
      for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
      const char* what = typed.rfind('-', 0) == 0 ? "unknown option" : "unknown command";
      return usage_error(std::string(what) + " \"" + derive::text::printable(typed) + "\"" +
                         did_you_mean_or(typed, names, "; the commands are " + list));
    }
    // --help and --version arrive here as "errors" with status 0; real usage
    // errors keep CLI11's message but use the contract's status 2.
    const int status = app.exit(e);
    return status == 0 ? kExitOk : kExitUsage;
  }
  if (!context.action) return usage_error("no command given; run `derive --help`");
  return context.action();
}
