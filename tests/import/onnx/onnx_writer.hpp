// A tiny ONNX writer for tests, on protozero's pbf_writer: enough of
// ModelProto to build small graphs with repeated fields either packed or not.
#pragma once

#include <protozero/pbf_writer.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "import/onnx/onnx_fields.hpp"

namespace derive::onnx::testing {

namespace f = derive::onnx::field;

// How repeated scalar fields are written: proto2 writes them unpacked (one
// field per value), proto3 and most exporters packed.
enum class Repeated { kPacked, kUnpacked };

inline void add_ints(protozero::pbf_writer& w, std::uint32_t tag, const std::vector<std::int64_t>& values,
                     Repeated mode) {
  if (mode == Repeated::kPacked) {
    w.add_packed_int64(tag, values.begin(), values.end());
  } else {
    for (const auto v : values) w.add_int64(tag, v);
  }
}

inline std::string float_tensor(const std::string& name, const std::vector<std::int64_t>& dims,
                                Repeated mode) {
  std::string out;
  protozero::pbf_writer w{out};
  add_ints(w, f::kTensorDims, dims, mode);
  w.add_int32(f::kTensorDataType, static_cast<std::int32_t>(f::DataType::kFloat));
  w.add_string(f::kTensorName, name);
  std::int64_t count = 1;
  for (const auto d : dims) count *= d;
  std::vector<float> values(static_cast<std::size_t>(count), 0.5F);
  if (mode == Repeated::kPacked) {
    w.add_packed_float(f::kTensorFloatData, values.begin(), values.end());
  } else {
    for (const float v : values) w.add_float(f::kTensorFloatData, v);
  }
  return out;
}

// A rank-1 float tensor holding `values` in raw_data (little-endian).
inline std::string float_values_tensor(const std::string& name, const std::vector<float>& values) {
  std::string out;
  protozero::pbf_writer w{out};
  add_ints(w, f::kTensorDims, {static_cast<std::int64_t>(values.size())}, Repeated::kPacked);
  w.add_int32(f::kTensorDataType, static_cast<std::int32_t>(f::DataType::kFloat));
  w.add_string(f::kTensorName, name);
  std::string raw(values.size() * 4, '\0');
  std::memcpy(raw.data(), values.data(), raw.size());
  w.add_bytes(f::kTensorRawData, raw);
  return out;
}

inline std::string raw_float_tensor(const std::string& name, const std::vector<std::int64_t>& dims,
                                    std::size_t raw_bytes) {
  std::string out;
  protozero::pbf_writer w{out};
  add_ints(w, f::kTensorDims, dims, Repeated::kPacked);
  w.add_int32(f::kTensorDataType, static_cast<std::int32_t>(f::DataType::kFloat));
  w.add_string(f::kTensorName, name);
  w.add_bytes(f::kTensorRawData, std::string(raw_bytes, '\0'));
  return out;
}

// An int64 tensor of rank 1, or a scalar (rank 0) when `scalar` is set.
inline std::string int64_tensor(const std::string& name, const std::vector<std::int64_t>& values,
                                Repeated mode, bool as_raw = false, bool scalar = false) {
  std::string out;
  protozero::pbf_writer w{out};
  if (!scalar) add_ints(w, f::kTensorDims, {static_cast<std::int64_t>(values.size())}, mode);
  w.add_int32(f::kTensorDataType, static_cast<std::int32_t>(f::DataType::kInt64));
  w.add_string(f::kTensorName, name);
  if (as_raw) {
    std::string raw(values.size() * 8, '\0');
    for (std::size_t i = 0; i < values.size(); ++i)
      for (int b = 0; b < 8; ++b)
        raw[i * 8 + static_cast<std::size_t>(b)] =
            static_cast<char>((static_cast<std::uint64_t>(values[i]) >> (8 * b)) & 0xFFU);
    w.add_bytes(f::kTensorRawData, raw);
  } else {
    add_ints(w, f::kTensorInt64Data, values, mode);
  }
  return out;
}

struct AttributeSpec {
  std::string name;
  enum Kind { kInt, kInts, kString, kTensor, kFloats } kind;
  std::int64_t i = 0;
  std::vector<std::int64_t> ints;
  std::string s;  // kString: the value; kTensor: a serialized TensorProto
  std::vector<float> floats = {};
};

inline std::string attribute(const AttributeSpec& a, Repeated mode) {
  std::string out;
  protozero::pbf_writer w{out};
  w.add_string(f::kAttrName, a.name);
  switch (a.kind) {
    case AttributeSpec::kInt:
      w.add_int64(f::kAttrI, a.i);
      w.add_int32(f::kAttrType, static_cast<std::int32_t>(f::AttributeType::kInt));
      break;
    case AttributeSpec::kInts:
      add_ints(w, f::kAttrInts, a.ints, mode);
      w.add_int32(f::kAttrType, static_cast<std::int32_t>(f::AttributeType::kInts));
      break;
    case AttributeSpec::kString:
      w.add_bytes(f::kAttrS, a.s);
      w.add_int32(f::kAttrType, static_cast<std::int32_t>(f::AttributeType::kString));
      break;
    case AttributeSpec::kFloats:
      w.add_packed_float(f::kAttrFloats, a.floats.begin(), a.floats.end());
      w.add_int32(f::kAttrType, static_cast<std::int32_t>(f::AttributeType::kFloats));
      break;
    case AttributeSpec::kTensor:
      w.add_message(f::kAttrT, a.s);
      w.add_int32(f::kAttrType, static_cast<std::int32_t>(f::AttributeType::kTensor));
      break;
  }
  return out;
}

inline std::string node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs,
                        const std::vector<AttributeSpec>& attributes = {},
                        Repeated mode = Repeated::kPacked) {
  std::string out;
  protozero::pbf_writer w{out};
  for (const auto& i : inputs) w.add_string(f::kNodeInput, i);
  for (const auto& o : outputs) w.add_string(f::kNodeOutput, o);
  w.add_string(f::kNodeName, op + "_" + outputs.front());
  w.add_string(f::kNodeOpType, op);
  for (const auto& a : attributes) w.add_message(f::kNodeAttribute, attribute(a, mode));
  return out;
}

