#include "cli/suggest.hpp"

#include <algorithm>
#include <numeric>

namespace derive::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // One row of the dynamic-programming table is enough.
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> closest_matches(std::string_view typed, const std::vector<std::string>& candidates,
                                         std::size_t limit) {
  // A typo of one or two characters in a short name, more in a long one.
  const std::size_t threshold = std::max<std::size_t>(2, typed.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const std::string& candidate : candidates) {
    std::size_t distance = edit_distance(typed, candidate);
    // A fragment of the id ("kv-cache") is as good as a near miss.
    if (typed.size() >= 3 && candidate.find(typed) != std::string::npos)
      distance = std::min<std::size_t>(distance, 1);
    if (distance <= threshold) scored.emplace_back(distance, candidate);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (const auto& entry : scored) {
    if (out.size() == limit) break;
    out.push_back(entry.second);
  }
  return out;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates) {
  const std::vector<std::string> matches = closest_matches(typed, candidates);
  if (matches.empty()) return "";
  std::string text = "; did you mean ";
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (i > 0) text += (i + 1 == matches.size()) ? " or " : ", ";
    text += matches[i];
  }
  return text + "?";
}

std::string did_you_mean_or(std::string_view typed, const std::vector<std::string>& candidates,
                            const std::string& fallback) {
  std::string hint = did_you_mean(typed, candidates);
  return hint.empty() ? fallback : hint;
}

}  // namespace derive::cli
