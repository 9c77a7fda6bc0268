// Import speed of the ONNX importer (src/import/onnx/): decoding and shape
// inference of each shared ONNX model (../shared/models), from bytes in
// memory to an InferredGraph.
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>

#include "import/onnx/onnx_model.hpp"
#include "import/onnx/onnx_shapes.hpp"
#include "shared_model.hpp"

namespace {

void import_onnx(benchmark::State& state, const char* name) {
  const auto bytes = derive::bench::read_shared_model<std::string>(state, name);
  if (bytes.empty()) return;
  for (auto _ : state) {
    auto model = derive::onnx::decode_model(bytes);
    if (!model.ok()) throw std::runtime_error(model.error().message);
    auto graph = derive::onnx::infer_shapes(*model);
    if (!graph.ok()) throw std::runtime_error(graph.error().message);
    benchmark::DoNotOptimize(graph->values.size());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes.size()));
}

BENCHMARK_CAPTURE(import_onnx, test_mnist_model, "test_mnist_model.onnx");
BENCHMARK_CAPTURE(import_onnx, atmega_mnist, "examples_atmega_mnist_mnist.simplified.onnx");
BENCHMARK_CAPTURE(import_onnx, light_bvlc_alexnet, "light_bvlc_alexnet.onnx");
BENCHMARK_CAPTURE(import_onnx, light_squeezenet, "light_squeezenet.onnx");

}  // namespace
