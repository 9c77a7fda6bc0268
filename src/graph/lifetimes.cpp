// TFLM's allocation info rules (tensorflow/lite/micro/micro_allocation_info.cc:
// InitializeAllocationInfo, MarkAllocationLifetimes and
// MarkSubgraphLifetimesIfNecessary; the order of MicroAllocator::CommitPlan),
// described in docs/memory-planning.md.
#include "derive/graph/lifetimes.hpp"

#include <algorithm>
#include <string>

namespace derive::graph {

namespace {

constexpr int kUninitialized = -1;  // micro_allocation_info.cc kUninitializedLifetime
// Bounds on what a file can make the marking do: nesting of control flow
// (each level one C++ frame) and operator visits in all (a subgraph called
// from k places is marked k times, so nesting can multiply the visits).
constexpr int kMaxCallDepth = 64;
constexpr long kMaxScopes = long{1} << 22;

struct Lifetime {
  int first = kUninitialized;
  int last = kUninitialized;
};

// UpdateFirstCreated: the scope count only grows while marking, so TFLM
// records the latest creation and resets the last use to it. A subgraph called
// twice therefore keeps the lifetimes of its last call (as TFLM does).
void created(Lifetime& l, int scope) {
  l.first = scope;
  l.last = scope;
}
// UpdateLastUsed.
void used(Lifetime& l, int scope) { l.last = std::max(l.last, scope); }

// A kernel's scratch request (RequestScratchBufferInArena in its Prepare).
struct Scratch {
  std::int32_t subgraph = 0;
  std::size_t op = 0;
  std::int64_t bytes = 0;
  std::string name;
  Lifetime life;
};

// The scratch buffers a kernel requests. Only SVDF is modelled
// (tensorflow/lite/micro/kernels/svdf_common.cc, PrepareSvdf): int8 asks for
// batch * num_filters * 4 bytes and batch * num_units * 4 bytes (num_units =
// num_filters / rank); float32 for batch * num_filters * 4. Other kernels'
// scratch depends on the kernel library (CMSIS-NN, ESP-NN ask for more), so
// it is not modelled. An SVDF whose shapes give no size is listed in
// `unknown` rather than failing the plan.
void add_scratch(const Subgraph& g, std::int32_t s, const Operator& op, std::size_t index,
                 std::vector<Scratch>& out, std::vector<std::string>& unknown) {
  if (op.kind != OpKind::svdf) return;
  const std::string where =
      (s == 0 ? "" : "subgraph " + std::to_string(s) + ", ") + "operator " + std::to_string(index);
  auto unknown_size = [&](const std::string& why) {
    unknown.push_back("scratch of " + where + " (SVDF): " + why);
  };
  if (op.inputs.size() < 2 || op.inputs[0] < 0 || op.inputs[1] < 0) {
    return unknown_size("expected an input and a weights_feature tensor");
  }
  const Tensor& input = g.tensors[static_cast<std::size_t>(op.inputs[0])];
  const Tensor& features = g.tensors[static_cast<std::size_t>(op.inputs[1])];
  if (input.shape.size() != 2 || features.shape.size() != 2 || input.shape[0] < 0 || features.shape[0] < 0 ||
      input.shape[0] > (std::int64_t{1} << 20) || features.shape[0] > (std::int64_t{1} << 20)) {
    return unknown_size("expected a 2-D input and weights_feature with known sizes below 2^20");
  }
  const std::int64_t batch = input.shape[0];
  const std::int64_t filters = features.shape[0];
  const std::int64_t rank = op.attributes.rank;
  if (rank <= 0 || filters % rank != 0) {
    return unknown_size("rank " + std::to_string(rank) + " does not divide " + std::to_string(filters) +
                        " filters");
  }
  out.push_back({s, index, batch * filters * 4, "svdf scratch of " + where, {}});
  if (input.dtype == DType::int8)
    out.push_back({s, index, batch * (filters / rank) * 4, "svdf scratch output of " + where, {}});
}

// MarkAllocationLifetimes over the model, from subgraph 0.
class Marker {
 public:
  Marker(const Model& model, std::vector<Scratch>& scratch) : model_(model), scratch_(scratch) {
    life_.resize(model.subgraphs.size());
    for (std::size_t s = 0; s < model.subgraphs.size(); ++s)
      life_[s].resize(model.subgraphs[s].tensors.size());
  }

