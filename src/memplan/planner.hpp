// One interface for every placement strategy, and the list of strategies.
//
//   tflm-greedy                TensorFlow Lite Micro's GreedyMemoryPlanner, exactly
//   greedy-by-size             size order, best-fit gap (Pisarchyk & Lee 2020; TFLite GPU)
//   greedy-by-breadth          breadth order, best-fit gap (Pisarchyk & Lee 2020)
//   shared-objects-in-order    TFLite GPU shared objects, in order, stacked
//   shared-objects-by-size     TFLite GPU shared objects, size + distance priority, stacked
//   shared-objects-by-breadth  TFLite GPU shared objects, by breadth, stacked
//   min-cost-flow              TFLite GPU shared objects from a min-cost flow, stacked
//   best                       the smallest valid plan of all the above
//
// docs/memory-planning.md describes each, its source and its limits.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "memplan/buffers.hpp"

namespace derive::memplan {

class Planner {
 public:
  virtual ~Planner() = default;
  // The strategy's public name, as `derive analyze --planner NAME` takes it.
  virtual std::string_view name() const = 0;
  // One sentence: what it does and where it comes from.
  virtual std::string_view summary() const = 0;
  // Offsets for every buffer of a validated problem.
  // GUARANTEES: one offset per buffer; an offline buffer at its offline
  // offset; every other offset >= 0 and a multiple of problem.alignment if
  // every offline offset is one (see check.hpp); no
  // two buffers alive at the same step share a byte unless both are offline.
  virtual std::vector<std::int64_t> place(const Problem& problem) const = 0;
  // The most online buffers the strategy takes on (0: no limit). Past it
  // plan_buffers refuses, and plan_with_every_planner and `best` leave the
  // strategy out: min-cost-flow's graph has n^2 edges and its time grows as
  // n^3 (bench/memplan_bench.cpp), and an analysis must take milliseconds.
  virtual std::size_t max_online_buffers() const { return 0; }
};

// Every strategy, tflm-greedy first and best last.
std::span<const Planner* const> all_planners();
// The strategy with this name, or nullptr.
const Planner* find_planner(std::string_view name);
// The names of every strategy, comma-separated, for error messages.
std::string planner_names();

// Plans the buffers with one strategy and checks the result (Plan::checked).
// An error if a request is invalid (make_problem) or the name is unknown.
Result<Plan> plan_buffers(std::string_view planner, std::span<const BufferRequest> buffers,
                          const PlanOptions& options = {});
Result<Plan> plan_buffers(const Planner& planner, std::span<const BufferRequest> buffers,
                          const PlanOptions& options = {});
// One plan per strategy in all_planners() order, the requests validated once;
// a strategy whose max_online_buffers() the problem exceeds is left out.
Result<std::vector<Plan>> plan_with_every_planner(std::span<const BufferRequest> buffers,
                                                  const PlanOptions& options = {});

// max over buffers of offsets[i] + sizes[i]: the arena a placement needs.
std::int64_t arena_bytes_of(const Problem& problem, std::span<const std::int64_t> offsets);

}  // namespace derive::memplan
