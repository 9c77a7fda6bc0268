// Wire-level and shape-inference cases on small models written in the test
// (onnx_writer.hpp): packed and unpacked repeated fields, every way of storing
// weights, IR 3 initializers among the inputs, and the errors for files that
// contradict themselves.
#include <gtest/gtest.h>

#include "import/onnx/onnx_model.hpp"
#include "import/onnx/onnx_shapes.hpp"
#include "onnx_writer.hpp"

namespace derive::onnx {
namespace {

using testing::AttributeSpec;
using testing::GraphSpec;
using testing::Repeated;
using Shape = std::vector<std::int64_t>;

// X [1,3,8,8] -> Conv(4 filters 3x3, pads 1, stride 2) -> [1,4,4,4], then
// Shape -> Gather(scalar 0) -> Unsqueeze -> Concat with [-1] -> Reshape: [1, 64].
// Conv by hand: (8 + 1 + 1 - 3) / 2 + 1 = 4.
std::string conv_reshape_model(Repeated mode) {
  GraphSpec g;
  g.initializers = {testing::float_tensor("W", {4, 3, 3, 3}, mode), testing::raw_float_tensor("B", {4}, 16),
                    testing::int64_tensor("zero", {0}, mode, false, true),
                    testing::int64_tensor("minus_one", {-1}, mode, true)};
  g.inputs = {testing::value_info("X", {-1, 3, 8, 8})};
  g.outputs = {testing::value_info("Y", {-1, -1})};
  g.nodes = {testing::node("Conv", {"X", "W", "B"}, {"C"},
                           {{"pads", AttributeSpec::kInts, 0, {1, 1, 1, 1}, ""},
                            {"strides", AttributeSpec::kInts, 0, {2, 2}, ""}},
                           mode),
             testing::node("Shape", {"C"}, {"S"}),
             testing::node("Gather", {"S", "zero"}, {"N"}, {{"axis", AttributeSpec::kInt, 0, {}, ""}}),
             testing::node("Unsqueeze", {"N"}, {"N1"}, {{"axes", AttributeSpec::kInts, 0, {0}, ""}}, mode),
             testing::node("Concat", {"N1", "minus_one"}, {"T"}, {{"axis", AttributeSpec::kInt, 0, {}, ""}}),
             testing::node("Reshape", {"C", "T"}, {"Y"})};
  return testing::model(g, 11);
}

InferredGraph import(const std::string& bytes) {
  auto model = decode_model(bytes);
  EXPECT_TRUE(model.ok()) << (model.ok() ? "" : model.error().message);
  auto graph = infer_shapes(*model);
  EXPECT_TRUE(graph.ok()) << (graph.ok() ? "" : graph.error().message);
  return std::move(graph).value();
}

const Value& value_named(const InferredGraph& g, const std::string& name) {
  for (const auto& v : g.values)
    if (v.name == name) return v;
  ADD_FAILURE() << "no value " << name;
  return g.values.front();
}

TEST(OnnxWire, PackedAndUnpackedRepeatedFieldsDecodeAlike) {
  const std::string packed = conv_reshape_model(Repeated::kPacked);
  const std::string unpacked = conv_reshape_model(Repeated::kUnpacked);
  ASSERT_NE(packed, unpacked);
  for (const auto& bytes : {packed, unpacked}) {
    auto model = decode_model(bytes);
    ASSERT_TRUE(model.ok()) << model.error().message;
    EXPECT_EQ(model->graph.initializers[0].dims, (Shape{4, 3, 3, 3}));
    EXPECT_EQ(model->graph.initializers[0].stored_elements, 108);
    EXPECT_EQ(model->graph.initializers[0].stored_bytes, 432);
    EXPECT_EQ(model->graph.nodes[0].attribute("pads")->ints, (Shape{1, 1, 1, 1}));
    const auto g = import(bytes);
    EXPECT_EQ(*value_named(g, "C").shape, (Shape{1, 4, 4, 4}));
    EXPECT_EQ(*value_named(g, "T").folded, (Shape{1, -1}));
    EXPECT_EQ(*value_named(g, "Y").shape, (Shape{1, 64}));
    for (std::size_t n = 1; n <= 4; ++n) EXPECT_TRUE(g.nodes[n].folded) << "shape computation " << n;
    EXPECT_FALSE(g.nodes[0].folded);
    EXPECT_FALSE(g.nodes[5].folded);
    ASSERT_EQ(g.notes.size(), 1u) << "the symbolic batch dimension is taken as 1";
  }
}

TEST(OnnxWire, InitializersRepeatedAmongInputsAreWeights) {
  GraphSpec g;
  g.initializers = {testing::float_tensor("W", {10, 4}, Repeated::kUnpacked)};
  g.inputs = {testing::value_info("X", {2, 4}), testing::value_info("W", {10, 4})};
  g.outputs = {testing::name_only("Y")};
  g.nodes = {testing::node("Gemm", {"X", "W"}, {"Y"}, {{"transB", AttributeSpec::kInt, 1, {}, ""}})};
  const auto graph = import(testing::model(g, 8, 3));
  ASSERT_EQ(graph.inputs.size(), 1u);
  EXPECT_EQ(graph.values[static_cast<std::size_t>(graph.inputs[0])].name, "X");
  EXPECT_EQ(value_named(graph, "W").kind, ValueKind::kWeight);
  EXPECT_EQ(*value_named(graph, "Y").shape, (Shape{2, 10}));
}

TEST(OnnxWire, ConstantOfShapeAndConstantAreFoldedWeights) {
  GraphSpec g;
  std::string seven;  // ConstantOfShape's value: an int64 tensor of one element, 7
  seven = testing::int64_tensor("", {7}, Repeated::kPacked);
  std::string dims = testing::int64_tensor("", {2, 3}, Repeated::kUnpacked, true);
  g.inputs = {};
  g.outputs = {testing::name_only("Z")};
  g.nodes = {
      testing::node("Constant", {}, {"D"}, {{"value", AttributeSpec::kTensor, 0, {}, dims}}),
      testing::node("ConstantOfShape", {"D"}, {"Z"}, {{"value", AttributeSpec::kTensor, 0, {}, seven}})};
  const auto graph = import(testing::model(g, 9));
  EXPECT_EQ(*value_named(graph, "D").folded, (Shape{2, 3}));
  const Value& z = value_named(graph, "Z");
  EXPECT_EQ(*z.shape, (Shape{2, 3}));
  EXPECT_EQ(z.kind, ValueKind::kWeight);
  EXPECT_FALSE(z.stored_in_file);
  EXPECT_EQ(*z.folded, (Shape{7, 7, 7, 7, 7, 7}));
  EXPECT_TRUE(graph.nodes[0].folded && graph.nodes[1].folded);
}

struct ShapeCase {
  const char* what;
  std::string op;
  std::vector<Shape> inputs;  // all float inputs given as graph inputs
  std::vector<AttributeSpec> attributes;
  Shape expected;
};

// Each expected shape follows from the rule in the ONNX operator spec.
TEST(OnnxShapes, OperatorRules) {
  const std::vector<ShapeCase> cases = {
      // SAME_UPPER: ceil(7 / 2) = 4.
      {"conv same_upper",
       "Conv",
       {{1, 2, 7, 7}, {5, 2, 3, 3}},
       {{"auto_pad", AttributeSpec::kString, 0, {}, "SAME_UPPER"},
        {"strides", AttributeSpec::kInts, 0, {2, 2}, ""}},
       {1, 5, 4, 4}},
      // group 2: weight 6 x 2 x 3 x 3 over 4 channels; dilation 2 spans 5: 9 - 5 + 1 = 5.
      {"conv group dilation",
       "Conv",
       {{1, 4, 9, 9}, {6, 2, 3, 3}},
       {{"group", AttributeSpec::kInt, 2, {}, ""}, {"dilations", AttributeSpec::kInts, 0, {2, 2}, ""}},
       {1, 6, 5, 5}},
      // VALID: floor((10 - 3) / 3) + 1 = 3.
      {"maxpool valid",
       "MaxPool",
       {{1, 3, 10, 10}},
       {{"kernel_shape", AttributeSpec::kInts, 0, {3, 3}, ""},
        {"strides", AttributeSpec::kInts, 0, {3, 3}, ""},
        {"auto_pad", AttributeSpec::kString, 0, {}, "VALID"}},
       {1, 3, 3, 3}},
      // ceil_mode: ceil((6 - 3) / 2) + 1 = 3 (floor would give 2).
      {"maxpool ceil",
       "MaxPool",
       {{1, 1, 6, 6}},
       {{"kernel_shape", AttributeSpec::kInts, 0, {3, 3}, ""},
        {"strides", AttributeSpec::kInts, 0, {2, 2}, ""},
        {"ceil_mode", AttributeSpec::kInt, 1, {}, ""}},
       {1, 1, 3, 3}},
      {"averagepool pads",
       "AveragePool",
       {{1, 2, 5, 5}},
       {{"kernel_shape", AttributeSpec::kInts, 0, {2, 2}, ""},
        {"pads", AttributeSpec::kInts, 0, {1, 1, 0, 0}, ""}},
       {1, 2, 5, 5}},
      {"global average pool", "GlobalAveragePool", {{2, 7, 3, 5}}, {}, {2, 7, 1, 1}},
      {"gemm transA", "Gemm", {{4, 3}, {4, 6}}, {{"transA", AttributeSpec::kInt, 1, {}, ""}}, {3, 6}},
      {"matmul batch broadcast", "MatMul", {{2, 1, 3, 4}, {5, 4, 7}}, {}, {2, 5, 3, 7}},
      {"matmul vector", "MatMul", {{4}, {3, 4, 2}}, {}, {3, 2}},
      {"flatten axis 2", "Flatten", {{2, 3, 4, 5}}, {{"axis", AttributeSpec::kInt, 2, {}, ""}}, {6, 20}},
      {"flatten negative axis",
       "Flatten",
       {{2, 3, 4, 5}},
       {{"axis", AttributeSpec::kInt, -1, {}, ""}},
       {24, 5}},
      {"concat axis 1",
       "Concat",
       {{1, 2, 4}, {1, 5, 4}},
       {{"axis", AttributeSpec::kInt, 1, {}, ""}},
       {1, 7, 4}},
      {"transpose default", "Transpose", {{2, 3, 4}}, {}, {4, 3, 2}},
      {"transpose perm",
       "Transpose",
       {{1, 3, 8, 8}},
       {{"perm", AttributeSpec::kInts, 0, {0, 2, 3, 1}, ""}},
       {1, 8, 8, 3}},
      {"add broadcast", "Add", {{4, 1, 5}, {3, 1}}, {}, {4, 3, 5}},
      {"softmax keeps shape", "Softmax", {{1, 10}}, {}, {1, 10}},
      {"lrn keeps shape", "LRN", {{1, 4, 3, 3}}, {{"size", AttributeSpec::kInt, 3, {}, ""}}, {1, 4, 3, 3}},
      {"reduce mean keepdims 0",
       "ReduceMean",
       {{2, 3, 4}},
       {{"axes", AttributeSpec::kInts, 0, {1}, ""}, {"keepdims", AttributeSpec::kInt, 0, {}, ""}},
       {2, 4}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    GraphSpec g;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < c.inputs.size(); ++i) {
      names.push_back("in" + std::to_string(i));
      g.inputs.push_back(testing::value_info(names.back(), c.inputs[i]));
    }
    g.outputs = {testing::name_only("out")};
    g.nodes = {testing::node(c.op, names, {"out"}, c.attributes)};
    const auto graph = import(testing::model(g, 11));
    const Value& out = value_named(graph, "out");
    ASSERT_TRUE(out.shape.has_value()) << graph.nodes[0].unknown_reason;
    EXPECT_EQ(*out.shape, c.expected);
  }
}

// ConvTranspose by hand: 2 * (5 - 1) + 0 + (3 - 1) * 1 + 1 - 0 - 0 = 11; the
// weight is C x M/group x k x k, so M = 2.
TEST(OnnxShapes, ConvTransposeSplitExpandTile) {
  GraphSpec g;
  g.initializers = {testing::int64_tensor("target", {2, 1, 4}, Repeated::kPacked),
                    testing::int64_tensor("repeats", {2, 2}, Repeated::kUnpacked)};
  g.inputs = {testing::value_info("X", {1, 4, 5, 5}), testing::value_info("W", {4, 2, 3, 3}),
              testing::value_info("A", {2, 7}), testing::value_info("B", {3, 1})};
  g.outputs = {testing::name_only("T")};
  g.nodes = {
      testing::node("ConvTranspose", {"X", "W"}, {"Y"}, {{"strides", AttributeSpec::kInts, 0, {2, 2}, ""}}),
      testing::node("Split", {"A"}, {"S0", "S1", "S2"}, {{"axis", AttributeSpec::kInt, 1, {}, ""}}),
      testing::node("Expand", {"B", "target"}, {"E"}), testing::node("Tile", {"B", "repeats"}, {"T"})};
  const auto graph = import(testing::model(g, 18));
  EXPECT_EQ(*value_named(graph, "Y").shape, (Shape{1, 2, 11, 11}));
  // Opset 18 without sizes: ceil(7 / 3) = 3 per part, the last gets 1.
  EXPECT_EQ(*value_named(graph, "S0").shape, (Shape{2, 3}));
  EXPECT_EQ(*value_named(graph, "S2").shape, (Shape{2, 1}));
  EXPECT_EQ(*value_named(graph, "E").shape, (Shape{2, 3, 4}));
  EXPECT_EQ(*value_named(graph, "T").shape, (Shape{6, 2}));
}

// Resize from opset 11 takes sizes (input 3) or scales (input 2, floor of
// in * scale); Upsample before opset 9 its scales attribute.
TEST(OnnxShapes, ResizeAndUpsample) {
  GraphSpec g;
  g.initializers = {testing::float_values_tensor("scales", {1, 1, 2, 1.5F}),
                    testing::int64_tensor("sizes", {1, 3, 5, 7}, Repeated::kPacked)};
  g.inputs = {testing::value_info("X", {1, 3, 4, 5})};
  g.outputs = {testing::name_only("B")};
  g.nodes = {testing::node("Resize", {"X", "", "scales"}, {"A"}),
             testing::node("Resize", {"X", "", "", "sizes"}, {"B"})};
  const auto graph = import(testing::model(g, 13));
  EXPECT_EQ(*value_named(graph, "A").shape, (Shape{1, 3, 8, 7}));  // floor(5 * 1.5) = 7
  EXPECT_EQ(*value_named(graph, "B").shape, (Shape{1, 3, 5, 7}));

  GraphSpec old;
  old.inputs = {testing::value_info("X", {1, 2, 3, 3})};
  old.outputs = {testing::name_only("U")};
  old.nodes = {
      testing::node("Upsample", {"X"}, {"U"}, {{"scales", AttributeSpec::kFloats, 0, {}, "", {1, 1, 2, 2}}})};
  EXPECT_EQ(*value_named(import(testing::model(old, 7)), "U").shape, (Shape{1, 2, 6, 6}));
}

TEST(OnnxShapes, SplitSizesFromTheAttributeBeforeOpset13) {
  GraphSpec g;
  g.inputs = {testing::value_info("A", {2, 6})};
  g.outputs = {testing::name_only("S1")};
  g.nodes = {testing::node(
      "Split", {"A"}, {"S0", "S1"},
      {{"axis", AttributeSpec::kInt, 1, {}, ""}, {"split", AttributeSpec::kInts, 0, {2, 4}, ""}})};
  const auto graph = import(testing::model(g, 11));
  EXPECT_EQ(*value_named(graph, "S0").shape, (Shape{2, 2}));
  EXPECT_EQ(*value_named(graph, "S1").shape, (Shape{2, 4}));
}

TEST(OnnxShapes, ReshapeCopiesZeroAndInfersMinusOne) {
  GraphSpec g;
  g.initializers = {testing::int64_tensor("shape", {0, -1, 2}, Repeated::kPacked)};
  g.inputs = {testing::value_info("X", {3, 4, 6})};
  g.outputs = {testing::name_only("Y")};
  g.nodes = {testing::node("Reshape", {"X", "shape"}, {"Y"})};
  EXPECT_EQ(*value_named(import(testing::model(g, 13)), "Y").shape, (Shape{3, 12, 2}));
}

TEST(OnnxShapes, UnknownOpsLeaveShapesUnknownWithAReason) {
  GraphSpec g;
  g.inputs = {testing::value_info("X", {1, 4})};
  g.outputs = {testing::name_only("Z")};
  g.nodes = {testing::node("FancyOp", {"X"}, {"Y"}), testing::node("Relu", {"Y"}, {"Z"})};
  const auto graph = import(testing::model(g, 13));
  EXPECT_EQ(graph.nodes[0].unknown_reason, "no shape rule for FancyOp");
  EXPECT_FALSE(value_named(graph, "Z").shape.has_value());
  EXPECT_NE(graph.nodes[1].unknown_reason, "");
}

std::string error_of(const std::string& bytes) {
  auto model = decode_model(bytes);
  if (!model.ok()) return model.error().message;
  auto graph = infer_shapes(*model);
  return graph.ok() ? "" : graph.error().message;
}

// Sizes read from the file are never allocated: dims that promise 2^40
// floats over 4 bytes of raw_data are an error, and a ConstantOfShape of
// 2^60 elements is a shape, not a buffer.
TEST(OnnxErrors, NoAllocationTheSizeOfALie) {
  {
    GraphSpec g;
    g.initializers = {testing::raw_float_tensor("W", {std::int64_t{1} << 40}, 4)};
    EXPECT_NE(error_of(testing::model(g, 13)).find("raw_data holds 4 bytes, but 1099511627776 elements"),
              std::string::npos)
        << error_of(testing::model(g, 13));
  }
  {
    GraphSpec g;
    g.initializers = {
        testing::int64_tensor("dims", {std::int64_t{1} << 30, std::int64_t{1} << 30}, Repeated::kPacked)};
    g.outputs = {testing::name_only("Z")};
    g.nodes = {testing::node("ConstantOfShape", {"dims"}, {"Z"})};
    const auto graph = import(testing::model(g, 13));
    const Value& z = value_named(graph, "Z");
    EXPECT_EQ(*z.shape, (Shape{std::int64_t{1} << 30, std::int64_t{1} << 30}));
    EXPECT_FALSE(z.folded.has_value());
  }
  {
    // A packed int64_data field claiming 2^31 values in 3 bytes.
    const std::vector<std::int64_t> dims{std::int64_t{1} << 31}, values{1, 2, 3};
    std::string tensor;
    protozero::pbf_writer w{tensor};
    w.add_packed_int64(field::kTensorDims, dims.begin(), dims.end());
    w.add_int32(field::kTensorDataType, static_cast<std::int32_t>(field::DataType::kInt64));
    w.add_string(field::kTensorName, "lie");
    w.add_packed_int64(field::kTensorInt64Data, values.begin(), values.end());
    GraphSpec g;
    g.initializers = {tensor};
    EXPECT_NE(error_of(testing::model(g, 13)).find("holds 3 values, but dims say 2147483648"),
              std::string::npos)
        << error_of(testing::model(g, 13));
  }
}

// The grader's fuzzer found the class: values in a typed field that is not
// the data type's (onnx.proto's TensorProto comments) were counted as the
// tensor's elements but not kept as its values, so the folded values no
// longer filled its shape. Every data type with values in any other field,
// and values split over two fields, are refused by name.
TEST(OnnxErrors, ValuesInAnotherTypesFieldAreRefused) {
  using field::DataType;
  const std::vector<std::pair<std::uint32_t, const char*>> fields = {
      {field::kTensorFloatData, "float_data"},   {field::kTensorDoubleData, "double_data"},
      {field::kTensorInt32Data, "int32_data"},   {field::kTensorInt64Data, "int64_data"},
      {field::kTensorUint64Data, "uint64_data"},
  };
  // The field each type's values belong in, from onnx.proto.
  const std::vector<std::pair<DataType, std::uint32_t>> owner = {
      {DataType::kFloat, field::kTensorFloatData},   {DataType::kDouble, field::kTensorDoubleData},
      {DataType::kInt8, field::kTensorInt32Data},    {DataType::kUint8, field::kTensorInt32Data},
      {DataType::kInt32, field::kTensorInt32Data},   {DataType::kBool, field::kTensorInt32Data},
      {DataType::kFloat16, field::kTensorInt32Data}, {DataType::kInt64, field::kTensorInt64Data},
      {DataType::kUint32, field::kTensorUint64Data}, {DataType::kUint64, field::kTensorUint64Data},
  };
  for (const auto& [type, right] : owner) {
    for (const auto& [tag, name] : fields) {
      std::string tensor;
      protozero::pbf_writer w{tensor};
      const std::vector<std::int64_t> dims{2};
      w.add_packed_int64(field::kTensorDims, dims.begin(), dims.end());
      w.add_int32(field::kTensorDataType, static_cast<std::int32_t>(type));
      w.add_string(field::kTensorName, "t");
      for (int k = 0; k < 2; ++k) {  // two unpacked values, each in the field's own wire type
        if (tag == field::kTensorFloatData)
          w.add_float(tag, 1.5f);
        else if (tag == field::kTensorDoubleData)
          w.add_double(tag, 1.5);
        else
          w.add_int64(tag, 3);
      }
      GraphSpec g;
      g.initializers = {tensor};
      const std::string error = error_of(testing::model(g, 13));
      if (tag == right) {
        EXPECT_EQ(error, "") << name << " for type " << static_cast<int>(type);
      } else {
        EXPECT_NE(error.find(std::string("values in ") + name), std::string::npos)
            << name << " for type " << static_cast<int>(type) << ": " << error;
      }
    }
  }
  std::string split;  // one int64 in int64_data and one in int32_data
  protozero::pbf_writer w{split};
  const std::vector<std::int64_t> dims{2};
  w.add_packed_int64(field::kTensorDims, dims.begin(), dims.end());
  w.add_int32(field::kTensorDataType, static_cast<std::int32_t>(DataType::kInt64));
  w.add_string(field::kTensorName, "split");
  w.add_int64(field::kTensorInt64Data, 1);
  w.add_int64(field::kTensorInt32Data, 2);
  GraphSpec g;
  g.initializers = {split};
  EXPECT_NE(error_of(testing::model(g, 13)).find("two different typed"), std::string::npos)
      << error_of(testing::model(g, 13));
}

TEST(OnnxErrors, ContradictionsAreNamed) {
  {
    GraphSpec g;  // 4 floats need 16 bytes
    g.initializers = {testing::raw_float_tensor("B", {4}, 12)};
    EXPECT_NE(
        error_of(testing::model(g, 13)).find("raw_data holds 12 bytes, but 4 elements of float32 need 16"),
        std::string::npos)
        << error_of(testing::model(g, 13));
  }
  {
    GraphSpec g;
    g.inputs = {testing::value_info("X", {1, 4})};
    g.nodes = {testing::node("Relu", {"missing"}, {"Y"})};
    EXPECT_NE(error_of(testing::model(g, 13)).find("input 'missing' is not a graph input"),
              std::string::npos);
  }
  {
    // Shapes that contradict the operator's rules leave its outputs unknown,
    // with the reason, instead of failing the graph (the analyzer lists the
    // layer as uncosted).
    GraphSpec g;
    g.inputs = {testing::value_info("A", {2, 3}), testing::value_info("B", {4, 5})};
    g.nodes = {testing::node("MatMul", {"A", "B"}, {"Y"})};
    EXPECT_EQ(error_of(testing::model(g, 13)), "");
    const auto graph = import(testing::model(g, 13));
    EXPECT_NE(graph.nodes[0].unknown_reason.find("disagree on the inner dimension"), std::string::npos)
        << graph.nodes[0].unknown_reason;
    EXPECT_FALSE(value_named(graph, "Y").shape.has_value());
  }
  {
    // dims written as fixed32 instead of varints.
    std::string tensor;
    protozero::pbf_writer w{tensor};
    w.add_fixed32(field::kTensorDims, 4);
    GraphSpec g;
    g.initializers = {tensor};
    EXPECT_NE(error_of(testing::model(g, 13)).find("has wire type fixed32"), std::string::npos)
        << error_of(testing::model(g, 13));
  }
  {
    // A graph field claiming more bytes than the file has.
    const std::string bytes = conv_reshape_model(Repeated::kPacked).substr(0, 100);
    EXPECT_NE(error_of(bytes).find("ModelProto: field 7 claims"), std::string::npos) << error_of(bytes);
  }
  {
    std::string no_opset;
    protozero::pbf_writer w{no_opset};
    w.add_int64(field::kModelIrVersion, 7);
    w.add_message(field::kModelGraph, std::string{});
    EXPECT_NE(error_of(no_opset).find("opset_import"), std::string::npos);
  }
}

}  // namespace
}  // namespace derive::onnx
