// How long the "did you mean" search (text::nearest) takes on input far
// longer than any name: the unit tests check what it finds, this measures
// what it costs. Run the release build:
//   cmake --preset release && cmake --build --preset release --target derive_bench
//   ./build/release/bench/derive_bench --benchmark_filter=Nearest --benchmark_repetitions=5 \
//     --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "derive/text/suggest.hpp"

namespace derive {
namespace {

// A pasted 1.4 MB against 100 made-up ids, at a limit of 2 edits and at a
// third of the typed length (the tests/suggest_test.cpp HugeInputFindsNothing
// case): the length difference ends each comparison before any row is filled.
void BM_NearestHugeInput(benchmark::State& state) {
  const std::string huge(1'400'000, 'x');
  std::vector<std::string> names;
  for (int i = 0; i < 100; ++i) names.push_back("chapter.exercise-" + std::to_string(i));
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  for (auto _ : state) {
    for (const std::size_t limit : {std::size_t{2}, huge.size() / 3})
      benchmark::DoNotOptimize(text::nearest(huge, candidates, {limit, 3, false, true}));
  }
}
BENCHMARK(BM_NearestHugeInput)->Unit(benchmark::kMicrosecond);

// An unknown id of 120 000 bytes against the shipped catalogue's ids, with the
// settings `derive exercise show ID` uses (src/cli/suggest.cpp: a third of the
// typed length, at least 2, three candidates, fragments): the search behind
// tests/cli_test.cpp HugeInputIsQuotedShort.
void BM_NearestHugeIdAgainstCatalogue(benchmark::State& state) {
  const std::string huge(120'000, 'x');
  std::vector<std::string_view> ids;
  for (const Exercise& e : builtin_catalogue().exercises) ids.push_back(e.id);
  for (auto _ : state) benchmark::DoNotOptimize(text::nearest(huge, ids, {huge.size() / 3, 3, false, true}));
}
BENCHMARK(BM_NearestHugeIdAgainstCatalogue)->Unit(benchmark::kMicrosecond);

// The same search for a near miss of ordinary length, for scale.
void BM_NearestTypo(benchmark::State& state) {
  std::vector<std::string_view> ids;
  for (const Exercise& e : builtin_catalogue().exercises) ids.push_back(e.id);
  const std::string typo = "llm.kv-cach";
  const text::Nearness how{std::max<std::size_t>(2, typo.size() / 3), 3, false, true};
  for (auto _ : state) benchmark::DoNotOptimize(text::nearest(typo, ids, how));
}
BENCHMARK(BM_NearestTypo)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace derive
