// Does a model fit a board? SRAM: the planned arena against the board's arena
// limit (the largest contiguous on-chip region: TFLM's arena is one block).
// Flash: the model file, which TFLM reads in place from flash (weights and
// graph together), against the board's flash. And, when it does not fit,
// which of the caller's alternatives (another planner, in-place depthwise,
// patches, int4) would.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "boards/board.hpp"
#include "derive/result.hpp"
#include "memplan/buffers.hpp"
#include "memplan/what_if.hpp"

namespace derive::boards {

// What a model needs on the device.
struct Footprint {
  std::int64_t arena_bytes = 0;  // the planned arena (memplan::Plan::arena_bytes: TFLM's head)
  // TFLM's tail: persistent allocations (tensor and node structs, kernel
  // state, variable tensors), which depend on the target and the TFLM build.
  // An estimate when the caller has one; 0: not counted (and said so).
  std::int64_t tail_bytes_estimate = 0;
  std::int64_t model_bytes = 0;  // the model file in flash
  // The firmware's code and constants (the TFLM runtime, the application).
  // An estimate when the caller has one; 0: not counted (and said so).
  std::int64_t firmware_bytes_estimate = 0;
};

// The same model changed one way, and what it then needs.
struct Alternative {
  std::string id;  // "planner:best", "in-place-depthwise", "patches:3x3", "int4-activations", "int4-weights"
  std::string description;  // for people, with the numbers that matter ("+12.5% MACs in the first 5 layers")
  Footprint footprint;  // for the arena what-ifs, arena_bytes is the rewritten buffers planned with `best`
  // True for the what-ifs that rewrite the buffers (in-place-depthwise,
  // patches:PxP, int4-activations); false for planner:best and int4-weights.
  bool rewrites_buffers = false;
  // For those: the same rewritten buffers planned with tflm-greedy, what TFLM
  // itself would give once the runtime supported the change.
  std::int64_t tflm_greedy_arena_bytes = 0;
  // patches:PxP: P, the k first layers patched, and those layers' MACs run
  // whole and patch by patch (the difference is MCUNetV2's halo overhead).
  int patches_per_side = 0;
  std::size_t patch_layers = 0;
  std::int64_t stage_macs = 0;
  std::int64_t patched_macs = 0;
};

struct FitReport {
  std::int64_t sram_needed_bytes = 0;   // arena + tail estimate
  std::int64_t flash_needed_bytes = 0;  // model + firmware estimate
  std::int64_t arena_limit_bytes = 0;
  std::int64_t flash_bytes = 0;
  bool fits_sram = false;
  bool fits_flash = false;
  std::int64_t sram_margin_bytes = 0;   // arena_limit_bytes - sram_needed_bytes (negative: short by)
  std::int64_t flash_margin_bytes = 0;  // flash_bytes - flash_needed_bytes
  // The alternatives under which the model fits both, least SRAM first; empty
  // when the model fits as it is (nothing needed) or when none helps.
  std::vector<Alternative> would_fit;
  // What the verdict leaves out or assumes, in sentences.
  std::vector<std::string> notes;
  bool fits() const { return fits_sram && fits_flash; }
};

// REQUIRES: every byte count >= 0.
FitReport check_fit(const Board& board, const Footprint& footprint,
                    std::span<const Alternative> alternatives = {});

// The facts the what-ifs need, from the caller (an importer reads them off the
// graph; see memplan/what_if.hpp for each). Empty facts skip that what-if.
struct WhatIfFacts {
  std::string planner = "tflm-greedy";              // the planner the footprint's arena came from
  std::vector<memplan::InPlaceCandidate> in_place;  // depthwise convolutions
  // The first layers, as a chain; each patches:PxP alternative patches the
  // prefix of it (k layers) whose patched buffers have the smallest lower bound.
  std::vector<memplan::PatchLayer> patch_stage;
  std::vector<int> patches_per_side = {2, 3, 4};
  std::vector<int> element_bits;  // per buffer; for int4 activations
  std::int64_t weight_bytes = 0;  // constant tensors' bytes in the model file
  int weight_bits = 8;            // their element width
};

// One Alternative per what-if that applies, each planned with `best`:
// "planner:best" (when best beats the footprint's planner), "in-place-depthwise",
// "patches:PxP" for each side that is valid (for each P, the prefix of
// patch_stage, at least one layer, whose patched buffers have the smallest
// live-set lower bound, the shorter on a tie, listed when its `best` arena is
// below the unpatched `best` arena; a prefix that cannot be patched, as when
// a branch leaves it, is skipped), "int4-activations", "int4-weights" (flash
// only: the file with its weights repacked at 4 bits). `best` is today's
// plan_buffers("best", buffers, options), which the caller has already made
// (analyze plans every strategy anyway), so it is not planned twice. An error
// only for invalid buffers or facts, or a `best` that is not such a plan.
Result<std::vector<Alternative>> what_if_alternatives(std::span<const memplan::BufferRequest> buffers,
                                                      const memplan::PlanOptions& options,
                                                      const Footprint& footprint, const WhatIfFacts& facts,
                                                      const memplan::Plan& best);

}  // namespace derive::boards
