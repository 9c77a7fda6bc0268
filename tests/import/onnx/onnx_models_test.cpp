// Golden per-layer tables for the shared ONNX models (../shared/models,
// README.md there). Shapes come from the importer (value_info where the file
// has it, shape inference where it does not: the light_* models have none);
// params and MACs from the engine's formulas over those shapes.
#include <gtest/gtest.h>

#include <numeric>

#include "onnx_test_support.hpp"

namespace derive::onnx {
namespace {

using testing::Layer;
using testing::read_shared_model;
using testing::weighted_layers;

struct Imported {
  Model model;
  InferredGraph graph;
};

Imported import_shared(const std::string& name) {
  const std::string bytes = read_shared_model(name);
  EXPECT_FALSE(bytes.empty()) << name << " is missing from ../shared/models";
  auto model = decode_model(bytes);
  EXPECT_TRUE(model.ok()) << name << ": " << (model.ok() ? "" : model.error().message);
  auto graph = infer_shapes(*model);
  EXPECT_TRUE(graph.ok()) << name << ": " << (graph.ok() ? "" : graph.error().message);
  return {std::move(model).value(), std::move(graph).value()};
}

void expect_layers(const std::vector<Layer>& actual, const std::vector<Layer>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].name);
    EXPECT_EQ(actual[i].name, expected[i].name);
    EXPECT_EQ(actual[i].op, expected[i].op);
    EXPECT_EQ(actual[i].output, expected[i].output);
    EXPECT_EQ(actual[i].params, expected[i].params);
    EXPECT_EQ(actual[i].macs, expected[i].macs);
  }
}

std::int64_t total_params(const std::vector<Layer>& layers) {
  return std::accumulate(layers.begin(), layers.end(), std::int64_t{0},
                         [](std::int64_t sum, const Layer& l) { return sum + l.params; });
}

void expect_every_shape_known(const Imported& m) {
  for (std::size_t n = 0; n < m.graph.nodes.size(); ++n)
    EXPECT_EQ(m.graph.nodes[n].unknown_reason, "") << "node " << n << " " << m.model.graph.nodes[n].op_type;
}

// PyTorch export, IR 6, weights in raw_data, value_info present.
// By hand: Conv_3 is 20 filters of 1x5x5 over a 14x14 input with stride 2
// (the file's attributes): (14 - 5) / 2 + 1 = 5, so 20x5x5 outputs;
// params 20*25 = 500 (no bias), MACs 25 * 500 = 12,500. Conv_5: 12 filters of
// 20x3x3 over 5x5 with stride 1: 3x3 outputs, params 12*180 = 2,160, MACs
// 180 * 12 * 9 = 19,440. Gemm_9: 108 -> 10 with bias: 1,080 + 10 = 1,090
// params, 1,080 MACs.
TEST(OnnxModels, AtmegaMnistPerLayer) {
  const auto m = import_shared("examples_atmega_mnist_mnist.simplified.onnx");
  EXPECT_EQ(m.model.ir_version, 6);
  EXPECT_EQ(m.model.opset, 9);
  expect_every_shape_known(m);
  expect_layers(weighted_layers(m.model, m.graph), {
                                                       {"Conv_3", "Conv", {1, 20, 5, 5}, 500, 12500},
                                                       {"Conv_5", "Conv", {1, 12, 3, 3}, 2160, 19440},
                                                       {"Gemm_9", "Gemm", {1, 10}, 1090, 1080},
                                                   });
  ASSERT_EQ(m.graph.inputs.size(), 1u);
  EXPECT_EQ(*m.graph.values[static_cast<std::size_t>(m.graph.inputs[0])].shape,
            (std::vector<std::int64_t>{1, 1, 14, 14}));
}

// CNTK export, IR 3, opset 8: weights in float_data, initializers repeated in
// graph.input (they must be weights, leaving one real input). By hand:
// Convolution28 is 8 filters of 1x5x5 with SAME padding over 28x28: 200
// params, 25 * 8 * 28 * 28 = 156,800 MACs. Convolution110: 16 filters of
// 8x5x5 over 14x14: 3,200 params, 200 * 16 * 196 = 627,200 MACs. Times212:
// 256 -> 10, its weight a Reshape of the 16x4x4x10 initializer folded at
// import: 2,560 params and MACs.
TEST(OnnxModels, CntkMnistPerLayer) {
  const auto m = import_shared("test_mnist_model.onnx");
  EXPECT_EQ(m.model.ir_version, 3);
  EXPECT_EQ(m.model.opset, 8);
  expect_every_shape_known(m);
  ASSERT_EQ(m.graph.inputs.size(), 1u);
  EXPECT_EQ(m.graph.values[static_cast<std::size_t>(m.graph.inputs[0])].name, "Input3");
  EXPECT_TRUE(m.graph.nodes[0].folded) << "the Reshape of a weight runs at import";
  expect_layers(weighted_layers(m.model, m.graph),
                {
                    {"Convolution28", "Conv", {1, 8, 28, 28}, 200, 156800},
                    {"Convolution110", "Conv", {1, 16, 14, 14}, 3200, 627200},
                    {"Times212", "MatMul", {1, 10}, 2560, 2560},
                });
}

