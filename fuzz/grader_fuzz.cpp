// Fuzzes the grader end to end over the built-in catalogue: the input is
//   exercise id \n variant \n answer [\x1f answer ...]
// (the id a real one or any text, the variant any decimal number, read modulo
// 2^64 so huge ones too, the answers split on U+001F as the browser sends
// them). The exercise is instantiated at that variant and the answers checked.
//
// Properties: a verdict always has feedback; the wrong number of answers is
// unreadable; only a wrong answer carries a diagnosis, and a diagnosis never
// states the answer; the same answers get the same verdict; verdict_json is
// JSON; valid UTF-8 answers give valid UTF-8 feedback. And the right answer is
// accepted in every form a learner may type it: the shortest digits, the
// digits at the requested precision, with the question's unit, in another unit
// of the same dimension, and anywhere inside the tolerance; while an answer
// three tolerances away is not. A symbolic answer is accepted as written, with
// a lower-case variable, and rewritten, and refused when doubled.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/exercise/json.hpp"
#include "derive/number_format.hpp"
#include "derive/units/reader.hpp"
#include "exercise/precision.hpp"
#include "fuzz_support.hpp"

namespace {

using derive::Verdict;

std::uint64_t variant_of(std::string_view line) {
  std::uint64_t v = 0;
  for (char c : line)
    if (c >= '0' && c <= '9') v = v * 10 + static_cast<std::uint64_t>(c - '0');  // wraps: modulo 2^64
  return v;
}

std::string digits(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

Verdict check_verdict(const derive::Instance& in, const std::vector<std::string>& answers) {
  const Verdict verdict = derive::check(in, answers);
  fuzz::require(!verdict.feedback.empty(), "a verdict without feedback");
  const std::size_t parts = in.exercise->symbolic ? 1 : in.exercise->parts.size();
  // One field may hold every part of a multi-part question ("3.125; 1.5",
  // "3.125, 1.5", "3.125 and 1.5": docs/grading.md), the fields after it
  // empty; any other count of answers is unreadable.
  const bool may_hold_all =
      parts > 1 && !answers.empty() &&
      std::all_of(answers.begin() + 1, answers.end(),
                  [](const std::string& a) { return a.find_first_not_of(" \t") == std::string::npos; }) &&
      (answers[0].find(';') != std::string::npos || answers[0].find(", ") != std::string::npos ||
       answers[0].find(" and ") != std::string::npos);
  if (answers.size() != parts && !may_hold_all)
    fuzz::require(verdict.status == Verdict::Status::Unreadable, "a wrong count of answers was read");
  if (verdict.diagnosis) {
    fuzz::require(verdict.status == Verdict::Status::Incorrect,
                  "a diagnosis for an answer that is not wrong");
    // The diagnosis must not give the answer away.
    for (std::size_t i = 0; i < in.answers.size(); ++i) {
      const std::string shown =
          derive::format_at_precision(in.exercise->parts[i].precision, in.answers[i].number().to_double());
      if (shown.size() >= 4)
        fuzz::require(!derive::shows_number(*verdict.diagnosis, shown), "a diagnosis states the answer",
                      *verdict.diagnosis + " / " + shown);
    }
  }
  const Verdict again = derive::check(in, answers);
  fuzz::require(again.status == verdict.status && again.feedback == verdict.feedback &&
                    again.diagnosis == verdict.diagnosis,
                "the same answers got another verdict");
  const fuzz::Json json = fuzz::require_json(derive::verdict_json(verdict), "verdict_json is not JSON");
  fuzz::require(json.get("correct") && json.get("correct")->is(fuzz::Json::Kind::Boolean) &&
                    json.get("correct")->boolean == verdict.correct(),
                "verdict_json's 'correct' is not the verdict");
  bool valid_answers = true;
  for (const std::string& a : answers) valid_answers = valid_answers && fuzz::valid_utf8(a);
  if (valid_answers)
    fuzz::require(fuzz::valid_utf8(verdict.feedback), "valid UTF-8 answers, invalid feedback",
                  verdict.feedback);
  return verdict;
}

void expect(const derive::Instance& in, const std::vector<std::string>& answers, bool correct,
            const char* what) {
  const Verdict verdict = check_verdict(in, answers);
  std::string typed;
  for (const std::string& a : answers) typed += "'" + a + "' ";
  fuzz::require(verdict.correct() == correct, what, typed + "-> " + verdict.feedback);
}

// The right answer typed as a learner might, part by part, in form `form`.
std::string right_answer(const derive::Exercise& e, std::size_t part, double answer, int form,
                         std::uint64_t pick) {
  const derive::AnswerPart& p = e.parts[part];
  switch (form) {
    case 0:
      return derive::format_shortest(answer);
    case 1:
      return derive::format_at_precision(p.precision, answer);
    case 2:
      return derive::format_at_precision(p.precision, answer) + " " + p.unit_text;
    default: {
      // In another unit of the same dimension (bytes for MB, KiB, ...).
      std::vector<derive::Unit> same;
      for (const auto& [spelling, unit] : derive::known_units(e.units))
        if (unit.dimension == p.unit.dimension && unit.scale > 0) same.push_back(unit);
      if (same.empty()) return derive::format_shortest(answer);
      const derive::Unit& unit = same[pick % same.size()];
      return digits(answer * p.unit.scale / unit.scale) + " " + unit.symbol;
    }
  }
}

void check_right_answers(const derive::Instance& in, std::uint64_t pick) {
  const derive::Exercise& e = *in.exercise;
  if (e.symbolic) {
    const std::string text = e.symbolic->text();
    expect(in, {text}, true, "the symbolic answer as written is not correct");
    std::string lower = text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    expect(in, {lower}, true, "the symbolic answer in lower case is not correct");
    expect(in, {"(" + text + ") * 3 / 3"}, true, "the symbolic answer rewritten is not correct");
    expect(in, {"2 * (" + text + ")"}, false, "twice the symbolic answer is correct");
    return;
  }
  for (int form = 0; form < 4; ++form) {
    std::vector<std::string> typed;
    for (std::size_t i = 0; i < in.answers.size(); ++i)
      typed.push_back(right_answer(e, i, in.answers[i].number().to_double(), form, pick + i));
    // A unit spelling the reader does not take is not the grader's concern.
    bool readable = true;
    for (const std::string& t : typed) readable = readable && derive::read_answer(t, e.units).ok();
    if (readable) expect(in, typed, true, "the right answer is not correct");
  }
  // Inside the tolerance, and well outside it.
  for (double k : {0.9, -0.9, 3.0, -3.0}) {
    std::vector<std::string> typed;
    for (std::size_t i = 0; i < in.answers.size(); ++i) {
      const double a = in.answers[i].number().to_double();
      const double band = derive::tolerance(e.parts[i].precision, a) + 1e-9 * std::fabs(a);
      // Every part right but the last, which is moved by k bands.
      typed.push_back(digits(i + 1 == in.answers.size() ? a + k * band : a));
    }
    expect(in, typed, std::fabs(k) < 1,
           std::fabs(k) < 1 ? "an answer inside the tolerance is not correct"
                            : "an answer three tolerances away is correct");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string id(fuzz::next_line(rest));
  const std::uint64_t variant = variant_of(fuzz::next_line(rest));
  const std::vector<std::string> answers = fuzz::split_answers(rest);

  const derive::Exercise* exercise = derive::builtin_catalogue().find(id);
  if (!exercise) return 0;  // unknown ids: the web API target checks their errors
  auto instance = derive::instantiate(*exercise, variant);
  if (!instance) {
    fuzz::require(instance.error().message.find("no sensible variant") != std::string::npos,
                  "a built-in exercise fails to instantiate", instance.error().message);
    return 0;
  }
  check_verdict(*instance, answers);
  check_right_answers(*instance, variant + size);
  return 0;
}
