// Per-operator costs of an imported model: parameters, MACs, weight bytes and
// activation bytes, computed by the engine's own formulas
// (derive/layers.hpp), so an exercise and the analyzer never disagree on the
// same layer.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "derive/graph/model.hpp"
#include "derive/result.hpp"

namespace derive::graph {

struct LayerCost {
  // Elements of the operator's constant input tensors not already counted by
  // an earlier operator (a shared weight is counted once, where first used).
  // The integer shape, axes, pads and index operands of data-movement ops
  // (a RESHAPE's target shape) are not weights and are not counted (a note
  // names each).
  std::int64_t params = 0;
  // Stored bytes of those same tensors.
  std::int64_t weight_bytes = 0;
  // Multiply-accumulates; 0 for operators that have none.
  std::int64_t macs = 0;
  // Bytes of the operator's outputs (byte_length), the activation it writes.
  std::int64_t activation_bytes = 0;
  // False when the kind has no cost model (OpKind::other, custom).
  bool modelled = true;
  // For people: why a number is 0 or approximate.
  std::vector<std::string> notes;
};

struct ModelCost {
  // One entry per operator of the main subgraph, in order.
  std::vector<LayerCost> layers;
  std::int64_t params = 0;
  std::int64_t weight_bytes = 0;
  std::int64_t macs = 0;
  // Operators without a cost model, by name (Operator::op), with counts.
  std::map<std::string, std::int64_t> unknown_ops;
};

// Costs of every operator of the model's main subgraph. Errors name the
// operator and what is wrong with its tensors (a convolution whose filter is
// not 4-D, an overflow).
Result<ModelCost> model_cost(const Model& model);

}  // namespace derive::graph
