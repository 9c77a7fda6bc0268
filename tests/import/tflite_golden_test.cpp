// Golden per-layer tables of every shared TFLite model (../shared/models):
// each layer's output shape and MACs derived here from its input and weight
// shapes and attributes, by rules written in this file (not graph/cost.cpp's),
// then compared with the importer's shapes and graph::model_cost's MACs, and
// with tests/golden/tflite_layers.tsv, the reviewed table. A change to the
// importer or the cost model that moves any number fails here; when the change
// is deliberate, regenerate the table and commit it with the change:
//   DERIVE_WRITE_GOLDEN=1 ./build/dev/tests/import/derive_import_tests --gtest_filter='TfliteGolden.*'
// Each line: model <TAB> layer <TAB> op <TAB> output shape <TAB> MACs <TAB>
// "derived" when this file derives the output shape, "read" when it only
// records the importer's (reshapes, slices, concatenations, custom ops: their
// shapes come from values the IR does not keep).
//
// The rules (TFLite's layouts: activations NHWC, CONV_2D filter OHWI,
// DEPTHWISE_CONV_2D filter 1HW(C*multiplier), FULLY_CONNECTED weights
// [units, in]; schema.fbs and tensorflow/lite/kernels/internal/reference/):
//   output size per spatial axis (tensorflow/lite/kernels/padding.h,
//     ComputeOutSize): SAME ceil(in / stride); VALID
//     floor((in - ((k - 1) * dilation + 1)) / stride) + 1
//   CONV_2D MACs: N * H_out * W_out * C_out * kh * kw * (C_in / groups)
//     (Sze et al. 2017, Proc. IEEE 105(12), eq. 2; the filter's last
//     dimension is C_in / groups)
//   DEPTHWISE_CONV_2D MACs: N * H_out * W_out * C_out * kh * kw (one
//     kh x kw filter per output channel; Howard et al. 2017, sec. 3.1)
//   FULLY_CONNECTED MACs: rows * units * in, rows = input elements / in
//   SVDF MACs (tensorflow/lite/kernels/svdf.cc): batch * (filters * in +
//     filters * memory), weights_feature [filters, in], weights_time
//     [filters, memory]; output [batch, filters / rank]
//   UNIDIRECTIONAL_SEQUENCE_LSTM MACs (lstm_eval.cc): per time step and
//     batch row, one product with each input_to_* [units, in] and
//     recurrent_to_* [units, units] matrix present (inputs 1-8); output
//     [batch, time, units]
//   everything else: 0 MACs (pools, elementwise, softmax, reshapes, casts);
//     pools keep the channels, per-element ops the input's shape.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../golden/golden_file.hpp"
#include "derive/graph/cost.hpp"
#include "derive/import/importer.hpp"
#include "shared_model.hpp"

