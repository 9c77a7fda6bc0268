// The placement primitives behind every first-fit arena in derive: the
// exercises' first_fit_offsets (derive/arena.hpp, sizes as doubles in any
// unit) and memplan's tflm-greedy planner (src/memplan/tflm_greedy.cpp, aligned
// bytes, offline buffers too) both place with these, so the two cannot drift.
// Templates over the size type because one counts doubles and the other bytes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

namespace derive {

// Sorts buffer indices largest first; equal sizes: the later index first. This
// is the order of TFLM's GreedyMemoryPlanner (tensorflow/tflite-micro,
// tensorflow/lite/micro/memory_planner/greedy_memory_planner.cc): it fills its
// sort array from the tail and bubble-sorts it stably (ReverseSortInPlace).
template <class Size>
void sort_largest_first_later_first(std::span<std::size_t> order, std::span<const Size> sizes) {
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return sizes[a] != sizes[b] ? sizes[a] > sizes[b] : a > b; });
}

// TFLM's first-fit rule (the same file, CalculateOffsetsIfNeeded and
// NextSimultaneouslyActiveBuffer): a new buffer walks the placed buffers alive
// at the same time (`overlaps(a, b)`) in increasing offset from candidate 0;
// the first gap before one of them that holds it wins, else the candidate
// rises to the highest end seen so far, and after the last it goes there.
// A buffer placed at an offset equal to earlier ones is listed after them.
template <class Size, class Overlaps>
class FirstFitPacker {
 public:
  FirstFitPacker(std::span<const Size> sizes, Overlaps overlaps)
      : sizes_(sizes), overlaps_(overlaps), offsets_(sizes.size(), Size{0}) {
    by_offset_.reserve(sizes.size());
  }

  // The first-fit offset for buffer `wanted` (not yet placed).
  Size first_fit(std::size_t wanted) const {
    Size candidate{0};
    for (const std::size_t placed : by_offset_) {
      if (!overlaps_(placed, wanted)) continue;
      if (offsets_[placed] - candidate >= sizes_[wanted]) break;  // the gap before it holds the buffer
      candidate = std::max(candidate, offsets_[placed] + sizes_[placed]);
    }
    return candidate;
  }

  void place(std::size_t i, Size offset) {
    offsets_[i] = offset;
    const auto at =
        std::upper_bound(by_offset_.begin(), by_offset_.end(), offset,
                         [&](Size value, std::size_t placed) { return value < offsets_[placed]; });
    by_offset_.insert(at, i);
  }

  const std::vector<Size>& offsets() const { return offsets_; }

 private:
  std::span<const Size> sizes_;
  Overlaps overlaps_;
  std::vector<Size> offsets_;
  std::vector<std::size_t> by_offset_;  // placed buffers, increasing offset
};

// The largest live total over the steps where some buffer begins (the live
// total only rises there), and the first such step. `live_total(step)` is the
// caller's count of what is alive at `step`. Pisarchyk & Lee (2020), "Efficient
// Memory Management for Deep Neural Net Inference" (arXiv 2001.03288): no
// placement needs fewer bytes than this live-set bound.
template <class Total, class Step>
struct LivePeak {
  Total total{0};
  Step step{0};
  bool any = false;  // false only when there is no start step
};

template <class Total, class Step, class LiveTotal>
LivePeak<Total, Step> peak_at_starts(std::vector<Step> starts, LiveTotal live_total) {
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  LivePeak<Total, Step> peak;
  for (const Step step : starts) {
    const Total total = live_total(step);
    if (!peak.any || total > peak.total) peak = {total, step, true};
  }
  return peak;
}

}  // namespace derive
