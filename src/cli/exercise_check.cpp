// derive exercise check ID [--variant N | --real NAME] --answer TEXT [--answer TEXT ...] [--json]
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/exercise/json.hpp"

namespace derive::cli {
namespace {

struct CheckOptions {
  std::string id;
  std::string variant = "0";
  std::string real;
  std::vector<std::string> answers;
  bool json = false;
};

int exit_status(const Verdict& verdict) {
  switch (verdict.status) {
    case Verdict::Status::Correct:
      return kExitOk;
    case Verdict::Status::Incorrect:
      return kExitFailed;
    case Verdict::Status::Unreadable:
      return kExitUsage;  // not an attempt: the caller must fix the input
  }
  return kExitUsage;
}

int run_check(Context& context, const CheckOptions& options) {
  auto instance = load_instance(context, options.id, options.variant, options.real);
  if (!instance) return usage_error(instance.error().message);

  const Verdict verdict = check(*instance, options.answers);
  if (options.json) {
    std::cout << verdict_json(verdict) << '\n';
  } else {
    print_verdict(std::cout, verdict, Style::for_stdout());
  }
  return exit_status(verdict);
}

}  // namespace

void add_exercise_check(CLI::App& exercise, Context& context) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* check_cmd =
      exercise.add_subcommand("check", "grade an answer; exit 0 correct, 1 incorrect, 2 unreadable");
  check_cmd->add_option("id", options->id, "exercise id, e.g. llm.kv-cache")->required();
  CLI::Option* variant =
      check_cmd->add_option("--variant", options->variant, "the variant the answer is for (default 0)")
          ->option_text("N");
  check_cmd->add_option("--real", options->real, "the real variant the answer is for, instead of --variant")
      ->option_text("NAME")
      ->excludes(variant);
  // One value per --answer, so an answer with a space ("13.6 MB") is one part
  // and a multi-part exercise takes the option once per part, in order.
  check_cmd->add_option("--answer", options->answers, "the answer as typed, e.g. \"13.6 MB\"; once per part")
      ->required()
      ->allow_extra_args(false)
      ->option_text("TEXT");
  check_cmd->footer(
      "A multi-part exercise takes one --answer per part, in order. Exit status: 0 correct, 1 incorrect, "
      "2 bad usage, an unknown id or an answer that cannot be read (the verdict is still printed).");
  check_cmd->add_flag("--json", options->json, "print {\"correct\", \"feedback\", \"diagnosis\"}");
  check_cmd->callback(
      [&context, options] { context.action = [&context, options] { return run_check(context, *options); }; });
}

}  // namespace derive::cli
