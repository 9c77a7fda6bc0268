#include "derive/arena.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/checks.hpp"
#include "derive/first_fit.hpp"

namespace derive {
namespace {

constexpr checks::Checker check{};

// Each element finite, and >= 0 where a size is meant.
Status require_list(const char* function, const char* name, const std::vector<double>& values,
                    bool non_negative) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string element = std::string(name) + "[" + std::to_string(i) + "]";
    DERIVE_CHECK(non_negative ? check.non_negative(function, element.c_str(), values[i])
                              : check.finite(function, element.c_str(), values[i]));
  }
  return {};
}

Status check_buffers(const char* function, const std::vector<double>& sizes,
                     const std::vector<double>& first_use, const std::vector<double>& last_use) {
  if (sizes.empty()) return checks::fail(function, "sizes must not be empty");
  DERIVE_CHECK(check.same_length(function, "sizes", sizes.size(), "first_use", first_use.size()));
  DERIVE_CHECK(check.same_length(function, "sizes", sizes.size(), "last_use", last_use.size()));
  DERIVE_CHECK(require_list(function, "sizes", sizes, true));
  DERIVE_CHECK(require_list(function, "first_use", first_use, false));
  DERIVE_CHECK(require_list(function, "last_use", last_use, false));
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (first_use[i] > last_use[i])
      return checks::fail(function, "buffer " + std::to_string(i) + " ends (step " + check.text(last_use[i]) +
                                        ") before it starts (step " + check.text(first_use[i]) + ")");
  }
  return {};
}

bool overlap_in_time(const std::vector<double>& first_use, const std::vector<double>& last_use, std::size_t a,
                     std::size_t b) {
  return first_use[a] <= last_use[b] && first_use[b] <= last_use[a];
}

}  // namespace

Result<std::vector<double>> first_fit_offsets(const std::vector<double>& sizes,
                                              const std::vector<double>& first_use,
                                              const std::vector<double>& last_use) {
  DERIVE_CHECK(check_buffers("first_fit_offsets", sizes, first_use, last_use));
  std::vector<std::size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  sort_largest_first_later_first<double>(order, sizes);
  const auto overlaps = [&](std::size_t a, std::size_t b) {
    return overlap_in_time(first_use, last_use, a, b);
  };
  FirstFitPacker<double, decltype(overlaps)> packer(sizes, overlaps);
  for (const std::size_t wanted : order) packer.place(wanted, packer.first_fit(wanted));
  return packer.offsets();
}

Result<double> first_fit_arena_bytes(const std::vector<double>& sizes, const std::vector<double>& first_use,
                                     const std::vector<double>& last_use) {
  DERIVE_TRY(const std::vector<double> offsets, first_fit_offsets(sizes, first_use, last_use));
  double arena = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) arena = std::max(arena, offsets[i] + sizes[i]);
  return arena;
}

Result<double> live_set_peak_bytes(const std::vector<double>& sizes, const std::vector<double>& first_use,
                                   const std::vector<double>& last_use) {
  DERIVE_CHECK(check_buffers("live_set_peak_bytes", sizes, first_use, last_use));
  const auto live_at = [&](double step) {
    double live = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i)
      if (first_use[i] <= step && step <= last_use[i]) live += sizes[i];
    return live;
  };
  return peak_at_starts<double>(first_use, live_at).total;
}

}  // namespace derive
