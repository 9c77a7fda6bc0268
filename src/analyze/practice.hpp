// "Practise on this layer": the catalogue's exercises that ask about a layer
// of this kind, with the parameter values read from the layer, so the
// learner works the question on the numbers of their own model. A question is
// offered only when what it asks is what the layer is (docs/analyzer.md,
// "Practice"): its answer must be the layer's own cost as the analyzer
// counts it (tests/analyze/practice_test.cpp checks this on every layer of
// every shared model).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "derive/exercise/given.hpp"
#include "derive/graph/cost.hpp"
#include "derive/graph/model.hpp"

namespace derive::analyze {

struct Practice {
  std::string exercise;  // a catalogue id: "count.conv-params"
  GivenParams params;    // for instantiate_with, in the exercise's declaration order
};

// The exercises for the operator `layer` costs (operator layer.index of `g`):
//   CONV_2D / Conv with groups 1 and a square kernel: count.conv-params (with
//     a constant bias the layer owns: the prompt says "with a bias"),
//     count.conv-macs and mcu.im2col-size (square output, batch 1);
//   DEPTHWISE_CONV_2D followed by a 1x1 pointwise convolution of the same
//     square output: count.separable-ratio;
//   FULLY_CONNECTED / Gemm with a bias it owns: count.linear-params;
//   an INT8 convolution whose input and output have the same square map:
//     mcu.peak-sram (the prompt says INT8 and the same height and width).
// Each is built with instantiate_with and kept only if it builds. REQUIRES:
// layer is an entry of model_cost of a model holding g, with layer.subgraph g's.
std::vector<Practice> layer_practice(const graph::Subgraph& g, const graph::LayerCost& layer);

}  // namespace derive::analyze