namespace derive::graph {
namespace {

const char* const kTfliteModels[] = {
    "ad01.tflite",
    "audio_preprocessor_int8.tflite",
    "hello_world_float.tflite",
    "hello_world_int8.tflite",
    "keyword_scrambled.tflite",
    "kws.tflite",
    "micro_speech_quantized.tflite",
    "test_conv_model.tflite",
    "trained_lstm_int8.tflite",
};

std::string golden_path() { return std::string(DERIVE_SOURCE_DIR) + "/tests/golden/tflite_layers.tsv"; }

using testing::open_shared;

using Shape = std::vector<std::int64_t>;

std::int64_t elements(const Shape& shape) {
  std::int64_t n = 1;
  for (const std::int64_t d : shape) n *= d;
  return n;
}

std::string shape_text(const Shape& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

// padding.h ComputeOutSize.
std::int64_t out_size(std::int64_t in, std::int64_t k, std::int64_t stride, std::int64_t dilation,
                      Padding p) {
  if (p == Padding::same) return (in + stride - 1) / stride;
  return (in - ((k - 1) * dilation + 1)) / stride + 1;
}

struct Derived {
  std::optional<Shape> output;  // nullopt: not derivable from what the IR keeps
  std::int64_t macs = 0;
};

Derived derive_layer(const Subgraph& g, const Operator& op) {
  const auto shape = [&](std::size_t k) -> Shape {
    if (k >= op.inputs.size() || op.inputs[k] < 0) return {};
    return g.tensors[static_cast<std::size_t>(op.inputs[k])].shape;
  };
  const Attributes& a = op.attributes;
  const Shape x = shape(0);
  if (op.op == "CONV_2D" || op.op == "DEPTHWISE_CONV_2D") {
    const Shape f = shape(1);
    const std::int64_t oh = out_size(x[1], f[1], a.stride_h, a.dilation_h, a.padding);
    const std::int64_t ow = out_size(x[2], f[2], a.stride_w, a.dilation_w, a.padding);
    const bool depthwise = op.op == "DEPTHWISE_CONV_2D";
    const std::int64_t oc = depthwise ? f[3] : f[0];
    const std::int64_t per_output = f[1] * f[2] * (depthwise ? 1 : f[3]);
    return {Shape{x[0], oh, ow, oc}, x[0] * oh * ow * oc * per_output};
  }
  if (op.op == "AVERAGE_POOL_2D" || op.op == "MAX_POOL_2D") {
    return {Shape{x[0], out_size(x[1], a.filter_h, a.stride_h, 1, a.padding),
                  out_size(x[2], a.filter_w, a.stride_w, 1, a.padding), x[3]},
            0};
  }
  if (op.op == "FULLY_CONNECTED") {
    const Shape w = shape(1);
    const std::int64_t rows = elements(x) / w[1];
    return {Shape{rows, w[0]}, rows * w[0] * w[1]};
  }
  if (op.op == "SVDF") {
    const Shape features = shape(1), time = shape(2);
    const std::int64_t batch = x[0], filters = features[0];
    return {Shape{batch, filters / a.rank}, batch * (filters * features[1] + filters * time[1])};
  }
  if (op.op == "UNIDIRECTIONAL_SEQUENCE_LSTM") {
    std::int64_t per_row = 0;
    for (std::size_t k = 1; k <= 8; ++k) {
      const Shape w = shape(k);
      if (!w.empty()) per_row += elements(w);
    }
    const std::int64_t units = shape(4)[0];  // input_to_output_weights [units, in]
    return {Shape{x[0], x[1], units}, x[0] * x[1] * per_row};
  }
  for (const char* same : {"SOFTMAX", "QUANTIZE", "DEQUANTIZE", "CAST", "RELU", "RELU6", "LOGISTIC", "TANH",
                           "MUL", "ADD", "SUB", "DIV", "MINIMUM", "MAXIMUM"}) {
    // Per-element ops; the binary ones here have a scalar or equal second operand.
    if (op.op == same) return {x, 0};
  }
  return {std::nullopt, 0};
}

std::vector<std::string> current_lines() {
  std::vector<std::string> lines;
  for (const char* name : kTfliteModels) {
    SCOPED_TRACE(name);
    const Model model = open_shared(name);
    if (model.subgraphs.empty()) continue;
    auto cost = model_cost(model);
    EXPECT_TRUE(cost.ok()) << (cost.ok() ? "" : cost.error().message);
    if (!cost.ok()) continue;
    const Subgraph& g = main_subgraph(model);
    for (std::size_t i = 0; i < g.operators.size(); ++i) {
      const Operator& op = g.operators[i];
      const Shape& actual = g.tensors[static_cast<std::size_t>(op.outputs[0])].shape;
      const Derived derived = derive_layer(g, op);
      // The independent rules against the importer and the cost model.
      if (derived.output) {
        EXPECT_EQ(*derived.output, actual) << "layer " << i << " " << op.op;
      } else if (op.op == "RESHAPE") {
        // The target shape is a value the IR does not keep; the count is kept.
        EXPECT_EQ(elements(actual), elements(g.tensors[static_cast<std::size_t>(op.inputs[0])].shape)) << i;
      }
      EXPECT_EQ(cost->layers[i].macs, derived.macs) << "layer " << i << " " << op.op;
      std::ostringstream line;
      line << name << '\t' << i << '\t' << op.op << '\t' << shape_text(actual) << '\t' << derived.macs << '\t'
           << (derived.output ? "derived" : "read");
      lines.push_back(line.str());
    }
  }
  return lines;
}

TEST(TfliteGolden, EveryLayerMatchesTheReviewedTable) {
  derive::testing::expect_golden_lines(golden_path(), current_lines(), "layers were added or removed");
}

// The MACs of the layer at `index`, and the model's total.
struct Macs {
  std::vector<std::int64_t> layers;
  std::int64_t total = 0;
  std::size_t unknown = 0;
};
Macs macs_of(const std::string& name) {
  const Model model = open_shared(name);
  if (model.subgraphs.empty()) return {};
  auto cost = model_cost(model);
  EXPECT_TRUE(cost.ok()) << name;
  if (!cost.ok()) return {};
  Macs m;
  for (const LayerCost& layer : cost->layers) m.layers.push_back(layer.macs);
  m.total = cost->macs;
  for (const auto& [op, count] : cost->unknown_ops) m.unknown += static_cast<std::size_t>(count);
  return m;
}

// A few layers of each model by hand, from the shapes `derive analyze` prints
// and the attributes in the files (padding SAME, strides as noted).
TEST(TfliteGolden, LayersByHand) {
  // ad01: autoencoder 640-128-128-128-128-8-128-128-128-128-640.
  const Macs ad01 = macs_of("ad01.tflite");
  ASSERT_EQ(ad01.layers.size(), 10u);
  EXPECT_EQ(ad01.layers[0], 640 * 128);
  EXPECT_EQ(ad01.layers[4], 128 * 8);
  EXPECT_EQ(ad01.total, 2 * 640 * 128 + 6 * 128 * 128 + 2 * 128 * 8);

  // audio_preprocessor: nine custom Signal ops, no MACs anywhere (the MUL,
  // ADD and DIV scale 40 values by scalars: no multiply-accumulate).
  const Macs audio = macs_of("audio_preprocessor_int8.tflite");
  EXPECT_EQ(audio.total, 0);
  EXPECT_EQ(audio.unknown, 9u);

  // hello_world: 1 -> 16 -> 16 -> 1.
  for (const char* name : {"hello_world_float.tflite", "hello_world_int8.tflite"})
    EXPECT_EQ(macs_of(name).layers, (std::vector<std::int64_t>{1 * 16, 16 * 16, 16 * 1})) << name;

  // keyword_scrambled: SVDF 1, 64 filters over 96 features with 8 steps of
  // memory; FULLY_CONNECTED 2, 64 -> 16; SVDF 9, 32 filters, 16 in, 32 steps.
  const Macs keyword = macs_of("keyword_scrambled.tflite");
  ASSERT_EQ(keyword.layers.size(), 15u);
  EXPECT_EQ(keyword.layers[1], 64 * 96 + 64 * 8);
  EXPECT_EQ(keyword.layers[2], 64 * 16);
  EXPECT_EQ(keyword.layers[9], 32 * 16 + 32 * 32);

  // kws (DS-CNN): conv 64 filters 10x4 over 49x10x1, stride 2 -> 25x5;
  // depthwise 3x3 over 64 channels at 25x5; pointwise 64 -> 64; FC 64 -> 12.
  const Macs kws = macs_of("kws.tflite");
  ASSERT_EQ(kws.layers.size(), 13u);
  EXPECT_EQ(kws.layers[0], 25 * 5 * 64 * 10 * 4 * 1);
  EXPECT_EQ(kws.layers[1], 25 * 5 * 64 * 3 * 3);
  EXPECT_EQ(kws.layers[2], 25 * 5 * 64 * 1 * 1 * 64);
  EXPECT_EQ(kws.total, 25 * 5 * 64 * 40 + 4 * (25 * 5 * 64 * 9 + 25 * 5 * 64 * 64) + 64 * 12);

  // micro_speech: depthwise 10x8 over 49x40x1 with multiplier 8, stride 2 ->
  // 25x20x8; FC 25*20*8 = 4000 -> 4.
  const Macs speech = macs_of("micro_speech_quantized.tflite");
  EXPECT_EQ(speech.layers, (std::vector<std::int64_t>{0, 25 * 20 * 8 * 10 * 8, 4000 * 4, 0}));

  // test_conv_model: conv 16 filters 3x3x1 VALID over 16x16 -> 14x14; conv
  // 32 filters 3x3x16 over 14x14 -> 12x12; max pool 2x2 -> 6x6; FC 1152 -> 10.
  const Macs conv = macs_of("test_conv_model.tflite");
  EXPECT_EQ(conv.layers, (std::vector<std::int64_t>{0, 14 * 14 * 16 * 3 * 3 * 1, 12 * 12 * 32 * 3 * 3 * 16, 0,
                                                    0, 6 * 6 * 32 * 10, 0}));

  // trained_lstm: 28 steps of 28 inputs, 20 units, four gates each with an
  // input (20x28) and a recurrent (20x20) matrix; FC 28*20 = 560 -> 10.
  const Macs lstm = macs_of("trained_lstm_int8.tflite");
  EXPECT_EQ(lstm.layers, (std::vector<std::int64_t>{28 * 4 * 20 * (28 + 20), 0, 560 * 10, 0}));
}

}  // namespace
}  // namespace derive::graph