// A ValueInfoProto of a float tensor; a negative dimension is written as a
// dim_param named "N".
inline std::string value_info(const std::string& name, const std::vector<std::int64_t>& dims) {
  std::string shape;
  {
    protozero::pbf_writer s{shape};
    for (const auto d : dims) {
      std::string dim;
      protozero::pbf_writer dw{dim};
      if (d >= 0)
        dw.add_int64(f::kDimValue, d);
      else
        dw.add_string(f::kDimParam, "N");
      s.add_message(f::kShapeDim, dim);
    }
  }
  std::string tensor_type;
  {
    protozero::pbf_writer t{tensor_type};
    t.add_int32(f::kTensorTypeElemType, static_cast<std::int32_t>(f::DataType::kFloat));
    t.add_message(f::kTensorTypeShape, shape);
  }
  std::string type;
  protozero::pbf_writer(type).add_message(f::kTypeTensorType, tensor_type);
  std::string out;
  protozero::pbf_writer w{out};
  w.add_string(f::kValueInfoName, name);
  w.add_message(f::kValueInfoType, type);
  return out;
}

// A ValueInfoProto with a name and no type: an output whose shape the file
// leaves to inference.
inline std::string name_only(const std::string& name) {
  std::string out;
  protozero::pbf_writer(out).add_string(f::kValueInfoName, name);
  return out;
}

struct GraphSpec {
  std::vector<std::string> nodes, initializers, inputs, outputs, value_info;
};

inline std::string model(const GraphSpec& g, std::int64_t opset, std::int64_t ir_version = 7) {
  std::string graph;
  {
    protozero::pbf_writer w{graph};
    for (const auto& n : g.nodes) w.add_message(f::kGraphNode, n);
    w.add_string(f::kGraphName, "test");
    for (const auto& i : g.initializers) w.add_message(f::kGraphInitializer, i);
    for (const auto& i : g.inputs) w.add_message(f::kGraphInput, i);
    for (const auto& o : g.outputs) w.add_message(f::kGraphOutput, o);
    for (const auto& v : g.value_info) w.add_message(f::kGraphValueInfo, v);
  }
  std::string opset_id;
  protozero::pbf_writer(opset_id).add_int64(f::kOpsetVersion, opset);
  std::string out;
  protozero::pbf_writer w{out};
  w.add_int64(f::kModelIrVersion, ir_version);
  w.add_string(f::kModelProducerName, "derive-test");
  w.add_message(f::kModelGraph, graph);
  w.add_message(f::kModelOpsetImport, opset_id);
  return out;
}

}  // namespace derive::onnx::testing
