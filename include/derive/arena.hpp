// The activation arena of a small network whose buffers each live over a range
// of operator steps: the offsets of TensorFlow Lite Micro's greedy planner, the
// arena they need, and the live-set lower bound no placement can beat.
//
// A buffer i has sizes[i] bytes and is alive from step first_use[i] to step
// last_use[i], both inclusive; two buffers overlap in time when their ranges
// share a step, and then they must not share bytes.
#pragma once

#include <vector>

#include "derive/result.hpp"

namespace derive {

// Offsets of first-fit greedy placement as TFLM's GreedyMemoryPlanner does it
// (tensorflow/tflite-micro, tensorflow/lite/micro/memory_planner/
// greedy_memory_planner.cc): buffers largest first (equal sizes: the later
// buffer first); each goes at the lowest offset, scanning the placed buffers
// alive at the same time in increasing offset, whose gap holds it.
// Both this and src/memplan/tflm_greedy.cpp (the full planner, offline
// buffers too) place with derive/first_fit.hpp; a test checks the offsets agree.
// REQUIRES: three lists of one length >= 1; sizes finite and >= 0; steps
// finite, first_use[i] <= last_use[i] (any unit of size: bytes or KB).
Result<std::vector<double>> first_fit_offsets(const std::vector<double>& sizes,
                                              const std::vector<double>& first_use,
                                              const std::vector<double>& last_use);

// max(offset + size) over the buffers placed by first_fit_offsets.
Result<double> first_fit_arena_bytes(const std::vector<double>& sizes, const std::vector<double>& first_use,
                                     const std::vector<double>& last_use);

// The largest total of the buffers alive at one step (derive/first_fit.hpp's
// peak_at_starts, as memplan's live_set_lower_bound): every placement needs at
// least this much (Pisarchyk & Lee, 2020, "Efficient Memory Management for Deep
// Neural Net Inference", sec. 3: the lower bound of the offset problem).
Result<double> live_set_peak_bytes(const std::vector<double>& sizes, const std::vector<double>& first_use,
                                   const std::vector<double>& last_use);

}  // namespace derive
