// Speed of the model analyzer on the largest shared model (ad01.tflite,
// 276,976 bytes, ../shared/models): each stage apart (import, costs, TFLM's
// lifetimes with the tflm-greedy plan, every planner) and the whole
// analyze_json document, from bytes in memory. Repeated so the median prints:
//   ./build/release/bench/derive_bench --benchmark_filter=analyze
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "derive/analyze/analyze.hpp"
#include "derive/graph/cost.hpp"
#include "derive/graph/lifetimes.hpp"
#include "derive/import/importer.hpp"
#include "memplan/planner.hpp"
#include "shared_model.hpp"

namespace {

constexpr const char* kLargest = "ad01.tflite";

using Bytes = std::vector<std::uint8_t>;

template <typename T>
T ok_or_throw(derive::Result<T> result) {
  if (!result.ok()) throw std::runtime_error(result.error().message);
  return std::move(result).value();
}

void analyze_import(benchmark::State& state) {
  const auto bytes = derive::bench::read_shared_model<Bytes>(state, kLargest);
  if (bytes.empty()) return;
  for (auto _ : state)
    benchmark::DoNotOptimize(ok_or_throw(derive::import::open_model(bytes)).subgraphs.size());
}

void analyze_cost(benchmark::State& state) {
  const auto bytes = derive::bench::read_shared_model<Bytes>(state, kLargest);
  if (bytes.empty()) return;
  const auto model = ok_or_throw(derive::import::open_model(bytes));
  for (auto _ : state) benchmark::DoNotOptimize(ok_or_throw(derive::graph::model_cost(model)).macs);
}

void analyze_tflm_plan(benchmark::State& state) {
  const auto bytes = derive::bench::read_shared_model<Bytes>(state, kLargest);
  if (bytes.empty()) return;
  const auto model = ok_or_throw(derive::import::open_model(bytes));
  for (auto _ : state) {
    const auto buffers = ok_or_throw(derive::graph::tflm_buffer_requests(model));
    benchmark::DoNotOptimize(ok_or_throw(derive::memplan::plan_buffers("tflm-greedy", buffers)).arena_bytes);
  }
}

void analyze_every_planner(benchmark::State& state) {
  const auto bytes = derive::bench::read_shared_model<Bytes>(state, kLargest);
  if (bytes.empty()) return;
  const auto model = ok_or_throw(derive::import::open_model(bytes));
  const auto buffers = ok_or_throw(derive::graph::tflm_buffer_requests(model));
  for (auto _ : state)
    benchmark::DoNotOptimize(ok_or_throw(derive::memplan::plan_with_every_planner(buffers)).size());
}

// import + cost + plan: the whole document `derive analyze --json` prints,
// for the largest file and for the largest graph (light_squeezenet.onnx, 105
// nodes, whose weights the file computes at load).
void analyze_whole_document(benchmark::State& state, const char* name) {
  const auto bytes = derive::bench::read_shared_model<Bytes>(state, name);
  if (bytes.empty()) return;
  for (auto _ : state)
    benchmark::DoNotOptimize(ok_or_throw(derive::analyze::analyze_json(bytes, name, {})).size());
}

BENCHMARK(analyze_import)->Repetitions(9)->ReportAggregatesOnly(true);
BENCHMARK(analyze_cost)->Repetitions(9)->ReportAggregatesOnly(true);
BENCHMARK(analyze_tflm_plan)->Repetitions(9)->ReportAggregatesOnly(true);
BENCHMARK(analyze_every_planner)->Repetitions(9)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(analyze_whole_document, ad01, kLargest)->Repetitions(9)->ReportAggregatesOnly(true);
BENCHMARK_CAPTURE(analyze_whole_document, light_squeezenet, "light_squeezenet.onnx")
    ->Repetitions(9)
    ->ReportAggregatesOnly(true);

}  // namespace
