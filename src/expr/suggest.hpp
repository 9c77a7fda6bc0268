// "Did you mean" for misspelt names: the closest candidate by edit distance,
// compared without case so that "c" finds "C".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace derive::expr {

// The candidate nearest to `name` when it is close enough to be a likely typo
// (at most 1 edit for names up to 4 characters, 2 beyond), else "".
std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates);

// "; did you mean 'x'?" or "" when nothing is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace derive::expr
