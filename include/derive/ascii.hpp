// ASCII case folding for the words derive compares (HTTP tokens, file
// extensions, config families, ratings, commands, catalogue prose checks):
// every layer folds the same way, independent of the C locale.
#pragma once

#include <string>
#include <string_view>

namespace derive {

// `text` with A-Z turned into a-z; every other byte, UTF-8 included, unchanged.
std::string ascii_lower(std::string_view text);

}  // namespace derive
