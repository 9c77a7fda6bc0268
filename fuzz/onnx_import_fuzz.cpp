// Fuzzes the ONNX importer (src/import/onnx/, docs/analyzer-onnx.md): bytes
// are decoded as a ModelProto and, when that succeeds, shapes are inferred.
//
// Properties: decoding and inference either succeed or return an error with
// a message (never a crash, a hang or a huge allocation: ASan's rss limit
// catches the last); on success every node's inputs and outputs name values
// that exist, every known shape has a valid element count, and folded values
// always fill their value's shape exactly; the graph IR importer (open)
// succeeds exactly when decoding and inference do, and its model costs (a
// layer of unknown shapes is uncosted, never an error) and gets TFLM's
// buffers or an error with a message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "derive/graph/cost.hpp"
#include "derive/graph/lifetimes.hpp"
#include "derive/import/onnx.hpp"
#include "fuzz_support.hpp"
#include "import/onnx/onnx_model.hpp"
#include "import/onnx/onnx_shapes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace derive::onnx;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)looks_like_onnx(bytes);
  auto model = decode_model(bytes);
  if (!model.ok()) {
    fuzz::require(!model.error().message.empty(), "a decoding error has a message");
    return 0;
  }
  auto graph = infer_shapes(*model);
  const auto ir = derive::import::onnx::open(derive::import::Bytes(data, size));
  fuzz::require(ir.ok() == graph.ok(), "the IR importer succeeds exactly when inference does",
                ir.ok() ? "" : ir.error().message);
  if (!graph.ok()) {
    fuzz::require(!graph.error().message.empty(), "an inference error has a message");
    return 0;
  }
  fuzz::require(derive::graph::model_cost(*ir).ok(), "a model that opens costs");
  const auto planned = derive::graph::tflm_buffers(*ir);
  fuzz::require(planned.ok() || !planned.error().message.empty(), "a planning error has a message");
  const auto value_count = static_cast<int>(graph->values.size());
  fuzz::require(graph->nodes.size() == model->graph.nodes.size(), "one inferred node per node");
  for (const auto& node : graph->nodes) {
    for (const int i : node.inputs) fuzz::require(i >= -1 && i < value_count, "node inputs name values");
    for (const int o : node.outputs) fuzz::require(o >= 0 && o < value_count, "node outputs name values");
  }
  for (const int o : graph->outputs) fuzz::require(o >= 0 && o < value_count, "graph outputs name values");
  for (const auto& value : graph->values) {
    if (!value.shape) continue;
    const auto count = element_count(*value.shape);
    fuzz::require(count.ok(), "known shapes have a valid element count", value.name);
    if (value.folded_real)
      fuzz::require(static_cast<std::int64_t>(value.folded_real->size()) == count.value(),
                    "folded floats fill the shape", value.name);
    if (value.folded)
      fuzz::require(static_cast<std::int64_t>(value.folded->size()) == count.value(),
                    "folded values fill the shape", value.name);
  }
  return 0;
}
