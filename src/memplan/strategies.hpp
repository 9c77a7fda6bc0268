// The strategies behind planner.hpp and the pieces they share. Internal to
// src/memplan/.
#pragma once

#include <cstdint>
#include <vector>

#include "memplan/planner.hpp"

namespace derive::memplan {

const Planner& tflm_greedy_planner();
const Planner& greedy_by_size_planner();
const Planner& greedy_by_breadth_planner();
const Planner& shared_objects_in_order_planner();
const Planner& shared_objects_by_size_planner();
const Planner& shared_objects_by_breadth_planner();
const Planner& min_cost_flow_planner();
const Planner& best_planner();

// The placed buffers of a problem in increasing offset order, with the best-fit
// rule of TensorFlow Lite's GPU delegate (memory_management/
// greedy_by_size_assignment.cc, GreedyBySizeAssignment): among the gaps
// between placed buffers whose lifetimes intersect the new one, the smallest
// gap it fits in; when none fits, just above the highest such buffer.
class BestFitPacker {
 public:
  explicit BestFitPacker(const Problem& problem);
  // Places every offline buffer at its offset.
  void place_offline();
  // The best-fit offset for buffer i (not yet placed).
  std::int64_t best_fit(std::size_t i) const;
  void place(std::size_t i, std::int64_t offset);
  const std::vector<std::int64_t>& offsets() const { return offsets_; }

 private:
  const Problem& problem_;
  std::vector<std::size_t> by_offset_;  // placed buffers, increasing offset
  std::vector<std::int64_t> offsets_;
};

// Shared objects (Pisarchyk & Lee's Shared Objects problem): every buffer is
// assigned one object; buffers of one object never live at the same time; an
// object is as large as its largest buffer.
struct ObjectAssignment {
  std::vector<std::size_t> object_of;  // per buffer
  std::vector<std::int64_t> object_bytes;
};

// Offsets from objects laid one after another in object order, as TensorFlow
// Lite's GPU delegate turns objects into offsets (memory_management.cc,
// ObjectsToOffsets). With offline buffers the objects start above the highest
// offline byte, so they cannot collide with the offline plan.
// REQUIRES: assignment covers exactly the online buffers (object_of is
// ignored for offline ones).
std::vector<std::int64_t> stack_objects(const Problem& problem, const ObjectAssignment& assignment);

// The online buffers, ordered by first use then index: the order in which the
// GPU delegate's usage records arrive (one record per tensor, in task order).
std::vector<std::size_t> online_in_first_use_order(const Problem& problem);

// The steps at which the set of live buffers changes (some first_use, or the
// step after some last_use), increasing; every live set of the problem is the
// live set at one of them.
std::vector<int> event_steps(const Problem& problem);

// The buffers alive at `step`, online ones only or all.
std::vector<std::size_t> alive_at(const Problem& problem, int step, bool online_only);

// The order of Greedy by Breadth (Pisarchyk & Lee 2020): the distinct live
// sets of the online buffers (one per event step), widest first (the largest
// total size; ties: the earlier step), each set's buffers largest first (ties:
// by index).
std::vector<std::vector<std::size_t>> live_sets_by_breadth(const Problem& problem);

}  // namespace derive::memplan
