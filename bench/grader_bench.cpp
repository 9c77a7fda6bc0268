// How long the grader and its parts take. Run the release build:
//   cmake --preset release && cmake --build --preset release --target derive_bench
//   ./build/release/bench/derive_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/exercise/json.hpp"
#include "derive/expr/expression.hpp"
#include "derive/units/reader.hpp"

namespace derive {
namespace {

const Instance& instance_of(const char* id) {
  static std::map<std::string, Instance> cache;
  auto it = cache.find(id);
  if (it == cache.end()) it = cache.emplace(id, *instantiate(*builtin_catalogue().find(id), 0)).first;
  return it->second;
}

// One check of a correct answer with a unit to convert.
void BM_CheckCorrect(benchmark::State& state) {
  const Instance& in = instance_of("llm.kv-cache");
  const std::vector<std::string> answer = {"268.4 MB"};
  for (auto _ : state) benchmark::DoNotOptimize(check(in, answer));
}
BENCHMARK(BM_CheckCorrect);

// A wrong answer: every named mistake and generic slip is tried.
void BM_CheckWrongWithDiagnosis(benchmark::State& state) {
  const Instance& in = instance_of("llm.kv-cache");
  const std::vector<std::string> answer = {"134.2 MB"};
  for (auto _ : state) benchmark::DoNotOptimize(check(in, answer));
}
BENCHMARK(BM_CheckWrongWithDiagnosis);

void BM_CheckSymbolic(benchmark::State& state) {
  const Instance& in = instance_of("kd.infinite-temperature");
  const std::vector<std::string> answer = {"C^-1"};
  for (auto _ : state) benchmark::DoNotOptimize(check(in, answer));
}
BENCHMARK(BM_CheckSymbolic);

// Checks of every exercise's canonical answer, one per iteration, round robin.
void BM_CheckAllExercises(benchmark::State& state) {
  std::vector<std::pair<Instance, std::vector<std::string>>> cases;
  for (const Exercise& e : builtin_catalogue().exercises) {
    Instance in = *instantiate(e, 0);
    std::vector<std::string> answers;
    if (e.symbolic) answers.push_back(e.symbolic->text());
    for (const Value& v : in.answers) answers.push_back(std::to_string(v.number().to_double()));
    cases.emplace_back(std::move(in), std::move(answers));
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [in, answers] = cases[i++ % cases.size()];
    benchmark::DoNotOptimize(check(in, answers));
  }
}
BENCHMARK(BM_CheckAllExercises);

void BM_ReadAnswer(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(read_answer("1.36×10^7 B"));
}
BENCHMARK(BM_ReadAnswer);

// Inputs built to provoke back-tracking; each must be read in linear time.
void BM_ReadPathological(benchmark::State& state) {
  std::string groups = "1";
  for (int g = 0; g < 40; ++g) groups += ",000";
  const std::string inputs[] = {std::string(66, ',') + "1", "1" + std::string(99, ' ') + "1", groups + ",00"};
  for (auto _ : state) {
    for (const std::string& input : inputs) benchmark::DoNotOptimize(read_answer(input));
  }
}
BENCHMARK(BM_ReadPathological);

void BM_InstantiateVariant(benchmark::State& state) {
  const Exercise& e = *builtin_catalogue().find("combo.llm-serving");
  std::uint64_t v = 1;
  for (auto _ : state) benchmark::DoNotOptimize(instantiate(e, v++));
}
BENCHMARK(BM_InstantiateVariant);

void BM_ShowJson(benchmark::State& state) {
  const Instance& in = instance_of("count.conv-macs");
  for (auto _ : state) benchmark::DoNotOptimize(instance_json(in));
}
BENCHMARK(BM_ShowJson);

void BM_LoadCatalogue(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(load_catalogue(builtin_catalogue_sources(), 0));
}
BENCHMARK(BM_LoadCatalogue)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace derive
