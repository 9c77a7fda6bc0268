// An overlap checker that trusts no planner: given the original requests and a
// placement, it recomputes every aligned size itself and tests every pair.
// A plan's `checked` field is this checker's verdict.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "memplan/buffers.hpp"

namespace derive::memplan {

struct CheckReport {
  // Everything wrong with the placement, one sentence each, naming the
  // buffers ("buffers 2 (\"a\") and 5 (\"b\") are both alive at steps 3..4 and
  // share bytes 48..63"). Empty: the placement is valid.
  std::vector<std::string> problems;
  // Pairs of offline buffers that share bytes while both are alive. The model's
  // offline plan put them there (TFLM's own tests do this for a scratch input
  // that aliases another input); no planner can move them, so these are
  // reported but are not problems of the plan.
  std::vector<std::pair<std::size_t, std::size_t>> offline_overlaps;
  bool ok() const { return problems.empty(); }
};

// Checks that offsets has one entry per buffer; every offline buffer is at its
// offline offset; every other offset is >= 0 and a multiple of the alignment
// (unless some offline offset is not a multiple of it: planners place online
// buffers flush against offline ones, as TFLM does, so a misaligned offline
// plan misaligns its neighbours);
// no two buffers whose [first_use, last_use] intersect share a byte (aligned
// sizes; zero-byte buffers share nothing), unless both are offline; and
// arena_bytes == max(offset + aligned size) over buffers of nonzero size. O(n^2) on purpose: simple enough
// to trust. Reports at most 20 problems.
CheckReport check_plan(std::span<const BufferRequest> buffers, const PlanOptions& options,
                       std::span<const std::int64_t> offsets, std::int64_t arena_bytes);

}  // namespace derive::memplan
