#include "cli/render.hpp"
#include "cli/text.hpp"

#include <unistd.h>

#include "derive/number_format.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

// The explanation joins steps, remark and seed note; what is left once the
// steps are taken out is the remark and the seed note, which the numbered
// steps above would otherwise repeat.
std::string explanation_beyond_steps(const Instance& instance) {
  std::string rest = instance.explanation;
  for (const std::string& step : instance.steps) {
    if (step.empty()) continue;
    const auto at = rest.find(step);
    if (at != std::string::npos) rest.erase(at, step.size());
  }
  // Keep paragraphs, drop the blank lines and list marks the steps left behind.
  std::string out;
  std::size_t start = 0;
  while (start <= rest.size()) {
    auto end = rest.find('\n', start);
    if (end == std::string::npos) end = rest.size();
    std::string line = trim(rest.substr(start, end - start));
    const bool only_marks = line.find_first_not_of("0123456789.-*) ") == std::string::npos;
    if (!only_marks) out += (out.empty() ? "" : "\n") + line;
    start = end + 1;
  }
  return out;
}

}  // namespace

Style Style::for_stdout() { return Style{isatty(STDOUT_FILENO) == 1}; }
std::string Style::bold(const std::string& text) const { return color ? "\033[1m" + text + "\033[0m" : text; }
std::string Style::good(const std::string& text) const {
  return color ? "\033[32m" + text + "\033[0m" : text;
}
std::string Style::bad(const std::string& text) const { return color ? "\033[31m" + text + "\033[0m" : text; }

std::string value_text(const Value& value) {
  if (value.is_bool()) return value.boolean() ? "true" : "false";
  if (value.is_number()) return format_grouped(value.number());
  std::string text = "[";
  for (std::size_t i = 0; i < value.list().size(); ++i)
    text += (i ? ", " : "") + format_plain(value.list()[i]);
  return text + "]";
}

std::string answer_number_text(const Number& value, const Precision& precision) {
  switch (precision.kind) {
    case Precision::Kind::Exact:
      return format_grouped(value);
    case Precision::Kind::Decimals:
      return format_fixed(value.to_double(), precision.digits);
    case Precision::Kind::Significant:
      return format_significant(value.to_double(), precision.digits);
  }
  return format_plain(value);
}

std::string part_unit_text(const Instance& instance, std::size_t part) {
  const Exercise& exercise = *instance.exercise;
  if (exercise.symbolic) {
    std::string vars;
    for (const std::string& v : exercise.variables) vars += (vars.empty() ? "" : ", ") + v;
    return "expression in " + vars;
  }
  return part < exercise.parts.size() ? exercise.parts[part].unit_text : "";
}

std::string answer_text(const Instance& instance) {
  const Exercise& exercise = *instance.exercise;
  if (exercise.symbolic) return exercise.symbolic->text();
  std::string text;
  for (std::size_t i = 0; i < instance.answers.size() && i < exercise.parts.size(); ++i) {
    const Value& answer = instance.answers[i];
    std::string part = answer.is_number() ? answer_number_text(answer.number(), exercise.parts[i].precision)
                                          : value_text(answer);
    if (!exercise.parts[i].unit_text.empty()) part += " " + exercise.parts[i].unit_text;
    if (i > 0) text += (i + 1 == instance.answers.size()) ? " and " : ", ";
    text += part;
  }
  return text;
}

void print_question(std::ostream& out, const Instance& instance, const Style& style) {
  out << style.bold(instance.exercise->title) << '\n';
  if (!instance.exercise->formula.text.empty()) out << "  " << instance.exercise->formula.text << '\n';
  out << trim(instance.prompt) << '\n';
}

void print_solution(std::ostream& out, const Instance& instance, const Style& style) {
  out << style.bold("Answer: ") << answer_text(instance) << '\n';
  if (!instance.steps.empty()) {
    out << "Steps:\n";
    for (std::size_t i = 0; i < instance.steps.size(); ++i)
      out << "  " << i + 1 << ". " << instance.steps[i] << '\n';
  }
  const std::string rest = explanation_beyond_steps(instance);
  if (!rest.empty()) out << rest << '\n';
}

void print_verdict(std::ostream& out, const Verdict& verdict, const Style& style) {
  switch (verdict.status) {
    case Verdict::Status::Correct:
      out << style.good("Correct.") << ' ';
      break;
    case Verdict::Status::Incorrect:
      out << style.bad("Not correct.") << ' ';
      break;
    case Verdict::Status::Unreadable:
      out << "Could not read the answer: ";
      break;
  }
  out << text::printable_message(verdict.feedback) << '\n';
  if (verdict.diagnosis) out << "Hint: " << text::printable_message(*verdict.diagnosis) << '\n';
}

}  // namespace derive::cli
