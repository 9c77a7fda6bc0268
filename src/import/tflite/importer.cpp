// The TFLite importer: raw flatbuffers tables read by the field ids of
// schema.fbs (schema_ids.hpp), every table, vector and string checked by
// flatbuffers::Verifier before it is read, every index checked against the
// vector it points into.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "derive/import/tflite.hpp"
#include "import/tflite/schema_ids.hpp"

namespace derive::import::tflite {

namespace fb = flatbuffers;
using graph::DType;

bool match(Bytes bytes) { return bytes.size() >= 8 && std::memcmp(bytes.data() + 4, "TFL3", 4) == 0; }

namespace {

// Reads tables after verifying them; every failure names `where`.
class Reader {
 public:
  explicit Reader(Bytes bytes) : bytes_(bytes), verifier_(bytes.data(), bytes.size(), options()) {}

  Result<const fb::Table*> root() {
    if (bytes_.size() < 8) {
      return make_error("file of " + std::to_string(bytes_.size()) + " bytes is too short for a flatbuffer");
    }
    const auto offset = verifier_.VerifyOffset(0);
    if (offset == 0) return make_error("root offset points outside the file's " + size_text());
    return table_at(bytes_.data() + offset, "model");
  }

  Result<const fb::Table*> table(const fb::Table* parent, int id, const std::string& where) {
    if (!parent->VerifyOffset(verifier_, schema::field(id))) return corrupt(where);
    const auto* child = parent->GetPointer<const fb::Table*>(schema::field(id));
    if (child == nullptr) return static_cast<const fb::Table*>(nullptr);
    return table_at(reinterpret_cast<const std::uint8_t*>(child), where);
  }

  template <class T>
  Result<T> scalar(const fb::Table* t, int id, T fallback, const std::string& where) {
    if (!t->VerifyField<T>(verifier_, schema::field(id), sizeof(T))) return corrupt(where);
    return t->GetField<T>(schema::field(id), fallback);
  }

  // A vector of scalars or of offsets; nullptr when the field is absent.
  // flatbuffers' VerifyVector checks the alignment of the length prefix only
  // (4 bytes), so the elements of an 8-byte vector (quantization zero_point
  // is int64) are checked here: reading them misaligned is undefined
  // behaviour, and found by tflite_import_fuzz.
  template <class T>
  Result<const fb::Vector<T>*> vector(const fb::Table* t, int id, const std::string& where) {
    if (!t->VerifyOffset(verifier_, schema::field(id))) return corrupt(where);
    const auto* v = t->GetPointer<const fb::Vector<T>*>(schema::field(id));
    if (!verifier_.VerifyVector(v)) return corrupt(where);
    if (v != nullptr && (v->Data() - bytes_.data()) % alignof(T) != 0) return corrupt(where);
    return v;
  }

  Result<std::string> string(const fb::Table* t, int id, const std::string& where) {
    if (!t->VerifyOffset(verifier_, schema::field(id))) return corrupt(where);
    const auto* s = t->GetPointer<const fb::String*>(schema::field(id));
    if (!verifier_.VerifyString(s)) return corrupt(where);
    return s == nullptr ? std::string() : s->str();
  }

  Result<const fb::Table*> element(const fb::Vector<fb::Offset<fb::Table>>* v, fb::uoffset_t i,
                                   const std::string& where) {
    return table_at(reinterpret_cast<const std::uint8_t*>(v->Get(i)), where);
  }

  std::string size_text() const { return std::to_string(bytes_.size()) + " bytes"; }

 private:
  static fb::Verifier::Options options() {
    fb::Verifier::Options o;
    o.max_depth = 64;
    o.max_tables = 1'000'000;
    o.check_alignment = true;
    return o;
  }

  Result<const fb::Table*> table_at(const std::uint8_t* p, const std::string& where) {
    const auto* t = reinterpret_cast<const fb::Table*>(p);
    if (!t->VerifyTableStart(verifier_)) return corrupt(where);
    verifier_.EndTable();
    return t;
  }

  Error corrupt(const std::string& where) const {
    return make_error(where + ": table, vector or string reaches outside the file's " + size_text() +
                      " or is misaligned (truncated or corrupt file)");
  }

