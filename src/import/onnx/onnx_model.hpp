// An ONNX file decoded into plain structs (the wire level of the ONNX
// importer). Nothing here knows about costs or the graph IR: decode_model
// turns bytes into these structs, checking every length, count and field
// type, and infer_shapes (onnx_shapes.hpp) completes the shapes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"

namespace derive::onnx {

// Contents are kept for integer, float and double tensors up to this many
// elements: enough for every shape, axes, index and scale tensor a Shape ->
// Gather -> Concat chain or a Resize folds, never a weight tensor's worth of
// memory.
inline constexpr std::int64_t kMaxFoldedElements = 64;

// A TensorProto: an initializer, a Constant's value or an attribute tensor.
struct TensorData {
  std::string name;
  std::int32_t data_type = 0;  // TensorProto.DataType
  std::vector<std::int64_t> dims;
  std::int64_t stored_elements = 0;  // values present in raw_data or a typed *_data field
  std::int64_t stored_bytes = 0;     // bytes those values take as data_type (raw_data: its length)
  bool external = false;             // data_location = EXTERNAL: the values are in another file
  std::optional<std::vector<std::int64_t>> int_values;  // integer tensors <= kMaxFoldedElements
  std::optional<std::vector<double>> real_values;       // float and double tensors <= kMaxFoldedElements
  std::optional<double> first_value;                    // the first value, any numeric type
};

struct Attribute {
  std::string name;
  std::int32_t type = 0;  // AttributeProto.AttributeType
  double f = 0;
  std::int64_t i = 0;
  std::string s;
  std::optional<TensorData> t;
  bool has_graph = false;  // a subgraph (If, Loop, Scan bodies): not analysed
  std::vector<double> floats;
  std::vector<std::int64_t> ints;
  std::vector<std::string> strings;
};

struct Node {
  std::string name;
  std::string op_type;
  std::string domain;
  std::vector<std::string> inputs;  // "" for an omitted optional input
  std::vector<std::string> outputs;
  std::vector<Attribute> attributes;

  const Attribute* attribute(std::string_view attribute_name) const;
};

// A ValueInfoProto. dims[i] is -1 where the file gives a symbolic (dim_param)
// or no dimension; dim_params[i] names the symbol, if any.
struct ValueInfo {
  std::string name;
  std::int32_t elem_type = 0;
  bool has_shape = false;
  std::vector<std::int64_t> dims;
  std::vector<std::string> dim_params;
};

struct Graph {
  std::string name;
  std::vector<Node> nodes;
  std::vector<TensorData> initializers;
  std::vector<ValueInfo> inputs;
  std::vector<ValueInfo> outputs;
  std::vector<ValueInfo> value_info;
};

struct Model {
  std::int64_t ir_version = 0;
  std::int64_t opset = 0;  // version of the default ("" or "ai.onnx") operator set
  std::string producer_name;
  std::string producer_version;
  Graph graph;
};

// Decodes an ONNX ModelProto. Errors name the message and field that is wrong
// and the byte offset in the file where it starts.
Result<Model> decode_model(std::string_view bytes);

// True when `bytes` begins the way an ONNX ModelProto does: a well-formed
// first field that is one of ModelProto's (ir_version is written first by
// every exporter we know, but any ModelProto field is accepted).
bool looks_like_onnx(std::string_view bytes);

// Name of a TensorProto.DataType ("float32", "int8", ...); "type N" for
// values the schema does not define.
std::string data_type_name(std::int32_t data_type);
// Bits per element of a TensorProto.DataType, 0 for strings and unknown types.
int data_type_bits(std::int32_t data_type);

}  // namespace derive::onnx
