// Per-layer costs of imported models (graph/cost.hpp).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "derive/graph/cost.hpp"
#include "derive/import/importer.hpp"

namespace derive::graph {
namespace {

ModelCost cost_of(const std::string& name) {
  std::ifstream in(std::string(DERIVE_MODELS_DIR) + "/" + name, std::ios::binary);
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto model = import::open_model(bytes);
  EXPECT_TRUE(model.ok()) << name;
  if (!model.ok()) return {};
  auto cost = model_cost(*model);
  EXPECT_TRUE(cost.ok()) << name << ": " << (cost.ok() ? "" : cost.error().message);
  return cost.ok() ? *cost : ModelCost{};
}

// hello_world, 1 -> 16 -> 16 -> 1 with biases, by hand:
//   params  (1*16 + 16) + (16*16 + 16) + (16*1 + 1) = 32 + 272 + 17 = 321
//   MACs    1*16 + 16*16 + 16*1 = 288
//   int8 weights with int32 biases (TFLite's int8 scheme):
//     (16 + 16*4) + (256 + 16*4) + (16 + 1*4) = 80 + 320 + 20 = 420 bytes
//   float32: 321 * 4 = 1284 bytes
TEST(GraphCost, HelloWorldByHand) {
  for (const auto& [name, weight_bytes] :
       {std::pair{"hello_world_int8.tflite", 420}, std::pair{"hello_world_float.tflite", 1284}}) {
    const ModelCost cost = cost_of(name);
    EXPECT_EQ(cost.params, 321) << name;
    EXPECT_EQ(cost.macs, 288) << name;
    EXPECT_EQ(cost.weight_bytes, weight_bytes) << name;
    EXPECT_TRUE(cost.unknown_ops.empty()) << name;
    std::vector<std::int64_t> layer_macs;
    for (const auto& layer : cost.layers) {
      if (layer.macs > 0) layer_macs.push_back(layer.macs);
    }
    EXPECT_EQ(layer_macs, (std::vector<std::int64_t>{16, 256, 16})) << name;
  }
}

TEST(GraphCost, UnknownOpsAreExactlyTheCustomSignalOps) {
  for (const char* name :
       {"hello_world_int8.tflite", "hello_world_float.tflite", "micro_speech_quantized.tflite",
        "keyword_scrambled.tflite", "test_conv_model.tflite", "trained_lstm_int8.tflite", "kws.tflite",
        "ad01.tflite"}) {
    const ModelCost cost = cost_of(name);
    EXPECT_TRUE(cost.unknown_ops.empty())
        << name << ": " << (cost.unknown_ops.empty() ? "" : cost.unknown_ops.begin()->first);
    EXPECT_GT(cost.macs, 0) << name;
  }
  const ModelCost audio = cost_of("audio_preprocessor_int8.tflite");
  EXPECT_FALSE(audio.unknown_ops.empty());
  for (const auto& [op, count] : audio.unknown_ops) {
    EXPECT_EQ(op.rfind("Signal", 0), 0u) << op;
    EXPECT_GT(count, 0);
  }
}

}  // namespace
}  // namespace derive::graph
