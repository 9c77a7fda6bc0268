// The ONNX importer: decoded and inferred graphs (onnx_model.hpp,
// onnx_shapes.hpp) converted into the graph IR (derive/graph/).
#include "derive/import/onnx.hpp"

#include <map>
#include <string_view>

#include "import/onnx/onnx_fields.hpp"
#include "import/onnx/onnx_model.hpp"
#include "import/onnx/onnx_shapes.hpp"

namespace derive::import::onnx {
namespace {

using derive::graph::DType;
using derive::graph::OpKind;
namespace dt = derive::onnx::field;

std::string_view as_text(Bytes bytes) { return {reinterpret_cast<const char*>(bytes.data()), bytes.size()}; }

DType dtype_of(std::int32_t data_type) {
  switch (static_cast<dt::DataType>(data_type)) {
    case dt::DataType::kFloat:
      return DType::float32;
    case dt::DataType::kUint8:
      return DType::uint8;
    case dt::DataType::kInt8:
      return DType::int8;
    case dt::DataType::kUint16:
      return DType::uint16;
    case dt::DataType::kInt16:
      return DType::int16;
    case dt::DataType::kInt32:
      return DType::int32;
    case dt::DataType::kInt64:
      return DType::int64;
    case dt::DataType::kString:
      return DType::string;
    case dt::DataType::kBool:
      return DType::boolean;
    case dt::DataType::kFloat16:
      return DType::float16;
    case dt::DataType::kDouble:
      return DType::float64;
    case dt::DataType::kUint32:
      return DType::uint32;
    case dt::DataType::kUint64:
      return DType::uint64;
    case dt::DataType::kComplex64:
      return DType::complex64;
    case dt::DataType::kComplex128:
      return DType::complex128;
    case dt::DataType::kBfloat16:
      return DType::bfloat16;
    case dt::DataType::kInt4:
      return DType::int4;
    default:
      return DType::unknown;
  }
}

// ONNX op_type to the IR's kinds (derive/graph/op.hpp). LRN and the
// normalizations do a fixed amount of work per output element, so they are
// costed as elementwise ops.
OpKind kind_of(const derive::onnx::Node& node, const derive::onnx::InferredGraph& graph,
               const derive::onnx::InferredNode& inferred) {
  static const std::map<std::string, OpKind, std::less<>> kinds = [] {
    std::map<std::string, OpKind, std::less<>> k;
    k["Conv"] = OpKind::conv2d;
    k["ConvTranspose"] = OpKind::transpose_conv2d;
    k["Gemm"] = OpKind::fully_connected;
    k["MatMul"] = OpKind::batch_matmul;
    for (const char* op : {"AveragePool", "GlobalAveragePool"}) k[op] = OpKind::average_pool2d;
    for (const char* op : {"MaxPool", "GlobalMaxPool"}) k[op] = OpKind::max_pool2d;
    k["ReduceMean"] = OpKind::mean;
    for (const char* op : {"Add",
                           "Sub",
                           "Mul",
                           "Div",
                           "Pow",
                           "Max",
                           "Min",
                           "Sum",
                           "Mean",
                           "Mod",
                           "Equal",
                           "Greater",
                           "Less",
                           "GreaterOrEqual",
                           "LessOrEqual",
                           "And",
                           "Or",
                           "Xor",
                           "Not",
                           "Where",
                           "Abs",
                           "Neg",
                           "Exp",
                           "Log",
                           "Sqrt",
                           "Reciprocal",
                           "Floor",
                           "Ceil",
                           "Round",
                           "Sign",
                           "Erf",
                           "BatchNormalization",
                           "InstanceNormalization",
                           "LayerNormalization",
                           "LRN"})
      k[op] = OpKind::elementwise;
    for (const char* op : {"Relu", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Elu",
                           "Selu", "Celu", "Softplus", "Softsign", "Clip", "Gelu", "Mish", "ThresholdedRelu"})
      k[op] = OpKind::activation;
    for (const char* op : {"Softmax", "LogSoftmax"}) k[op] = OpKind::softmax;
    k["LSTM"] = OpKind::lstm;
    for (const char* op :
         {"Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Concat", "Pad", "Gather", "Slice",
          "Split", "Expand", "Tile", "Identity", "Dropout", "Shape", "Resize", "Upsample"})
      k[op] = OpKind::data_movement;
    for (const char* op : {"Cast", "QuantizeLinear", "DequantizeLinear"}) k[op] = OpKind::conversion;
    return k;
  }();
  if (!node.domain.empty() && node.domain != "ai.onnx") return OpKind::other;
  const auto it = kinds.find(node.op_type);
  if (it == kinds.end()) return OpKind::other;
  if (it->second == OpKind::conv2d) {
    // A Conv with one group per input channel is depthwise (op.hpp).
    const derive::onnx::Attribute* group = node.attribute("group");
    const auto& x = graph.values[static_cast<std::size_t>(inferred.inputs[0])].shape;
    if (group && group->i > 1 && x && x->size() >= 2 && (*x)[1] == group->i) return OpKind::depthwise_conv2d;
  }
  return it->second;
}

derive::graph::Attributes attributes_of(const derive::onnx::Node& node,
                                        const derive::onnx::InferredGraph& graph,
                                        const derive::onnx::InferredNode& inferred) {
  derive::graph::Attributes a;
  // ONNX operators define their operands in NCHW / OIHW order (graph::Layout).
  a.layout = derive::graph::Layout::nchw;
  auto ints = [&](std::string_view name) -> std::vector<std::int64_t> {
    const derive::onnx::Attribute* attribute = node.attribute(name);
    return attribute ? attribute->ints : std::vector<std::int64_t>{};
  };
  if (const auto s = ints("strides"); !s.empty()) {
    a.stride_h = s[0];
    a.stride_w = s.size() > 1 ? s[1] : 1;
  }
  if (const auto d = ints("dilations"); !d.empty()) {
    a.dilation_h = d[0];
    a.dilation_w = d.size() > 1 ? d[1] : 1;
  }
  if (const auto k = ints("kernel_shape"); !k.empty()) {
    a.filter_h = k[0];
    a.filter_w = k.size() > 1 ? k[1] : 1;
  }
  if (node.op_type == "GlobalAveragePool" || node.op_type == "GlobalMaxPool") {
    const auto& x = graph.values[static_cast<std::size_t>(inferred.inputs[0])].shape;
    if (x && x->size() >= 4) {
      a.filter_h = (*x)[2];
      a.filter_w = (*x)[3];
    }
  }
  const derive::onnx::Attribute* auto_pad = node.attribute("auto_pad");
  const std::string pad_mode = auto_pad ? auto_pad->s : "NOTSET";
  if (pad_mode == "SAME_UPPER" || pad_mode == "SAME_LOWER") {
    a.padding = derive::graph::Padding::same;
  } else if (pad_mode == "VALID") {
    a.padding = derive::graph::Padding::valid;
  } else if (const auto p = ints("pads"); p.size() == 4) {
    // ONNX orders pads as H begin, W begin, H end, W end: top, left, bottom, right.
    a.padding = derive::graph::Padding::explicit_pads;
    for (int i = 0; i < 4; ++i) a.pads[i] = p[static_cast<std::size_t>(i)];
  }
  if (const derive::onnx::Attribute* group = node.attribute("group")) a.groups = group->i;
  if (node.op_type == "Gemm") {
    const derive::onnx::Attribute* trans_a = node.attribute("transA");
    const derive::onnx::Attribute* trans_b = node.attribute("transB");
    a.transpose_a = trans_a != nullptr && trans_a->i != 0;
    a.transpose_b = trans_b != nullptr && trans_b->i != 0;
  }
  if (const derive::onnx::Attribute* keep = node.attribute("keepdims"))
    a.keep_dims = keep->i != 0;
  else if (node.op_type == "ReduceMean")
    a.keep_dims = true;  // ONNX's default
  return a;
}

}  // namespace

bool match(Bytes bytes) { return derive::onnx::looks_like_onnx(as_text(bytes)); }

Result<graph::Model> open(Bytes bytes) {
  DERIVE_TRY(const auto model, derive::onnx::decode_model(as_text(bytes)));
  DERIVE_TRY(const auto inferred, derive::onnx::infer_shapes(model));
  graph::Model result;
  result.format = "onnx";
  result.file_bytes = static_cast<std::int64_t>(bytes.size());
  result.description =
      model.producer_name + (model.producer_version.empty() ? "" : " " + model.producer_version);
  result.notes = inferred.notes;
  graph::Subgraph& sub = result.subgraphs.emplace_back();
  sub.name = model.graph.name;

  // Initializer index by name: the data_id that makes shared weights count once.
  std::map<std::string, std::int64_t, std::less<>> initializer_of;
  for (std::size_t i = 0; i < model.graph.initializers.size(); ++i)
    initializer_of.emplace(model.graph.initializers[i].name, static_cast<std::int64_t>(i));

  // Only values that an operator or the graph's interface uses become tensors.
  std::vector<std::int32_t> tensor_of(inferred.values.size(), -1);
  auto tensor = [&](int value_index) -> std::int32_t {
    if (value_index < 0) return -1;
    auto& slot = tensor_of[static_cast<std::size_t>(value_index)];
    if (slot >= 0) return slot;
    const derive::onnx::Value& v = inferred.values[static_cast<std::size_t>(value_index)];
    graph::Tensor t;
    t.name = v.name;
    t.dtype = dtype_of(v.data_type);
    if (v.shape) {
      t.shape = *v.shape;
    } else {
      t.shape = {-1};
      result.notes.push_back("tensor '" + v.name + "': shape not inferred (rank unknown, recorded as [-1])");
    }
    if (v.kind == derive::onnx::ValueKind::kWeight) {
      t.role = graph::TensorRole::constant;
      const auto init = initializer_of.find(v.name);
      if (init != initializer_of.end()) {
        t.data_id = init->second;
        t.stored_bytes = model.graph.initializers[static_cast<std::size_t>(init->second)].stored_bytes;
      } else {
        // Folded at import (Constant, ConstantOfShape, an op over weights): a
        // deployed model stores these values, so they count as weights.
        t.data_id = static_cast<std::int64_t>(model.graph.initializers.size()) + value_index;
        const auto bytes_needed = graph::byte_length(t);
        t.stored_bytes = bytes_needed.ok() ? bytes_needed.value() : 0;
      }
    }
    slot = static_cast<std::int32_t>(sub.tensors.size());
    sub.tensors.push_back(std::move(t));
    return slot;
  };

  for (const int i : inferred.inputs) sub.inputs.push_back(tensor(i));
  for (std::size_t n = 0; n < inferred.nodes.size(); ++n) {
    const auto& node = model.graph.nodes[n];
    const auto& in = inferred.nodes[n];
    if (in.folded) continue;
    graph::Operator op;
    op.op = node.op_type;
    op.name = node.name.empty() ? (node.outputs.empty() ? node.op_type : node.outputs.front()) : node.name;
    op.kind = kind_of(node, inferred, in);
    op.attributes = attributes_of(node, inferred, in);
    for (const int i : in.inputs) op.inputs.push_back(tensor(i));
    for (const int o : in.outputs) op.outputs.push_back(tensor(o));
    if (!in.unknown_reason.empty()) {
      result.notes.push_back("node " + std::to_string(n) + " ('" + op.name + "'): " + in.unknown_reason);
      op.notes.push_back("output shapes not inferred: " + in.unknown_reason);
    }
    sub.operators.push_back(std::move(op));
  }
  for (const int o : inferred.outputs) sub.outputs.push_back(tensor(o));
  DERIVE_CHECK(graph::validate(result));
  return result;
}

}  // namespace derive::import::onnx
