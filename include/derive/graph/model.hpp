// A whole imported model: subgraphs of tensors and operators, plus what the
// file says about memory (offline plans) and where it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "derive/graph/op.hpp"
#include "derive/graph/tensor.hpp"
#include "derive/result.hpp"

namespace derive::graph {

struct Subgraph {
  std::string name;
  std::vector<Tensor> tensors;
  // In execution order (TFLite stores them so; ONNX importers sort them).
  std::vector<Operator> operators;
  // Indices into tensors.
  std::vector<std::int32_t> inputs;
  std::vector<std::int32_t> outputs;
};

// TFLite "OfflineMemoryAllocation" metadata (tensorflow/lite/micro/
// micro_allocation_info.cc, GetOfflinePlannedOffsets; the layout in
// tensorflow/lite/micro/docs/offline_memory_plan.md): [version, subgraph,
// nbr_tensors, offset...], one offset per tensor of that subgraph, -1 for
// "plan online".
struct OfflineMemoryPlan {
  std::int32_t version = 0;
  std::int32_t subgraph = 0;
  std::vector<std::int32_t> offsets;
};

struct Model {
  // "tflite" or "onnx": the analyzer JSON's "format".
  std::string format;
  // Size of the file in bytes (flash for the model file).
  std::int64_t file_bytes = 0;
  // Free text from the file (TFLite description, ONNX producer_name and version).
  std::string description;
  // Subgraph 0 is the main one; control-flow operators call the others.
  std::vector<Subgraph> subgraphs;
  std::optional<OfflineMemoryPlan> offline_plan;
  // Things the importer read but could not represent, for people
  // ("operator 3: unknown TensorType 99, treated as unknown").
  std::vector<std::string> notes;
};

// The main subgraph. REQUIRES: !model.subgraphs.empty() (every importer
// guarantees it: a file without one is an error).
const Subgraph& main_subgraph(const Model& model);

// Subgraph 0 and every subgraph it calls through control-flow operators
// (Attributes::called_subgraphs), directly or not, each once: 0 first, then
// depth first in the order the operators name them. REQUIRES: validate(model)
// passed (indices in range, no recursion).
std::vector<std::int32_t> reachable_subgraphs(const Model& model);

// Checks the invariants the cost and lifetime code rely on: at least one
// subgraph, every tensor index in range (or -1 for an optional input),
// every called subgraph in range, no subgraph calling itself (directly or
// through others), the offline plan sized to its subgraph.
// Each error names the subgraph, the operator or tensor and the bad index.
// Importers run it before returning a model.
Status validate(const Model& model);

}  // namespace derive::graph
