// A tiny TFLite writer for tests, on flatbuffers' FlatBufferBuilder and the
// field ids of src/import/tflite/schema_ids.hpp (schema.fbs): enough of Model
// to build small graphs with several subgraphs and control-flow options.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "import/tflite/schema_ids.hpp"

namespace derive::import::tflite::testing {

namespace s = derive::import::tflite::schema;

// TensorType codes of schema.fbs.
inline constexpr std::int8_t kFloat32 = 0, kInt32 = 2, kBool = 6, kInt8 = 9;

struct TensorSpec {
  std::string name;
  std::vector<std::int32_t> shape;
  std::int8_t type = kFloat32;
  // Bytes of stored data (a constant) or 0 (an activation).
  std::size_t data_bytes = 0;
  // shape_signature; empty: none written.
  std::vector<std::int32_t> signature = {};
};

struct OperatorSpec {
  std::string op;  // a BuiltinOperator name ("CONV_2D", "WHILE")
  std::vector<std::int32_t> inputs, outputs;
  // builtin_options: its union type and int32 fields by id (0 = none).
  std::uint8_t options_type = 0;
  std::vector<std::int32_t> int_options = {};
};

struct SubgraphSpec {
  std::vector<TensorSpec> tensors;
  std::vector<std::int32_t> inputs, outputs;
  std::vector<OperatorSpec> operators;
};

// The BuiltinOperator code of a name, from the importer's own table.
inline std::int32_t builtin_code(const std::string& name) {
  for (std::int32_t code = 0; code < 512; ++code) {
    if (s::builtin_operator_name(code) == name) return code;
  }
  throw std::invalid_argument("no BuiltinOperator named " + name);
}

inline std::vector<std::uint8_t> model(const std::vector<SubgraphSpec>& subgraphs) {
  flatbuffers::FlatBufferBuilder b;
  using flatbuffers::Offset;
  using flatbuffers::Table;
  std::vector<std::string> op_names;
  auto opcode_index = [&](const std::string& op) {
    for (std::size_t i = 0; i < op_names.size(); ++i)
      if (op_names[i] == op) return static_cast<std::uint32_t>(i);
    op_names.push_back(op);
    return static_cast<std::uint32_t>(op_names.size() - 1);
  };
  // Buffer 0 is the empty buffer (schema.fbs convention); each constant gets its own.
  std::vector<std::size_t> buffer_sizes = {0};
  std::vector<Offset<Table>> subgraph_offsets;
  for (const SubgraphSpec& g : subgraphs) {
    std::vector<Offset<Table>> tensors;
    for (const TensorSpec& t : g.tensors) {
      const auto shape = b.CreateVector(t.shape);
      const auto signature = t.signature.empty() ? 0 : b.CreateVector(t.signature).o;
      const auto name = b.CreateString(t.name);
      std::uint32_t buffer = 0;
      if (t.data_bytes > 0) {
        buffer = static_cast<std::uint32_t>(buffer_sizes.size());
        buffer_sizes.push_back(t.data_bytes);
      }
      const auto start = b.StartTable();
      b.AddOffset(s::field(s::kTensorShape), shape);
      b.AddElement<std::int8_t>(s::field(s::kTensorType), t.type, -1);
      b.AddElement<std::uint32_t>(s::field(s::kTensorBuffer), buffer, 0xFFFFFFFF);
      b.AddOffset(s::field(s::kTensorName), name);
      if (signature != 0) b.AddOffset(s::field(s::kTensorShapeSignature), Offset<void>(signature));
      tensors.push_back(Offset<Table>(b.EndTable(start)));
    }
    std::vector<Offset<Table>> operators;
    for (const OperatorSpec& op : g.operators) {
      const std::uint32_t code = opcode_index(op.op);
      const auto inputs = b.CreateVector(op.inputs);
      const auto outputs = b.CreateVector(op.outputs);
      flatbuffers::uoffset_t options = 0;
      if (op.options_type != 0) {
        const auto start = b.StartTable();
        for (std::size_t id = 0; id < op.int_options.size(); ++id)
          b.AddElement<std::int32_t>(s::field(static_cast<int>(id)), op.int_options[id], -1);
        options = b.EndTable(start);
      }
      const auto start = b.StartTable();
      b.AddElement<std::uint32_t>(s::field(s::kOperatorOpcodeIndex), code, 0xFFFFFFFF);
      b.AddOffset(s::field(s::kOperatorInputs), inputs);
      b.AddOffset(s::field(s::kOperatorOutputs), outputs);
      if (options != 0) {
        b.AddElement<std::uint8_t>(s::field(s::kOperatorBuiltinOptionsType), op.options_type, 0);
        b.AddOffset(s::field(s::kOperatorBuiltinOptions), Offset<void>(options));
      }
      operators.push_back(Offset<Table>(b.EndTable(start)));
    }
    const auto tensor_vector = b.CreateVector(tensors);
    const auto inputs = b.CreateVector(g.inputs);
    const auto outputs = b.CreateVector(g.outputs);
    const auto operator_vector = b.CreateVector(operators);
    const auto start = b.StartTable();
    b.AddOffset(s::field(s::kSubgraphTensors), tensor_vector);
    b.AddOffset(s::field(s::kSubgraphInputs), inputs);
    b.AddOffset(s::field(s::kSubgraphOutputs), outputs);
    b.AddOffset(s::field(s::kSubgraphOperators), operator_vector);
    subgraph_offsets.push_back(Offset<Table>(b.EndTable(start)));
  }
  std::vector<Offset<Table>> codes;
  for (const std::string& op : op_names) {
    const std::int32_t code = builtin_code(op);
    const auto start = b.StartTable();
    b.AddElement<std::int8_t>(
        s::field(s::kOpCodeDeprecatedBuiltinCode),
        static_cast<std::int8_t>(code < s::kPlaceholderForGreaterOpCodes ? code
                                                                         : s::kPlaceholderForGreaterOpCodes),
        -1);
    b.AddElement<std::int32_t>(s::field(s::kOpCodeBuiltinCode), code, -1);
    codes.push_back(Offset<Table>(b.EndTable(start)));
  }
  std::vector<Offset<Table>> buffers;
  for (const std::size_t bytes : buffer_sizes) {
    const auto data = bytes == 0 ? 0 : b.CreateVector(std::vector<std::uint8_t>(bytes, 1)).o;
    const auto start = b.StartTable();
    if (data != 0) b.AddOffset(s::field(s::kBufferData), Offset<void>(data));
    buffers.push_back(Offset<Table>(b.EndTable(start)));
  }
  const auto code_vector = b.CreateVector(codes);
  const auto subgraph_vector = b.CreateVector(subgraph_offsets);
  const auto buffer_vector = b.CreateVector(buffers);
  const auto description = b.CreateString("derive test");
  const auto start = b.StartTable();
  b.AddElement<std::uint32_t>(s::field(s::kModelVersion), 3, 0);
  b.AddOffset(s::field(s::kModelOperatorCodes), code_vector);
  b.AddOffset(s::field(s::kModelSubgraphs), subgraph_vector);
  b.AddOffset(s::field(s::kModelDescription), description);
  b.AddOffset(s::field(s::kModelBuffers), buffer_vector);
  b.Finish(Offset<Table>(b.EndTable(start)), "TFL3");
  return {b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()};
}

}  // namespace derive::import::tflite::testing
