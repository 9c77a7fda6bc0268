// Three Shared Objects strategies of TensorFlow Lite's GPU delegate
// (tensorflow/lite/delegates/gpu/common/memory_management/), from Pisarchyk &
// Lee (2020, arXiv 2001.03288). Each assigns every online buffer to a shared
// object (buffers of one object never live at the same time; an object is as
// large as its largest buffer); stack_objects then lays the objects end to
// end, as the delegate's AssignOffsetsToTensors does for every strategy but
// greedy by size (memory_management.cc, ObjectsToOffsets). Stacking wastes
// the difference between a buffer and its object for the buffer's whole
// lifetime, so these rarely beat the offset strategies; they are here because
// they sometimes do, and `best` keeps whichever plan is smallest.
//
// The delegate's records arrive in task order; ours are the online buffers by
// first use (online_in_first_use_order).
#include <algorithm>
#include <functional>
#include <iterator>
#include <limits>
#include <queue>
#include <set>
#include <utility>

#include "memplan/strategies.hpp"

namespace derive::memplan {
namespace {

constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::max();

// Objects in use, the one whose last use is earliest on top (then the lowest
// object id): internal.h, QueueRecord.
using InUse = std::priority_queue<std::pair<int, std::size_t>, std::vector<std::pair<int, std::size_t>>,
                                  std::greater<>>;

ObjectAssignment empty_assignment(const Problem& problem) {
  ObjectAssignment assignment;
  assignment.object_of.assign(problem.size(), 0);
  return assignment;
}

// greedy_in_order_assignment.h, GreedyInOrderAssignment: in order of first
// use, free every object whose buffers are all dead, then reuse the free
// object closest in size (the smallest at least as large, unless the largest
// smaller one is closer), growing it if needed; else a new object.
class SharedObjectsInOrderPlanner final : public Planner {
 public:
  std::string_view name() const override { return "shared-objects-in-order"; }
  std::string_view summary() const override {
    return "TFLite GPU delegate's greedy in-order shared objects: each buffer takes the free object "
           "closest in size, objects laid end to end";
  }
  std::vector<std::int64_t> place(const Problem& problem) const override {
    ObjectAssignment assignment = empty_assignment(problem);
    std::set<std::pair<std::int64_t, std::size_t>> pool;  // free objects by (size, id)
    InUse in_use;
    for (const std::size_t i : online_in_first_use_order(problem)) {
      while (!in_use.empty() && in_use.top().first < problem.first_use[i]) {
        const std::size_t object = in_use.top().second;
        pool.insert({assignment.object_bytes[object], object});
        in_use.pop();
      }
      const std::int64_t size = problem.sizes[i];
      auto best = pool.end();
      std::int64_t best_difference = 0;
      auto at_least = pool.lower_bound({size, 0});
      if (at_least != pool.end()) {
        best = at_least;
        best_difference = at_least->first - size;
      }
      if (at_least != pool.begin()) {
        const auto smaller = std::prev(at_least);
        if (best == pool.end() || size - smaller->first < best_difference) best = smaller;
      }
      std::size_t object;
      if (best == pool.end()) {
        object = assignment.object_bytes.size();
        assignment.object_bytes.push_back(size);
      } else {
        object = best->second;
        pool.erase(best);
        assignment.object_bytes[object] = std::max(assignment.object_bytes[object], size);
      }
      assignment.object_of[i] = object;
      in_use.push({problem.last_use[i], object});
    }
    return stack_objects(problem, assignment);
  }
};

// The distance between two lifetimes: the gap in steps between them, or kNone
// when they intersect (greedy_by_size_assignment.cc).
std::int64_t distance(const Problem& problem, std::size_t a, std::size_t b) {
  if (problem.last_use[a] < problem.first_use[b]) {
    return std::int64_t{problem.first_use[b]} - problem.last_use[a];
  }
  if (problem.last_use[b] < problem.first_use[a]) {
    return std::int64_t{problem.first_use[a]} - problem.last_use[b];
  }
  return kNone;
}

// greedy_by_size_assignment.cc, GreedyBySizeDistPriorityAssignment (the
// paper's "Greedy by Size" for shared objects with its improvement): the
// positional maximums (the k-th largest live size, maximised over steps) are
// lower bounds on the k-th object; each buffer's position is the last
// positional maximum it does not exceed. Repeatedly take the unassigned
// buffer with the smallest position, then the smallest distance to an object
// it can join, then the largest size; it joins that object, or a new one.
class SharedObjectsBySizePlanner final : public Planner {
 public:
  std::string_view name() const override { return "shared-objects-by-size"; }
  std::string_view summary() const override {
    return "TFLite GPU delegate's greedy by size with distance priority (Pisarchyk & Lee 2020): shared "
           "objects by positional maximums, objects laid end to end";
  }
  std::vector<std::int64_t> place(const Problem& problem) const override {
    ObjectAssignment assignment = empty_assignment(problem);
    const std::vector<std::size_t> records = online_in_first_use_order(problem);
    if (records.empty()) return stack_objects(problem, assignment);

    std::vector<std::int64_t> positional_max;  // internal.cc, CalculatePositionalMaximums
    for (const int step : event_steps(problem)) {
      std::vector<std::int64_t> live;
      for (const std::size_t i : alive_at(problem, step, /*online_only=*/true))
        live.push_back(problem.sizes[i]);
      std::sort(live.rbegin(), live.rend());
      for (std::size_t k = 0; k < live.size(); ++k) {
        if (k < positional_max.size()) {
          positional_max[k] = std::max(positional_max[k], live[k]);
        } else {
          positional_max.push_back(live[k]);
        }
      }
    }

    struct Priority {
      std::size_t position;
      std::int64_t size;
      std::vector<std::int64_t> distance_to_object;
      std::int64_t best_distance = kNone;
      std::size_t best_object = 0;
      std::size_t buffer;
      void recalculate_best() {
        best_distance = kNone;
        for (std::size_t object = 0; object < distance_to_object.size(); ++object) {
          if (distance_to_object[object] < best_distance) {
            best_distance = distance_to_object[object];
            best_object = object;
          }
        }
      }
      bool higher_than(const Priority& other) const {
        if (position != other.position) return position < other.position;
        if (best_distance != other.best_distance) return best_distance < other.best_distance;
        return size > other.size;
      }
    };
    std::vector<Priority> priorities;
    for (const std::size_t i : records) {
      std::size_t position = 0;
      while (position < positional_max.size() && positional_max[position] >= problem.sizes[i]) ++position;
      priorities.push_back(Priority{position - 1, problem.sizes[i], {}, kNone, 0, i});
    }

    std::vector<bool> assigned(problem.size(), false);
    for (std::size_t round = 0; round < records.size(); ++round) {
      std::size_t chosen = priorities.size();
      for (std::size_t p = 0; p < priorities.size(); ++p) {
        if (assigned[priorities[p].buffer]) continue;
        if (chosen == priorities.size() || priorities[p].higher_than(priorities[chosen])) chosen = p;
      }
      const std::size_t buffer = priorities[chosen].buffer;
      const bool new_object = priorities[chosen].best_distance == kNone;
      const std::size_t object = new_object ? assignment.object_bytes.size() : priorities[chosen].best_object;
      if (new_object) {
        assignment.object_bytes.push_back(problem.sizes[buffer]);
      } else {
        assignment.object_bytes[object] = std::max(assignment.object_bytes[object], problem.sizes[buffer]);
      }
      assignment.object_of[buffer] = object;
      assigned[buffer] = true;

      for (Priority& other : priorities) {
        if (assigned[other.buffer]) continue;
        if (!new_object && other.distance_to_object[object] == kNone) continue;
        const std::int64_t d = distance(problem, other.buffer, buffer);
        if (new_object) {
          other.distance_to_object.push_back(d);
        } else if (d == kNone) {
          other.distance_to_object[object] = kNone;
          if (other.best_object == object) other.recalculate_best();
        } else {
          other.distance_to_object[object] = std::min(other.distance_to_object[object], d);
        }
        if (d < other.best_distance) {
          other.best_distance = d;
          other.best_object = object;
        }
      }
    }
    return stack_objects(problem, assignment);
  }
};

// greedy_by_breadth_assignment.cc, GreedyByBreadthAssignment: live sets in
// non-increasing breadth; in each, unassigned buffers largest first; each
// joins the object it can share (no lifetime intersects) whose size is the
// smallest at least its own, or failing that the largest; else a new object.
class SharedObjectsByBreadthPlanner final : public Planner {
 public:
  std::string_view name() const override { return "shared-objects-by-breadth"; }
  std::string_view summary() const override {
    return "TFLite GPU delegate's greedy by breadth (Pisarchyk & Lee 2020): shared objects filled from the "
           "widest live set down, objects laid end to end";
  }
  std::vector<std::int64_t> place(const Problem& problem) const override {
    ObjectAssignment assignment = empty_assignment(problem);
    std::vector<std::vector<std::size_t>> members;  // buffers per object
    std::vector<bool> assigned(problem.size(), false);
    for (const std::vector<std::size_t>& live_set : live_sets_by_breadth(problem)) {
      for (const std::size_t i : live_set) {
        if (assigned[i]) continue;
        const std::int64_t size = problem.sizes[i];
        std::size_t best = members.size();
        for (std::size_t object = 0; object < members.size(); ++object) {
          if (best != members.size()) {
            const std::int64_t best_size = assignment.object_bytes[best];
            const std::int64_t current = assignment.object_bytes[object];
            if (best_size < size) {
              if (current <= best_size) continue;
            } else if (current < size || current >= best_size) {
              continue;
            }
          }
          const bool shares_time =
              std::any_of(members[object].begin(), members[object].end(),
                          [&](std::size_t other) { return problem.overlap_in_time(other, i); });
          if (!shares_time) best = object;
        }
        if (best == members.size()) {
          members.push_back({i});
          assignment.object_bytes.push_back(size);
        } else {
          members[best].push_back(i);
          assignment.object_bytes[best] = std::max(assignment.object_bytes[best], size);
        }
        assignment.object_of[i] = best;
        assigned[i] = true;
      }
    }
    return stack_objects(problem, assignment);
  }
};

}  // namespace

const Planner& shared_objects_in_order_planner() {
  static const SharedObjectsInOrderPlanner planner;
  return planner;
}

const Planner& shared_objects_by_size_planner() {
  static const SharedObjectsBySizePlanner planner;
  return planner;
}

const Planner& shared_objects_by_breadth_planner() {
  static const SharedObjectsByBreadthPlanner planner;
  return planner;
}

}  // namespace derive::memplan
