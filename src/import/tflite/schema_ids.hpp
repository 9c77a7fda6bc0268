// Field ids and enum values of TensorFlow Lite's flatbuffer schema, written
// from the published tensorflow/lite/schema/schema.fbs (schema version 3).
// A table's field with id n sits at vtable offset 4 + 2n (flatbuffers'
// FieldIndexToOffset). Only the fields the importer reads are named.
#pragma once

#include <cstdint>
#include <string_view>

#include <flatbuffers/flatbuffers.h>

namespace derive::import::tflite::schema {

constexpr flatbuffers::voffset_t field(int id) { return static_cast<flatbuffers::voffset_t>(4 + 2 * id); }

// table Model
inline constexpr int kModelVersion = 0;
inline constexpr int kModelOperatorCodes = 1;
inline constexpr int kModelSubgraphs = 2;
inline constexpr int kModelDescription = 3;
inline constexpr int kModelBuffers = 4;
inline constexpr int kModelMetadata = 6;
// table OperatorCode
inline constexpr int kOpCodeDeprecatedBuiltinCode = 0;  // byte
inline constexpr int kOpCodeCustomCode = 1;             // string
inline constexpr int kOpCodeBuiltinCode = 3;            // BuiltinOperator (int32)
// table SubGraph
inline constexpr int kSubgraphTensors = 0;
inline constexpr int kSubgraphInputs = 1;
inline constexpr int kSubgraphOutputs = 2;
inline constexpr int kSubgraphOperators = 3;
inline constexpr int kSubgraphName = 4;
// table Tensor
inline constexpr int kTensorShape = 0;
inline constexpr int kTensorType = 1;  // TensorType (byte)
inline constexpr int kTensorBuffer = 2;
inline constexpr int kTensorName = 3;
inline constexpr int kTensorQuantization = 4;
inline constexpr int kTensorIsVariable = 5;
inline constexpr int kTensorShapeSignature = 7;
// table QuantizationParameters
inline constexpr int kQuantScale = 2;
inline constexpr int kQuantZeroPoint = 3;
inline constexpr int kQuantQuantizedDimension = 6;
// table Operator
inline constexpr int kOperatorOpcodeIndex = 0;
inline constexpr int kOperatorInputs = 1;
inline constexpr int kOperatorOutputs = 2;
inline constexpr int kOperatorBuiltinOptionsType = 3;
inline constexpr int kOperatorBuiltinOptions = 4;
inline constexpr int kOperatorIntermediates = 8;
// table Buffer
inline constexpr int kBufferData = 0;
inline constexpr int kBufferOffset = 1;  // ulong: data outside the flatbuffer (files > 2 GB)
inline constexpr int kBufferSize = 2;
// table Metadata
inline constexpr int kMetadataName = 0;
inline constexpr int kMetadataBuffer = 1;

// union BuiltinOptions: the discriminator values of the options read.
inline constexpr std::uint8_t kConv2DOptions = 1;
inline constexpr std::uint8_t kDepthwiseConv2DOptions = 2;
inline constexpr std::uint8_t kPool2DOptions = 5;
inline constexpr std::uint8_t kSVDFOptions = 6;
inline constexpr std::uint8_t kFullyConnectedOptions = 8;
inline constexpr std::uint8_t kIfOptions = 92;
inline constexpr std::uint8_t kWhileOptions = 93;
inline constexpr std::uint8_t kCallOnceOptions = 103;
// table Conv2DOptions
inline constexpr int kConvPadding = 0, kConvStrideW = 1, kConvStrideH = 2, kConvActivation = 3,
                     kConvDilationW = 4, kConvDilationH = 5;
// table DepthwiseConv2DOptions
inline constexpr int kDwPadding = 0, kDwStrideW = 1, kDwStrideH = 2, kDwDepthMultiplier = 3,
                     kDwActivation = 4, kDwDilationW = 5, kDwDilationH = 6;
// table Pool2DOptions
inline constexpr int kPoolPadding = 0, kPoolStrideW = 1, kPoolStrideH = 2, kPoolFilterW = 3, kPoolFilterH = 4,
                     kPoolActivation = 5;
// table FullyConnectedOptions
inline constexpr int kFcActivation = 0, kFcKeepNumDims = 2;
// table SVDFOptions
inline constexpr int kSvdfRank = 0, kSvdfActivation = 1;
// table IfOptions, WhileOptions, CallOnceOptions: the subgraphs they call
inline constexpr int kIfThenSubgraph = 0, kIfElseSubgraph = 1;
inline constexpr int kWhileCondSubgraph = 0, kWhileBodySubgraph = 1;
inline constexpr int kCallOnceInitSubgraph = 0;

// enum BuiltinOperator: CUSTOM, and the first code that needs builtin_code
// (deprecated_builtin_code holds 127, PLACEHOLDER_FOR_GREATER_OP_CODES, then).
inline constexpr std::int32_t kBuiltinCustom = 32;
inline constexpr std::int32_t kPlaceholderForGreaterOpCodes = 127;

// BuiltinOperator's name for a code ("CONV_2D"), or empty for a code this
// table does not know.
std::string_view builtin_operator_name(std::int32_t code);

}  // namespace derive::import::tflite::schema