// Weights made by ConstantOfShape, no value_info at all: every shape below is
// inferred. Per layer, params = M * C/group * k * k + M and MACs =
// k * k * C/group * M * H_out * W_out; conv1 by hand: (224 - 11) / 4 + 1 = 54,
// 96 * 3 * 121 + 96 = 34,944 params, 363 * 96 * 54 * 54 = 101,616,768 MACs.
// The total, 60,965,224 parameters, is the published count of BVLC AlexNet
// (the Caffe model with group 2 in conv2, conv4 and conv5), and it is also
// the sum of this table.
TEST(OnnxModels, AlexNetPerLayerAndPublishedTotal) {
  const auto m = import_shared("light_bvlc_alexnet.onnx");
  EXPECT_EQ(m.model.ir_version, 3);
  EXPECT_TRUE(m.model.graph.value_info.empty());
  expect_every_shape_known(m);
  for (std::size_t n = 0; n < 16; ++n) EXPECT_TRUE(m.graph.nodes[n].folded) << "ConstantOfShape " << n;
  const auto layers = weighted_layers(m.model, m.graph);
  expect_layers(layers, {
                            {"n0", "Conv", {1, 96, 54, 54}, 34944, 101616768},
                            {"n4", "Conv", {1, 256, 26, 26}, 307456, 207667200},
                            {"n8", "Conv", {1, 384, 12, 12}, 885120, 127401984},
                            {"n10", "Conv", {1, 384, 12, 12}, 663936, 95551488},
                            {"n12", "Conv", {1, 256, 12, 12}, 442624, 63700992},
                            {"n16", "Gemm", {1, 4096}, 37752832, 37748736},
                            {"n19", "Gemm", {1, 4096}, 16781312, 16777216},
                            {"n22", "Gemm", {1, 1000}, 4097000, 4096000},
                        });
  EXPECT_EQ(total_params(layers), 60965224);
  ASSERT_EQ(m.graph.outputs.size(), 1u);
  EXPECT_EQ(*m.graph.values[static_cast<std::size_t>(m.graph.outputs[0])].shape,
            (std::vector<std::int64_t>{1, 1000}));
}

// SqueezeNet 1.1, weights made by ConstantOfShape, no value_info. Published:
// 1,235,496 parameters (torchvision's squeezenet1_1 weights, the "num_params"
// of SqueezeNet1_1_Weights.IMAGENET1K_V1 in torchvision/models/squeezenet.py).
// By hand, fire2/expand3x3 (n7): 64 filters of 16x3x3 with pad 1 over 55x55:
// 64 * 144 + 64 = 9,280 params, 144 * 64 * 3,025 = 27,878,400 MACs.
TEST(OnnxModels, SqueezeNetPerLayerAndPublishedTotal) {
  const auto m = import_shared("light_squeezenet.onnx");
  EXPECT_TRUE(m.model.graph.value_info.empty());
  expect_every_shape_known(m);
  const auto layers = weighted_layers(m.model, m.graph);
  expect_layers(layers, {
                            {"n0", "Conv", {1, 64, 111, 111}, 1792, 21290688},
                            {"n3", "Conv", {1, 16, 55, 55}, 1040, 3097600},
                            {"n5", "Conv", {1, 64, 55, 55}, 1088, 3097600},
                            {"n7", "Conv", {1, 64, 55, 55}, 9280, 27878400},
                            {"n10", "Conv", {1, 16, 55, 55}, 2064, 6195200},
                            {"n12", "Conv", {1, 64, 55, 55}, 1088, 3097600},
                            {"n14", "Conv", {1, 64, 55, 55}, 9280, 27878400},
                            {"n18", "Conv", {1, 32, 27, 27}, 4128, 2985984},
                            {"n20", "Conv", {1, 128, 27, 27}, 4224, 2985984},
                            {"n22", "Conv", {1, 128, 27, 27}, 36992, 26873856},
                            {"n25", "Conv", {1, 32, 27, 27}, 8224, 5971968},
                            {"n27", "Conv", {1, 128, 27, 27}, 4224, 2985984},
                            {"n29", "Conv", {1, 128, 27, 27}, 36992, 26873856},
                            {"n33", "Conv", {1, 48, 13, 13}, 12336, 2076672},
                            {"n35", "Conv", {1, 192, 13, 13}, 9408, 1557504},
                            {"n37", "Conv", {1, 192, 13, 13}, 83136, 14017536},
                            {"n40", "Conv", {1, 48, 13, 13}, 18480, 3115008},
                            {"n42", "Conv", {1, 192, 13, 13}, 9408, 1557504},
                            {"n44", "Conv", {1, 192, 13, 13}, 83136, 14017536},
                            {"n47", "Conv", {1, 64, 13, 13}, 24640, 4153344},
                            {"n49", "Conv", {1, 256, 13, 13}, 16640, 2768896},
                            {"n51", "Conv", {1, 256, 13, 13}, 147712, 24920064},
                            {"n54", "Conv", {1, 64, 13, 13}, 32832, 5537792},
                            {"n56", "Conv", {1, 256, 13, 13}, 16640, 2768896},
                            {"n58", "Conv", {1, 256, 13, 13}, 147712, 24920064},
                            {"n62", "Conv", {1, 1000, 13, 13}, 513000, 86528000},
                        });
  EXPECT_EQ(total_params(layers), 1235496);
  ASSERT_EQ(m.graph.outputs.size(), 1u);
  EXPECT_EQ(*m.graph.values[static_cast<std::size_t>(m.graph.outputs[0])].shape,
            (std::vector<std::int64_t>{1, 1000, 1, 1}));
}

TEST(OnnxModels, EveryModelMatchesTheOnnxSignature) {
  for (const auto& name : testing::shared_onnx_models())
    EXPECT_TRUE(looks_like_onnx(read_shared_model(name))) << name;
  EXPECT_FALSE(looks_like_onnx(read_shared_model("kws.tflite")));
  EXPECT_FALSE(looks_like_onnx(""));
}

}  // namespace
}  // namespace derive::onnx
