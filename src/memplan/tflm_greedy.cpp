// TensorFlow Lite Micro's greedy planner, reproduced decision for decision from
// tensorflow/tflite-micro, tensorflow/lite/micro/memory_planner/
// greedy_memory_planner.cc (GreedyMemoryPlanner::CalculateOffsetsIfNeeded,
// NextSimultaneouslyActiveBuffer, DoesEntryOverlapInTime; unchanged in the
// 2023 version of the file):
//
// 1. Order. Offline-planned buffers first, in the order they were added. Then
//    the online buffers by size, largest first. TFLM writes the online
//    buffers into its sort array from the tail backwards (so in reverse
//    order of addition) and sorts them with a stable bubble sort
//    (ReverseSortInPlace): equal sizes therefore keep the REVERSE order of
//    addition, the later-added buffer first. We sort by (size descending,
//    index descending), which is the same order; the micro_allocator_test
//    case OfflinePlannerBranchesAllOnline depends on it.
// 2. Placement. An offline buffer goes at its offset. An online buffer walks
//    the placed buffers in increasing offset order, looking only at those
//    whose lifetimes intersect its own (inclusive steps). Starting from
//    candidate offset 0, before each such buffer it checks the gap from the
//    candidate to that buffer's offset; the first gap at least as large as
//    the buffer wins (first fit). Otherwise the candidate moves to the
//    highest end seen so far among those buffers, and after the last one the
//    buffer goes there.
//    The order and the placement rule are derive/first_fit.hpp's, which the
//    exercises' first_fit_offsets uses too.
// 3. Among placed buffers with equal offsets, a new one is listed after the
//    existing ones (the list insertion stops at the first strictly larger
//    offset). The gap rule uses a running maximum of ends, so this order
//    cannot change any offset; we keep it anyway.
//
// Sizes arrive already aligned (TFLM's caller, MicroAllocator::CommitPlan,
// rounds each size up to MicroArenaBufferAlignment() = 16 before AddBuffer;
// the planner itself never aligns). What this does not model: the tail of the
// arena (persistent allocations), which TFLM fills outside the planner and
// which depends on the target and the build; the scratch space the planner
// itself needs (per_buffer_size() bytes per buffer, taken temporarily from
// the arena before planning); and TFLM's limit on the number of buffers.
#include <span>

#include "derive/first_fit.hpp"
#include "memplan/strategies.hpp"

namespace derive::memplan {
namespace {

class TflmGreedyPlanner final : public Planner {
 public:
  std::string_view name() const override { return "tflm-greedy"; }
  std::string_view summary() const override {
    return "TensorFlow Lite Micro's GreedyMemoryPlanner: offline buffers first, then by size (ties: later "
           "buffer first), first fit among buffers alive at the same time";
  }

  std::vector<std::int64_t> place(const Problem& problem) const override {
    const std::size_t n = problem.size();
    std::vector<std::size_t> order;
    order.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (problem.is_offline(i)) order.push_back(i);
    }
    const std::size_t offline_count = order.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (!problem.is_offline(i)) order.push_back(i);
    }
    sort_largest_first_later_first<std::int64_t>(std::span(order).subspan(offline_count), problem.sizes);

    const auto overlaps = [&](std::size_t a, std::size_t b) { return problem.overlap_in_time(a, b); };
    FirstFitPacker<std::int64_t, decltype(overlaps)> packer(problem.sizes, overlaps);
    for (const std::size_t wanted : order) {
      packer.place(wanted,
                   problem.is_offline(wanted) ? problem.offline_offset[wanted] : packer.first_fit(wanted));
    }
    return packer.offsets();
  }
};

}  // namespace

const Planner& tflm_greedy_planner() {
  static const TflmGreedyPlanner planner;
  return planner;
}

}  // namespace derive::memplan
