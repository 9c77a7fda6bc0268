// derive exercise show ID [--variant N | --real NAME] [--json]
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "derive/exercise/json.hpp"

namespace derive::cli {
namespace {

struct ShowOptions {
  std::string id;
  std::string variant = "0";
  std::string real;
  bool json = false;
};

int run_show(Context& context, const ShowOptions& options) {
  auto instance = load_instance(context, options.id, options.variant, options.real);
  if (!instance) return usage_error(instance.error().message);

  if (options.json) {
    std::cout << instance_json(*instance) << '\n';
    return kExitOk;
  }
  const Style style = Style::for_stdout();
  std::cout << instance->exercise->id << " (" << instance->exercise->chapter << ", ";
  if (instance->real.empty()) {
    std::cout << "variant " << instance->variant << ")\n";
  } else {
    std::cout << "real variant " << instance->real << ")\n";
  }
  print_question(std::cout, *instance, style);
  std::cout << '\n';
  print_solution(std::cout, *instance, style);
  return kExitOk;
}

}  // namespace

void add_exercise_show(CLI::App& exercise, Context& context) {
  auto options = std::make_shared<ShowOptions>();
  CLI::App* show = exercise.add_subcommand("show", "show one exercise with its answer and worked solution");
  show->add_option("id", options->id, "exercise id, e.g. llm.kv-cache")->required();
  CLI::Option* variant =
      show->add_option("--variant", options->variant, "0 = the canonical numbers; 1, 2, ... other numbers")
          ->option_text("N");
  show->add_option("--real", options->real,
                   "a real variant instead: the numbers of a real model, GPU or board (derive exercise list "
                   "--json names them)")
      ->option_text("NAME")
      ->excludes(variant);
  show->footer("Exit status: 0 success, 2 bad usage, an unknown id or a bad --variant.");
  show->add_flag("--json", options->json, "print the instance as JSON (shared/catalogue.md)");
  show->callback(
      [&context, options] { context.action = [&context, options] { return run_show(context, *options); }; });
}

}  // namespace derive::cli
