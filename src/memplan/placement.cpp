// Pieces the strategies share: the best-fit packer, stacking shared objects
// into offsets, and the live sets of a problem.
#include <algorithm>
#include <limits>

#include "memplan/strategies.hpp"

namespace derive::memplan {

BestFitPacker::BestFitPacker(const Problem& problem) : problem_(problem), offsets_(problem.size(), 0) {
  by_offset_.reserve(problem.size());
}

void BestFitPacker::place_offline() {
  for (std::size_t i = 0; i < problem_.size(); ++i) {
    if (problem_.is_offline(i)) place(i, problem_.offline_offset[i]);
  }
}

// greedy_by_size_assignment.cc: walk the placed buffers in offset order,
// skipping those whose lifetimes do not intersect; `low` is the highest end
// of the intersecting ones so far, so [low, offset) before each intersecting
// buffer is free for the whole lifetime. The smallest such gap that fits
// wins (the first of equal ones); else the buffer goes at the final `low`.
std::int64_t BestFitPacker::best_fit(std::size_t i) const {
  constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::max();
  std::int64_t best_gap = kNone;
  std::int64_t best_offset = kNone;
  std::int64_t low = 0;
  for (const std::size_t placed : by_offset_) {
    if (!problem_.overlap_in_time(placed, i)) continue;
    const std::int64_t offset = offsets_[placed];
    if (offset >= low) {
      const std::int64_t gap = offset - low;
      if (gap >= problem_.sizes[i] && gap < best_gap) {
        best_gap = gap;
        best_offset = low;
      }
    }
    low = std::max(low, offset + problem_.sizes[placed]);
  }
  return best_offset == kNone ? low : best_offset;
}

void BestFitPacker::place(std::size_t i, std::int64_t offset) {
  offsets_[i] = offset;
  const auto position =
      std::upper_bound(by_offset_.begin(), by_offset_.end(), offset,
                       [&](std::int64_t value, std::size_t placed) { return value < offsets_[placed]; });
  by_offset_.insert(position, i);
}

std::vector<std::int64_t> stack_objects(const Problem& problem, const ObjectAssignment& assignment) {
  std::int64_t base = 0;
  for (std::size_t i = 0; i < problem.size(); ++i) {
    if (problem.is_offline(i)) base = std::max(base, problem.offline_offset[i] + problem.sizes[i]);
  }
  // Offline offsets need not be aligned; the stacked objects must be.
  base = (base + problem.alignment - 1) / problem.alignment * problem.alignment;
  std::vector<std::int64_t> object_offset(assignment.object_bytes.size());
  for (std::size_t object = 0; object < object_offset.size(); ++object) {
    object_offset[object] = base;
    base += assignment.object_bytes[object];
  }
  std::vector<std::int64_t> offsets(problem.size(), 0);
  for (std::size_t i = 0; i < problem.size(); ++i) {
    offsets[i] = problem.is_offline(i) ? problem.offline_offset[i] : object_offset[assignment.object_of[i]];
  }
  return offsets;
}

std::vector<std::size_t> online_in_first_use_order(const Problem& problem) {
  std::vector<std::size_t> order;
  order.reserve(problem.size());
  for (std::size_t i = 0; i < problem.size(); ++i) {
    if (!problem.is_offline(i)) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return problem.first_use[a] < problem.first_use[b]; });
  return order;
}

std::vector<int> event_steps(const Problem& problem) {
  std::vector<int> steps;
  steps.reserve(2 * problem.size());
  int latest = std::numeric_limits<int>::min();
  for (std::size_t i = 0; i < problem.size(); ++i) latest = std::max(latest, problem.last_use[i]);
  for (std::size_t i = 0; i < problem.size(); ++i) {
    steps.push_back(problem.first_use[i]);
    // The step after the last use changes the live set only if anything can
    // still be alive then (and last_use + 1 cannot overflow below `latest`).
    if (problem.last_use[i] < latest) steps.push_back(problem.last_use[i] + 1);
  }
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  return steps;
}

std::vector<std::size_t> alive_at(const Problem& problem, int step, bool online_only) {
  std::vector<std::size_t> alive;
  for (std::size_t i = 0; i < problem.size(); ++i) {
    if (online_only && problem.is_offline(i)) continue;
    if (problem.first_use[i] <= step && step <= problem.last_use[i]) alive.push_back(i);
  }
  return alive;
}

std::vector<std::vector<std::size_t>> live_sets_by_breadth(const Problem& problem) {
  struct Profile {
    std::int64_t breadth = 0;
    std::vector<std::size_t> buffers;
  };
  std::vector<Profile> profiles;
  for (const int step : event_steps(problem)) {
    Profile profile{0, alive_at(problem, step, /*online_only=*/true)};
    for (const std::size_t i : profile.buffers) profile.breadth += problem.sizes[i];
    std::stable_sort(profile.buffers.begin(), profile.buffers.end(),
                     [&](std::size_t a, std::size_t b) { return problem.sizes[a] > problem.sizes[b]; });
    profiles.push_back(std::move(profile));
  }
  std::stable_sort(profiles.begin(), profiles.end(),
                   [](const Profile& a, const Profile& b) { return a.breadth > b.breadth; });
  std::vector<std::vector<std::size_t>> sets;
  sets.reserve(profiles.size());
  for (Profile& profile : profiles) sets.push_back(std::move(profile.buffers));
  return sets;
}

}  // namespace derive::memplan
