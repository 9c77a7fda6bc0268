// From a model to the buffers a memory planner places: TFLM's allocation
// info rules (tensorflow/lite/micro/micro_allocation_info.cc), see
// docs/memory-planning.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "derive/graph/model.hpp"
#include "derive/result.hpp"
#include "memplan/buffers.hpp"

namespace derive::graph {

struct TflmBuffers {
  // The buffers TFLM's greedy planner would place, tensors before scratch.
  std::vector<memplan::BufferRequest> buffers;
  // buffer_of[s][t]: the index in `buffers` of tensor t of subgraph s, -1
  // when the tensor is not planned (constant, variable, zero-sized, of
  // unknown size, or in a subgraph subgraph 0 never calls).
  std::vector<std::vector<std::int32_t>> buffer_of;
  // main_steps[i]: the allocation scope at which operator i of subgraph 0
  // runs (i + 1 without control flow; later when earlier operators call
  // subgraphs, whose operators take scopes of their own).
  std::vector<int> main_steps;
  // Activation tensors TFLM would plan whose size is not known (an open
  // dimension, an uninferred shape), one line each naming the subgraph and
  // tensor: they are left out of `buffers`, so every plan of `buffers` is
  // incomplete when this is not empty.
  std::vector<std::string> unknown_sizes;
};

// The buffers TFLM's greedy planner would place for subgraph 0 and the
// subgraphs its control-flow operators call: every non-constant,
// non-variable tensor of nonzero size with its first and last use, the
// model's offline offsets (subgraph 0), and the scratch buffers of the
// kernels that request them. Variable tensors are not planned (TFLM
// allocates them apart, in the tail). Errors: a size past what the planners
// take, too many buffers or allocation scopes, a bad SVDF.
Result<TflmBuffers> tflm_buffers(const Model& model);

// tflm_buffers' buffer list, for callers that need a complete one: an error
// naming the first tensor of unknown size when there is one.
Result<std::vector<memplan::BufferRequest>> tflm_buffer_requests(const Model& model);

}  // namespace derive::graph
