// The what-ifs as fit alternatives (fit.hpp), each planned with `best` so an
// alternative shows what that change can reach, not what one heuristic does,
// and with tflm-greedy, what TFLM's own planner would give after the change.
#include <algorithm>
#include <cstdio>
#include <optional>

#include "boards/fit.hpp"
#include "memplan/live_set.hpp"
#include "memplan/planner.hpp"

namespace derive::boards {
namespace {

// A rewritten buffer list planned with `best` and with tflm-greedy.
struct Arenas {
  std::int64_t best = 0;
  std::int64_t tflm_greedy = 0;
};

Result<Arenas> arenas(std::span<const memplan::BufferRequest> buffers, const memplan::PlanOptions& options) {
  DERIVE_TRY(const memplan::Plan best, memplan::plan_buffers("best", buffers, options));
  DERIVE_TRY(const memplan::Plan greedy, memplan::plan_buffers("tflm-greedy", buffers, options));
  return Arenas{best.arena_bytes, greedy.arena_bytes};
}

// The prefix of the stage to patch with P x P patches: the one whose patched
// buffers have the smallest live-set lower bound (the shorter on a tie), which
// alone is then planned, so the search costs one bound per prefix rather than
// every planner per prefix. Kept only if its best arena is below `unpatched`
// (a prefix whose peak lies elsewhere changes nothing); nullopt when no prefix
// can be patched that way or none helps.
struct PatchChoice {
  std::size_t layers = 0;
  memplan::PatchResult result;
  Arenas arenas;
};

Result<std::optional<PatchChoice>> best_patch_prefix(std::span<const memplan::BufferRequest> buffers,
                                                     const memplan::PlanOptions& options,
                                                     std::span<const memplan::PatchLayer> stage, int side,
                                                     std::int64_t unpatched) {
  std::optional<PatchChoice> choice;
  std::int64_t lowest_bound = 0;
  for (std::size_t k = 1; k <= stage.size(); ++k) {
    const memplan::PatchLayer& last = stage[k - 1];
    if (side < 2 || side > std::min(last.out_height, last.out_width)) continue;
    Result<memplan::PatchResult> patched =
        memplan::patch_based_buffers(buffers, stage.first(k), memplan::PatchOptions{side, false});
    if (!patched.ok()) continue;  // a branch leaves this prefix, or its sizes do not divide
    DERIVE_TRY(const memplan::LiveSetPeak bound, memplan::live_set_lower_bound(patched->buffers, options));
    if (choice && bound.bytes >= lowest_bound) continue;
    lowest_bound = bound.bytes;
    choice = PatchChoice{k, std::move(patched).value(), {}};
  }
  if (!choice) return choice;
  DERIVE_TRY(choice->arenas, arenas(choice->result.buffers, options));
  if (choice->arenas.best >= unpatched) return std::optional<PatchChoice>{};
  return choice;
}

std::string percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", fraction * 100.0);
  return text;
}

}  // namespace

Result<std::vector<Alternative>> what_if_alternatives(std::span<const memplan::BufferRequest> buffers,
                                                      const memplan::PlanOptions& options,
                                                      const Footprint& footprint, const WhatIfFacts& facts,
                                                      const memplan::Plan& best) {
  if (best.planner != "best" || best.offsets.size() != buffers.size()) {
    return make_error("what_if_alternatives needs today's `best` plan of the " +
                      std::to_string(buffers.size()) + " buffers, not a " + best.planner + " plan of " +
                      std::to_string(best.offsets.size()));
  }
  std::vector<Alternative> alternatives;
  auto with_arena = [&](std::int64_t arena) {
    Footprint changed = footprint;
    changed.arena_bytes = arena;
    return changed;
  };

  if (best.arena_bytes < footprint.arena_bytes) {
    alternatives.push_back({"planner:best",
                            "plan with " + best.strategy + " instead of " + facts.planner + " (saves " +
                                std::to_string(footprint.arena_bytes - best.arena_bytes) + " bytes)",
                            with_arena(best.arena_bytes)});
  }

  auto arena_alternative = [&](std::string id, std::string description, const Arenas& planned) {
    Alternative alternative{std::move(id), std::move(description), with_arena(planned.best)};
    alternative.rewrites_buffers = true;
    alternative.tflm_greedy_arena_bytes = planned.tflm_greedy;
    return alternative;
  };

  if (!facts.in_place.empty()) {
    DERIVE_TRY(const memplan::InPlaceResult in_place,
               memplan::apply_in_place_depthwise(buffers, facts.in_place));
    // Listed, like the patches, only where it lowers the peak: an output that
    // shares its input's buffer keeps that buffer alive longer, so it can also
    // leave the arena as it was.
    if (in_place.applied > 0) {
      DERIVE_TRY(const Arenas planned, arenas(in_place.buffers, options));
      if (planned.best < best.arena_bytes) {
        alternatives.push_back(arena_alternative("in-place-depthwise",
                                                 "run " + std::to_string(in_place.applied) + " of " +
                                                     std::to_string(facts.in_place.size()) +
                                                     " depthwise convolutions in place (TinyEngine)",
                                                 planned));
      }
    }
  }

  for (const int side : facts.patch_stage.empty() ? std::vector<int>{} : facts.patches_per_side) {
    DERIVE_TRY(const std::optional<PatchChoice> choice,
               best_patch_prefix(buffers, options, facts.patch_stage, side, best.arena_bytes));
    if (!choice) continue;
    const std::string grid = std::to_string(side) + "x" + std::to_string(side);
    Alternative alternative = arena_alternative(
        "patches:" + grid,
        "run the first " + std::to_string(choice->layers) + " layers in " + grid + " patches (MCUNetV2; " +
            percent(choice->result.mac_overhead) + " MACs in those layers)",
        choice->arenas);
    alternative.patches_per_side = side;
    alternative.patch_layers = choice->layers;
    alternative.stage_macs = choice->result.macs_whole;
    alternative.patched_macs = choice->result.macs_patched;
    alternatives.push_back(std::move(alternative));
  }

  if (!facts.element_bits.empty()) {
    DERIVE_TRY(const memplan::WidthResult narrow, memplan::with_element_bits(buffers, facts.element_bits, 4));
    if (narrow.resized > 0) {
      DERIVE_TRY(Arenas planned, arenas(narrow.buffers, options));
      // Narrower buffers with the same lifetimes fit the unchanged plan's
      // offsets (each buffer only shrinks, and the offsets stay aligned), so
      // the smallest plan found is never above today's, whatever the
      // heuristics give on the new sizes.
      planned.best = std::min(planned.best, best.arena_bytes);
      alternatives.push_back(arena_alternative("int4-activations",
                                               "store " + std::to_string(narrow.resized) +
                                                   " activation buffers as int4 (kernel support varies by "
                                                   "runtime)",
                                               planned));
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
