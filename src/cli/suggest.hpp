// "Did you mean ...?" for mistyped ids, chapter names, commands, functions and
// flags, in the command line's wording; the search is text::nearest.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace derive::cli {

// "; did you mean a, b or c?" or "" when nothing is close: up to three
// candidates within an edit distance of about a third of the typed length,
// or containing the typed text (so "kv-cache" finds "llm.kv-cache").
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates);

// did_you_mean when something is close, otherwise `fallback` ("; the commands
// are ..."): one hint, never two run together.
std::string did_you_mean_or(std::string_view typed, const std::vector<std::string>& candidates,
                            const std::string& fallback);

}  // namespace derive::cli
