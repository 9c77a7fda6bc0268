// derive exercise list [--json]
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "cli/text.hpp"
#include "derive/exercise/json.hpp"

namespace derive::cli {
namespace {

struct ListOptions {
  bool json = false;
};

int run_list(Context& context, const ListOptions& options) {
  auto catalogue = context.catalogue();
  if (!catalogue) return usage_error(catalogue.error().message);
  const Catalogue& cat = **catalogue;
  if (options.json) {
    std::cout << exercise_list_json(cat) << '\n';
    return kExitOk;
  }
  std::size_t width = 0;
  for (const Exercise& exercise : cat.exercises) width = std::max(width, exercise.id.size());
  for (const Chapter& chapter : cat.chapters) {
    std::cout << chapter.name << (chapter.title.empty() ? "" : ": " + chapter.title) << '\n';
    for (const std::string& id : chapter.exercise_ids) {
      const Exercise* exercise = cat.find(id);
      if (exercise == nullptr) continue;
      std::cout << "  " << id << std::string(width - id.size() + 2, ' ') << exercise->title << '\n';
    }
  }
  std::cout << count_text(cat.exercises.size(), "exercise") << " in "
            << count_text(cat.chapters.size(), "chapter") << '\n';
  return kExitOk;
}

}  // namespace

void add_exercise_list(CLI::App& exercise, Context& context) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* list = exercise.add_subcommand("list", "list every exercise in book order");
  list->footer("Exit status: 0 success, 2 bad usage or an unreadable --catalogue.");
  list->add_flag("--json", options->json, "print [{\"id\", \"chapter\", \"title\"}, ...]");
  list->callback(
      [&context, options] { context.action = [&context, options] { return run_list(context, *options); }; });
}

}  // namespace derive::cli
