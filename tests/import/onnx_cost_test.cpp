// graph::model_cost on the shared ONNX models (NCHW activations, OIHW
// weights: graph::Layout::nchw) and on the same layers in TFLite's layout.
//
// The expected MACs are computed here from the tensor shapes with the
// convolution formula of Sze et al. 2017 ("Efficient Processing of Deep
// Neural Networks: A Tutorial and Survey", Proc. IEEE 105(12), eq. 2: each of
// the N x M x E x F outputs sums C x R x S products), with C the input
// channels per group for a grouped convolution (ONNX Conv: weight
// M x C/group x kH x kW, docs/Operators.md):
//   conv MACs = N * H_out * W_out * C_out * (C_in / groups) * K_h * K_w
// and for a matrix product Y = A B with A M x K and B K x N (ONNX Gemm and
// MatMul): MACs = M * N * K, one K-long dot product per output element.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "derive/graph/cost.hpp"
#include "derive/import/importer.hpp"
#include "shared_model.hpp"

namespace derive::graph {
namespace {

const char* const kOnnxModels[] = {
    "examples_atmega_mnist_mnist.simplified.onnx",
    "test_mnist_model.onnx",
    "light_bvlc_alexnet.onnx",
    "light_squeezenet.onnx",
};

using testing::open_shared;

ModelCost cost_or_fail(const Model& model, const std::string& what) {
  auto cost = model_cost(model);
  EXPECT_TRUE(cost.ok()) << what << ": " << (cost.ok() ? "" : cost.error().message);
  return cost.ok() ? std::move(cost).value() : ModelCost{};
}

std::int64_t product(const std::vector<std::int64_t>& dims) {
  std::int64_t p = 1;
  for (const std::int64_t d : dims) p *= d;
  return p;
}

// The MACs of one ONNX operator from its shapes, by the formulas above, with
// the dimension positions the ONNX specification gives. 0 for the operators
// that do no multiply-accumulates (pools, Relu, Add, reshapes, ...).
std::int64_t expected_onnx_macs(const Subgraph& g, const Operator& op) {
  const auto shape = [&](std::int32_t t) { return g.tensors[static_cast<std::size_t>(t)].shape; };
  if (op.op == "Conv") {
    const auto x = shape(op.inputs[0]), w = shape(op.inputs[1]), y = shape(op.outputs[0]);
    EXPECT_EQ(x[1] % w[1], 0) << op.name << ": C_in / groups is the weight's dimension 1";
    return y[0] * y[2] * y[3] * y[1] * w[1] * w[2] * w[3];
  }
  if (op.op == "Gemm") {
    const auto a = shape(op.inputs[0]), y = shape(op.outputs[0]);
    const std::int64_t k = op.attributes.transpose_a ? a[0] : a[1];
    return y[0] * y[1] * k;
  }
  if (op.op == "MatMul") return product(shape(op.outputs[0])) * shape(op.inputs[0]).back();
  return 0;
}

// Every layer of every shared ONNX model, against the formulas; no unknown ops.
TEST(OnnxCost, EveryLayerMatchesTheFormulaFromItsShapes) {
  for (const char* name : kOnnxModels) {
    SCOPED_TRACE(name);
    const Model model = open_shared(name);
    if (model.subgraphs.empty()) continue;
    const ModelCost cost = cost_or_fail(model, name);
    const Subgraph& g = main_subgraph(model);
    ASSERT_EQ(cost.layers.size(), g.operators.size());
    std::int64_t total = 0;
    for (std::size_t i = 0; i < g.operators.size(); ++i) {
      const std::int64_t expected = expected_onnx_macs(g, g.operators[i]);
      EXPECT_EQ(cost.layers[i].macs, expected) << g.operators[i].op << " '" << g.operators[i].name << "'";
      total += expected;
    }
    EXPECT_EQ(cost.macs, total);
    EXPECT_GT(cost.macs, 0);
    EXPECT_TRUE(cost.unknown_ops.empty()) << cost.unknown_ops.begin()->first;
  }
}

// By hand from the files' attributes (the shapes are those checked in
// tests/import/onnx/onnx_models_test.cpp).
// atmega MNIST: Conv_3, 20 filters 1x5x5, stride 2 over 14x14: (14-5)/2+1 = 5;
// Conv_5, 12 filters 20x3x3 over 5x5: 3; Gemm_9, 108 -> 10.
// CNTK MNIST: 8 filters 1x5x5, SAME over 28x28; 16 filters 8x5x5, SAME over
// 14x14; MatMul 256 -> 10.
TEST(OnnxCost, MnistModelsByHand) {
  const ModelCost atmega = cost_or_fail(open_shared("examples_atmega_mnist_mnist.simplified.onnx"), "atmega");
  const std::int64_t conv3 = 5 * 5 * 20 * 1 * 5 * 5;   // 12,500
  const std::int64_t conv5 = 3 * 3 * 12 * 20 * 3 * 3;  // 19,440
  const std::int64_t gemm9 = 1 * 10 * 108;             // 1,080
  EXPECT_EQ(atmega.macs, conv3 + conv5 + gemm9);
  std::vector<std::int64_t> nonzero;
  for (const LayerCost& layer : atmega.layers)
    if (layer.macs > 0) nonzero.push_back(layer.macs);
  EXPECT_EQ(nonzero, (std::vector<std::int64_t>{conv3, conv5, gemm9}));

  const ModelCost cntk = cost_or_fail(open_shared("test_mnist_model.onnx"), "cntk");
  const std::int64_t conv28 = 28 * 28 * 8 * 1 * 5 * 5;    // 156,800
  const std::int64_t conv110 = 14 * 14 * 16 * 8 * 5 * 5;  // 627,200
  const std::int64_t times212 = 1 * 10 * 256;             // 2,560
  EXPECT_EQ(cntk.macs, conv28 + conv110 + times212);
}

// BVLC AlexNet's conv2, conv4 and conv5 have group 2 (Krizhevsky et al. 2012,
// the two-GPU split): conv2 is 256 filters of 48x5x5 over the 96 channels, so
// it costs half of an ungrouped 96-channel conv. In this graph conv2 (n4)
// gives 26x26 outputs: 26 * 26 * 256 * (96 / 2) * 5 * 5.
TEST(OnnxCost, AlexNetGroupedConvolution) {
  const Model model = open_shared("light_bvlc_alexnet.onnx");
  if (model.subgraphs.empty()) return;
  const ModelCost cost = cost_or_fail(model, "alexnet");
  const Subgraph& g = main_subgraph(model);
  bool seen = false;
  for (std::size_t i = 0; i < g.operators.size(); ++i) {
    if (g.operators[i].name != "n4") continue;
    seen = true;
    EXPECT_EQ(g.operators[i].attributes.groups, 2);
    EXPECT_EQ(cost.layers[i].macs, std::int64_t{26} * 26 * 256 * (96 / 2) * 5 * 5);
  }
  EXPECT_TRUE(seen);
}

// Params are weights and biases only: a Reshape's integer target shape is
// not one. Published totals: BVLC AlexNet 60,965,224 and torchvision's
// squeezenet1_1 1,235,496 (both cited in onnx/onnx_models_test.cpp). kws.tflite
// by hand: conv 10x4x1 x 64 + 64 biases, four depthwise 3x3 x 64 + 64, four
// pointwise 64 x 64 + 64, dense 64 x 12 + 12 (its RESHAPE's [2] shape is not
// counted).
TEST(OnnxCost, ShapeOperandsAreNotParams) {
  EXPECT_EQ(cost_or_fail(open_shared("light_bvlc_alexnet.onnx"), "alexnet").params, 60965224);
  EXPECT_EQ(cost_or_fail(open_shared("light_squeezenet.onnx"), "squeezenet").params, 1235496);
  const std::int64_t kws =
      (10 * 4 * 1 * 64 + 64) + 4 * (3 * 3 * 64 + 64) + 4 * (64 * 64 + 64) + (64 * 12 + 12);
  EXPECT_EQ(cost_or_fail(open_shared("kws.tflite"), "kws").params, kws);
}

// The same network in TFLite's layout: the shared ONNX models written out
// with NHWC activations, OHWI conv filters and [out, in] dense weights (what
// the TFLite converter makes of them) must cost the same, layer by layer.
// ../shared/models has no TFLite export of any of its ONNX networks, so the
// twin is built here from the imported graph.
Model as_tflite_layout(Model model) {
  Subgraph& g = model.subgraphs.front();
  std::vector<bool> done(g.tensors.size(), false);
  const auto permute = [&](std::int32_t t, std::initializer_list<std::size_t> order) {
    if (t < 0 || done[static_cast<std::size_t>(t)]) return;
    auto& shape = g.tensors[static_cast<std::size_t>(t)].shape;
    if (shape.size() != 4) return;
    std::vector<std::int64_t> permuted;
    for (const std::size_t axis : order) permuted.push_back(shape[axis]);
    shape = permuted;
    done[static_cast<std::size_t>(t)] = true;
  };
  for (Operator& op : g.operators) {
    if (op.kind == OpKind::conv2d || op.kind == OpKind::depthwise_conv2d) {
      permute(op.inputs[0], {0, 2, 3, 1});  // NCHW -> NHWC
      permute(op.outputs[0], {0, 2, 3, 1});
      permute(op.inputs[1], {0, 2, 3, 1});  // OIHW -> OHWI
    }
    if (op.kind == OpKind::fully_connected && !op.attributes.transpose_b) {
      auto& w = g.tensors[static_cast<std::size_t>(op.inputs[1])].shape;
      w = {w[1], w[0]};  // Gemm B [K, N] -> FULLY_CONNECTED [N, K]
    }
    op.attributes.layout = Layout::nhwc;
  }
  return model;
}

TEST(OnnxCost, TfliteLayoutTwinCostsTheSame) {
  for (const char* name : kOnnxModels) {
    SCOPED_TRACE(name);
    const Model onnx = open_shared(name);
    if (onnx.subgraphs.empty()) continue;
    const ModelCost expected = cost_or_fail(onnx, name);
    const ModelCost twin = cost_or_fail(as_tflite_layout(onnx), std::string(name) + " in NHWC");
    EXPECT_EQ(twin.macs, expected.macs);
    ASSERT_EQ(twin.layers.size(), expected.layers.size());
    for (std::size_t i = 0; i < twin.layers.size(); ++i)
      EXPECT_EQ(twin.layers[i].macs, expected.layers[i].macs) << i;
  }
}

// A one-operator model for the layout cases the shared models lack.
Model one_conv(OpKind kind, Layout layout, std::vector<std::int64_t> x, std::vector<std::int64_t> w,
               std::vector<std::int64_t> y) {
  Model model;
  model.format = layout == Layout::nchw ? "onnx" : "tflite";
  Subgraph& g = model.subgraphs.emplace_back();
  const auto tensor = [](std::string name, std::vector<std::int64_t> shape) {
    Tensor t;
    t.name = std::move(name);
    t.shape = std::move(shape);
    t.dtype = DType::float32;
    return t;
  };
  g.tensors.push_back(tensor("x", std::move(x)));
  Tensor weight = tensor("w", std::move(w));
  weight.role = TensorRole::constant;
  weight.data_id = 0;
  g.tensors.push_back(weight);
  g.tensors.push_back(tensor("y", std::move(y)));
  Operator op;
  op.op =
      layout == Layout::nchw ? "Conv" : (kind == OpKind::depthwise_conv2d ? "DEPTHWISE_CONV_2D" : "CONV_2D");
  op.name = "layer";
  op.kind = kind;
  op.inputs = {0, 1};
  op.outputs = {2};
  op.attributes.layout = layout;
  g.operators.push_back(op);
  g.inputs = {0};
  g.outputs = {2};
  return model;
}

// Depthwise 3x3 over 32 channels with multiplier 2 (ONNX: group 32, weight
// 64 x 1 x 3 x 3; TFLite: filter 1 x 3 x 3 x 64), 10x10 outputs:
// 10 * 10 * 64 * (32 / 32) * 3 * 3 MACs. Grouped 3x5 conv, 4 groups,
// 32 -> 16 channels (weight 16 x 8 x 3 x 5), 7x6 outputs: 7 * 6 * 16 * 8 * 3 * 5.
TEST(OnnxCost, DepthwiseAndGroupedInBothLayouts) {
  const std::int64_t depthwise = 10 * 10 * 64 * 1 * 3 * 3;
  const ModelCost onnx_dw = cost_or_fail(
      one_conv(OpKind::depthwise_conv2d, Layout::nchw, {1, 32, 12, 12}, {64, 1, 3, 3}, {1, 64, 10, 10}),
      "dw");
  EXPECT_EQ(onnx_dw.macs, depthwise);
  const ModelCost tflite_dw = cost_or_fail(
      one_conv(OpKind::depthwise_conv2d, Layout::nhwc, {1, 12, 12, 32}, {1, 3, 3, 64}, {1, 10, 10, 64}),
      "dw");
  EXPECT_EQ(tflite_dw.macs, depthwise);

  const std::int64_t grouped = 7 * 6 * 16 * 8 * 3 * 5;
  const ModelCost onnx_g =
      cost_or_fail(one_conv(OpKind::conv2d, Layout::nchw, {1, 32, 9, 10}, {16, 8, 3, 5}, {1, 16, 7, 6}), "g");
  EXPECT_EQ(onnx_g.macs, grouped);
  const ModelCost tflite_g =
      cost_or_fail(one_conv(OpKind::conv2d, Layout::nhwc, {1, 9, 10, 32}, {16, 3, 5, 8}, {1, 7, 6, 16}), "g");
  EXPECT_EQ(tflite_g.macs, grouped);
}

// An ONNX Conv handed NHWC shapes (what the cost model did with every ONNX
// Conv before it knew layouts) cannot be costed: the layer stays in the
// analysis with MACs 0 and a reason that names the operator, its layout and
// what was expected, and the totals list it as uncosted (never a silent 0).
TEST(OnnxCost, LayoutMismatchIsANamedUncostedLayer) {
  auto cost =
      model_cost(one_conv(OpKind::conv2d, Layout::nchw, {1, 28, 28, 1}, {8, 5, 5, 1}, {1, 28, 28, 8}));
  ASSERT_TRUE(cost.ok()) << cost.error().message;
  ASSERT_EQ(cost->layers.size(), 1u);
  const LayerCost& layer = cost->layers[0];
  EXPECT_EQ(layer.macs, 0);
  EXPECT_EQ(layer.params, 8 * 5 * 5 * 1);  // the weights it has are still counted
  EXPECT_EQ(cost->uncosted_ops, (std::map<std::string, std::int64_t>{{"Conv", 1}}));
  EXPECT_TRUE(cost->unknown_ops.empty());
  const std::string& message = layer.uncosted_reason;
  EXPECT_NE(message.find("Conv 'layer'"), std::string::npos) << message;
  EXPECT_NE(message.find("NCHW activations, OIHW weight [M, C/group, kh, kw]"), std::string::npos) << message;
  EXPECT_NE(message.find("expected the filter's 8 output channels to equal the output's 28"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("got [1, 28, 28, 1], [8, 5, 5, 1], [1, 28, 28, 8]"), std::string::npos) << message;
  ASSERT_FALSE(layer.notes.empty());
  EXPECT_NE(layer.notes.back().find("uncosted, MACs counted as 0: " + message), std::string::npos);
}

// Transposed convolution, 8 -> 2 channels, 3x3 kernel, over a 5x5 input
// (Dumoulin & Visin 2016, ch. 4): every input value meets the kernel of each
// output channel, 5 * 5 * 8 * 2 * 3 * 3 MACs, whatever the stride. ONNX
// ConvTranspose: W [C_in, C_out/group, kh, kw]; TFLite TRANSPOSE_CONV:
// inputs (output_shape, weights [C_out, kh, kw, C_in], input).
TEST(OnnxCost, TransposedConvolutionInBothLayouts) {
  const std::int64_t expected = 5 * 5 * 8 * 2 * 3 * 3;
  Model onnx = one_conv(OpKind::transpose_conv2d, Layout::nchw, {1, 8, 5, 5}, {8, 2, 3, 3}, {1, 2, 11, 11});
  onnx.subgraphs[0].operators[0].op = "ConvTranspose";
  EXPECT_EQ(cost_or_fail(onnx, "ConvTranspose").macs, expected);

  Model tflite = one_conv(OpKind::transpose_conv2d, Layout::nhwc, {1, 5, 5, 8}, {2, 3, 3, 8}, {1, 11, 11, 2});
  Subgraph& g = tflite.subgraphs[0];
  Tensor output_shape;
  output_shape.name = "output_shape";
  output_shape.shape = {4};
  output_shape.dtype = DType::int32;
  output_shape.role = TensorRole::constant;
  output_shape.data_id = 1;
  g.tensors.push_back(output_shape);
  g.operators[0].op = "TRANSPOSE_CONV";
  g.operators[0].inputs = {3, 1, 0};
  EXPECT_EQ(cost_or_fail(tflite, "TRANSPOSE_CONV").macs, expected);
}

// 2^60 outputs of a 3x5 kernel: 15 x 2^60 MACs do not fit in 63 bits. The
// layer is uncosted with a reason that names the operator and its layout
// rather than wrapping around.
TEST(OnnxCost, OverflowIsANamedUncostedLayer) {
  const std::int64_t big = std::int64_t{1} << 20;
  auto cost = model_cost(
      one_conv(OpKind::conv2d, Layout::nchw, {1, 1, big + 2, big + 4}, {big, 1, 3, 5}, {1, big, big, big}));
  ASSERT_TRUE(cost.ok()) << cost.error().message;
  const std::string& message = cost->layers.at(0).uncosted_reason;
  EXPECT_NE(message.find("Conv 'layer' (NCHW activations"), std::string::npos) << message;
  EXPECT_NE(message.find("MAC count past 2^63 - 1"), std::string::npos) << message;
  EXPECT_EQ(cost->macs, 0);
  EXPECT_EQ(cost->uncosted_ops.at("Conv"), 1);
}

}  // namespace
}  // namespace derive::graph
