// The grader: reads what a learner typed for each part of an instance, converts
// units, judges against the requested precision, and diagnoses likely slips.
// The tolerance rule is documented in docs/grading.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "derive/exercise/exercise.hpp"

namespace derive {

struct Verdict {
  enum class Status { Correct, Incorrect, Unreadable };
  Status status = Status::Incorrect;
  // What was read and the verdict, per part: "read as 268.4 MB: correct."
  std::string feedback;
  // For a wrong answer, the likely slip without the answer: "That is half the
  // right value: the cache holds both K and V." Absent when nothing matched.
  std::optional<std::string> diagnosis;
  bool correct() const { return status == Status::Correct; }
};

// `answers` holds one text per part (one for a symbolic exercise). Unreadable
// input (or the wrong number of parts) gives Status::Unreadable with a message
// saying what could not be read; it is not a wrong attempt.
Verdict check(const Instance& instance, const std::vector<std::string>& answers);

}  // namespace derive