  Status mark(std::int32_t s, int depth) {
    if (depth > kMaxCallDepth)
      return make_error("control flow nested deeper than " + std::to_string(kMaxCallDepth) +
                        " subgraphs (at subgraph " + std::to_string(s) + ")");
    const Subgraph& g = model_.subgraphs[static_cast<std::size_t>(s)];
    std::vector<Lifetime>& life = life_[static_cast<std::size_t>(s)];
    // Inputs and outputs are created at the start of the invocation.
    for (const std::int32_t t : g.inputs) created(life[static_cast<std::size_t>(t)], scope_);
    for (const std::int32_t t : g.outputs) created(life[static_cast<std::size_t>(t)], scope_);
    for (std::size_t i = 0; i < g.operators.size(); ++i) {
      if (++scope_ > kMaxScopes)
        return make_error("more than " + std::to_string(kMaxScopes) +
                          " allocation scopes: subgraphs called from too many places");
      const Operator& op = g.operators[i];
      if (s == 0) main_steps.push_back(scope_);
      for (const std::int32_t t : op.outputs) created(life[static_cast<std::size_t>(t)], scope_);
      const int start = scope_;
      // MarkSubgraphLifetimesIfNecessary: each called subgraph in a new scope,
      // inside this operator's lifetime.
      for (const std::int32_t called : op.attributes.called_subgraphs) {
        ++scope_;
        DERIVE_CHECK(mark(called, depth + 1));
      }
      for (const std::int32_t t : op.inputs) {
        if (t >= 0) used(life[static_cast<std::size_t>(t)], scope_);
      }
      for (const std::int32_t t : op.outputs) used(life[static_cast<std::size_t>(t)], scope_);
      for (Scratch& request : scratch_) {
        if (request.subgraph != s || request.op != i) continue;
        created(request.life, start);
        used(request.life, scope_);
      }
    }
    // Outputs persist to the end of the invocation.
    for (const std::int32_t t : g.outputs) used(life[static_cast<std::size_t>(t)], scope_);
    return {};
  }

  const Lifetime& life(std::size_t s, std::size_t t) const { return life_[s][t]; }
  std::vector<int> main_steps;

 private:
  const Model& model_;
  std::vector<Scratch>& scratch_;
  std::vector<std::vector<Lifetime>> life_;
  int scope_ = 0;
};

}  // namespace

Result<TflmBuffers> tflm_buffers(const Model& model) {
  TflmBuffers result;
  std::vector<bool> reached(model.subgraphs.size(), false);
  for (const std::int32_t s : reachable_subgraphs(model)) reached[static_cast<std::size_t>(s)] = true;

  std::vector<Scratch> scratch;
  for (std::size_t s = 0; s < model.subgraphs.size(); ++s) {
    if (!reached[s]) continue;
    const Subgraph& g = model.subgraphs[s];
    for (std::size_t i = 0; i < g.operators.size(); ++i)
      add_scratch(g, static_cast<std::int32_t>(s), g.operators[i], i, scratch, result.unknown_sizes);
  }
  Marker marker(model, scratch);
  DERIVE_CHECK(marker.mark(0, 0));
  result.main_steps = std::move(marker.main_steps);

  const OfflineMemoryPlan* offline =
      model.offline_plan && model.offline_plan->subgraph == 0 ? &*model.offline_plan : nullptr;
  // InitializeAllocationInfo's order: every tensor of every subgraph, by
  // subgraph index, then the scratch buffers.
  result.buffer_of.resize(model.subgraphs.size());
  for (std::size_t s = 0; s < model.subgraphs.size(); ++s) {
    const Subgraph& g = model.subgraphs[s];
    result.buffer_of[s].assign(g.tensors.size(), -1);
    if (!reached[s]) continue;
    const std::string prefix = s == 0 ? "" : "subgraph " + std::to_string(s) + ": ";
    for (std::size_t i = 0; i < g.tensors.size(); ++i) {
      const Tensor& tensor = g.tensors[i];
      if (tensor.role != TensorRole::activation) continue;
      auto bytes = byte_length(tensor);
      if (!bytes.ok()) {
        result.unknown_sizes.push_back(prefix + "tensor " + std::to_string(i) + " '" + tensor.name +
                                       "': " + bytes.error().message);
        continue;
      }
      if (*bytes == 0) continue;
      if (*bytes > memplan::kMaxBufferBytes) {
        return make_error(prefix + "tensor " + std::to_string(i) + " '" + tensor.name +
                          "': " + std::to_string(*bytes) + " bytes, more than the planners take (2^46)");
      }
      const Lifetime& life = marker.life(s, i);
      memplan::BufferRequest r;
      r.name = prefix + tensor.name;
      r.bytes = *bytes;
      r.first_use = life.first;
      r.last_use = std::max(life.last, life.first);
      if (s == 0 && offline != nullptr && offline->offsets[i] >= 0) r.offline_offset = offline->offsets[i];
      result.buffer_of[s][i] = static_cast<std::int32_t>(result.buffers.size());
      result.buffers.push_back(std::move(r));
    }
  }
  for (Scratch& request : scratch) {
    memplan::BufferRequest r;
    r.name = std::move(request.name);
    r.bytes = request.bytes;
    r.first_use = request.life.first;
    r.last_use = std::max(request.life.last, request.life.first);
    r.is_scratch = true;
    result.buffers.push_back(std::move(r));
  }
  if (result.buffers.size() > memplan::kMaxBuffers) {
    return make_error(std::to_string(result.buffers.size()) +
                      " buffers to plan, more than the planners take (" +
                      std::to_string(memplan::kMaxBuffers) + ")");
  }
  return result;
}

Result<std::vector<memplan::BufferRequest>> tflm_buffer_requests(const Model& model) {
  DERIVE_TRY(TflmBuffers planned, tflm_buffers(model));
  if (!planned.unknown_sizes.empty()) return make_error(planned.unknown_sizes.front());
  return std::move(planned.buffers);
}

}  // namespace derive::graph
