// How long each memory planner takes on network-shaped buffer sets of about
// 50, 100 and 200 operators (bench/memplan_networks.hpp: MobileNetV2 at 96x96,
// width 0.35, and a 4-level U-Net at 64x64), and how large its arena is
// against the live-set lower bound (counters arena_bytes, lower_bound_bytes).
//   ./build/release/bench/derive_bench --benchmark_filter=Plan
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>

#include "memplan/check.hpp"
#include "memplan/live_set.hpp"
#include "memplan/planner.hpp"
#include "memplan_networks.hpp"

namespace derive::memplan {
namespace {

// Argument 1, 2, 3: MobileNetV2 with depth repeats 1, 2, 3 (64, 131, 198
// operators). Argument 11, 12, 13: U-Net with 4, 10, 22 convolutions per
// level (49, 103, 211 operators).
std::vector<BufferRequest> network(std::int64_t which, int* ops) {
  if (which < 10)
    return bench::mobilenet_v2_buffers(bench::NetworkShape{96, 0.35, static_cast<int>(which)}, ops);
  const int convs[] = {4, 10, 22};
  return bench::unet_buffers(64, 8, 4, convs[which - 11], ops);
}

void BM_Plan(benchmark::State& state, const Planner* planner) {
  int ops = 0;
  const std::vector<BufferRequest> buffers = network(state.range(0), &ops);
  std::int64_t arena = 0;
  if (planner->max_online_buffers() != 0 && buffers.size() > planner->max_online_buffers()) {
    state.SkipWithError("more buffers than the planner takes");
    return;
  }
  for (auto _ : state) {
    const Result<Plan> plan = plan_buffers(*planner, buffers);
    if (!plan.ok() || !plan->checked) throw std::runtime_error(std::string(planner->name()) + " failed");
    arena = plan->arena_bytes;
    benchmark::DoNotOptimize(arena);
  }
  const Result<LiveSetPeak> bound = live_set_lower_bound(buffers);
  state.counters["ops"] = ops;
  state.counters["buffers"] = static_cast<double>(buffers.size());
  state.counters["arena_bytes"] = static_cast<double>(arena);
  state.counters["lower_bound_bytes"] = static_cast<double>(bound->bytes);
}

// Plan quality on 500 irregular sets (memplan_networks.hpp): the mean excess of
// each planner's arena over the live-set lower bound, and on how many sets it
// reaches the bound (counters excess_over_bound_pct, sets_at_bound). One
// iteration plans all 500.
void BM_PlanIrregularSets(benchmark::State& state, const Planner* planner) {
  constexpr int kSets = 500;
  std::vector<std::vector<BufferRequest>> sets;
  std::vector<std::int64_t> bounds;
  for (int i = 0; i < kSets; ++i) {
    sets.push_back(bench::irregular_buffers(static_cast<std::uint64_t>(i) + 1));
    bounds.push_back(live_set_lower_bound(sets.back())->bytes);
  }
  double excess = 0;
  int at_bound = 0;
  for (auto _ : state) {
    excess = 0;
    at_bound = 0;
    for (int i = 0; i < kSets; ++i) {
      const Result<Plan> plan = plan_buffers(*planner, sets[static_cast<std::size_t>(i)]);
      if (!plan.ok() || !plan->checked) throw std::runtime_error(std::string(planner->name()) + " failed");
      const auto bound = static_cast<double>(bounds[static_cast<std::size_t>(i)]);
      excess += (static_cast<double>(plan->arena_bytes) - bound) / bound;
      at_bound += plan->arena_bytes == bounds[static_cast<std::size_t>(i)] ? 1 : 0;
    }
  }
  state.counters["excess_over_bound_pct"] = 100.0 * excess / kSets;
  state.counters["sets_at_bound"] = at_bound;
}

// The checker alone (it runs inside every plan above).
void BM_CheckPlan(benchmark::State& state) {
  int ops = 0;
  const std::vector<BufferRequest> buffers = network(state.range(0), &ops);
  const Result<Plan> plan = plan_buffers("tflm-greedy", buffers);
  for (auto _ : state) {
    benchmark::DoNotOptimize(check_plan(buffers, PlanOptions{}, plan->offsets, plan->arena_bytes));
  }
}
BENCHMARK(BM_CheckPlan)->Arg(3)->Arg(13)->Unit(benchmark::kMicrosecond);

const bool registered = [] {
  for (const Planner* planner : all_planners()) {
    benchmark::RegisterBenchmark(("BM_Plan/" + std::string(planner->name())).c_str(), BM_Plan, planner)
        ->Args({1})
        ->Args({2})
        ->Args({3})
        ->Args({11})
        ->Args({12})
        ->Args({13})
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_PlanIrregularSets/" + std::string(planner->name())).c_str(),
                                 BM_PlanIrregularSets, planner)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(3);
  }
  return true;
}();

}  // namespace
}  // namespace derive::memplan
