// Each subcommand lives in its own file and registers itself on the parent
// CLI11 app. Its parse callback only stores an action in the Context; main()
// runs the action once the whole command line has been accepted.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace derive::cli {

void add_exercise_command(CLI::App& app, Context& context);  // list, show, check
void add_exercise_list(CLI::App& exercise, Context& context);
void add_exercise_show(CLI::App& exercise, Context& context);
void add_exercise_check(CLI::App& exercise, Context& context);
void add_practice_command(CLI::App& app, Context& context);
void add_calc_command(CLI::App& app, Context& context);
void add_lint_command(CLI::App& app, Context& context);
void add_author_command(CLI::App& app, Context& context);        // src/cli/author.cpp
void add_serve_command(CLI::App& app, Context& context);         // src/cli/serve.cpp
void add_export_site_command(CLI::App& app, Context& context);   // src/cli/export_site.cpp
void add_schedule_command(CLI::App& app, Context& context);      // src/cli/schedule.cpp
void add_analyze_command(CLI::App& app, Context& context);       // src/cli/analyze.cpp
void add_export_scorm_command(CLI::App& app, Context& context);  // src/cli/export_scorm.cpp
void add_assignment_command(CLI::App& app, Context& context);    // src/cli/assignment.cpp

}  // namespace derive::cli
