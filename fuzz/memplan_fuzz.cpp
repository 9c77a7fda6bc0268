// Fuzzes memory planning (docs/memory-planning.md): bytes become a buffer list
// (sizes from 0 to the 2^46 limit and past it, steps anywhere in int, offline
// offsets, any alignment), planned by every strategy, then rewritten by the
// what-ifs with candidates and facts drawn from the same bytes.
//
// Properties: planning either refuses the list with a message or gives one
// offset per buffer from every strategy; every plan passes the independent
// checker; the live-set bound is at most every arena; `best` is the smallest
// plan and at most tflm-greedy's; a plan from one strategy alone equals the
// same strategy's plan in the all-planner list; a what-if either refuses with
// a message or returns a list that plans and checks the same way, and every
// patch lies inside its layer's map.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "memplan/check.hpp"
#include "memplan/live_set.hpp"
#include "memplan/planner.hpp"
#include "memplan/what_if.hpp"

namespace {

using namespace derive::memplan;

int step(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 7)) {
    case 0:
      return std::numeric_limits<int>::min();
    case 1:
      return std::numeric_limits<int>::max();
    case 2:
      return -1;
    default:
      return in.ConsumeIntegralInRange(0, 40);
  }
}

std::int64_t bytes(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 9)) {
    case 0:
      return 0;
    case 1:
      return kMaxBufferBytes;
    case 2:
      return kMaxBufferBytes + 1;  // refused
    case 3:
      return -in.ConsumeIntegralInRange<std::int64_t>(1, 100);  // refused
    default:
      return in.ConsumeIntegralInRange<std::int64_t>(1, 20000);
  }
}

std::vector<BufferRequest> buffers_from(FuzzedDataProvider& in) {
  std::vector<BufferRequest> buffers(in.ConsumeIntegralInRange<std::size_t>(0, 48));
  for (BufferRequest& b : buffers) {
    b.bytes = bytes(in);
    b.first_use = step(in);
    // Mostly a short, valid lifetime; sometimes anything (including last < first).
    b.last_use = in.ConsumeBool() ? step(in)
                                  : static_cast<int>(std::min<std::int64_t>(
                                        std::int64_t{b.first_use} + in.ConsumeIntegralInRange(0, 6),
                                        std::numeric_limits<int>::max()));
    if (in.ConsumeIntegralInRange(0, 9) == 0)
      b.offline_offset = in.ConsumeIntegralInRange<std::int64_t>(-16, 30000);
    b.is_scratch = in.ConsumeBool();
  }
  return buffers;
}

