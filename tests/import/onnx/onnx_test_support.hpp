// Helpers shared by the ONNX importer's tests: reading a shared model and
// summarising the layers that carry weights with the engine's formulas.
#pragma once

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "derive/layers.hpp"
#include "import/onnx/onnx_model.hpp"
#include "import/onnx/onnx_shapes.hpp"

namespace derive::onnx::testing {

inline std::string read_shared_model(const std::string& name) {
  std::ifstream in(std::string(DERIVE_SOURCE_DIR) + "/../shared/models/" + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline const std::vector<std::string>& shared_onnx_models() {
  static const std::vector<std::string> names = {"test_mnist_model.onnx",
                                                 "examples_atmega_mnist_mnist.simplified.onnx",
                                                 "light_bvlc_alexnet.onnx", "light_squeezenet.onnx"};
  return names;
}

struct Layer {
  std::string name;
  std::string op;
  std::vector<std::int64_t> output;
  std::int64_t params = 0;
  std::int64_t macs = 0;
};

// The Conv, Gemm and MatMul layers of a graph: params are the elements of
// their weight inputs (each weight counted once), MACs come from the engine's
// formulas in derive/layers.hpp (conv2d_macs, linear_macs).
inline std::vector<Layer> weighted_layers(const Model& model, const InferredGraph& graph) {
  std::vector<Layer> layers;
  std::vector<bool> counted(graph.values.size(), false);
  for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
    const Node& node = model.graph.nodes[n];
    const InferredNode& inferred = graph.nodes[n];
    if (node.op_type != "Conv" && node.op_type != "Gemm" && node.op_type != "MatMul") continue;
    Layer layer{node.name, node.op_type, *graph.values[static_cast<std::size_t>(inferred.outputs[0])].shape,
                0, 0};
    for (const int input : inferred.inputs) {
      if (input < 0 || counted[static_cast<std::size_t>(input)]) continue;
      const Value& v = graph.values[static_cast<std::size_t>(input)];
      if (v.kind != ValueKind::kWeight) continue;
      counted[static_cast<std::size_t>(input)] = true;
      layer.params += element_count(*v.shape).value();
    }
    const auto& x = *graph.values[static_cast<std::size_t>(inferred.inputs[0])].shape;
    const auto& w = *graph.values[static_cast<std::size_t>(inferred.inputs[1])].shape;
    const auto& y = layer.output;
    if (node.op_type == "Conv") {
      const Attribute* group = node.attribute("group");
      const std::int64_t groups = group ? group->i : 1;
      layer.macs =
          conv2d_macs(w[2], x[1], w[0], y[2], y[3], groups).value();  // square kernels in these models
    } else if (node.op_type == "Gemm") {
      const Attribute* trans_b = node.attribute("transB");
      const bool tb = trans_b && trans_b->i != 0;
      layer.macs = linear_macs(tb ? w[1] : w[0], tb ? w[0] : w[1], y[0]).value();
    } else {
      layer.macs = linear_macs(w[0], w[1], x[0]).value();
    }
    layers.push_back(layer);
  }
  return layers;
}

}  // namespace derive::onnx::testing
