// Field numbers and enum values of the ONNX protobuf schema, as published in
// onnx/onnx.proto (github.com/onnx/onnx, onnx/onnx.proto; the numbers are
// frozen across IR versions 3 to 10). Only the facts are here, not the schema:
// each constant names the message and field it stands for.
#pragma once

#include <cstdint>

namespace derive::onnx::field {

// message ModelProto
inline constexpr std::uint32_t kModelIrVersion = 1;        // int64 ir_version
inline constexpr std::uint32_t kModelProducerName = 2;     // string producer_name
inline constexpr std::uint32_t kModelProducerVersion = 3;  // string producer_version
inline constexpr std::uint32_t kModelGraph = 7;            // GraphProto graph
inline constexpr std::uint32_t kModelOpsetImport = 8;      // repeated OperatorSetIdProto opset_import

// message OperatorSetIdProto
inline constexpr std::uint32_t kOpsetDomain = 1;   // string domain
inline constexpr std::uint32_t kOpsetVersion = 2;  // int64 version

// message GraphProto
inline constexpr std::uint32_t kGraphNode = 1;                // repeated NodeProto node
inline constexpr std::uint32_t kGraphName = 2;                // string name
inline constexpr std::uint32_t kGraphInitializer = 5;         // repeated TensorProto initializer
inline constexpr std::uint32_t kGraphInput = 11;              // repeated ValueInfoProto input
inline constexpr std::uint32_t kGraphOutput = 12;             // repeated ValueInfoProto output
inline constexpr std::uint32_t kGraphValueInfo = 13;          // repeated ValueInfoProto value_info
inline constexpr std::uint32_t kGraphSparseInitializer = 15;  // repeated SparseTensorProto

// message NodeProto
inline constexpr std::uint32_t kNodeInput = 1;      // repeated string input
inline constexpr std::uint32_t kNodeOutput = 2;     // repeated string output
inline constexpr std::uint32_t kNodeName = 3;       // string name
inline constexpr std::uint32_t kNodeOpType = 4;     // string op_type
inline constexpr std::uint32_t kNodeAttribute = 5;  // repeated AttributeProto attribute
inline constexpr std::uint32_t kNodeDomain = 7;     // string domain

// message AttributeProto
inline constexpr std::uint32_t kAttrName = 1;     // string name
inline constexpr std::uint32_t kAttrF = 2;        // float f
inline constexpr std::uint32_t kAttrI = 3;        // int64 i
inline constexpr std::uint32_t kAttrS = 4;        // bytes s
inline constexpr std::uint32_t kAttrT = 5;        // TensorProto t
inline constexpr std::uint32_t kAttrG = 6;        // GraphProto g
inline constexpr std::uint32_t kAttrFloats = 7;   // repeated float floats
inline constexpr std::uint32_t kAttrInts = 8;     // repeated int64 ints
inline constexpr std::uint32_t kAttrStrings = 9;  // repeated bytes strings
inline constexpr std::uint32_t kAttrType = 20;    // AttributeType type

// enum AttributeProto.AttributeType
enum class AttributeType : std::int32_t {
  kUndefined = 0,
  kFloat = 1,
  kInt = 2,
  kString = 3,
  kTensor = 4,
  kGraph = 5,
  kFloats = 6,
  kInts = 7,
  kStrings = 8,
};

// message ValueInfoProto
inline constexpr std::uint32_t kValueInfoName = 1;  // string name
inline constexpr std::uint32_t kValueInfoType = 2;  // TypeProto type

// message TypeProto (only its tensor_type member is read)
inline constexpr std::uint32_t kTypeTensorType = 1;  // TypeProto.Tensor tensor_type
// message TypeProto.Tensor
inline constexpr std::uint32_t kTensorTypeElemType = 1;  // int32 elem_type
inline constexpr std::uint32_t kTensorTypeShape = 2;     // TensorShapeProto shape
// message TensorShapeProto
inline constexpr std::uint32_t kShapeDim = 1;  // repeated Dimension dim
// message TensorShapeProto.Dimension
inline constexpr std::uint32_t kDimValue = 1;  // int64 dim_value
inline constexpr std::uint32_t kDimParam = 2;  // string dim_param

// message TensorProto
inline constexpr std::uint32_t kTensorDims = 1;           // repeated int64 dims
inline constexpr std::uint32_t kTensorDataType = 2;       // int32 data_type
inline constexpr std::uint32_t kTensorSegment = 3;        // Segment segment
inline constexpr std::uint32_t kTensorFloatData = 4;      // repeated float float_data (packed)
inline constexpr std::uint32_t kTensorInt32Data = 5;      // repeated int32 int32_data (packed)
inline constexpr std::uint32_t kTensorStringData = 6;     // repeated bytes string_data
inline constexpr std::uint32_t kTensorInt64Data = 7;      // repeated int64 int64_data (packed)
inline constexpr std::uint32_t kTensorName = 8;           // string name
inline constexpr std::uint32_t kTensorRawData = 9;        // bytes raw_data
inline constexpr std::uint32_t kTensorDoubleData = 10;    // repeated double double_data (packed)
inline constexpr std::uint32_t kTensorUint64Data = 11;    // repeated uint64 uint64_data (packed)
inline constexpr std::uint32_t kTensorExternalData = 13;  // repeated StringStringEntryProto
inline constexpr std::uint32_t kTensorDataLocation = 14;  // DataLocation data_location (1 = EXTERNAL)

// enum TensorProto.DataType
enum class DataType : std::int32_t {
  kUndefined = 0,
  kFloat = 1,
  kUint8 = 2,
  kInt8 = 3,
  kUint16 = 4,
  kInt16 = 5,
  kInt32 = 6,
  kInt64 = 7,
  kString = 8,
  kBool = 9,
  kFloat16 = 10,
  kDouble = 11,
  kUint32 = 12,
  kUint64 = 13,
  kComplex64 = 14,
  kComplex128 = 15,
  kBfloat16 = 16,
  kFloat8E4M3FN = 17,
  kFloat8E4M3FNUZ = 18,
  kFloat8E5M2 = 19,
  kFloat8E5M2FNUZ = 20,
  kUint4 = 21,
  kInt4 = 22,
};

}  // namespace derive::onnx::field
