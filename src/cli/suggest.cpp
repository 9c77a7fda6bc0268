#include "cli/suggest.hpp"

#include <algorithm>

#include "derive/text/suggest.hpp"

namespace derive::cli {

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates) {
  // A typo of one or two characters in a short name, more in a long one.
  const text::Nearness how{std::max<std::size_t>(2, typed.size() / 3), 3, false, true};
  const std::vector<std::string_view> matches =
      text::nearest(typed, std::vector<std::string_view>(candidates.begin(), candidates.end()), how);
  if (matches.empty()) return "";
  std::string hint = "; did you mean ";
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (i > 0) hint += (i + 1 == matches.size()) ? " or " : ", ";
    hint += matches[i];
  }
  return hint + "?";
}

std::string did_you_mean_or(std::string_view typed, const std::vector<std::string>& candidates,
                            const std::string& fallback) {
  std::string hint = did_you_mean(typed, candidates);
  return hint.empty() ? fallback : hint;
}

}  // namespace derive::cli
