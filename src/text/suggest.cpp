#include "derive/text/suggest.hpp"

#include <algorithm>

namespace derive::text {
namespace {

char fold(char c, bool ignore_case) {
  return ignore_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit, bool ignore_case) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > limit) return limit + 1;
  // Only cells within `limit` of the diagonal can stay within `limit`: one
  // row of that band, the cells outside it held at limit + 1.
  const std::size_t over = limit + 1;
  std::vector<std::size_t> row(b.size() + 1, over);
  for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t from = i > limit ? i - limit : 1;
    const std::size_t to = std::min(b.size(), i + limit);
    std::size_t diagonal = row[from - 1];
    row[from - 1] = i <= limit ? i : over;
    std::size_t best = row[from - 1];
    for (std::size_t j = from; j <= to; ++j) {
      const std::size_t above = row[j];
      const std::size_t substitute =
          diagonal + (fold(a[i - 1], ignore_case) == fold(b[j - 1], ignore_case) ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute, over});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit) return over;  // every path from here costs more
  }
  return std::min(row[b.size()], over);
}

std::vector<std::string_view> nearest(std::string_view typed, const std::vector<std::string_view>& candidates,
                                      const Nearness& how) {
  std::vector<std::pair<std::size_t, std::string_view>> scored;
  for (std::string_view candidate : candidates) {
    if (candidate == typed) continue;
    std::size_t distance = edit_distance(typed, candidate, how.max_distance, how.ignore_case);
    if (how.fragments && typed.size() >= 3 && candidate.find(typed) != std::string_view::npos)
      distance = std::min<std::size_t>(distance, 1);
    if (distance <= how.max_distance) scored.emplace_back(distance, candidate);
  }
  // The nearest, first of equals first, how.count times (a selection, not a
  // sort: count is small, and a stable sort costs the WebAssembly build 3 KB).
  std::vector<std::string_view> out;
  while (out.size() < how.count && !scored.empty()) {
    auto best = scored.begin();
    for (auto it = scored.begin(); it != scored.end(); ++it)
      if (it->first < best->first) best = it;
    out.push_back(best->second);
    scored.erase(best);
  }
  return out;
}

}  // namespace derive::text
