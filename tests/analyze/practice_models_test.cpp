// The truth test of "practise on this layer" (src/analyze/practice.hpp): on
// every layer of every model in ../shared/models, and of the subgraphs their
// control-flow operators call, each suggested question, built with
// instantiate_with, answers with the analyzer's own number for that layer
// (params, MACs, bytes). A suggestion whose answer differs would teach a
// wrong cost of the learner's own model.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "analyze/practice.hpp"
#include "derive/exercise/exercise.hpp"
#include "derive/graph/cost.hpp"
#include "derive/import/importer.hpp"
#include "tflite_writer.hpp"

namespace derive::analyze {
namespace {

namespace fs = std::filesystem;

std::int64_t exact(const Instance& in, const std::string& name) {
  const Value& value = in.env.at(name);
  EXPECT_TRUE(value.is_number() && value.number().is_exact()) << in.exercise->id << " " << name;
  return value.number().exact_value();
}

// The cost entry of operator `index` of subgraph `subgraph`, found by the
// operator it names: model_cost lists the main subgraph's operators and then
// those of the subgraphs they call, so a position in cost.layers is an
// operator's index only while there is one subgraph.
const graph::LayerCost& layer_cost(const graph::ModelCost& cost, std::int32_t subgraph, std::size_t index) {
  for (const graph::LayerCost& layer : cost.layers)
    if (layer.subgraph == subgraph && static_cast<std::size_t>(layer.index) == index) return layer;
  ADD_FAILURE() << "no cost entry for operator " << index << " of subgraph " << subgraph;
  static const graph::LayerCost none{};
  return none;
}

// The first convolution after layer `index`: the pointwise half of a separable block.
std::size_t next_conv(const graph::Subgraph& g, std::size_t index) {
  for (std::size_t j = index + 1; j < g.operators.size(); ++j)
    if (g.operators[j].kind == graph::OpKind::conv2d) return j;
  ADD_FAILURE() << "no convolution after layer " << index;
  return index;
}

// Checks one suggestion for `layer`, an operator of `g`, against its costs.
void expect_layer_numbers(const Instance& in, const graph::Subgraph& g, const graph::ModelCost& cost,
                          const graph::LayerCost& layer) {
  const auto index = static_cast<std::size_t>(layer.index);
  const std::string& id = in.exercise->id;
  const double answer = in.answers.at(0).number().to_double();
  if (id == "count.conv-params" || id == "count.linear-params") {
    EXPECT_EQ(exact(in, "total"), layer.params);
    EXPECT_EQ(answer, static_cast<double>(layer.params));
  } else if (id == "count.conv-macs") {
    EXPECT_EQ(exact(in, "macs"), layer.macs);
    EXPECT_DOUBLE_EQ(answer, static_cast<double>(layer.macs) / 1e6);
  } else if (id == "mcu.im2col-size") {
    // A standard convolution is one matrix product of its C_out x K^2 C_in
    // filters with the K^2 C_in x H_out W_out im2col buffer: MACs = n * C_out.
    const graph::Operator& op = g.operators[index];
    const auto& out = g.tensors[static_cast<std::size_t>(op.outputs[0])].shape;
    const std::int64_t out_channels = op.attributes.layout == graph::Layout::nchw ? out[1] : out[3];
    EXPECT_EQ(exact(in, "n") * out_channels, layer.macs);
  } else if (id == "mcu.peak-sram") {
    const graph::Tensor& input = g.tensors[static_cast<std::size_t>(g.operators[index].inputs[0])];
    EXPECT_EQ(exact(in, "total"), *graph::byte_length(input) + layer.activation_bytes);
  } else if (id == "count.separable-ratio") {
    EXPECT_EQ(exact(in, "dw"), layer.macs);
    EXPECT_EQ(exact(in, "pw"), layer_cost(cost, layer.subgraph, next_conv(g, index)).macs);
  } else {
    ADD_FAILURE() << "no check for " << id << ": add one before suggesting it";
  }
}

// Checks every suggestion for every layer model_cost lists (the called
// subgraphs' too), counting them by exercise into `suggested`.
void expect_model_numbers(const std::vector<std::uint8_t>& bytes, std::map<std::string, int>& suggested) {
  auto model = import::open_model(bytes);
  ASSERT_TRUE(model) << model.error().message;
  auto cost = graph::model_cost(*model);
  ASSERT_TRUE(cost) << cost.error().message;
  for (const graph::LayerCost& layer : cost->layers) {
    const graph::Subgraph& g = model->subgraphs[static_cast<std::size_t>(layer.subgraph)];
    const auto i = static_cast<std::size_t>(layer.index);
    SCOPED_TRACE("subgraph " + std::to_string(layer.subgraph) + " layer " + std::to_string(i) + " " +
                 g.operators[i].op);
    for (const Practice& practice : layer_practice(g, layer)) {
      auto in = instantiate_with(*builtin_catalogue().find(practice.exercise), practice.params);
      ASSERT_TRUE(in) << practice.exercise << ": " << in.error().message;
      expect_layer_numbers(*in, g, *cost, layer);
      ++suggested[practice.exercise];
    }
  }
}

TEST(PracticeOnSharedModels, EveryAnswerIsTheAnalyzersNumberForThatLayer) {
  const fs::path models = fs::path(DERIVE_MODELS_DIR);
  if (!fs::exists(models)) GTEST_SKIP() << models << " is missing";
  std::map<std::string, int> suggested;
  for (const fs::directory_entry& entry : fs::directory_iterator(models)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".tflite" && ext != ".onnx") continue;
    SCOPED_TRACE(entry.path().filename().string());
    std::ifstream file(entry.path(), std::ios::binary);
    expect_model_numbers({std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()}, suggested);
  }
  // The real models hold standard convolutions with square maps and fully
  // connected layers with biases (test_conv_model, the ONNX AlexNet and
  // SqueezeNet, ad01): the rules for them must fire, or this test checks nothing.
  for (const char* id : {"count.conv-params", "count.conv-macs", "mcu.im2col-size", "count.linear-params"})
    EXPECT_GT(suggested[id], 0) << id;
}

// No model of ../shared/models has control flow, so one is built here (with
// tests/import/tflite_writer.hpp): a [1, 8] -> [1, 16] fully connected layer
// with a bias, then a WHILE (cond 1, body 2) whose body is a 16 -> 16 fully
// connected layer with a bias. cost.layers is [main FC, WHILE, LESS, body FC]:
// the body's layer is operator 0 of subgraph 2 but entry 3, and its
// 16 * 16 + 16 = 272 parameters are not the main layer's 8 * 16 + 16 = 144.
TEST(PracticeOnControlFlow, ACalledSubgraphsLayerIsCheckedAgainstItsOwnCost) {
  namespace tf = import::tflite::testing;
  tf::SubgraphSpec main;
  main.tensors = {{"x", {1, 8}},
                  {"w", {16, 8}, tf::kFloat32, 16 * 8 * 4},
                  {"bias", {16}, tf::kFloat32, 16 * 4},
                  {"h", {1, 16}},
                  {"y", {1, 16}}};
  main.inputs = {0};
  main.outputs = {4};
  main.operators = {{"FULLY_CONNECTED", {0, 1, 2}, {3}},
                    {"WHILE", {3}, {4}, import::tflite::schema::kWhileOptions, {1, 2}}};
  tf::SubgraphSpec cond;
  cond.tensors = {{"a", {1, 16}}, {"c", {1}, tf::kBool}, {"limit", {1, 16}, tf::kFloat32, 16 * 4}};
  cond.inputs = {0};
  cond.outputs = {1};
  cond.operators = {{"LESS", {0, 2}, {1}}};
  tf::SubgraphSpec body;
  body.tensors = {{"a", {1, 16}},
                  {"w", {16, 16}, tf::kFloat32, 16 * 16 * 4},
                  {"bias", {16}, tf::kFloat32, 16 * 4},
                  {"b", {1, 16}}};
  body.inputs = {0};
  body.outputs = {3};
  body.operators = {{"FULLY_CONNECTED", {0, 1, 2}, {3}}};
  std::map<std::string, int> suggested;
  expect_model_numbers(tf::model({main, cond, body}), suggested);
  EXPECT_EQ(suggested["count.linear-params"], 2) << "the main layer's question and the body's";
}

TEST(PracticeOnSharedModels, ANonSquareKernelGetsNoConvolutionQuestion) {
  // kws.tflite's first layer is a 10x4 convolution (its filter is [64, 10, 4, 1]).
  const fs::path path = fs::path(DERIVE_MODELS_DIR) / "kws.tflite";
  if (!fs::exists(path)) GTEST_SKIP() << path << " is missing";
  std::ifstream file(path, std::ios::binary);
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(file),
                                        std::istreambuf_iterator<char>()};
  const graph::Model model = *import::open_model(bytes);
  const graph::ModelCost cost = *graph::model_cost(model);
  const graph::Subgraph& g = graph::main_subgraph(model);
  ASSERT_EQ(g.operators[0].op, "CONV_2D");
  ASSERT_EQ(g.tensors[static_cast<std::size_t>(g.operators[0].inputs[1])].shape,
            (std::vector<std::int64_t>{64, 10, 4, 1}));
  EXPECT_TRUE(layer_practice(g, layer_cost(cost, 0, 0)).empty());
}

}  // namespace
}  // namespace derive::analyze
