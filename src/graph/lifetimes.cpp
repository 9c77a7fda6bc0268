// TFLM's allocation info rules (tensorflow/lite/micro/micro_allocation_info.cc,
// MarkAllocationLifetimes and InitializeAllocationInfo; the order of
// MicroAllocator::CommitPlan), described in docs/memory-planning.md.
#include "derive/graph/lifetimes.hpp"

#include <algorithm>
#include <string>

namespace derive::graph {

namespace {

constexpr int kUninitialized = -1;  // micro_allocation_info.cc kUninitializedLifetime

struct Lifetime {
  int first = kUninitialized;
  int last = kUninitialized;
};

void created(Lifetime& l, int step) {
  if (l.first == kUninitialized || step < l.first) l.first = step;
}
void used(Lifetime& l, int step) { l.last = std::max(l.last, step); }

// The scratch buffers a kernel requests in its Prepare (RequestScratchBufferInArena).
// Only SVDF is modelled (tensorflow/lite/micro/kernels/svdf_common.cc,
// PrepareSvdf): int8 asks for batch * num_filters * 4 bytes and batch *
// num_units * 4 bytes (num_units = num_filters / rank); float32 for
// batch * num_filters * 4. Other kernels' scratch depends on the kernel
// library (CMSIS-NN, ESP-NN ask for more), so it is not modelled.
Status add_scratch(const Subgraph& g, const Operator& op, std::size_t index, int step,
                   std::vector<memplan::BufferRequest>& out) {
  if (op.kind != OpKind::svdf) return {};
  const std::string where = "operator " + std::to_string(index) + " (SVDF)";
  if (op.inputs.size() < 2 || op.inputs[0] < 0 || op.inputs[1] < 0) {
    return make_error(where + ": expected an input and a weights_feature tensor");
  }
  const Tensor& input = g.tensors[static_cast<std::size_t>(op.inputs[0])];
  const Tensor& features = g.tensors[static_cast<std::size_t>(op.inputs[1])];
  if (input.shape.size() != 2 || features.shape.size() != 2 || input.shape[0] < 0 || features.shape[0] < 0) {
    return make_error(where + ": expected a 2-D input and weights_feature with known sizes");
  }
  const std::int64_t batch = input.shape[0];
  const std::int64_t filters = features.shape[0];
  const std::int64_t rank = op.attributes.rank;
  if (rank <= 0 || filters % rank != 0) {
    return make_error(where + ": rank " + std::to_string(rank) + " does not divide " +
                      std::to_string(filters) + " filters");
  }
  auto scratch = [&](std::int64_t bytes, const std::string& what) {
    memplan::BufferRequest r;
    r.name = what + " of operator " + std::to_string(index);
    r.bytes = bytes;
    r.first_use = step;
    r.last_use = step;
    r.is_scratch = true;
    out.push_back(std::move(r));
  };
  scratch(batch * filters * 4, "svdf scratch");
  if (input.dtype == DType::int8) scratch(batch * (filters / rank) * 4, "svdf scratch output");
  return {};
}

}  // namespace

Result<std::vector<memplan::BufferRequest>> tflm_buffer_requests(const Model& model) {
  const Subgraph& g = main_subgraph(model);
  std::vector<Lifetime> life(g.tensors.size());
  // Step 0: the subgraph's inputs exist before the first operator; its
  // outputs are created by the operators that write them and live to the end.
  for (const std::int32_t t : g.inputs) created(life[static_cast<std::size_t>(t)], 0);
  int step = 0;
  for (const Operator& op : g.operators) {
    ++step;
    for (const std::int32_t t : op.inputs) {
      if (t >= 0) used(life[static_cast<std::size_t>(t)], step);
    }
    for (const std::int32_t t : op.outputs) {
      created(life[static_cast<std::size_t>(t)], step);
      used(life[static_cast<std::size_t>(t)], step);
    }
  }
  for (const std::int32_t t : g.outputs) used(life[static_cast<std::size_t>(t)], step);

  const OfflineMemoryPlan* offline =
      model.offline_plan && model.offline_plan->subgraph == 0 ? &*model.offline_plan : nullptr;
  std::vector<memplan::BufferRequest> requests;
  for (std::size_t i = 0; i < g.tensors.size(); ++i) {
    const Tensor& tensor = g.tensors[i];
    if (tensor.role != TensorRole::activation) continue;
    auto bytes = byte_length(tensor);
    if (!bytes.ok()) return make_error("tensor " + std::to_string(i) + ": " + bytes.error().message);
    if (*bytes == 0) continue;
    if (*bytes > memplan::kMaxBufferBytes) {
      return make_error("tensor " + std::to_string(i) + " '" + tensor.name + "': " + std::to_string(*bytes) +
                        " bytes, more than the planners take (2^46)");
    }
    memplan::BufferRequest r;
    r.name = tensor.name;
    r.bytes = *bytes;
    r.first_use = life[i].first;
    r.last_use = std::max(life[i].last, life[i].first);
    if (offline != nullptr && offline->offsets[i] >= 0) r.offline_offset = offline->offsets[i];
    requests.push_back(std::move(r));
  }
  for (std::size_t i = 0; i < g.operators.size(); ++i) {
    DERIVE_CHECK(add_scratch(g, g.operators[i], i, static_cast<int>(i) + 1, requests));
  }
  if (requests.size() > memplan::kMaxBuffers) {
    return make_error(std::to_string(requests.size()) + " buffers to plan, more than the planners take (" +
                      std::to_string(memplan::kMaxBuffers) + ")");
  }
  return requests;
}

}  // namespace derive::graph
