// The live-set lower bound and the memory timeline.
//
// At any step, every buffer alive then needs its own bytes, so no plan can use
// fewer bytes than the largest total alive at one step (Pisarchyk & Lee 2020,
// arXiv 2001.03288, use the same bound to judge their strategies). With
// offline buffers the bound counts the bytes the offline plan covers at that
// step once (offline buffers may share bytes on purpose), adds the online
// buffers alive then, and is at least the highest byte of any offline buffer.
// The bound is not always reachable: fragmentation can force any placement
// above it.
#pragma once

#include <span>
#include <vector>

#include "memplan/buffers.hpp"

namespace derive::memplan {

struct LiveSetPeak {
  std::int64_t bytes = 0;          // the lower bound on any plan's arena_bytes
  std::int64_t live_bytes = 0;     // the largest live total (bytes, unless an offline buffer ends higher)
  int step = 0;                    // the first step where the live total is live_bytes
  std::vector<std::size_t> alive;  // the buffers alive at that step, by index
};

// Aligned sizes as the plans use them. For no buffers: all zero.
Result<LiveSetPeak> live_set_lower_bound(std::span<const BufferRequest> buffers,
                                         const PlanOptions& options = {});

// The live total (as in the bound) at every step from `from` to `to`
// inclusive: the memory timeline for one inference.
// REQUIRES: from <= to, to - from < 2^20.
Result<std::vector<std::int64_t>> live_bytes_by_step(std::span<const BufferRequest> buffers,
                                                     const PlanOptions& options, int from, int to);

// For one plan, the highest byte in use at every step from `from` to `to`
// (max of offset + aligned size over the buffers alive then; 0 when none is):
// how far up the arena that step reaches. Its maximum is the plan's arena.
// REQUIRES: offsets.size() == buffers.size(); from <= to, to - from < 2^20.
Result<std::vector<std::int64_t>> arena_high_water_by_step(std::span<const BufferRequest> buffers,
                                                           const PlanOptions& options,
                                                           std::span<const std::int64_t> offsets, int from,
                                                           int to);

}  // namespace derive::memplan
