// Shape inference and constant folding over a decoded ONNX graph. Shapes come
// from value_info (and the graph's outputs) where the file gives them in full;
// elsewhere they are inferred by the rules of the ONNX operator specification
// (github.com/onnx/onnx, docs/Operators.md), and shape computations
// (Shape -> Gather -> Unsqueeze -> Concat, ConstantOfShape, Constant) are
// folded into values so that a Reshape or ConstantOfShape downstream gets its
// shape. docs/analyzer-onnx.md lists the operators handled.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "import/onnx/onnx_model.hpp"

namespace derive::onnx {

enum class ValueKind {
  kInput,       // a graph input that is not an initializer
  kWeight,      // an initializer, or a constant folded at import (InferredNode::folded)
  kActivation,  // produced by a node at run time
};

struct Value {
  std::string name;
  std::int32_t data_type = 0;                      // TensorProto.DataType; 0 when unknown
  std::optional<std::vector<std::int64_t>> shape;  // nullopt: not known
  ValueKind kind = ValueKind::kActivation;
  int producer = -1;  // index of the node that writes it, -1 for inputs and initializers
  // The integer contents, when known at import time (small integer constants
  // and folded shape computations).
  std::optional<std::vector<std::int64_t>> folded;
  // The float contents of small float constants (Resize and Upsample scales).
  std::optional<std::vector<double>> folded_real;
  // Weights: whether the file stores this tensor's values (an initializer or
  // a Constant) rather than computing them (ConstantOfShape fills its output).
  bool stored_in_file = false;
};

struct InferredNode {
  std::vector<int> inputs;  // value indices; -1 for an omitted optional input
  std::vector<int> outputs;
  // True when every output is a constant known at import time (Constant,
  // ConstantOfShape, a shape computation, an op over weights only): the node
  // does no work at run time.
  bool folded = false;
  // Empty when every output shape is known; otherwise why not.
  std::string unknown_reason;
};

struct InferredGraph {
  std::vector<Value> values;
  std::vector<InferredNode> nodes;  // parallel to Graph::nodes
  std::vector<int> inputs;          // graph inputs that are not initializers
  std::vector<int> outputs;
  std::vector<std::string> notes;  // assumptions made (symbolic dims taken as 1, ...)
};

// REQUIRES: model came from decode_model. Errors name the node (index, name,
// op) and the input whose shape contradicts the operator's rules.
Result<InferredGraph> infer_shapes(const Model& model);

// Element count of a shape; an error past 2^62.
Result<std::int64_t> element_count(const std::vector<std::int64_t>& shape);

}  // namespace derive::onnx
