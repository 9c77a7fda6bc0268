// derive assignment create | variants | answer | verify (docs/instructors.md)
//
//   create   --name NAME --exercises ID,... --key-file K [--base URL]   prints the link
//   variants LINK --learner NAME                                         each exercise's variant
//   answer   LINK --learner NAME --answer TEXT ...                       a results code
//   verify   CODE --key-file K                                           MAC check and regrade
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/exercise_selection.hpp"
#include "derive/exercise/assignment.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/sha256.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

// The fewest key bytes accepted: 128 bits, as many as the secrets it makes.
constexpr std::size_t kMinKeyBytes = 16;

struct AssignmentOptions {
  std::string name, exercises, key_file, base, link, learner, code;
  std::vector<std::string> answers;
};

Result<std::string> read_key(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot read the key file " + text::printable(path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string key = bytes.str();
  if (key.size() < kMinKeyBytes)
    return make_error("the key file " + text::printable(path) + " holds " + std::to_string(key.size()) +
                      " bytes; expected at least 16 random bytes (head -c 32 /dev/urandom > " + path + ")");
  return key;
}

// The learner's variants, each checked against the catalogue.
Result<std::vector<Instance>> learner_instances(Context& context, const Assignment& assignment,
                                                const std::string& learner) {
  DERIVE_TRY(const Catalogue* catalogue, context.catalogue());
  std::vector<Instance> out;
  for (const std::string& id : assignment.exercises) {
    DERIVE_TRY(const Exercise* exercise, find_exercise(*catalogue, id));
    DERIVE_TRY(Instance instance, instantiate(*exercise, learner_variant(assignment, learner, id)));
    out.push_back(std::move(instance));
  }
  return out;
}

int run_create(Context& context, const AssignmentOptions& options) {
  if (options.name.empty()) return usage_error("assignment create: --name must not be empty");
  auto catalogue = context.catalogue();
  if (!catalogue) return usage_error(catalogue.error().message);
  const auto chosen = listed_exercises(**catalogue, options.exercises);
  if (!chosen) return usage_error("assignment create: " + chosen.error().message);
  const auto key = read_key(options.key_file);
  if (!key) return usage_error("assignment create: " + key.error().message);
  Assignment assignment{options.name, {}, ""};
  for (const Exercise* exercise : *chosen) assignment.exercises.push_back(exercise->id);
  assignment.secret = assignment_secret(*key, assignment.name, assignment.exercises);
  std::cout << options.base << "#/assignment/" << assignment_token(assignment) << "\n";
  return kExitOk;
}

int run_variants(Context& context, const AssignmentOptions& options) {
  const auto assignment = parse_assignment(options.link);
  if (!assignment) return usage_error("assignment variants: " + assignment.error().message);
  const auto instances = learner_instances(context, *assignment, options.learner);
  if (!instances) return usage_error("assignment variants: " + instances.error().message);
  std::cout << "Assignment " << text::printable_message(assignment->name) << " for "
            << text::printable_message(normalize_learner(options.learner)) << ":\n";
  for (const Instance& instance : *instances)
    std::cout << "  " << instance.exercise->id << " variant " << instance.variant
              << "   (derive exercise show " << instance.exercise->id << " --variant " << instance.variant
              << ")\n";
  return kExitOk;
}

int run_answer(Context& context, const AssignmentOptions& options) {
  const auto assignment = parse_assignment(options.link);
  if (!assignment) return usage_error("assignment answer: " + assignment.error().message);
  const auto instances = learner_instances(context, *assignment, options.learner);
  if (!instances) return usage_error("assignment answer: " + instances.error().message);
  // --answer values fill the parts of the exercises in order.
  std::vector<std::vector<std::string>> answers;
  std::size_t next = 0;
  for (const Instance& instance : *instances) {
    const std::size_t parts = std::max<std::size_t>(1, instance.exercise->parts.size());
    std::vector<std::string> these;
    for (std::size_t i = 0; i < parts; ++i)
      these.push_back(next < options.answers.size() ? options.answers[next++] : "");
    answers.push_back(std::move(these));
  }
  if (next < options.answers.size())
    return usage_error("assignment answer: " + std::to_string(options.answers.size()) +
                       " answers given; the " + std::to_string(instances->size()) + " exercises have " +
                       std::to_string(next) + " parts");
  std::cout << results_code(*assignment, options.learner, answers) << "\n";
  return kExitOk;
}

