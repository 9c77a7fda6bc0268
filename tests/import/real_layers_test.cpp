// The literal numbers of the catalogue's real TinyML variants against the
// models they name (../shared/models), read by the importer: every real
// variant with literal values only is listed here, and each of its parameters
// (derived ones included) is compared with the layer's shapes.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "shared_model.hpp"

namespace derive {
namespace {

using graph::Model;
using graph::Operator;
using graph::Subgraph;

using Reading = std::function<std::int64_t(const Subgraph&, const Operator&)>;

// Dimension `dim` of the operator's input or output tensor `index`.
Reading input_dim(int index, int dim) {
  return [=](const Subgraph& g, const Operator& op) { return g.tensors[op.inputs[index]].shape[dim]; };
}
Reading output_dim(int index, int dim) {
  return [=](const Subgraph& g, const Operator& op) { return g.tensors[op.outputs[index]].shape[dim]; };
}
// 1 when the operator has a bias input (TFLite: input 2), else 0.
std::int64_t has_bias(const Subgraph&, const Operator& op) {
  return op.inputs.size() > 2 && op.inputs[2] >= 0;
}

using Readings = std::vector<std::pair<const char*, Reading>>;

// A CONV_2D's kernel, channels and output size, as count.conv-macs and
// count.separable-ratio name them.
Readings conv_shape() {
  return {{"kernel", input_dim(1, 1)},
          {"in_channels", input_dim(1, 3)},
          {"out_channels", input_dim(1, 0)},
          {"out_height", output_dim(0, 1)},
          {"out_width", output_dim(0, 2)}};
}

struct RealLayer {
  const char* exercise;
  const char* real;
  const char* model;
  std::size_t op;
  Readings params;
};

// TFLite layouts (schema.fbs): CONV_2D weights [out, kh, kw, in], DEPTHWISE
// [1, kh, kw, channels], FULLY_CONNECTED [out, in]; activations NHWC.
const std::vector<RealLayer>& real_layers() {
  static const std::vector<RealLayer> layers = {
      {"count.conv-params",
       "test-conv-layer-2",
       "test_conv_model.tflite",
       2,
       {{"kernel", input_dim(1, 1)},
        {"kernel", input_dim(1, 2)},
        {"in_channels", input_dim(1, 3)},
        {"out_channels", input_dim(1, 0)},
        {"bias", has_bias}}},
      {"count.conv-macs", "test-conv-layer-2", "test_conv_model.tflite", 2, conv_shape()},
      {"mcu.im2col-size",
       "test-conv-layer-2",
       "test_conv_model.tflite",
       2,
       {{"kernel", input_dim(1, 1)},
        {"in_channels", input_dim(1, 3)},
        {"out_height", output_dim(0, 1)},
        {"out_width", output_dim(0, 2)}}},
      {"count.separable-ratio", "test-conv-layer-2", "test_conv_model.tflite", 2, conv_shape()},
      {"measure.activation-memory",
       "test-conv-layer-1",
       "test_conv_model.tflite",
       1,
       {{"batch", output_dim(0, 0)},
        {"channels", output_dim(0, 3)},
        {"height", output_dim(0, 1)},
        {"width", output_dim(0, 2)},
        {"bytes_per_value",
         [](const Subgraph& g, const Operator& op) {
           return *graph::dtype_bits(g.tensors[op.outputs[0]].dtype) / 8;
         }}}},
      {"count.linear-params",
       "ad01-layer-0",
       "ad01.tflite",
       0,
       {{"in_features", input_dim(1, 1)}, {"out_features", input_dim(1, 0)}, {"bias", has_bias}}},
      {"mcu.flash-weights",
       "ad01",
       "ad01.tflite",
       0,
       {{"params",
         [](const Subgraph& g, const Operator&) {
           std::int64_t weights = 0;
           for (const Operator& op : g.operators)
             if (op.op == "FULLY_CONNECTED") weights += *graph::element_count(g.tensors[op.inputs[1]]);
           return weights;
         }}}},
  };
  return layers;
}

double number_of(const Value& v) { return v.is_bool() ? (v.boolean() ? 1.0 : 0.0) : v.number().to_double(); }

TEST(RealLayers, EveryLiteralNumberIsTheModels) {
  for (const RealLayer& layer : real_layers()) {
    const Exercise* e = builtin_catalogue().find(layer.exercise);
    ASSERT_NE(e, nullptr) << layer.exercise;
    auto in = instantiate_real(*e, layer.real);
    ASSERT_TRUE(in) << in.error().message;
    const Model model = graph::testing::open_shared(layer.model);
    ASSERT_FALSE(model.subgraphs.empty());
    const Subgraph& g = model.subgraphs[0];
    ASSERT_LT(layer.op, g.operators.size());
    for (const auto& [name, read] : layer.params) {
      EXPECT_EQ(number_of(in->env.at(name)), static_cast<double>(read(g, g.operators[layer.op])))
          << layer.exercise << " --real " << layer.real << ", " << name << " against " << layer.model
          << " op " << layer.op;
    }
  }
}

TEST(RealLayers, EveryRealVariantOfLiteralsIsChecked) {
  std::set<std::pair<std::string, std::string>> checked;
  for (const RealLayer& layer : real_layers()) checked.emplace(layer.exercise, layer.real);
  for (const Exercise& e : builtin_catalogue().exercises) {
    for (const RealVariant& r : e.real) {
      const bool literal = std::all_of(r.values.begin(), r.values.end(),
                                       [](const RealValue& v) { return v.reference.empty(); });
      if (literal) {
        EXPECT_TRUE(checked.count({e.id, r.name})) << e.id << " --real " << r.name << " is not checked";
      }
    }
  }
}

}  // namespace
}  // namespace derive
