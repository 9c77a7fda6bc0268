// The input and output of memory planning: buffers with sizes and lifetimes in,
// one offset per buffer and the arena size out.
//
// A memory planner packs the activation buffers of one inference into one
// contiguous arena so that two buffers alive at the same time never share a
// byte. This is the problem TensorFlow Lite Micro solves before every model
// runs (tensorflow/lite/micro/micro_allocator.cc, CommitPlan, feeding
// tensorflow/lite/micro/memory_planner/greedy_memory_planner.cc) and that
// Pisarchyk & Lee (2020, arXiv 2001.03288) call the Offset Calculation problem.
// It is NP-complete (it contains bin packing), so every strategy here except
// the lower bound is a heuristic.
//
// Who fills these in: the importers (src/import/) turn a model's tensors into
// BufferRequests with TFLM's lifetime rules (micro_allocation_info.cc); tests
// and benchmarks build them by hand. Everything here is plain data, so the same
// lists can come from a TFLite file, an ONNX file or a table in a test.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "derive/result.hpp"

namespace derive::memplan {

// One buffer to place: a tensor's data, or a kernel's scratch buffer.
struct BufferRequest {
  // For people: a tensor name ("conv2d/Relu6") or "scratch 0 of op 3".
  std::string name;
  // Bytes the buffer holds, before alignment (TFLM: TfLiteEvalTensorByteLength
  // of the tensor, or the bytes a kernel asked for in RequestScratchBufferInArena).
  // REQUIRES: 0 <= bytes <= kMaxBufferBytes.
  std::int64_t bytes = 0;
  // The first and the last time step at which the buffer must hold its data,
  // both inclusive. Planners only compare these integers: two buffers conflict
  // exactly when [first_use, last_use] and the other's interval share a step.
  // The importers number steps as TFLM's allocation scopes do
  // (graph::tflm_buffer_requests, after micro_allocation_info.cc
  // MarkAllocationLifetimes): step 0 is the start of the subgraph, where only
  // its inputs are created (first_use 0); operator i of subgraph 0 runs at
  // step i + 1, creating its outputs there (first_use i + 1) and using its
  // inputs there (last_use at least i + 1). A subgraph output is created by
  // the operator that writes it, not at step 0, and is used until the last
  // operator's step (last_use = the operator count). A tensor that neither an
  // operator nor the subgraph's inputs create keeps first_use -1 (TFLM's
  // kUninitializedLifetime), and a tensor nothing uses after its creation
  // has last_use = first_use. Any other consistent numbering (plain operator
  // indices) works the same way.
  // REQUIRES: first_use <= last_use.
  int first_use = 0;
  int last_use = 0;
  // A fixed offset from the start of the arena, given by the model (TFLite's
  // "OfflineMemoryAllocation" metadata). Every planner places such a buffer
  // exactly there and plans the others around it. Offline buffers may overlap
  // each other on purpose (the metadata's author asserts they can share
  // bytes); no planner moves them, and the checker reports such pairs apart.
  // REQUIRES: *offline_offset >= 0.
  std::optional<std::int64_t> offline_offset;
  // A kernel's scratch buffer rather than a tensor. Planners treat both alike
  // (so does TFLM); the flag is for reports and for the what-ifs.
  bool is_scratch = false;
};

// 2^46 bytes (64 TiB): far beyond any device, small enough that the sizes of
// kMaxBuffers buffers stacked above the highest offline buffer stay below 2^63.
inline constexpr std::int64_t kMaxBufferBytes = std::int64_t{1} << 46;
// At most 2^16 buffers in one plan (a model with 65,536 tensors is far past
// anything a microcontroller runs; the quadratic planners would crawl).
inline constexpr std::size_t kMaxBuffers = std::size_t{1} << 16;

struct PlanOptions {
  // Every buffer's size is rounded up to a multiple of this before planning,
  // and every planned offset is a multiple of it (offline offsets excepted:
  // they are placed where the model says, and an online buffer planned flush
  // against a misaligned one inherits its misalignment, as in TFLM). TFLM uses 16
  // (micro_arena_constants.h: MicroArenaBufferAlignment(); micro_allocator.cc
  // CommitPlan: AlignSizeUp(bytes, MicroArenaBufferAlignment())). TFLM's own
  // planner tests add unaligned sizes straight to the planner: alignment 1.
  // REQUIRES: a power of two in [1, 4096].
  std::int64_t alignment_bytes = 16;
};

// bytes rounded up to a multiple of alignment.
// REQUIRES: 0 <= bytes <= kMaxBufferBytes; alignment a power of two <= 4096.
std::int64_t aligned_bytes(std::int64_t bytes, std::int64_t alignment);

// A placement of every buffer of a request list.
struct Plan {
  std::string planner;   // the strategy asked for ("tflm-greedy", "best", ...)
  std::string strategy;  // the strategy whose placement this is (for "best":
                         // the winner; otherwise equal to planner)
  // offsets[i] is buffer i's offset from the start of the arena, in bytes.
  std::vector<std::int64_t> offsets;
  // The arena the plan needs: max over buffers of offset + aligned size (0 for
  // no buffers). For TFLM this is the head of the arena
  // (GreedyMemoryPlanner::GetMaximumMemorySize), not the whole arena: the
  // tail (persistent allocations: tensor structs, node structs, kernel
  // state, variable tensors) is not planned here and depends on the target.
  std::int64_t arena_bytes = 0;
  // The independent checker (check.hpp) found no two buffers alive at the same
  // step sharing a byte, every offline buffer at its offset, every other
  // offset aligned and arena_bytes consistent.
  bool checked = false;
};

// The validated problem every strategy works on: sizes aligned, lifetimes and
// offline offsets as given. Built once by make_problem.
struct Problem {
  std::vector<std::int64_t> sizes;  // aligned bytes
  std::vector<int> first_use;
  std::vector<int> last_use;
  std::vector<std::int64_t> offline_offset;  // kOnline where the planner decides
  std::int64_t alignment = 16;

  static constexpr std::int64_t kOnline = -1;
  std::size_t size() const { return sizes.size(); }
  bool is_offline(std::size_t i) const { return offline_offset[i] != kOnline; }
  bool overlap_in_time(std::size_t a, std::size_t b) const {
    return first_use[a] <= last_use[b] && first_use[b] <= last_use[a];
  }
};

// Checks every request and the options; an error names the buffer and what was
// wrong ("buffer 3 (\"conv/Relu\"): last_use 2 is before first_use 5").
Result<Problem> make_problem(std::span<const BufferRequest> buffers, const PlanOptions& options);

}  // namespace derive::memplan
