// "Practise on this layer" (src/analyze/practice.hpp) on small graphs built by
// hand, so every rule is exercised whatever ../shared/models holds: which
// question a layer is, which it is not, and that each answer is the
// analyzer's own number for that layer. tests/analyze/practice_models_test.cpp
// checks the same on every layer of the real models.
#include "analyze/practice.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "derive/exercise/exercise.hpp"
#include "derive/graph/cost.hpp"

namespace derive::analyze {
namespace {

using graph::DType;
using graph::Tensor;
using graph::TensorRole;

// A graph of int8 NHWC tensors, TFLite's conventions (op.hpp, Layout::nhwc).
struct GraphBuilder {
  graph::Subgraph g;
  std::int64_t next_data = 0;

  std::int32_t activation(std::vector<std::int64_t> shape, DType dtype = DType::int8) {
    g.tensors.push_back(Tensor{
        "t" + std::to_string(g.tensors.size()), std::move(shape), dtype, {}, TensorRole::activation, 0, -1});
    return static_cast<std::int32_t>(g.tensors.size() - 1);
  }
  std::int32_t constant(std::vector<std::int64_t> shape, DType dtype = DType::int8) {
    const std::int32_t t = activation(std::move(shape), dtype);
    g.tensors[t].role = TensorRole::constant;
    g.tensors[t].data_id = next_data++;
    g.tensors[t].stored_bytes = *graph::byte_length(g.tensors[t]);
    return t;
  }
  void op(const std::string& name, graph::OpKind kind, std::vector<std::int32_t> inputs,
          std::int32_t output) {
    graph::Operator o;
    o.op = name;
    o.kind = kind;
    o.name = name + std::to_string(g.operators.size());
    o.inputs = std::move(inputs);
    o.outputs = {output};
    g.operators.push_back(std::move(o));
  }
  graph::Model model() const {
    graph::Model m;
    m.format = "tflite";
    m.subgraphs = {g};
    return m;
  }
};

// The builder's graph costed as the analyzer costs it, and its suggestions.
struct Analyzed {
  graph::Model model;
  graph::ModelCost cost;
  explicit Analyzed(const GraphBuilder& b) : model(b.model()), cost(*graph::model_cost(model)) {}
  std::vector<Practice> practice(std::size_t index) const {
    return layer_practice(model.subgraphs[0], cost.layers[index]);
  }
};

const Practice* find(const std::vector<Practice>& practice, std::string_view id) {
  const auto it =
      std::find_if(practice.begin(), practice.end(), [&](const Practice& p) { return p.exercise == id; });
  return it == practice.end() ? nullptr : &*it;
}

Instance built(const Practice& practice) {
  auto in = instantiate_with(*builtin_catalogue().find(practice.exercise), practice.params);
  EXPECT_TRUE(in) << practice.exercise << ": " << (in ? "" : in.error().message);
  return in ? std::move(in).value() : Instance{};
}

std::int64_t exact(const Instance& in, const std::string& name) {
  return in.env.at(name).number().exact_value();
}

// A 3x3 depthwise convolution on an 8x8x16 int8 map (same padding), then a
// 1x1 pointwise convolution to 32 channels: MobileNet's separable block
// (Howard et al. 2017, sec. 3.1).
GraphBuilder separable_block() {
  GraphBuilder b;
  const std::int32_t in = b.activation({1, 8, 8, 16});
  const std::int32_t dw_out = b.activation({1, 8, 8, 16});
  b.op("DEPTHWISE_CONV_2D", graph::OpKind::depthwise_conv2d,
       {in, b.constant({1, 3, 3, 16}), b.constant({16}, DType::int32)}, dw_out);
  const std::int32_t pw_out = b.activation({1, 8, 8, 32});
  b.op("CONV_2D", graph::OpKind::conv2d, {dw_out, b.constant({32, 1, 1, 16}), b.constant({32}, DType::int32)},
       pw_out);
  return b;
}

TEST(Practice, ASeparableBlockIsTheSeparableRatioQuestion) {
  const GraphBuilder b = separable_block();
  const Analyzed a(b);
  const auto practice = a.practice(0);
  const Practice* ratio = find(practice, "count.separable-ratio");
  ASSERT_NE(ratio, nullptr);
  const Instance in = built(*ratio);
  // Depthwise: 3*3*16 MACs at each of 8*8 positions; pointwise: 16*32 at each.
  EXPECT_EQ(exact(in, "dw"), 3 * 3 * 16 * 8 * 8);
  EXPECT_EQ(exact(in, "dw"), a.cost.layers[0].macs);
  EXPECT_EQ(exact(in, "pw"), a.cost.layers[1].macs);
  EXPECT_EQ(exact(in, "separable"), a.cost.layers[0].macs + a.cost.layers[1].macs);
}

TEST(Practice, AnInt8ConvolutionKeepingItsMapIsThePeakSramQuestion) {
  const GraphBuilder b = separable_block();
  const Analyzed a(b);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto practice = a.practice(i);
    const Practice* peak = find(practice, "mcu.peak-sram");
    ASSERT_NE(peak, nullptr) << i;
    const graph::Tensor& input = b.g.tensors[b.g.operators[i].inputs[0]];
    // One byte per int8 value: the input map and the output the layer writes.
    EXPECT_EQ(exact(built(*peak), "total"), *graph::byte_length(input) + a.cost.layers[i].activation_bytes)
        << i;
  }
}

TEST(Practice, AStandardConvolutionGivesItsParamsMacsAndIm2col) {
  // 3x3, 4 -> 8 channels, valid padding: a 10x10 map becomes 8x8.
  GraphBuilder b;
  const std::int32_t in = b.activation({1, 10, 10, 4});
  const std::int32_t out = b.activation({1, 8, 8, 8});
  b.op("CONV_2D", graph::OpKind::conv2d, {in, b.constant({8, 3, 3, 4}), b.constant({8}, DType::int32)}, out);
  const Analyzed a(b);
  const auto practice = a.practice(0);
  ASSERT_NE(find(practice, "count.conv-params"), nullptr);
  EXPECT_EQ(built(*find(practice, "count.conv-params")).answers[0].number().to_double(), 3 * 3 * 4 * 8 + 8);
  EXPECT_EQ(exact(built(*find(practice, "count.conv-params")), "total"), a.cost.layers[0].params);
  ASSERT_NE(find(practice, "count.conv-macs"), nullptr);
  EXPECT_EQ(exact(built(*find(practice, "count.conv-macs")), "macs"), a.cost.layers[0].macs);
  ASSERT_NE(find(practice, "mcu.im2col-size"), nullptr);
  // One 3*3*4 column per output position: 36 x 64 values.
  EXPECT_EQ(exact(built(*find(practice, "mcu.im2col-size")), "n"), 3 * 3 * 4 * 8 * 8);
  // The map shrinks, so the two-buffer question (same H x W in and out) is not this layer.
  EXPECT_EQ(find(practice, "mcu.peak-sram"), nullptr);
}

TEST(Practice, ShapesTheQuestionsDoNotModelAreLeftOut) {
  // A 3x1 kernel and a 6x4 output: no square kernel for conv-params, no
  // square map for conv-macs and im2col; float tensors: no INT8 question.
  GraphBuilder b;
  const std::int32_t in = b.activation({1, 8, 4, 4}, DType::float32);
  const std::int32_t out = b.activation({1, 6, 4, 8}, DType::float32);
  b.op("CONV_2D", graph::OpKind::conv2d,
       {in, b.constant({8, 3, 1, 4}, DType::float32), b.constant({8}, DType::float32)}, out);
  EXPECT_TRUE(Analyzed(b).practice(0).empty());
}

TEST(Practice, AConvolutionWithoutABiasIsNotTheParamsQuestion) {
  // The prompt says "with a bias"; the MACs question ignores the bias and
  // still applies (3*3*16*32*16*16 = 1.18 MMACs).
  GraphBuilder b;
  const std::int32_t in = b.activation({1, 18, 18, 16});
  const std::int32_t out = b.activation({1, 16, 16, 32});
  b.op("CONV_2D", graph::OpKind::conv2d, {in, b.constant({32, 3, 3, 16}), -1}, out);
  const auto practice = Analyzed(b).practice(0);
  EXPECT_EQ(find(practice, "count.conv-params"), nullptr);
  EXPECT_NE(find(practice, "count.conv-macs"), nullptr);
}

TEST(Practice, AFullyConnectedLayerWithABiasIsTheLinearParamsQuestion) {
  GraphBuilder b;
  const std::int32_t in = b.activation({1, 20});
  const std::int32_t out = b.activation({1, 5});
  b.op("FULLY_CONNECTED", graph::OpKind::fully_connected,
       {in, b.constant({5, 20}), b.constant({5}, DType::int32)}, out);
  const Analyzed a(b);
  const auto practice = a.practice(0);
  const Practice* linear = find(practice, "count.linear-params");
  ASSERT_NE(linear, nullptr);
  const Instance in_ = built(*linear);
  EXPECT_EQ(in_.answers[0].number().to_double(), 20 * 5 + 5);
  EXPECT_EQ(exact(in_, "total"), a.cost.layers[0].params);
}

TEST(Practice, AWeightSharedWithAnEarlierLayerIsNotThisLayersCount) {
  // Two layers read one weight: the analyzer counts it at the first, so the
  // second's params are its bias alone and the params question would differ.
  GraphBuilder b;
  const std::int32_t in = b.activation({1, 4});
  const std::int32_t weights = b.constant({4, 4});
  const std::int32_t mid = b.activation({1, 4});
  b.op("FULLY_CONNECTED", graph::OpKind::fully_connected, {in, weights, b.constant({4}, DType::int32)}, mid);
  const std::int32_t out = b.activation({1, 4});
  b.op("FULLY_CONNECTED", graph::OpKind::fully_connected, {mid, weights, b.constant({4}, DType::int32)}, out);
  const Analyzed a(b);
  EXPECT_NE(find(a.practice(0), "count.linear-params"), nullptr);
  EXPECT_EQ(find(a.practice(1), "count.linear-params"), nullptr);
}

}  // namespace
}  // namespace derive::analyze
