// "Did you mean ...?" for mistyped ids, chapter names and function names.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace derive::cli {

// Levenshtein distance (insertions, deletions, substitutions), byte-wise.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `limit` candidates close to `typed`, closest first: those within an edit
// distance of about a third of the typed length, plus those that contain the
// typed text (so "kv-cache" finds "llm.kv-cache").
std::vector<std::string> closest_matches(std::string_view typed, const std::vector<std::string>& candidates,
                                         std::size_t limit = 3);

// "; did you mean a, b or c?" or "" when nothing is close.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates);

// did_you_mean when something is close, otherwise `fallback` ("; the commands
// are ..."): one hint, never two run together.
std::string did_you_mean_or(std::string_view typed, const std::vector<std::string>& candidates,
                            const std::string& fallback);

}  // namespace derive::cli