// Plans the list with every strategy and checks the properties; returns
// whether the list was accepted.
bool plan_and_check(const std::vector<BufferRequest>& buffers, const PlanOptions& options) {
  const derive::Result<std::vector<Plan>> plans = plan_with_every_planner(buffers, options);
  if (!plans.ok()) {
    fuzz::require(!plans.error().message.empty(), "a refused buffer list has a message");
    return false;
  }
  const derive::Result<LiveSetPeak> bound = live_set_lower_bound(buffers, options);
  fuzz::require(bound.ok(), "the bound accepts what the planners accept");
  std::int64_t smallest = std::numeric_limits<std::int64_t>::max();
  for (const Plan& plan : *plans) {
    fuzz::require(plan.offsets.size() == buffers.size(), "one offset per buffer", plan.planner);
    const CheckReport report = check_plan(buffers, options, plan.offsets, plan.arena_bytes);
    fuzz::require(plan.checked && report.ok(), "every plan passes the checker",
                  plan.planner + ": " + (report.problems.empty() ? "" : report.problems.front()));
    fuzz::require(bound->bytes <= plan.arena_bytes, "the bound is at most every arena", plan.planner);
    if (plan.planner != "best") smallest = std::min(smallest, plan.arena_bytes);
  }
  fuzz::require(plans->front().planner == "tflm-greedy" && plans->back().planner == "best", "planner order");
  fuzz::require(plans->back().arena_bytes == smallest, "best is the smallest plan");
  fuzz::require(plans->back().arena_bytes <= plans->front().arena_bytes, "best is at most tflm-greedy");
  const derive::Result<Plan> alone = plan_buffers("tflm-greedy", buffers, options);
  fuzz::require(alone.ok() && alone->offsets == plans->front().offsets, "one strategy alone plans the same");
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const PlanOptions options{std::int64_t{1}
                            << in.ConsumeIntegralInRange(0, 13)};  // 1 to 8192: 8192 is refused
  const std::vector<BufferRequest> buffers = buffers_from(in);
  if (!plan_and_check(buffers, options) || buffers.empty()) return 0;

  // In-place depthwise: candidates on random buffers and steps.
  std::vector<InPlaceCandidate> candidates(in.ConsumeIntegralInRange<std::size_t>(0, 4));
  for (InPlaceCandidate& c : candidates) {
    c.input_buffer = in.ConsumeIntegralInRange<std::size_t>(0, buffers.size());
    c.output_buffer = in.ConsumeIntegralInRange<std::size_t>(0, buffers.size());
    c.step = step(in);
    c.temp_bytes = bytes(in);
  }
  const derive::Result<InPlaceResult> in_place = apply_in_place_depthwise(buffers, candidates);
  if (in_place.ok()) {
    fuzz::require(in_place->applied + in_place->skipped.size() == candidates.size(),
                  "every candidate accounted for");
    fuzz::require(in_place->new_index.size() == buffers.size(), "a new index per buffer");
    for (const std::size_t index : in_place->new_index) {
      fuzz::require(index < in_place->buffers.size(), "new indices in range");
    }
    plan_and_check(in_place->buffers, options);
  }

  // Another width.
  std::vector<int> bits(buffers.size());
  for (int& b : bits) b = in.ConsumeBool() ? 0 : 1 << in.ConsumeIntegralInRange(0, 6);
  const derive::Result<WidthResult> width =
      with_element_bits(buffers, bits, in.ConsumeIntegralInRange(0, 65));
  if (width.ok()) plan_and_check(width->buffers, options);

  // A patch stage of one or two layers over random buffers.
  std::vector<PatchLayer> stage(in.ConsumeIntegralInRange<std::size_t>(1, 2));
  std::size_t input = in.ConsumeIntegralInRange<std::size_t>(0, buffers.size() - 1);
  for (PatchLayer& layer : stage) {
    layer.input_buffer = input;
    layer.output_buffer = in.ConsumeIntegralInRange<std::size_t>(0, buffers.size() - 1);
    input = layer.output_buffer;
    layer.step = step(in);
    layer.in_height = in.ConsumeIntegralInRange(0, 12);
    layer.in_width = in.ConsumeIntegralInRange(0, 12);
    layer.out_height = in.ConsumeIntegralInRange(0, 12);
    layer.out_width = in.ConsumeIntegralInRange(0, 12);
    layer.kernel_h = in.ConsumeIntegralInRange(0, 5);
    layer.kernel_w = in.ConsumeIntegralInRange(0, 5);
    layer.stride_h = in.ConsumeIntegralInRange(0, 3);
    layer.stride_w = in.ConsumeIntegralInRange(0, 3);
    layer.dilation_h = in.ConsumeIntegralInRange(1, 2);
    layer.dilation_w = in.ConsumeIntegralInRange(1, 2);
    layer.pad_top = in.ConsumeIntegralInRange(0, 3);
    layer.pad_left = in.ConsumeIntegralInRange(0, 3);
    layer.macs =
        std::int64_t{layer.out_height} * layer.out_width * in.ConsumeIntegralInRange<std::int64_t>(0, 1000);
  }
  const derive::Result<PatchResult> patched =
      patch_based_buffers(buffers, stage, PatchOptions{in.ConsumeIntegralInRange(0, 5), in.ConsumeBool()});
  if (patched.ok()) {
    for (std::size_t j = 0; j < stage.size(); ++j) {
      const PatchLayerTiles& tiles = patched->layers[j];
      fuzz::require(tiles.max_out_rows >= 1 && tiles.max_out_rows <= stage[j].out_height &&
                        tiles.max_out_cols >= 1 && tiles.max_out_cols <= stage[j].out_width,
                    "a patch is inside its layer's map");
      fuzz::require(tiles.macs_patched >= 0, "patched MACs are not negative");
    }
    plan_and_check(patched->buffers, options);
  } else {
    fuzz::require(!patched.error().message.empty(), "a refused patch stage has a message");
  }
  return 0;
}
