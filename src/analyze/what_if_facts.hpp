// The facts the what-ifs need (boards::WhatIfFacts, memplan/what_if.hpp),
// read off an imported graph: which depthwise convolutions could run in
// place, which first layers form a chain that patches could cover, and the
// element width of every planned buffer.
#pragma once

#include "boards/fit.hpp"
#include "derive/graph/cost.hpp"
#include "derive/graph/lifetimes.hpp"
#include "derive/graph/model.hpp"

namespace derive::analyze {

// From subgraph 0 (control-flow subgraphs are left out: their buffers live
// inside the calling operator's lifetime and are not rewritten):
// - in_place: every depthwise convolution whose input and output are planned
//   buffers; TinyEngine's temporary is one output channel plane.
// - patch_stage: the longest chain from operator 0 of convolutions, depthwise
//   convolutions, pools, activations and element-wise ops over constants,
//   each reading the one before it, batch 1, with known costs, at most 16;
//   what_if_alternatives picks the prefix that patches best.
// - element_bits: 8 or 16 for integer activation buffers (int8, uint8, int16,
//   uint16), 0 for float, int32 and scratch buffers (left at their size).
// - weight_bytes and weight_bits from the totals (the mean stored width).
boards::WhatIfFacts what_if_facts(const graph::Model& model, const graph::ModelCost& cost,
                                  const graph::TflmBuffers& planned);

}  // namespace derive::analyze
