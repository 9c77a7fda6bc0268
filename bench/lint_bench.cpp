// How long `derive lint` takes on a large catalogue: the shipped chapters with
// their exercises repeated under new ids, linted exactly as the command does
// (structure, then kLintVariants variants of every exercise).
//   ./build/release/bench/derive_bench --benchmark_filter=Lint
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "derive/exercise/exercise.hpp"

namespace derive {
namespace {

// Every chapter file with its [[exercise]] tables written `copies` times, each
// copy's ids suffixed ".copyN" so that none repeats.
std::vector<SourceFile> repeated_catalogue(int copies) {
  std::vector<SourceFile> out;
  for (const SourceFile& file : builtin_catalogue_sources()) {
    const std::size_t first = file.text.find("[[exercise]]");
    const std::string header = file.text.substr(0, first);
    const std::string body = file.text.substr(first);
    SourceFile copy{file.name, header};
    for (int c = 0; c < copies; ++c) {
      std::string renamed;
      std::size_t at = 0;
      for (std::size_t id; (id = body.find("\nid = \"", at)) != std::string::npos;) {
        const std::size_t close = body.find('"', id + 7);
        renamed += body.substr(at, close - at) + ".copy" + std::to_string(c);
        at = close;
      }
      copy.text += renamed + body.substr(at) + "\n";
    }
    out.push_back(std::move(copy));
  }
  return out;
}

void BM_LintThousandExercises(benchmark::State& state) {
  const std::vector<SourceFile> files = repeated_catalogue(20);
  std::size_t exercises = 0;
  for (auto _ : state) {
    const LoadResult result = load_catalogue(files, kLintVariants);
    if (!result.issues.empty()) throw std::runtime_error(result.issues.front().to_string());
    exercises = result.catalogue.exercises.size();
  }
  state.counters["exercises"] = static_cast<double>(exercises);
}
BENCHMARK(BM_LintThousandExercises)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace derive
