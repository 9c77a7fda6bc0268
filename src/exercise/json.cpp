#include "derive/exercise/json.hpp"

#include "derive/json_writer.hpp"

namespace derive {

std::string exercise_list_json(const Catalogue& catalogue) {
  JsonWriter w;
  w.raw("[");
  for (std::size_t i = 0; i < catalogue.exercises.size(); ++i) {
    const Exercise& e = catalogue.exercises[i];
    w.raw(i ? ",\n " : "").raw("{").key("id").string(e.id).raw(", ").key("chapter").string(e.chapter);
    w.raw(", ").key("title").string(e.title);
    // Its real variants, so a front end can offer them (derive exercise show ID --real NAME).
    w.raw(", ").key("has_real").raw(e.real.empty() ? "false" : "true").raw(", ").key("real").raw("[");
    for (std::size_t r = 0; r < e.real.size(); ++r) {
      w.raw(r ? ", " : "").raw("{").key("name").string(e.real[r].name);
      w.raw(", ").key("source").string(e.real[r].source).raw("}");
    }
    w.raw("]}");
  }
  return w.raw("]").take();
}

std::string instance_json(const Instance& in) {
  const Exercise& e = *in.exercise;
  JsonWriter w;
  w.raw("{").key("id").string(e.id).raw(", ").key("chapter").string(e.chapter);
  w.raw(", ").key("title").string(e.title).raw(", ").key("formula");
  if (e.formula.notation.empty()) {
    w.raw("null");
  } else {
    w.raw("{").key("text").string(e.formula.text).raw(", ").key("mathml").string(e.formula.mathml).raw("}");
  }
  w.raw(", ").key("prompt").string(in.prompt);
  if (!in.real.empty()) {  // a real variant: its name and the sentence that leads the prompt
    w.raw(", ").key("real").string(in.real).raw(", ").key("source").string(in.source);
  }
  w.raw(", ").key("variant").raw(std::to_string(in.variant)).raw(", ").key("params").raw("{");
  for (std::size_t i = 0; i < in.params.size(); ++i) {
    w.raw(i ? ", " : "").key(in.params[i].first).value(in.params[i].second);
  }
  w.raw("}, ").key("answer").raw("{");
  if (e.symbolic) {
    w.key("expression").string(e.symbolic->text()).raw(", ").key("variables").raw("[");
    for (std::size_t i = 0; i < e.variables.size(); ++i) w.raw(i ? ", " : "").string(e.variables[i]);
    w.raw("]");
  } else if (in.answers.size() == 1) {
    w.key("value").value(in.answers[0]).raw(", ").key("unit").string(e.parts[0].unit_text);
  } else {
    w.key("value").raw("[");
    for (std::size_t i = 0; i < in.answers.size(); ++i) w.raw(i ? ", " : "").value(in.answers[i]);
    w.raw("], ").key("unit").raw("[");
    for (std::size_t i = 0; i < e.parts.size(); ++i) w.raw(i ? ", " : "").string(e.parts[i].unit_text);
    w.raw("]");
  }
  w.raw("}, ").key("explanation").string(in.explanation).raw("}");
  return w.take();
}

std::string verdict_json(const Verdict& verdict) {
  JsonWriter w;
  w.raw("{").key("correct").raw(verdict.correct() ? "true" : "false");
  w.raw(", ").key("feedback").string(verdict.feedback).raw(", ").key("diagnosis");
  if (verdict.diagnosis) {
    w.string(*verdict.diagnosis);
  } else {
    w.raw("null");
  }
  return w.raw("}").take();
}

}  // namespace derive
