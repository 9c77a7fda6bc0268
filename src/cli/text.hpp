// Small string helpers shared by the subcommands.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace derive::cli {

// Without leading and trailing spaces, tabs, carriage returns and newlines.
std::string trim(std::string_view text);
// "a, b, c".
std::string join(const std::vector<std::string>& words);
// "1 file", "2 files": counts in summaries.
std::string count_text(std::size_t n, const char* word);

}  // namespace derive::cli
