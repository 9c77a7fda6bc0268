// Tensors of an imported model: what a model file says about each value that
// flows between operators or is stored in the file (weights, biases, state).
//
// The importers (src/import/) fill these in; the cost functions
// (derive/graph/cost.hpp) and the lifetime rules (derive/graph/lifetimes.hpp)
// read them. Plain data, no dependency beyond the standard library and
// derive/result.hpp, so the WebAssembly build compiles it unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"

namespace derive::graph {

// Element types. The set is the union of TFLite's TensorType (schema.fbs) and
// ONNX's TensorProto.DataType (onnx.proto); an importer maps its own codes here
// and uses `unknown` for a code it does not know (and says so in its notes).
enum class DType {
  unknown,
  float16,
  bfloat16,
  float32,
  float64,
  int4,
  int8,
  int16,
  int32,
  int64,
  uint8,
  uint16,
  uint32,
  uint64,
  boolean,
  complex64,
  complex128,
  string,
  resource,
  variant,
};

// Lower-case name as the analyzer's JSON prints it ("int8", "float32", "bool").
std::string_view dtype_name(DType dtype);

// Size of one element in bits (int4: 4, bool: 8 as TFLite and ONNX store it);
// nullopt for types with no fixed size (string, resource, variant, unknown).
std::optional<std::int64_t> dtype_bits(DType dtype);

// Affine quantization: real = scale * (q - zero_point), per tensor (one scale)
// or per channel along `axis` (TFLite QuantizationParameters, schema.fbs).
struct Quantization {
  std::vector<float> scales;
  std::vector<std::int64_t> zero_points;
  std::int32_t axis = 0;
};

// What the tensor is at run time.
enum class TensorRole {
  // Produced and consumed during one inference; lives in the arena.
  activation,
  // Stored in the file (weights, biases, lookup tables); lives in flash.
  constant,
  // State kept between inferences (TFLite `is_variable`: SVDF and LSTM state);
  // lives in the arena for the whole run, never reused (TFLM allocates it
  // apart from the planned head).
  variable,
};

struct Tensor {
  std::string name;
  // Dimensions, outermost first. -1 is a dimension the file leaves open (a
  // batch of "any size"; TFLite shape_signature, ONNX dim_param); an empty
  // shape is a scalar.
  std::vector<std::int64_t> shape;
  DType dtype = DType::unknown;
  std::optional<Quantization> quantization;
  TensorRole role = TensorRole::activation;
  // For constants: the bytes the file stores for the data, as stored
  // (quantization parameters excluded). 0 for activations and variables.
  std::int64_t stored_bytes = 0;
  // For constants: which stored data block this tensor reads (a TFLite buffer
  // index, an ONNX initializer index). Two tensors with the same id share
  // their weights, and the model's params and weight bytes count them once.
  // -1 when the tensor has no stored data.
  std::int64_t data_id = -1;
};

// Number of elements, the product of the dimensions (1 for a scalar).
// Errors when a dimension is unknown (-1) or negative, or the product
// overflows 2^62.
Result<std::int64_t> element_count(const Tensor& tensor);

// Bytes the tensor takes in memory, as TFLM's TfLiteEvalTensorByteLength
// computes it (tensorflow/lite/micro/memory_helpers.cc): element count times
// TfLiteTypeSizeOf(type). int4 is counted packed, ceil(n / 2) bytes, as the
// file stores it (TFLM builds differ on whether they unpack it). Errors for types without a fixed size and
// for unknown dimensions.
Result<std::int64_t> byte_length(const Tensor& tensor);

}  // namespace derive::graph
