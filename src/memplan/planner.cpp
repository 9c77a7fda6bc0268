#include "memplan/planner.hpp"

#include <algorithm>
#include <array>

#include "memplan/check.hpp"
#include "memplan/strategies.hpp"

namespace derive::memplan {
namespace {

// No two buffers alive at the same step share a byte, unless both are
// offline. The planners' own guard inside `best`; the public verdict is
// check_plan's.
bool conflict_free(const Problem& problem, const std::vector<std::int64_t>& offsets) {
  for (std::size_t a = 0; a < problem.size(); ++a) {
    for (std::size_t b = a + 1; b < problem.size(); ++b) {
      if (!problem.overlap_in_time(a, b) || problem.sizes[a] == 0 || problem.sizes[b] == 0) continue;
      if (problem.is_offline(a) && problem.is_offline(b)) continue;
      if (offsets[a] < offsets[b] + problem.sizes[b] && offsets[b] < offsets[a] + problem.sizes[a])
        return false;
    }
  }
  return true;
}

struct Candidate {
  const Planner* planner;
  std::vector<std::int64_t> offsets;
  std::int64_t arena_bytes;
};

// The smallest conflict-free candidate; the first of equal ones (tflm-greedy
// comes first, so `best` names it whenever nothing beats it).
const Candidate* smallest(const Problem& problem, const std::vector<Candidate>& candidates) {
  const Candidate* best = nullptr;
  for (const Candidate& candidate : candidates) {
    if (best != nullptr && candidate.arena_bytes >= best->arena_bytes) continue;
    if (conflict_free(problem, candidate.offsets)) best = &candidate;
  }
  return best;
}

std::size_t online_count(const Problem& problem) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < problem.size(); ++i) count += problem.is_offline(i) ? 0 : 1;
  return count;
}

bool takes(const Planner& planner, const Problem& problem) {
  return planner.max_online_buffers() == 0 || online_count(problem) <= planner.max_online_buffers();
}

std::vector<Candidate> every_strategy(const Problem& problem) {
  std::vector<Candidate> candidates;
  for (const Planner* planner : all_planners()) {
    if (planner == &best_planner() || !takes(*planner, problem)) continue;
    std::vector<std::int64_t> offsets = planner->place(problem);
    const std::int64_t arena = arena_bytes_of(problem, offsets);
    candidates.push_back({planner, std::move(offsets), arena});
  }
  return candidates;
}

class BestPlanner final : public Planner {
 public:
  std::string_view name() const override { return "best"; }
  std::string_view summary() const override {
    return "the smallest valid plan of all the strategies above (never larger than tflm-greedy)";
  }
  std::vector<std::int64_t> place(const Problem& problem) const override {
    const std::vector<Candidate> candidates = every_strategy(problem);
    // tflm-greedy's plan is conflict-free by construction (the tests check it
    // on thousands of inputs), so `smallest` always finds one.
    return smallest(problem, candidates)->offsets;
  }
};

Plan finish(const Planner& planner, const Planner& strategy, std::vector<std::int64_t> offsets,
            const Problem& problem, std::span<const BufferRequest> buffers, const PlanOptions& options) {
  Plan plan;
  plan.planner = std::string(planner.name());
  plan.strategy = std::string(strategy.name());
  plan.arena_bytes = arena_bytes_of(problem, offsets);
  plan.offsets = std::move(offsets);
  plan.checked = check_plan(buffers, options, plan.offsets, plan.arena_bytes).ok();
  return plan;
}

}  // namespace

const Planner& best_planner() {
  static const BestPlanner planner;
  return planner;
}

std::span<const Planner* const> all_planners() {
  static const std::array<const Planner*, 8> planners = {
      &tflm_greedy_planner(),
      &greedy_by_size_planner(),
      &greedy_by_breadth_planner(),
      &shared_objects_in_order_planner(),
      &shared_objects_by_size_planner(),
      &shared_objects_by_breadth_planner(),
      &min_cost_flow_planner(),
      &best_planner(),
  };
  return planners;
}

const Planner* find_planner(std::string_view name) {
  for (const Planner* planner : all_planners()) {
    if (planner->name() == name) return planner;
  }
  return nullptr;
}

std::string planner_names() {
  std::string names;
  for (const Planner* planner : all_planners()) {
    if (!names.empty()) names += ", ";
    names += planner->name();
  }
  return names;
}

std::int64_t arena_bytes_of(const Problem& problem, std::span<const std::int64_t> offsets) {
  std::int64_t arena = 0;
  for (std::size_t i = 0; i < problem.size(); ++i) {
    if (problem.sizes[i] > 0) arena = std::max(arena, offsets[i] + problem.sizes[i]);
  }
  return arena;
}

Result<Plan> plan_buffers(std::string_view planner, std::span<const BufferRequest> buffers,
                          const PlanOptions& options) {
  const Planner* found = find_planner(planner);
  if (found == nullptr) {
    return make_error("unknown planner \"" + std::string(planner) + "\" (known: " + planner_names() + ")");
  }
  return plan_buffers(*found, buffers, options);
}

Result<Plan> plan_buffers(const Planner& planner, std::span<const BufferRequest> buffers,
                          const PlanOptions& options) {
  DERIVE_TRY(const Problem problem, make_problem(buffers, options));
  if (!takes(planner, problem)) {
    return make_error(std::string(planner.name()) + " plans at most " +
                      std::to_string(planner.max_online_buffers()) +
                      " buffers that are not offline-planned; these buffers have " +
                      std::to_string(online_count(problem)) + " (choose another planner)");
  }
  if (&planner == &best_planner()) {
    std::vector<Candidate> candidates = every_strategy(problem);
    const Candidate* winner = smallest(problem, candidates);
    return finish(planner, *winner->planner, winner->offsets, problem, buffers, options);
  }
  return finish(planner, planner, planner.place(problem), problem, buffers, options);
}

Result<std::vector<Plan>> plan_with_every_planner(std::span<const BufferRequest> buffers,
                                                  const PlanOptions& options) {
  DERIVE_TRY(const Problem problem, make_problem(buffers, options));
  std::vector<Candidate> candidates = every_strategy(problem);
  std::vector<Plan> plans;
  for (const Candidate& candidate : candidates) {
    plans.push_back(
        finish(*candidate.planner, *candidate.planner, candidate.offsets, problem, buffers, options));
  }
  const Candidate* winner = smallest(problem, candidates);
  plans.push_back(finish(best_planner(), *winner->planner, winner->offsets, problem, buffers, options));
  return plans;
}

}  // namespace derive::memplan
