#include "expr/suggest.hpp"

#include "derive/text/suggest.hpp"

namespace derive::expr {

std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates) {
  const text::Nearness how{name.size() <= 4 ? 1u : 2u, 1, true, false};
  const auto best = text::nearest(name, candidates, how);
  return best.empty() ? "" : "; did you mean '" + std::string(best.front()) + "'?";
}

}  // namespace derive::expr
