// The what-ifs as fit alternatives (fit.hpp), each planned with `best` so an
// alternative shows what that change can reach, not what one heuristic does.
#include <algorithm>
#include <cstdio>

#include "boards/fit.hpp"
#include "memplan/planner.hpp"

namespace derive::boards {
namespace {

Result<std::int64_t> best_arena(std::span<const memplan::BufferRequest> buffers,
                                const memplan::PlanOptions& options) {
  DERIVE_TRY(const memplan::Plan plan, memplan::plan_buffers("best", buffers, options));
  return plan.arena_bytes;
}

std::string percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", fraction * 100.0);
  return text;
}

}  // namespace

Result<std::vector<Alternative>> what_if_alternatives(std::span<const memplan::BufferRequest> buffers,
                                                      const memplan::PlanOptions& options,
                                                      const Footprint& footprint, const WhatIfFacts& facts) {
  std::vector<Alternative> alternatives;
  auto with_arena = [&](std::int64_t arena) {
    Footprint changed = footprint;
    changed.arena_bytes = arena;
    return changed;
  };

  DERIVE_TRY(const memplan::Plan best, memplan::plan_buffers("best", buffers, options));
  if (best.arena_bytes < footprint.arena_bytes) {
    alternatives.push_back({"planner:best",
                            "plan with " + best.strategy + " instead of " + facts.planner + " (saves " +
                                std::to_string(footprint.arena_bytes - best.arena_bytes) + " bytes)",
                            with_arena(best.arena_bytes)});
  }

  if (!facts.in_place.empty()) {
    DERIVE_TRY(const memplan::InPlaceResult in_place,
               memplan::apply_in_place_depthwise(buffers, facts.in_place));
    if (in_place.applied > 0) {
      DERIVE_TRY(const std::int64_t arena, best_arena(in_place.buffers, options));
      alternatives.push_back({"in-place-depthwise",
                              "run " + std::to_string(in_place.applied) + " of " +
                                  std::to_string(facts.in_place.size()) +
                                  " depthwise convolutions in place (TinyEngine)",
                              with_arena(arena)});
    }
  }

  if (!facts.patch_stage.empty()) {
    const memplan::PatchLayer& last = facts.patch_stage.back();
    for (const int side : facts.patches_per_side) {
      if (side < 2 || side > std::min(last.out_height, last.out_width)) continue;
      DERIVE_TRY(
          const memplan::PatchResult patched,
          memplan::patch_based_buffers(buffers, facts.patch_stage, memplan::PatchOptions{side, false}));
      DERIVE_TRY(const std::int64_t arena, best_arena(patched.buffers, options));
      const std::string grid = std::to_string(side) + "x" + std::to_string(side);
      alternatives.push_back({"patches:" + grid,
                              "run the first " + std::to_string(facts.patch_stage.size()) + " layers in " +
                                  grid + " patches (MCUNetV2; " + percent(patched.mac_overhead) +
                                  " MACs in those layers)",
                              with_arena(arena)});
    }
  }

  if (!facts.element_bits.empty()) {
    DERIVE_TRY(const memplan::WidthResult narrow, memplan::with_element_bits(buffers, facts.element_bits, 4));
    if (narrow.resized > 0) {
      DERIVE_TRY(const std::int64_t arena, best_arena(narrow.buffers, options));
      alternatives.push_back({"int4-activations",
                              "store " + std::to_string(narrow.resized) +
                                  " activation buffers as int4 (kernel support varies by runtime)",
                              with_arena(arena)});
    }
  }

  if (facts.weight_bytes > 0 && facts.weight_bits > 4) {
    if (facts.weight_bytes > footprint.model_bytes || facts.weight_bits > 64) {
      return make_error("weight_bytes must be at most the model's bytes and weight_bits from 1 to 64");
    }
    const std::int64_t elements = facts.weight_bytes * 8 / facts.weight_bits;
    Footprint changed = footprint;
    changed.model_bytes = footprint.model_bytes - facts.weight_bytes + (elements * 4 + 7) / 8;
    alternatives.push_back(
        {"int4-weights",
         "store the weights as int4 (TFLM may unpack them into scratch buffers at run time, "
         "not counted)",
         changed});
  }
  return alternatives;
}

}  // namespace derive::boards
