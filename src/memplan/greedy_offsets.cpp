// The two offset strategies of Pisarchyk & Lee (2020), "Efficient Memory
// Management for Deep Neural Net Inference" (arXiv 2001.03288), for their
// Offset Calculation problem. Both place one buffer at a time at its best-fit
// gap (BestFitPacker: the rule of TensorFlow Lite's GPU delegate,
// tensorflow/lite/delegates/gpu/common/memory_management/
// greedy_by_size_assignment.cc, GreedyBySizeAssignment, written by the same
// authors); they differ in the order.
//
// - greedy-by-size: buffers in non-increasing size (the paper's "Greedy by
//   Size for Offset Calculation", which it reports as its best offset
//   strategy). The GPU delegate sorts with std::sort, so its order among
//   equal sizes is unspecified; ours is by index, for determinism.
// - greedy-by-breadth: the order of the paper's Greedy by Breadth: operators
//   (here: the distinct live sets, one per event step) in non-increasing
//   breadth, the total size of the buffers alive there; within one, its
//   unplaced buffers in non-increasing size. The paper and the GPU delegate
//   use this order for shared objects (greedy_by_breadth_assignment.cc); we
//   pair it with the best-fit offset rule. Ties: earlier step first.
//
// Offline buffers are placed first at their offsets, and the others fit
// around them with the same rule.
#include <algorithm>

#include "memplan/strategies.hpp"

namespace derive::memplan {
namespace {

class GreedyBySizePlanner final : public Planner {
 public:
  std::string_view name() const override { return "greedy-by-size"; }
  std::string_view summary() const override {
    return "Pisarchyk & Lee 2020, greedy by size for offset calculation: largest first, each in the "
           "smallest gap that fits among buffers alive at the same time (TFLite GPU delegate)";
  }
  std::vector<std::int64_t> place(const Problem& problem) const override {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < problem.size(); ++i) {
      if (!problem.is_offline(i)) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return problem.sizes[a] > problem.sizes[b]; });
    BestFitPacker packer(problem);
    packer.place_offline();
    for (const std::size_t i : order) packer.place(i, packer.best_fit(i));
    return packer.offsets();
  }
};

class GreedyByBreadthPlanner final : public Planner {
 public:
  std::string_view name() const override { return "greedy-by-breadth"; }
  std::string_view summary() const override {
    return "Pisarchyk & Lee 2020, greedy by breadth: the widest live set first, its buffers largest first, "
           "each in the smallest gap that fits";
  }
  std::vector<std::int64_t> place(const Problem& problem) const override {
    BestFitPacker packer(problem);
    packer.place_offline();
    std::vector<bool> placed(problem.size(), false);
    for (const std::vector<std::size_t>& live_set : live_sets_by_breadth(problem)) {
      for (const std::size_t i : live_set) {
        if (placed[i]) continue;
        packer.place(i, packer.best_fit(i));
        placed[i] = true;
      }
    }
    return packer.offsets();
  }
};

}  // namespace

const Planner& greedy_by_size_planner() {
  static const GreedyBySizePlanner planner;
  return planner;
}

const Planner& greedy_by_breadth_planner() {
  static const GreedyByBreadthPlanner planner;
  return planner;
}

}  // namespace derive::memplan