int run_verify(Context& context, const AssignmentOptions& options) {
  const auto submission = read_results_code(options.code);
  if (!submission) return usage_error("assignment verify: " + submission.error().message);
  const auto key = read_key(options.key_file);
  if (!key) return usage_error("assignment verify: " + key.error().message);
  Assignment assignment{submission->name, submission->exercises, ""};
  assignment.secret = assignment_secret(*key, assignment.name, assignment.exercises);
  if (!results_code_authentic(options.code, assignment.secret)) {
    std::cout << "NOT AUTHENTIC: this code was not made for assignment "
              << text::printable_message(submission->name)
              << " under this key, or it was changed after it was made.\n";
    return kExitFailed;
  }
  const auto instances = learner_instances(context, assignment, submission->learner);
  if (!instances) return usage_error("assignment verify: " + instances.error().message);
  std::size_t correct = 0;
  std::cout << "Authentic: assignment " << text::printable_message(submission->name) << ", learner "
            << text::printable_message(submission->learner) << "\n";
  for (std::size_t i = 0; i < instances->size(); ++i) {
    const Instance& instance = (*instances)[i];
    const Verdict verdict = check(instance, submission->answers[i]);
    correct += verdict.correct() ? 1 : 0;
    std::string typed;
    for (const std::string& part : submission->answers[i]) typed += (typed.empty() ? "" : " | ") + part;
    const char* word = verdict.correct()                               ? "correct"
                       : verdict.status == Verdict::Status::Unreadable ? "unreadable"
                                                                       : "wrong";
    std::cout << "  " << instance.exercise->id << " variant " << instance.variant << ": " << word << "  ("
              << text::printable_message(typed) << ")\n";
  }
  std::cout << "Score: " << correct << " of " << instances->size() << " correct\n";
  return kExitOk;
}

}  // namespace

void add_assignment_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<AssignmentOptions>();
  CLI::App* assignment = app.add_subcommand("assignment",
                                            "assignments: a link per set, variants per learner, "
                                            "results codes checked offline");
  assignment->require_subcommand(1);
  assignment->footer(
      "Exit status: 0 done (verify: authentic), 1 verify: not authentic, 2 bad usage or input.");

  CLI::App* create = assignment->add_subcommand("create", "print the link of a new assignment");
  create->add_option("--name", options->name, "the assignment's name, e.g. week-3")->required();
  create->add_option("--exercises", options->exercises, "the exercises, in order: ID,ID,...")->required();
  create->add_option("--key-file", options->key_file, "the instructor's key (at least 16 random bytes)")
      ->required();
  create->add_option("--base", options->base, "the trainer's address to put before #/assignment/...");
  create->callback([options, &context] {
    context.action = [options, &context] { return run_create(context, *options); };
  });

  CLI::App* variants = assignment->add_subcommand("variants", "a learner's variant of each exercise");
  variants->add_option("LINK", options->link, "the assignment's link (or its #/assignment/ token)")
      ->required();
  variants->add_option("--learner", options->learner, "the learner's name or id")->required();
  variants->callback([options, &context] {
    context.action = [options, &context] { return run_variants(context, *options); };
  });

  CLI::App* answer = assignment->add_subcommand("answer", "make a learner's results code from their answers");
  answer->add_option("LINK", options->link, "the assignment's link")->required();
  answer->add_option("--learner", options->learner, "the learner's name or id")->required();
  answer->add_option("--answer", options->answers, "one per answer part, exercises in order");
  answer->callback([options, &context] {
    context.action = [options, &context] { return run_answer(context, *options); };
  });

  CLI::App* verify = assignment->add_subcommand("verify", "check a results code and grade its answers");
  verify->add_option("CODE", options->code, "the results code the learner handed in")->required();
  verify->add_option("--key-file", options->key_file, "the instructor's key")->required();
  verify->callback([options, &context] {
    context.action = [options, &context] { return run_verify(context, *options); };
  });
}

}  // namespace derive::cli
