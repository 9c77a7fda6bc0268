#include "derive/exercise/grader.hpp"

#include <cctype>
#include <cmath>

#include "derive/number_format.hpp"
#include "derive/text/echo.hpp"
#include "derive/units/reader.hpp"
#include "exercise/diagnosis.hpp"
#include "exercise/precision.hpp"

namespace derive {
namespace {

// Words that name a dimensionless answer; "read as 7.9", not "read as 7.9 ratio".
bool is_bare_word(const std::string& unit) {
  static const char* kWords[] = {"ratio", "factor",   "log10", "probability", "reward",
                                 "loss",  "gradient", "float", "integer",     ""};
  for (const char* w : kWords)
    if (unit == w) return true;
  return false;
}

// Plain numbers of any kind (a count, a ratio, a percentage) convert freely:
// "50%" answers a ratio question as 0.5, "0.5" a percent one as 0.5 %.
bool compatible(Dimension typed, Dimension asked) {
  auto plain = [](Dimension d) {
    return d == Dimension::Count || d == Dimension::Dimensionless || d == Dimension::Percent;
  };
  return typed == asked || (plain(typed) && plain(asked));
}

// The learner's value as we read it, in the question's unit, for feedback:
// up to 10 significant figures, no float noise.
std::string shown(double value, const std::string& unit) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  std::string number = format_grouped(Number::from_double(std::strtod(buffer, nullptr)));
  if (unit == "%") return number + "%";
  if (is_bare_word(unit)) return number;
  return number + " " + unit;
}

struct PartResult {
  Verdict::Status status = Verdict::Status::Incorrect;
  std::string feedback;
  std::optional<std::string> diagnosis;
};

PartResult check_number(const Instance& in, std::size_t index, const std::string& text) {
  const Exercise& e = *in.exercise;
  const AnswerPart& part = e.parts[index];
  PartResult result;
  auto read = read_answer(text, e.units);
  if (!read) {
    result.status = Verdict::Status::Unreadable;
    result.feedback = read.error().message;
    return result;
  }
  const Dimension asked = part.unit.dimension;
  if (read->unit && !compatible(read->unit->dimension, asked)) {
    const Unit& unit = *read->unit;
    result.feedback = "Read as " + format_grouped(Number::from_double(read->value)) + " " + unit.symbol +
                      ": that is " + dimension_name(unit.dimension) + ", but the question asks for " +
                      dimension_name(asked) + " (" + part.unit_text + ").";
    const bool ops = (unit.dimension == Dimension::Macs && asked == Dimension::Flops) ||
                     (unit.dimension == Dimension::Flops && asked == Dimension::Macs);
    if (ops) result.diagnosis = "MACs and FLOPs are different units: one MAC is two FLOPs.";
    return result;
  }
  const auto converted = value_in(*read, part.unit, text);
  if (!converted) {
    result.status = Verdict::Status::Unreadable;
    result.feedback = converted.error().message;
    return result;
  }
  const double typed = *converted;
  const double answer = in.answers[index].number().to_double();
  std::string read_as = "Read as " + shown(typed, part.unit_text);
  if (read->unit && !read->unit_text.empty() && read->unit_text != read->unit->symbol) {
    read_as += " ('" + read->unit_text + "' taken as " + read->unit->symbol + ")";
  }
  if (within_precision(part.precision, answer, typed)) {
    result.status = Verdict::Status::Correct;
    result.feedback = read_as + ": correct.";
    return result;
  }
  result.feedback = read_as + ": not correct.";
  result.diagnosis = diagnose(in, index, typed);
  return result;
}

PartResult check_symbolic(const Instance& in, const std::string& text) {
  const Exercise& e = *in.exercise;
  PartResult result;
  auto typed = Expression::parse(text);
  if (!typed) {
    result.status = Verdict::Status::Unreadable;
    result.feedback =
        "Could not read '" + text::printable(text) + "' as an expression: " + typed.error().message;
    return result;
  }
  std::string vars;
  for (const std::string& v : e.variables) vars += (vars.empty() ? "" : ", ") + v;
  for (const auto& name : typed->names()) {
    bool known = false;
    for (const std::string& v : e.variables) known = known || v == name;
    if (!known) {
      result.status = Verdict::Status::Unreadable;
      result.feedback =
          "'" + name + "' is not a variable of this question: write the answer in terms of " + vars + ".";
      return result;
    }
  }
  const std::string read_as = "Read as the expression " + typed->text();
  if (same_function(*e.symbolic, *typed, e.variables)) {
    result.status = Verdict::Status::Correct;
    result.feedback = read_as + ": correct.";
    return result;
  }
  result.feedback = read_as + ": not correct.";
  result.diagnosis = diagnose_symbolic(in, *typed);
  return result;
}

// Variables are usually written in capitals ("C"); accept "c" for "C" when the
// exercise has no other variable of that spelling.
std::string normalize_variables(const Exercise& e, const std::string& text) {
  std::string out = text;
  for (const std::string& v : e.variables) {
    if (v.size() != 1) continue;
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(v[0])));
    if (lower == v[0]) continue;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const bool alone = (i == 0 || !std::isalnum(static_cast<unsigned char>(out[i - 1]))) &&
                         (i + 1 == out.size() || !std::isalnum(static_cast<unsigned char>(out[i + 1])));
      if (out[i] == lower && alone) out[i] = v[0];
    }
  }
  return out;
}

}  // namespace

Verdict check(const Instance& instance, const std::vector<std::string>& answers) {
  const Exercise& e = *instance.exercise;
  Verdict verdict;
  const std::size_t parts = e.symbolic ? 1 : e.parts.size();
  if (answers.size() != parts) {
    verdict.status = Verdict::Status::Unreadable;
    std::string units;
    for (const AnswerPart& p : e.parts) units += (units.empty() ? "" : ", ") + p.unit_text;
    verdict.feedback = "This question has " + std::to_string(parts) + (parts == 1 ? " part" : " parts") +
                       (units.empty() ? "" : " (" + units + ")") + "; got " + std::to_string(answers.size()) +
                       (answers.size() == 1 ? " answer." : " answers.");
    return verdict;
  }
  std::vector<PartResult> results;
  if (e.symbolic) {
    results.push_back(check_symbolic(instance, normalize_variables(e, answers[0])));
  } else {
    for (std::size_t i = 0; i < parts; ++i) results.push_back(check_number(instance, i, answers[i]));
  }
  bool all_correct = true, unreadable = false;
  std::string diagnosis;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const PartResult& r = results[i];
    const std::string label = parts > 1 ? "Part " + std::to_string(i + 1) + ": " : "";
    verdict.feedback += (verdict.feedback.empty() ? "" : " ") + label + r.feedback;
    if (r.diagnosis) diagnosis += (diagnosis.empty() ? "" : " ") + label + *r.diagnosis;
    all_correct = all_correct && r.status == Verdict::Status::Correct;
    unreadable = unreadable || r.status == Verdict::Status::Unreadable;
  }
  verdict.status = unreadable    ? Verdict::Status::Unreadable
                   : all_correct ? Verdict::Status::Correct
                                 : Verdict::Status::Incorrect;
  if (!diagnosis.empty() && verdict.status == Verdict::Status::Incorrect) verdict.diagnosis = diagnosis;
  return verdict;
}

}  // namespace derive
