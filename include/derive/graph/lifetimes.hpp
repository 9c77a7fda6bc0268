// From a model to the buffers a memory planner places: TFLM's allocation
// info rules (tensorflow/lite/micro/micro_allocation_info.cc), see
// docs/memory-planning.md.
#pragma once

#include <vector>

#include "derive/graph/model.hpp"
#include "derive/result.hpp"
#include "memplan/buffers.hpp"

namespace derive::graph {

// The buffers TFLM's greedy planner would place for the main subgraph:
// every non-constant, non-variable tensor with its first and last use, the
// model's offline offsets, and the scratch buffers of the kernels that
// request them. Variable tensors are not planned (TFLM allocates them apart,
// in the tail).
Result<std::vector<memplan::BufferRequest>> tflm_buffer_requests(const Model& model);

}  // namespace derive::graph
