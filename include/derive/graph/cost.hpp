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
  // Where the operator is: its subgraph (0 is the main one) and its index there.
  std::int32_t subgraph = 0;
  std::int32_t index = 0;
  // Elements of the operator's constant input tensors not already counted by
  // an earlier operator (a shared weight is counted once, where first used).
  // The integer shape, axes, pads and index operands of data-movement ops
  // (a RESHAPE's target shape) are not weights and are not counted (a note
  // names each).
  std::int64_t params = 0;
  // Stored bytes of those same tensors.
  std::int64_t weight_bytes = 0;
  // Multiply-accumulates; 0 for operators that have none, and 0 when the
  // layer is uncosted (below).
  std::int64_t macs = 0;
  // Bytes of the operator's outputs whose size is known (byte_length), the
  // activation it writes; an output of unknown size gets a note.
  std::int64_t activation_bytes = 0;
  // False when the kind has no cost model (OpKind::other, custom).
  bool modelled = true;
  // Non-empty when the kind has a cost model but this layer's shapes do not
  // let it run (an input of unknown shape, a filter that is not 4-D, an
  // overflow): why, naming the operator, its layout and the shapes it got.
  // Its MACs are then 0 and the op is listed in ModelCost::uncosted_ops.
  std::string uncosted_reason;
  // For people: why a number is 0 or approximate.
  std::vector<std::string> notes;
};

struct ModelCost {
  // One entry per operator: the main subgraph's in order, then those of each
  // subgraph it calls (reachable_subgraphs order), each subgraph once.
  std::vector<LayerCost> layers;
  std::int64_t params = 0;
  std::int64_t weight_bytes = 0;
  // Every listed layer's MACs once. A WHILE's cond and body subgraphs are
  // counted for one iteration (their MACs are also in macs_per_iteration),
  // both branches of an IF are counted, and a CALL_ONCE's init subgraph
  // once: `notes` says which applies.
  std::int64_t macs = 0;
  // MACs of the subgraphs WHILE operators call, for one iteration each: the
  // trip count is not known statically, so they are never multiplied.
  std::int64_t macs_per_iteration = 0;
  // Operators without a cost model, by name (Operator::op), with counts.
  std::map<std::string, std::int64_t> unknown_ops;
  // Operators with a cost model whose shapes did not allow it (LayerCost::
  // uncosted_reason), by name, with counts: their MACs are not in `macs`.
  std::map<std::string, std::int64_t> uncosted_ops;
  // For people: what the totals count (control flow, uncosted layers).
  std::vector<std::string> notes;
};

// Costs of every operator of the main subgraph and of the subgraphs it calls.
// A layer whose shapes do not fit its cost rule is not an error: it is listed
// with what is known and its reason (LayerCost::uncosted_reason). Errors
// only for a model that breaks validate()'s invariants.
Result<ModelCost> model_cost(const Model& model);

}  // namespace derive::graph
