#include "cli/exercise_selection.hpp"

#include <set>

#include "cli/context.hpp"
#include "cli/suggest.hpp"
#include "cli/text.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {

Result<std::vector<const Exercise*>> chapter_exercises(const Catalogue& catalogue, const std::string& name) {
  std::vector<std::string> names;
  for (const Chapter& chapter : catalogue.chapters) names.push_back(chapter.name);
  std::vector<const Exercise*> out;
  for (const Exercise& exercise : catalogue.exercises)
    if (exercise.chapter == name) out.push_back(&exercise);
  if (out.empty())
    return make_error("unknown chapter \"" + text::printable(name) + "\"" +
                      did_you_mean_or(name, names, "; the chapters are " + join(names)));
  return out;
}

Result<std::vector<const Exercise*>> listed_exercises(const Catalogue& catalogue, const std::string& list) {
  std::vector<const Exercise*> out;
  std::set<std::string, std::less<>> seen;
  std::size_t at = 0;
  while (at <= list.size()) {
    const std::size_t comma = std::min(list.find(',', at), list.size());
    const std::string id = trim(std::string_view(list).substr(at, comma - at));
    at = comma + 1;
    if (id.empty())
      return make_error("--exercises \"" + text::printable(list) + "\" has an empty id; expected ID,ID,...");
    if (!seen.insert(id).second) return make_error("--exercises names \"" + text::printable(id) + "\" twice");
    DERIVE_TRY(const Exercise* exercise, find_exercise(catalogue, id));
    out.push_back(exercise);
  }
  return out;
}

}  // namespace derive::cli
