#include "memplan/live_set.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "derive/first_fit.hpp"
#include "memplan/strategies.hpp"

namespace derive::memplan {
namespace {

// Online bytes alive at `step` plus the length of the union of the offline
// byte ranges alive then.
std::int64_t live_total(const Problem& problem, int step) {
  std::int64_t online = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> offline;  // [begin, end)
  for (const std::size_t i : alive_at(problem, step, /*online_only=*/false)) {
    if (problem.is_offline(i)) {
      offline.push_back({problem.offline_offset[i], problem.offline_offset[i] + problem.sizes[i]});
    } else {
      online += problem.sizes[i];
    }
  }
  std::sort(offline.begin(), offline.end());
  std::int64_t covered = 0;
  std::int64_t reached = 0;
  for (const auto& [begin, end] : offline) {
    const std::int64_t from = std::max(begin, reached);
    if (end > from) covered += end - from;
    reached = std::max(reached, end);
  }
  return online + covered;
}

Status check_range(int from, int to) {
  if (from > to || std::int64_t{to} - from >= (std::int64_t{1} << 20)) {
    return make_error("the step range " + std::to_string(from) + ".." + std::to_string(to) +
                      " must be non-empty and shorter than 2^20 steps");
  }
  return {};
}

}  // namespace

Result<LiveSetPeak> live_set_lower_bound(std::span<const BufferRequest> buffers, const PlanOptions& options) {
  DERIVE_TRY(const Problem problem, make_problem(buffers, options));
  const auto bound =
      peak_at_starts<std::int64_t>(problem.first_use, [&](int step) { return live_total(problem, step); });
  LiveSetPeak peak;
  peak.live_bytes = bound.total;
  peak.step = bound.step;
  if (bound.any) peak.alive = alive_at(problem, peak.step, /*online_only=*/false);
  peak.bytes = peak.live_bytes;
  for (std::size_t i = 0; i < problem.size(); ++i) {
    if (problem.is_offline(i) && problem.sizes[i] > 0) {
      peak.bytes = std::max(peak.bytes, problem.offline_offset[i] + problem.sizes[i]);
    }
  }
  return peak;
}

Result<std::vector<std::int64_t>> live_bytes_by_step(std::span<const BufferRequest> buffers,
                                                     const PlanOptions& options, int from, int to) {
  DERIVE_CHECK(check_range(from, to));
  DERIVE_TRY(const Problem problem, make_problem(buffers, options));
  std::vector<std::int64_t> timeline;
  timeline.reserve(static_cast<std::size_t>(to - from) + 1);
  for (int step = from;; ++step) {
    timeline.push_back(live_total(problem, step));
    if (step == to) break;
  }
  return timeline;
}

Result<std::vector<std::int64_t>> arena_high_water_by_step(std::span<const BufferRequest> buffers,
                                                           const PlanOptions& options,
                                                           std::span<const std::int64_t> offsets, int from,
                                                           int to) {
  DERIVE_CHECK(check_range(from, to));
  DERIVE_TRY(const Problem problem, make_problem(buffers, options));
  if (offsets.size() != problem.size()) {
    return make_error(std::to_string(offsets.size()) + " offsets for " + std::to_string(problem.size()) +
                      " buffers");
  }
  std::vector<std::int64_t> timeline(static_cast<std::size_t>(to - from) + 1, 0);
  for (std::size_t i = 0; i < problem.size(); ++i) {
    if (problem.sizes[i] == 0) continue;
    const int first = std::max(from, problem.first_use[i]);
    const int last = std::min(to, problem.last_use[i]);
    for (std::int64_t step = first; step <= last; ++step) {
      std::int64_t& top = timeline[static_cast<std::size_t>(step - from)];
      top = std::max(top, offsets[i] + problem.sizes[i]);
    }
  }
  return timeline;
}

}  // namespace derive::memplan
