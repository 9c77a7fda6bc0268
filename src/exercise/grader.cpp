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
std::string shown(double value, const AnswerPart& part) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  std::string number = format_grouped(Number::from_double(std::strtod(buffer, nullptr)));
  if (part.unit_text == "%") return number + "%";
  if (is_kind_word(part.unit)) return number;
  return number + " " + part.unit_text;
}

// "Read as 13.6 MB", or, when the learner's form was not a plain number,
// "Read 8/255 as 0.03137" and "Read as 14.45 MMACs (a bare 'M' multiplies
// the base unit)".
std::string read_as(const ReadAnswer& read, double typed, const AnswerPart& part) {
  if (!read.arithmetic.empty()) {
    std::string out = "Read " + text::printable(read.arithmetic) + " as " + shown(typed, part);
    if (!read.unit_text.empty()) out += " (with its unit " + read.unit_text + ")";
    return out;
  }
  std::string out = "Read as " + shown(typed, part);
  if (read.prefixed) return out + " (a bare '" + read.prefix + "' multiplies the base unit)";
  if (read.unit && !read.unit_text.empty() && read.unit_text != read.unit->symbol)
    out += " ('" + read.unit_text + "' taken as " + read.unit->symbol + ")";
  return out;
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
  const auto converted = value_in(*read, part.unit, text, e.units);
  if (!converted) {
    result.status = Verdict::Status::Unreadable;
    result.feedback = converted.error().message;
    return result;
  }
  const double typed = *converted;
  const double answer = in.answers[index].number().to_double();
  const std::string read_text = read_as(*read, typed, part);
  if (within_precision(part.precision, answer, typed)) {
    result.status = Verdict::Status::Correct;
    result.feedback = read_text + ": correct.";
    return result;
  }
  result.feedback = read_text + ": not correct.";
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

// Several answers typed in one field: "3.125, 1.5", "3.125 MMACs; 1.5 MB",
// "3.125 and 1.5". A semicolon, the word "and" between spaces, or a comma
// followed by a space separates parts; a comma between digits is digit
// grouping (131,328) and never separates. docs/grading.md states the rule.
std::vector<std::string> split_parts(const std::string& text) {
  std::vector<std::string> pieces(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool semicolon = text[i] == ';';
    const bool comma = text[i] == ',' && i + 1 < text.size() && text[i + 1] == ' ';
    const bool word = text.compare(i, 5, " and ") == 0;
    if (semicolon || comma || word) {
      pieces.emplace_back();
      if (word) i += 4;
      continue;
    }
    pieces.back() += text[i];
  }
  return pieces;
}

// The answers as parts: as given, or split from the one field the learner
// filled when that gives exactly the number of parts asked.
std::vector<std::string> answers_by_part(const std::vector<std::string>& answers, std::size_t parts) {
  if (parts < 2 || answers.empty()) return answers;
  for (std::size_t i = 1; i < answers.size(); ++i)
    if (answers[i].find_first_not_of(" \t") != std::string::npos) return answers;
  if (answers.size() != 1 && answers.size() != parts) return answers;
  std::vector<std::string> pieces = split_parts(answers[0]);
  return pieces.size() == parts ? pieces : answers;
}

}  // namespace

Verdict check(const Instance& instance, const std::vector<std::string>& typed_answers) {
  const Exercise& e = *instance.exercise;
  Verdict verdict;
  const std::size_t parts = e.symbolic ? 1 : e.parts.size();
  const std::vector<std::string> answers = answers_by_part(typed_answers, parts);
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
