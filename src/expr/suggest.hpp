// "Did you mean" for misspelt names in expressions, compared without case so
// that "c" finds "C"; the search is text::nearest.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace derive::expr {

// "; did you mean 'x'?" for the candidate nearest to `name` when it is close
// enough to be a likely typo (at most 1 edit for names up to 4 characters, 2
// beyond), or "".
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace derive::expr
