#include "cli/commands.hpp"

namespace derive::cli {

void add_exercise_command(CLI::App& app, Context& context) {
  CLI::App* exercise = app.add_subcommand("exercise", "list, show and check the exercises of the catalogue");
  exercise->require_subcommand(1);
  exercise->fallthrough();
  add_exercise_list(*exercise, context);
  add_exercise_show(*exercise, context);
  add_exercise_check(*exercise, context);
}

}  // namespace derive::cli