  Bytes bytes_;
  fb::Verifier verifier_;
};

DType tensor_type(std::int8_t code) {
  // enum TensorType of schema.fbs.
  switch (code) {
    case 0:
      return DType::float32;
    case 1:
      return DType::float16;
    case 2:
      return DType::int32;
    case 3:
      return DType::uint8;
    case 4:
      return DType::int64;
    case 5:
      return DType::string;
    case 6:
      return DType::boolean;
    case 7:
      return DType::int16;
    case 8:
      return DType::complex64;
    case 9:
      return DType::int8;
    case 10:
      return DType::float64;
    case 11:
      return DType::complex128;
    case 12:
      return DType::uint64;
    case 13:
      return DType::resource;
    case 14:
      return DType::variant;
    case 15:
      return DType::uint32;
    case 16:
      return DType::uint16;
    case 17:
      return DType::int4;
    default:
      return DType::unknown;
  }
}

graph::OpKind op_kind(std::string_view op) {
  using graph::OpKind;
  static constexpr std::pair<std::string_view, OpKind> kKinds[] = {
      {"CONV_2D", OpKind::conv2d},
      {"DEPTHWISE_CONV_2D", OpKind::depthwise_conv2d},
      {"TRANSPOSE_CONV", OpKind::transpose_conv2d},
      {"FULLY_CONNECTED", OpKind::fully_connected},
      {"BATCH_MATMUL", OpKind::batch_matmul},
      {"AVERAGE_POOL_2D", OpKind::average_pool2d},
      {"MAX_POOL_2D", OpKind::max_pool2d},
      {"MEAN", OpKind::mean},
      {"ADD", OpKind::elementwise},
      {"SUB", OpKind::elementwise},
      {"MUL", OpKind::elementwise},
      {"DIV", OpKind::elementwise},
      {"MAXIMUM", OpKind::elementwise},
      {"MINIMUM", OpKind::elementwise},
      {"SQUARED_DIFFERENCE", OpKind::elementwise},
      {"RELU", OpKind::activation},
      {"RELU6", OpKind::activation},
      {"RELU_N1_TO_1", OpKind::activation},
      {"LOGISTIC", OpKind::activation},
      {"TANH", OpKind::activation},
      {"HARD_SWISH", OpKind::activation},
      {"LEAKY_RELU", OpKind::activation},
      {"PRELU", OpKind::activation},
      {"ELU", OpKind::activation},
      {"GELU", OpKind::activation},
      {"SOFTMAX", OpKind::softmax},
      {"LOG_SOFTMAX", OpKind::softmax},
      {"SVDF", OpKind::svdf},
      {"UNIDIRECTIONAL_SEQUENCE_LSTM", OpKind::lstm},
      {"LSTM", OpKind::lstm},
      {"RESHAPE", OpKind::data_movement},
      {"SQUEEZE", OpKind::data_movement},
      {"EXPAND_DIMS", OpKind::data_movement},
      {"TRANSPOSE", OpKind::data_movement},
      {"CONCATENATION", OpKind::data_movement},
      {"PAD", OpKind::data_movement},
      {"PADV2", OpKind::data_movement},
      {"GATHER", OpKind::data_movement},
      {"STRIDED_SLICE", OpKind::data_movement},
      {"SLICE", OpKind::data_movement},
      {"SPLIT", OpKind::data_movement},
      {"SPLIT_V", OpKind::data_movement},
      {"PACK", OpKind::data_movement},
      {"UNPACK", OpKind::data_movement},
      {"QUANTIZE", OpKind::conversion},
      {"DEQUANTIZE", OpKind::conversion},
      {"CAST", OpKind::conversion},
      {"IF", OpKind::control_flow},
      {"WHILE", OpKind::control_flow},
      {"CALL_ONCE", OpKind::control_flow},
  };
  for (const auto& [name, kind] : kKinds) {
    if (name == op) return kind;
  }
  return OpKind::other;
}

graph::Padding padding(std::int8_t code) { return code == 0 ? graph::Padding::same : graph::Padding::valid; }

graph::FusedActivation activation(std::int8_t code) {
  using graph::FusedActivation;
  switch (code) {
    case 0:
      return FusedActivation::none;
    case 1:
      return FusedActivation::relu;
    case 2:
      return FusedActivation::relu_n1_to_1;
    case 3:
      return FusedActivation::relu6;
    case 4:
      return FusedActivation::tanh;
    case 5:
      return FusedActivation::sign_bit;
    default:
      return FusedActivation::unknown;
  }
}

Result<std::vector<std::int32_t>> int_vector(Reader& r, const fb::Table* t, int id,
                                             const std::string& where) {
  DERIVE_TRY(const auto* v, r.vector<std::int32_t>(t, id, where));
  if (v == nullptr) return std::vector<std::int32_t>{};
  return std::vector<std::int32_t>(v->begin(), v->end());
}

struct Context {
  Reader& reader;
  std::vector<std::string> op_names;
  std::vector<bool> op_is_custom;
  // Bytes of each buffer's data (0 for an empty buffer).
  std::vector<std::int64_t> buffer_bytes;
};

Result<graph::Tensor> read_tensor(Context& c, const fb::Table* t, const std::string& where) {
  Reader& r = c.reader;
  graph::Tensor tensor;
  DERIVE_TRY(tensor.name, r.string(t, schema::kTensorName, where + " name"));
  DERIVE_TRY(const auto shape, int_vector(r, t, schema::kTensorShape, where + " shape"));
  DERIVE_TRY(const auto signature,
             int_vector(r, t, schema::kTensorShapeSignature, where + " shape_signature"));
  tensor.shape.assign(shape.begin(), shape.end());
  if (signature.size() == shape.size()) {
    for (std::size_t i = 0; i < shape.size(); ++i) {
      if (signature[i] == -1) tensor.shape[i] = shape[i] > 0 ? shape[i] : -1;
    }
  }
  for (std::size_t i = 0; i < tensor.shape.size(); ++i) {
    if (tensor.shape[i] < -1) {
      return make_error(where + ": dimension " + std::to_string(i) + " is " +
                        std::to_string(tensor.shape[i]) + ", expected a size >= 0");
    }
  }
  DERIVE_TRY(const std::int8_t type, r.scalar<std::int8_t>(t, schema::kTensorType, 0, where + " type"));
  tensor.dtype = tensor_type(type);
  if (tensor.dtype == DType::unknown) {
    return make_error(where + ": unknown TensorType " + std::to_string(type) + " (schema.fbs knows 0 to 17)");
  }
  DERIVE_TRY(const std::uint32_t buffer,
             r.scalar<std::uint32_t>(t, schema::kTensorBuffer, 0, where + " buffer"));
  if (buffer >= c.buffer_bytes.size()) {
    return make_error(where + ": buffer index " + std::to_string(buffer) + " out of range (model has " +
                      std::to_string(c.buffer_bytes.size()) + " buffers)");
  }
  DERIVE_TRY(const std::uint8_t variable,
             r.scalar<std::uint8_t>(t, schema::kTensorIsVariable, 0, where + " is_variable"));
  if (variable != 0) {
    tensor.role = graph::TensorRole::variable;
  } else if (c.buffer_bytes[buffer] > 0) {
    tensor.role = graph::TensorRole::constant;
    tensor.stored_bytes = c.buffer_bytes[buffer];
    tensor.data_id = buffer;
  }
  DERIVE_TRY(const fb::Table* q, r.table(t, schema::kTensorQuantization, where + " quantization"));
  if (q != nullptr) {
    DERIVE_TRY(const auto* scales, r.vector<float>(q, schema::kQuantScale, where + " quantization scale"));
    DERIVE_TRY(const auto* zeros,
               r.vector<std::int64_t>(q, schema::kQuantZeroPoint, where + " quantization zero_point"));
    DERIVE_TRY(const std::int32_t axis, r.scalar<std::int32_t>(q, schema::kQuantQuantizedDimension, 0,
                                                               where + " quantized_dimension"));
    if (scales != nullptr && scales->size() > 0) {
      graph::Quantization quant;
      quant.scales.assign(scales->begin(), scales->end());
      if (zeros != nullptr) quant.zero_points.assign(zeros->begin(), zeros->end());
      quant.axis = axis;
      tensor.quantization = std::move(quant);
    }
  }
  return tensor;
}

Status read_options(Reader& r, const fb::Table* t, graph::Operator& op, const std::string& where) {
  DERIVE_TRY(const std::uint8_t type, r.scalar<std::uint8_t>(t, schema::kOperatorBuiltinOptionsType, 0,
                                                             where + " builtin_options_type"));
  DERIVE_TRY(const fb::Table* o, r.table(t, schema::kOperatorBuiltinOptions, where + " builtin_options"));
  if (o == nullptr) return {};
  graph::Attributes& a = op.attributes;
  const std::string w = where + " options";
  auto i32 = [&](int id, std::int32_t fallback) { return r.scalar<std::int32_t>(o, id, fallback, w); };
  auto i8 = [&](int id) { return r.scalar<std::int8_t>(o, id, 0, w); };
  if (type == schema::kConv2DOptions && op.kind == graph::OpKind::conv2d) {
    DERIVE_TRY(const std::int8_t pad, i8(schema::kConvPadding));
    DERIVE_TRY(a.stride_w, i32(schema::kConvStrideW, 1));
    DERIVE_TRY(a.stride_h, i32(schema::kConvStrideH, 1));
    DERIVE_TRY(const std::int8_t act, i8(schema::kConvActivation));
    DERIVE_TRY(a.dilation_w, i32(schema::kConvDilationW, 1));
    DERIVE_TRY(a.dilation_h, i32(schema::kConvDilationH, 1));
    a.padding = padding(pad);
    a.fused_activation = activation(act);
  } else if (type == schema::kDepthwiseConv2DOptions && op.kind == graph::OpKind::depthwise_conv2d) {
    DERIVE_TRY(const std::int8_t pad, i8(schema::kDwPadding));
    DERIVE_TRY(a.stride_w, i32(schema::kDwStrideW, 1));
    DERIVE_TRY(a.stride_h, i32(schema::kDwStrideH, 1));
    DERIVE_TRY(a.depth_multiplier, i32(schema::kDwDepthMultiplier, 1));
    DERIVE_TRY(const std::int8_t act, i8(schema::kDwActivation));
    DERIVE_TRY(a.dilation_w, i32(schema::kDwDilationW, 1));
    DERIVE_TRY(a.dilation_h, i32(schema::kDwDilationH, 1));
    a.padding = padding(pad);
    a.fused_activation = activation(act);
  } else if (type == schema::kPool2DOptions &&
             (op.kind == graph::OpKind::average_pool2d || op.kind == graph::OpKind::max_pool2d)) {
    DERIVE_TRY(const std::int8_t pad, i8(schema::kPoolPadding));
    DERIVE_TRY(a.stride_w, i32(schema::kPoolStrideW, 1));
    DERIVE_TRY(a.stride_h, i32(schema::kPoolStrideH, 1));
    DERIVE_TRY(a.filter_w, i32(schema::kPoolFilterW, 0));
    DERIVE_TRY(a.filter_h, i32(schema::kPoolFilterH, 0));
    DERIVE_TRY(const std::int8_t act, i8(schema::kPoolActivation));
    a.padding = padding(pad);
    a.fused_activation = activation(act);
  } else if (type == schema::kFullyConnectedOptions && op.kind == graph::OpKind::fully_connected) {
    DERIVE_TRY(const std::int8_t act, i8(schema::kFcActivation));
    DERIVE_TRY(const std::uint8_t keep, r.scalar<std::uint8_t>(o, schema::kFcKeepNumDims, 0, w));
    a.fused_activation = activation(act);
    a.keep_dims = keep != 0;
  } else if (type == schema::kSVDFOptions && op.kind == graph::OpKind::svdf) {
    DERIVE_TRY(a.rank, i32(schema::kSvdfRank, 0));
    DERIVE_TRY(const std::int8_t act, i8(schema::kSvdfActivation));
    a.fused_activation = activation(act);
  } else if (op.kind == graph::OpKind::control_flow) {
    // The called subgraphs in the order TFLM plans them (validate checks the
    // indices are in range and not recursive).
    std::vector<int> ids;
    if (type == schema::kIfOptions && op.op == "IF") {
      ids = {schema::kIfThenSubgraph, schema::kIfElseSubgraph};
    } else if (type == schema::kWhileOptions && op.op == "WHILE") {
      ids = {schema::kWhileCondSubgraph, schema::kWhileBodySubgraph};
    } else if (type == schema::kCallOnceOptions && op.op == "CALL_ONCE") {
      ids = {schema::kCallOnceInitSubgraph};
    }
    for (const int id : ids) {
      DERIVE_TRY(const std::int32_t called, i32(id, 0));
      a.called_subgraphs.push_back(called);
    }
  }
  return {};
}

Result<graph::Operator> read_operator(Context& c, const fb::Table* t, const std::string& where) {
  Reader& r = c.reader;
  graph::Operator op;
  DERIVE_TRY(const std::uint32_t code,
             r.scalar<std::uint32_t>(t, schema::kOperatorOpcodeIndex, 0, where + " opcode_index"));
  if (code >= c.op_names.size()) {
    return make_error(where + ": opcode index " + std::to_string(code) + " out of range (model has " +
                      std::to_string(c.op_names.size()) + " operator codes)");
  }
  op.op = c.op_names[code];
  op.kind = c.op_is_custom[code] ? graph::OpKind::custom : op_kind(op.op);
  DERIVE_TRY(op.inputs, int_vector(r, t, schema::kOperatorInputs, where + " inputs"));
  DERIVE_TRY(op.outputs, int_vector(r, t, schema::kOperatorOutputs, where + " outputs"));
  DERIVE_TRY(op.intermediates, int_vector(r, t, schema::kOperatorIntermediates, where + " intermediates"));
  DERIVE_CHECK(read_options(r, t, op, where));
  return op;
}

Result<graph::Subgraph> read_subgraph(Context& c, const fb::Table* t, const std::string& where) {
  Reader& r = c.reader;
  graph::Subgraph subgraph;
  DERIVE_TRY(subgraph.name, r.string(t, schema::kSubgraphName, where + " name"));
  DERIVE_TRY(const auto* tensors,
             r.vector<fb::Offset<fb::Table>>(t, schema::kSubgraphTensors, where + " tensors"));
  if (tensors != nullptr) {
    for (fb::uoffset_t i = 0; i < tensors->size(); ++i) {
      const std::string w = where + ", tensor " + std::to_string(i);
      DERIVE_TRY(const fb::Table* tt, r.element(tensors, i, w));
      DERIVE_TRY(auto tensor, read_tensor(c, tt, w));
      subgraph.tensors.push_back(std::move(tensor));
    }
  }
  DERIVE_TRY(subgraph.inputs, int_vector(r, t, schema::kSubgraphInputs, where + " inputs"));
  DERIVE_TRY(subgraph.outputs, int_vector(r, t, schema::kSubgraphOutputs, where + " outputs"));
  DERIVE_TRY(const auto* ops,
             r.vector<fb::Offset<fb::Table>>(t, schema::kSubgraphOperators, where + " operators"));
  if (ops != nullptr) {
    for (fb::uoffset_t i = 0; i < ops->size(); ++i) {
      const std::string w = where + ", operator " + std::to_string(i);
      DERIVE_TRY(const fb::Table* ot, r.element(ops, i, w));
      DERIVE_TRY(auto op, read_operator(c, ot, w));
      if (!op.outputs.empty() && op.outputs.front() >= 0 &&
          static_cast<std::size_t>(op.outputs.front()) < subgraph.tensors.size()) {
        op.name = subgraph.tensors[static_cast<std::size_t>(op.outputs.front())].name;
      }
      subgraph.operators.push_back(std::move(op));
    }
  }
  return subgraph;
}

Status read_operator_codes(Context& c, const fb::Table* model) {
  Reader& r = c.reader;
  DERIVE_TRY(const auto* codes,
             r.vector<fb::Offset<fb::Table>>(model, schema::kModelOperatorCodes, "operator_codes"));
  if (codes == nullptr) return {};
  for (fb::uoffset_t i = 0; i < codes->size(); ++i) {
    const std::string w = "operator code " + std::to_string(i);
    DERIVE_TRY(const fb::Table* t, r.element(codes, i, w));
    DERIVE_TRY(const std::int8_t deprecated, r.scalar<std::int8_t>(t, schema::kOpCodeDeprecatedBuiltinCode, 0,
                                                                   w + " deprecated_builtin_code"));
    DERIVE_TRY(const std::int32_t builtin,
               r.scalar<std::int32_t>(t, schema::kOpCodeBuiltinCode, 0, w + " builtin_code"));
    // schema.fbs: builtin_code is authoritative; files written before it
    // existed have only deprecated_builtin_code (the larger of the two wins,
    // as TFLite's GetBuiltinCode does).
    const std::int32_t code = std::max<std::int32_t>(builtin, deprecated);
    if (code == schema::kBuiltinCustom) {
      DERIVE_TRY(const std::string custom, r.string(t, schema::kOpCodeCustomCode, w + " custom_code"));
      c.op_names.push_back(custom.empty() ? "CUSTOM" : custom);
      c.op_is_custom.push_back(true);
      continue;
    }
    const std::string_view name = schema::builtin_operator_name(code);
    c.op_names.push_back(name.empty() ? "BUILTIN_" + std::to_string(code) : std::string(name));
    c.op_is_custom.push_back(false);
  }
  return {};
}

Status read_buffers(Context& c, const fb::Table* model, std::int64_t file_bytes) {
  Reader& r = c.reader;
  DERIVE_TRY(const auto* buffers, r.vector<fb::Offset<fb::Table>>(model, schema::kModelBuffers, "buffers"));
  if (buffers == nullptr) return {};
  for (fb::uoffset_t i = 0; i < buffers->size(); ++i) {
    const std::string w = "buffer " + std::to_string(i);
    DERIVE_TRY(const fb::Table* t, r.element(buffers, i, w));
    DERIVE_TRY(const auto* data, r.vector<std::uint8_t>(t, schema::kBufferData, w + " data"));
    DERIVE_TRY(const std::uint64_t offset,
               r.scalar<std::uint64_t>(t, schema::kBufferOffset, 0, w + " offset"));
    DERIVE_TRY(const std::uint64_t size, r.scalar<std::uint64_t>(t, schema::kBufferSize, 0, w + " size"));
    std::int64_t bytes = data == nullptr ? 0 : static_cast<std::int64_t>(data->size());
    if (offset > 1) {
      // Data outside the flatbuffer, offset from the start of the file.
      if (offset > static_cast<std::uint64_t>(file_bytes) ||
          size > static_cast<std::uint64_t>(file_bytes) - offset) {
        return make_error(w + ": data at offset " + std::to_string(offset) + " of " + std::to_string(size) +
                          " bytes reaches past the end of the file (" + std::to_string(file_bytes) +
                          " bytes)");
      }
      bytes = static_cast<std::int64_t>(size);
    }
    c.buffer_bytes.push_back(bytes);
  }
  return {};
}

Status read_metadata(Reader& r, const fb::Table* model, graph::Model& out) {
  DERIVE_TRY(const auto* metadata,
             r.vector<fb::Offset<fb::Table>>(model, schema::kModelMetadata, "metadata"));
  if (metadata == nullptr) return {};
  DERIVE_TRY(const auto* buffers, r.vector<fb::Offset<fb::Table>>(model, schema::kModelBuffers, "buffers"));
  for (fb::uoffset_t i = 0; i < metadata->size(); ++i) {
    const std::string w = "metadata " + std::to_string(i);
    DERIVE_TRY(const fb::Table* t, r.element(metadata, i, w));
    DERIVE_TRY(const std::string name, r.string(t, schema::kMetadataName, w + " name"));
    if (name != "OfflineMemoryAllocation") continue;
    DERIVE_TRY(const std::uint32_t buffer,
               r.scalar<std::uint32_t>(t, schema::kMetadataBuffer, 0, w + " buffer"));
    const std::size_t count = buffers == nullptr ? 0 : buffers->size();
    if (buffer >= count) {
      return make_error(w + " (OfflineMemoryAllocation): buffer index " + std::to_string(buffer) +
                        " out of range (model has " + std::to_string(count) + " buffers)");
    }
    DERIVE_TRY(const fb::Table* bt, r.element(buffers, buffer, w + " buffer"));
    DERIVE_TRY(const auto* data, r.vector<std::uint8_t>(bt, schema::kBufferData, w + " buffer data"));
    // tensorflow/lite/micro/micro_allocation_info.cc GetOfflinePlannedOffsets:
    // int32 words [version, subgraph, nbr_offline_offsets, offsets...].
    const std::size_t size = data == nullptr ? 0 : data->size();
    if (size < 12 || size % 4 != 0) {
      return make_error(w + " (OfflineMemoryAllocation): " + std::to_string(size) +
                        " bytes, expected 3 or more little-endian int32 words");
    }
    auto word = [&](std::size_t k) { return fb::ReadScalar<std::int32_t>(data->data() + 4 * k); };
    graph::OfflineMemoryPlan plan;
    plan.version = word(0);
    plan.subgraph = word(1);
    const std::int32_t n = word(2);
    if (n < 0 || static_cast<std::size_t>(n) != size / 4 - 3) {
      return make_error(w + " (OfflineMemoryAllocation): says " + std::to_string(n) + " offsets, holds " +
                        std::to_string(size / 4 - 3));
    }
    for (std::int32_t k = 0; k < n; ++k) plan.offsets.push_back(word(3 + static_cast<std::size_t>(k)));
    out.offline_plan = std::move(plan);
  }
  return {};
}

}  // namespace

Result<graph::Model> open(Bytes bytes) {
  if (!match(bytes)) return make_error("not a TFLite file: expected \"TFL3\" at byte offset 4");
  if (bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    return make_error("file of " + std::to_string(bytes.size()) +
                      " bytes is larger than a flatbuffer can be (2 GiB)");
  }
  // The verifier checks alignment relative to the buffer's start, so the start
  // itself must be aligned for the widest scalar (8 bytes) for reads to be
  // aligned in memory. A caller's bytes at an odd address are read from an
  // aligned copy; the model keeps no pointer into the bytes.
  std::vector<std::uint64_t> aligned_copy;
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(std::uint64_t) != 0) {
    aligned_copy.resize((bytes.size() + sizeof(std::uint64_t) - 1) / sizeof(std::uint64_t));
    std::memcpy(aligned_copy.data(), bytes.data(), bytes.size());
    bytes = Bytes(reinterpret_cast<const std::uint8_t*>(aligned_copy.data()), bytes.size());
  }
  Reader reader(bytes);
  DERIVE_TRY(const fb::Table* root, reader.root());
  graph::Model model;
  model.format = "tflite";
  model.file_bytes = static_cast<std::int64_t>(bytes.size());
  Context c{reader, {}, {}, {}};
  DERIVE_TRY(const std::uint32_t version,
             reader.scalar<std::uint32_t>(root, schema::kModelVersion, 0, "model version"));
  if (version != 3) {
    return make_error("schema version " + std::to_string(version) +
                      ", expected 3 (the TFLite schema derive reads)");
  }
  DERIVE_TRY(model.description, reader.string(root, schema::kModelDescription, "model description"));
  DERIVE_CHECK(read_buffers(c, root, model.file_bytes));
  DERIVE_CHECK(read_operator_codes(c, root));
  DERIVE_TRY(const auto* subgraphs,
             reader.vector<fb::Offset<fb::Table>>(root, schema::kModelSubgraphs, "subgraphs"));
  if (subgraphs == nullptr || subgraphs->size() == 0)
    return make_error("model has no subgraph, expected at least one");
  for (fb::uoffset_t i = 0; i < subgraphs->size(); ++i) {
    const std::string w = "subgraph " + std::to_string(i);
    DERIVE_TRY(const fb::Table* t, reader.element(subgraphs, i, w));
    DERIVE_TRY(auto subgraph, read_subgraph(c, t, w));
    model.subgraphs.push_back(std::move(subgraph));
  }
  DERIVE_CHECK(read_metadata(reader, root, model));
  DERIVE_CHECK(graph::validate(model));
  return model;
}

}  // namespace derive::import::tflite
