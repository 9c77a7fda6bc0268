#include "memplan/check.hpp"

#include <algorithm>

namespace derive::memplan {
namespace {

constexpr std::size_t kMaxProblems = 20;

std::string label(std::span<const BufferRequest> buffers, std::size_t i) {
  std::string text = std::to_string(i);
  if (!buffers[i].name.empty()) text += " (\"" + buffers[i].name + "\")";
  return text;
}

}  // namespace

CheckReport check_plan(std::span<const BufferRequest> buffers, const PlanOptions& options,
                       std::span<const std::int64_t> offsets, std::int64_t arena_bytes) {
  CheckReport report;
  auto problem = [&](std::string text) {
    if (report.problems.size() < kMaxProblems) report.problems.push_back(std::move(text));
  };
  const std::int64_t alignment = options.alignment_bytes;
  if (alignment < 1 || (alignment & (alignment - 1)) != 0) {
    problem("alignment " + std::to_string(alignment) + " is not a power of two");
    return report;
  }
  if (offsets.size() != buffers.size()) {
    problem(std::to_string(offsets.size()) + " offsets for " + std::to_string(buffers.size()) + " buffers");
    return report;
  }
  std::vector<std::int64_t> size(buffers.size());
  std::int64_t high_water = 0;
  // An offline offset off the alignment moves the online buffers planned next
  // to it off the alignment too (TFLM's planner does not round): then only
  // non-negative offsets are required.
  const bool offline_aligned = std::all_of(buffers.begin(), buffers.end(), [&](const BufferRequest& b) {
    return !b.offline_offset || *b.offline_offset % alignment == 0;
  });
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    if (buffers[i].bytes < 0 || buffers[i].bytes > kMaxBufferBytes || offsets[i] > (std::int64_t{1} << 62)) {
      problem("buffer " + label(buffers, i) + ": its size or offset is out of range");
      return report;
    }
    size[i] = (buffers[i].bytes + alignment - 1) / alignment * alignment;
    if (buffers[i].offline_offset) {
      if (offsets[i] != *buffers[i].offline_offset) {
        problem("buffer " + label(buffers, i) + " is at offset " + std::to_string(offsets[i]) +
                ", not at its offline offset " + std::to_string(*buffers[i].offline_offset));
      }
    } else if (offsets[i] < 0 || (offline_aligned && offsets[i] % alignment != 0)) {
      problem("buffer " + label(buffers, i) + " is at offset " + std::to_string(offsets[i]) +
              ", which is not a non-negative multiple of " + std::to_string(alignment));
    }
    if (size[i] > 0) high_water = std::max(high_water, offsets[i] + size[i]);
  }
  if (arena_bytes != high_water) {
    problem("the plan claims an arena of " + std::to_string(arena_bytes) + " bytes but its buffers end at " +
            std::to_string(high_water));
  }
  for (std::size_t a = 0; a < buffers.size(); ++a) {
    for (std::size_t b = a + 1; b < buffers.size(); ++b) {
      const int first = std::max(buffers[a].first_use, buffers[b].first_use);
      const int last = std::min(buffers[a].last_use, buffers[b].last_use);
      if (first > last || size[a] == 0 || size[b] == 0) continue;
      const std::int64_t low = std::max(offsets[a], offsets[b]);
      const std::int64_t high = std::min(offsets[a] + size[a], offsets[b] + size[b]);
      if (low >= high) continue;
      if (buffers[a].offline_offset && buffers[b].offline_offset) {
        report.offline_overlaps.push_back({a, b});
        continue;
      }
      problem("buffers " + label(buffers, a) + " and " + label(buffers, b) + " are both alive at steps " +
              std::to_string(first) + ".." + std::to_string(last) + " and share bytes " +
              std::to_string(low) + ".." + std::to_string(high - 1));
    }
  }
  return report;
}

}  // namespace derive::memplan
