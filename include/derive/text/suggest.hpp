// "Did you mean ...?": the candidates nearest to a mistyped name, for the
// command line (ids, chapters, commands, functions, flags) and the expression
// language (names and functions). The work is bounded by the distance allowed,
// never by the length of what was typed.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace derive::text {

struct Nearness {
  std::size_t max_distance = 2;  // edits (insert, delete, substitute) allowed
  std::size_t count = 1;         // how many candidates to return at most
  bool ignore_case = false;      // compare ASCII letters without case ("c" finds "C")
  // A candidate containing the typed text (3 bytes or more) counts as one edit
  // away, so "kv-cache" finds "llm.kv-cache".
  bool fragments = false;
};

// Levenshtein distance between `a` and `b`, byte-wise; any distance above
// `limit` is returned as limit + 1. Costs O(limit × length), and nothing when
// the lengths alone differ by more than `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit,
                          bool ignore_case = false);

// Up to how.count candidates within how.max_distance of `typed`, nearest
// first (ties in the candidates' order); a candidate equal to `typed` is not
// a suggestion.
std::vector<std::string_view> nearest(std::string_view typed, const std::vector<std::string_view>& candidates,
                                      const Nearness& how);

}  // namespace derive::text
