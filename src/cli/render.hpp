// Plain-text views of exercises, solutions and verdicts, shared by
// `derive exercise show/check` and `derive practice`.
#pragma once

#include <ostream>
#include <string>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/value.hpp"

namespace derive::cli {

// ANSI emphasis, only when writing to a terminal: pipes and files stay plain.
struct Style {
  bool color = false;
  static Style for_stdout();
  std::string bold(const std::string& text) const;
  std::string good(const std::string& text) const;  // green
  std::string bad(const std::string& text) const;   // red
};

// A value as a person reads it: grouped numbers, lists as [1, 2], true/false.
std::string value_text(const Value& value);
// An answer number at the precision its part asks for: "13.6", "131,328".
std::string answer_number_text(const Number& value, const Precision& precision);
// The whole answer with units: "13.6 MB", "6.25 MMACs and 1.5 MB", "1/C".
std::string answer_text(const Instance& instance);
// What part `part` asks for, for prompts: "MB", "expression in C".
std::string part_unit_text(const Instance& instance, std::size_t part);

// "<title>\n<prompt>\n": the question as the learner sees it.
void print_question(std::ostream& out, const Instance& instance, const Style& style);
// The answer, the numbered worked steps, and any remark or seed note.
void print_solution(std::ostream& out, const Instance& instance, const Style& style);
// "Correct." / "Not correct." / "Could not read the answer." with the
// grader's feedback and, when there is one, its diagnosis.
void print_verdict(std::ostream& out, const Verdict& verdict, const Style& style);

}  // namespace derive::cli
