// What `derive lint` and `derive author` share: reading a catalogue file and
// printing lint problems as file:line: message.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "derive/result.hpp"

namespace derive::cli {

// The file's bytes, or "cannot read NAME[: not a file]".
Result<SourceFile> read_source(const std::string& name);

// One line per issue, "file:line: message" (no ":line" when the line is
// unknown), with the catalogue's escapes made printable; then, when there are
// issues, "N problems in M files".
void print_issues(std::ostream& out, const std::vector<LintIssue>& issues);

}  // namespace derive::cli
