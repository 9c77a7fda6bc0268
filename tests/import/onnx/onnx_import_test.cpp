// The ONNX importer's graph IR (derive/import/onnx.hpp) for the shared
// models: folded nodes are gone, kinds are normalized, and the constant
// tensors the operators read add up to the published parameter counts.
#include <gtest/gtest.h>

#include <set>

#include "derive/import/onnx.hpp"
#include "onnx_test_support.hpp"

namespace derive::import::onnx {
namespace {

graph::Model open_shared(const std::string& name) {
  const std::string bytes = derive::onnx::testing::read_shared_model(name);
  const Bytes view(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  EXPECT_TRUE(match(view)) << name;
  auto model = open(view);
  EXPECT_TRUE(model.ok()) << name << ": " << (model.ok() ? "" : model.error().message);
  return std::move(model).value();
}

// Elements of the constant float tensors operators read, each data block once.
std::int64_t float_constant_elements(const graph::Subgraph& sub) {
  std::set<std::int64_t> seen;
  std::int64_t total = 0;
  for (const auto& t : sub.tensors)
    if (t.role == graph::TensorRole::constant && t.dtype == graph::DType::float32 &&
        seen.insert(t.data_id).second)
      total += graph::element_count(t).value();
  return total;
}

std::size_t count_kind(const graph::Subgraph& sub, graph::OpKind kind) {
  std::size_t n = 0;
  for (const auto& op : sub.operators) n += op.kind == kind ? 1 : 0;
  return n;
}

TEST(OnnxImport, AlexNetBecomesTwentyFourOperatorsWithItsPublishedParameters) {
  const auto model = open_shared("light_bvlc_alexnet.onnx");
  EXPECT_EQ(model.format, "onnx");
  EXPECT_EQ(model.file_bytes, 3968);
  const auto& sub = graph::main_subgraph(model);
  // 40 nodes, 16 of them ConstantOfShape folded into weights.
  EXPECT_EQ(sub.operators.size(), 24u);
  EXPECT_EQ(count_kind(sub, graph::OpKind::conv2d), 5u);
  EXPECT_EQ(count_kind(sub, graph::OpKind::fully_connected), 3u);
  EXPECT_EQ(count_kind(sub, graph::OpKind::other), 0u);
  EXPECT_EQ(float_constant_elements(sub), 60965224);  // BVLC AlexNet (onnx_models_test.cpp)
  // conv2 uses group 2 (BVLC's two-GPU split).
  EXPECT_EQ(sub.operators[4].op, "Conv");
  EXPECT_EQ(sub.operators[4].attributes.groups, 2);
  // The first MaxPool: 3x3 window, stride 2.
  EXPECT_EQ(sub.operators[3].kind, graph::OpKind::max_pool2d);
  EXPECT_EQ(sub.operators[3].attributes.filter_h, 3);
  EXPECT_EQ(sub.operators[3].attributes.stride_w, 2);
}

TEST(OnnxImport, SqueezeNetKeepsItsPublishedParameters) {
  const auto model = open_shared("light_squeezenet.onnx");
  const auto& sub = graph::main_subgraph(model);
  EXPECT_EQ(count_kind(sub, graph::OpKind::conv2d), 26u);
  EXPECT_EQ(count_kind(sub, graph::OpKind::other), 0u);
  EXPECT_EQ(float_constant_elements(sub), 1235496);  // torchvision squeezenet1_1 (onnx_models_test.cpp)
  ASSERT_EQ(sub.inputs.size(), 1u);
  EXPECT_EQ(sub.tensors[static_cast<std::size_t>(sub.inputs[0])].shape,
            (std::vector<std::int64_t>{1, 3, 224, 224}));
}

TEST(OnnxImport, CntkMnistHasOneInputAndItsFoldedMatrix) {
  const auto model = open_shared("test_mnist_model.onnx");
  const auto& sub = graph::main_subgraph(model);
  ASSERT_EQ(sub.inputs.size(), 1u);  // the IR 3 initializers among the inputs are weights
  EXPECT_EQ(sub.tensors[static_cast<std::size_t>(sub.inputs[0])].name, "Input3");
  // 12 nodes, the Reshape of the weight folded.
  EXPECT_EQ(sub.operators.size(), 11u);
  EXPECT_EQ(count_kind(sub, graph::OpKind::batch_matmul), 1u);
  // Same-padded 5x5 convolutions: explicit pads 2 or auto_pad SAME.
  const auto& conv = sub.operators[0];
  EXPECT_EQ(conv.kind, graph::OpKind::conv2d);
  EXPECT_NE(conv.attributes.padding, graph::Padding::valid);
}

TEST(OnnxImport, AtmegaMnistWeightsAreStoredBytes) {
  const auto model = open_shared("examples_atmega_mnist_mnist.simplified.onnx");
  const auto& sub = graph::main_subgraph(model);
  std::int64_t weight_bytes = 0;
  for (const auto& t : sub.tensors)
    if (t.role == graph::TensorRole::constant && t.dtype == graph::DType::float32)
      weight_bytes += t.stored_bytes;
  EXPECT_EQ(weight_bytes, 3750 * 4);  // 3,750 float32 parameters (onnx_models_test.cpp)
}

TEST(OnnxImport, NotOnnxIsRefused) {
  const std::string tflite = derive::onnx::testing::read_shared_model("kws.tflite");
  EXPECT_FALSE(match(Bytes(reinterpret_cast<const std::uint8_t*>(tflite.data()), tflite.size())));
  EXPECT_FALSE(open(Bytes(reinterpret_cast<const std::uint8_t*>(tflite.data()), tflite.size())).ok());
}

}  // namespace
}  // namespace derive::import::onnx
