#include "derive/exercise/assignment_json.hpp"

#include "derive/exercise/assignment.hpp"
#include "derive/exercise/exercise.hpp"
#include "derive/exercise/web_api.hpp"  // kMaxCallBytes
#include "derive/json_writer.hpp"

namespace derive::web {
namespace {

std::string error_json(const std::string& message) {
  return JsonWriter().raw("{").key("error").string(message).raw("}").take();
}

constexpr const char* kNoLearner = "type your name or student id first";

// The link's assignment, with every id in the built-in catalogue.
Result<Assignment> checked(std::string_view token, std::string_view learner, std::size_t more_bytes) {
  if (token.size() + learner.size() + more_bytes > kMaxCallBytes)
    return make_error("the text of this call is too long: at most " + std::to_string(kMaxCallBytes) +
                      " bytes");
  DERIVE_TRY(Assignment assignment, parse_assignment(token));
  for (const std::string& id : assignment.exercises)
    if (!builtin_exercise(id))
      return make_error("this assignment names exercise \"" + id +
                        "\", which this version of derive does not have");
  return assignment;
}

}  // namespace

std::string assignment_json(std::string_view token, std::string_view learner) {
  const auto assignment = checked(token, learner, 0);
  if (!assignment) return error_json(assignment.error().message);
  const bool named = !normalize_learner(learner).empty();
  JsonWriter w;
  w.raw("{").key("name").string(assignment->name).raw(", ").key("learner").string(normalize_learner(learner));
  w.raw(", ").key("exercises").raw("[");
  for (std::size_t i = 0; i < assignment->exercises.size(); ++i) {
    const std::string& id = assignment->exercises[i];
    w.raw(i ? ", {" : "{").key("id").string(id);
    if (named) w.raw(", ").key("variant").raw(std::to_string(learner_variant(*assignment, learner, id)));
    w.raw("}");
  }
  return w.raw("]}").take();
}

std::string results_code_json(std::string_view token, std::string_view learner,
                              std::string_view joined_answers) {
  const auto assignment = checked(token, learner, joined_answers.size());
  if (!assignment) return error_json(assignment.error().message);
  if (normalize_learner(learner).empty()) return error_json(kNoLearner);
  const auto answers = answers_from_text(joined_answers);
  if (answers.size() != assignment->exercises.size())
    return error_json("expected the answers of " + std::to_string(assignment->exercises.size()) +
                      " exercises, got " + std::to_string(answers.size()));
  return JsonWriter()
      .raw("{")
      .key("code")
      .string(results_code(*assignment, learner, answers))
      .raw("}")
      .take();
}

}  // namespace derive::web
