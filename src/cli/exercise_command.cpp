#include "cli/commands.hpp"

namespace derive::cli {

void add_exercise_command(CLI::App& app, Context& context) {
  CLI::App* exercise = app.add_subcommand("exercise", "list, show and check the exercises of the catalogue");
  exercise->require_subcommand(1);
  exercise->fallthrough();
  exercise->footer(
      "Exit status: 0 success; for check 1 a wrong answer; 2 bad usage, an unknown id or an "
      "unreadable answer.");
  add_exercise_list(*exercise, context);
  add_exercise_show(*exercise, context);
  add_exercise_check(*exercise, context);
}

}  // namespace derive::cli
