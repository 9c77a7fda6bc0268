// what_if_facts: the graph read for the what-ifs (what_if_facts.hpp).
#include "analyze/what_if_facts.hpp"

#include <algorithm>
#include <optional>

namespace derive::analyze {
namespace {

using graph::Layout;
using graph::Operator;
using graph::OpKind;
using graph::Subgraph;
using graph::Tensor;

struct Spatial {
  int height = 0;
  int width = 0;
};

// Height and width of a batch-1 4-D activation in the operator's layout.
std::optional<Spatial> spatial(const Tensor& tensor, Layout layout) {
  const auto& s = tensor.shape;
  if (s.size() != 4 || s[0] != 1) return std::nullopt;
  const std::int64_t h = layout == Layout::nchw ? s[2] : s[1];
  const std::int64_t w = layout == Layout::nchw ? s[3] : s[2];
  if (h < 1 || w < 1 || h > (1 << 20) || w > (1 << 20)) return std::nullopt;
  return Spatial{static_cast<int>(h), static_cast<int>(w)};
}

const Tensor* tensor_at(const Subgraph& g, std::int32_t index) {
  return index < 0 ? nullptr : &g.tensors[static_cast<std::size_t>(index)];
}

// The kernel of a convolution (from its filter, by layout: TFLite OHWI and
// 1HWC, ONNX OIHW) or a pool (its window; a global pool's window is its input).
std::optional<Spatial> kernel_of(const Subgraph& g, const Operator& op, Spatial in) {
  switch (op.kind) {
    case OpKind::conv2d:
    case OpKind::depthwise_conv2d: {
      const Tensor* filter = op.inputs.size() > 1 ? tensor_at(g, op.inputs[1]) : nullptr;
      if (filter == nullptr || filter->shape.size() != 4) return std::nullopt;
      const bool nchw = op.attributes.layout == Layout::nchw;
      const std::int64_t kh = filter->shape[nchw ? 2 : 1], kw = filter->shape[nchw ? 3 : 2];
      if (kh < 1 || kw < 1 || kh > (1 << 20) || kw > (1 << 20)) return std::nullopt;
      return Spatial{static_cast<int>(kh), static_cast<int>(kw)};
    }
    case OpKind::average_pool2d:
    case OpKind::max_pool2d:
      if (op.attributes.filter_h <= 0 || op.attributes.filter_w <= 0) return in;
      if (op.attributes.filter_h > (1 << 20) || op.attributes.filter_w > (1 << 20)) return std::nullopt;
      return Spatial{static_cast<int>(op.attributes.filter_h), static_cast<int>(op.attributes.filter_w)};
    case OpKind::activation:
    case OpKind::elementwise:
      return Spatial{1, 1};
    default:
      return std::nullopt;
  }
}

// Rows (or columns) of padding before the first input row: TFLite SAME pads
// max(0, (out - 1) * stride + (kernel - 1) * dilation + 1 - in) in total, the
// smaller half first (tensorflow/lite/kernels/padding.h); explicit pads give
// it; VALID has none.
int pad_before(const Operator& op, int in, int out, int kernel, std::int64_t stride, std::int64_t dilation,
               int axis) {
  switch (op.attributes.padding) {
    case graph::Padding::valid:
      return 0;
    case graph::Padding::explicit_pads:
      return static_cast<int>(std::clamp<std::int64_t>(op.attributes.pads[axis], 0, 1 << 20));
    case graph::Padding::same:
      break;
  }
  const std::int64_t total = (out - 1) * stride + (kernel - 1) * dilation + 1 - in;
  return static_cast<int>(std::clamp<std::int64_t>(total / 2, 0, 1 << 20));
}

// The other operands of an element-wise op or activation are constants (a
// bias, a PRELU slope): only then is it a link of a chain.
bool other_inputs_constant(const Subgraph& g, const Operator& op) {
  for (std::size_t k = 1; k < op.inputs.size(); ++k) {
    const Tensor* t = tensor_at(g, op.inputs[k]);
    if (t != nullptr && t->role != graph::TensorRole::constant) return false;
  }
  return true;
}

// MCUNetV2 patches the initial stage only (its fig. 5 and sec. 3.1: the first
// blocks, whose feature maps are the largest); a longer chain is cut here so
// the prefix search stays within milliseconds.
constexpr std::size_t kMaxPatchLayers = 16;

std::vector<memplan::PatchLayer> patch_stage(const Subgraph& g, const graph::ModelCost& cost,
                                             const graph::TflmBuffers& planned) {
  std::vector<memplan::PatchLayer> stage;
  const std::vector<std::int32_t>& buffer_of = planned.buffer_of[0];
  for (std::size_t i = 0; i < g.operators.size() && i < planned.main_steps.size() && i < kMaxPatchLayers;
       ++i) {
    const Operator& op = g.operators[i];
    const graph::LayerCost& layer = cost.layers[i];  // subgraph 0's layers come first
    if (!layer.uncosted_reason.empty() || op.inputs.empty() || op.outputs.size() != 1) break;
    if ((op.kind == OpKind::activation || op.kind == OpKind::elementwise) && !other_inputs_constant(g, op))
      break;
    const std::int32_t in_buffer = op.inputs[0] < 0 ? -1 : buffer_of[static_cast<std::size_t>(op.inputs[0])];
    const std::int32_t out_buffer = buffer_of[static_cast<std::size_t>(op.outputs[0])];
    if (in_buffer < 0 || out_buffer < 0) break;
    if (!stage.empty() && static_cast<std::size_t>(in_buffer) != stage.back().output_buffer) break;
    const Layout layout = op.attributes.layout;
    const auto in = spatial(*tensor_at(g, op.inputs[0]), layout);
    const auto out = spatial(*tensor_at(g, op.outputs[0]), layout);
    if (!in || !out) break;
    const auto kernel = kernel_of(g, op, *in);
    if (!kernel) break;
    const graph::Attributes& a = op.attributes;
    if (a.stride_h < 1 || a.stride_w < 1 || a.dilation_h < 1 || a.dilation_w < 1 || a.stride_h > (1 << 20) ||
        a.stride_w > (1 << 20) || a.dilation_h > (1 << 20) || a.dilation_w > (1 << 20))
      break;
    memplan::PatchLayer p;
    p.input_buffer = static_cast<std::size_t>(in_buffer);
    p.output_buffer = static_cast<std::size_t>(out_buffer);
    p.step = planned.main_steps[i];
    p.in_height = in->height;
    p.in_width = in->width;
    p.out_height = out->height;
    p.out_width = out->width;
    p.kernel_h = kernel->height;
    p.kernel_w = kernel->width;
    p.stride_h = static_cast<int>(a.stride_h);
    p.stride_w = static_cast<int>(a.stride_w);
    p.dilation_h = static_cast<int>(a.dilation_h);
    p.dilation_w = static_cast<int>(a.dilation_w);
    p.pad_top = pad_before(op, in->height, out->height, kernel->height, a.stride_h, a.dilation_h, 0);
    p.pad_left = pad_before(op, in->width, out->width, kernel->width, a.stride_w, a.dilation_w, 1);
    p.macs = layer.macs;
    if (p.macs % (std::int64_t{p.out_height} * p.out_width) != 0) break;
    stage.push_back(p);
  }
  return stage;
}

std::vector<memplan::InPlaceCandidate> in_place_candidates(const Subgraph& g,
                                                           const graph::TflmBuffers& planned) {
  std::vector<memplan::InPlaceCandidate> candidates;
  const std::vector<std::int32_t>& buffer_of = planned.buffer_of[0];
  for (std::size_t i = 0; i < g.operators.size() && i < planned.main_steps.size(); ++i) {
    const Operator& op = g.operators[i];
    if (op.kind != OpKind::depthwise_conv2d || op.inputs.empty() || op.inputs[0] < 0 ||
        op.outputs.size() != 1)
      continue;
    const std::int32_t in_buffer = buffer_of[static_cast<std::size_t>(op.inputs[0])];
    const std::int32_t out_buffer = buffer_of[static_cast<std::size_t>(op.outputs[0])];
    const Tensor& output = *tensor_at(g, op.outputs[0]);
    const auto out = spatial(output, op.attributes.layout);
    const auto bits = graph::dtype_bits(output.dtype);
    if (in_buffer < 0 || out_buffer < 0 || !out || !bits || *bits < 8) continue;
    candidates.push_back({static_cast<std::size_t>(in_buffer), static_cast<std::size_t>(out_buffer),
                          planned.main_steps[i], std::int64_t{out->height} * out->width * (*bits / 8)});
  }
  return candidates;
}

std::vector<int> element_bits(const graph::Model& model, const graph::TflmBuffers& planned) {
  std::vector<int> bits(planned.buffers.size(), 0);
  for (std::size_t s = 0; s < planned.buffer_of.size(); ++s) {
    for (std::size_t t = 0; t < planned.buffer_of[s].size(); ++t) {
      const std::int32_t b = planned.buffer_of[s][t];
      if (b < 0) continue;
      switch (model.subgraphs[s].tensors[t].dtype) {
        case graph::DType::int8:
        case graph::DType::uint8:
          bits[static_cast<std::size_t>(b)] = 8;
          break;
        case graph::DType::int16:
        case graph::DType::uint16:
          bits[static_cast<std::size_t>(b)] = 16;
          break;
        default:
          break;
      }
    }
  }
  return bits;
}

}  // namespace

boards::WhatIfFacts what_if_facts(const graph::Model& model, const graph::ModelCost& cost,
                                  const graph::TflmBuffers& planned) {
  boards::WhatIfFacts facts;
  const Subgraph& main = graph::main_subgraph(model);
  facts.in_place = in_place_candidates(main, planned);
  facts.patch_stage = patch_stage(main, cost, planned);
  facts.element_bits = element_bits(model, planned);
  facts.weight_bytes = cost.weight_bytes;
  // The weights' mean element width (32 for a float model, about 8 for int8
  // weights with int32 biases), so the int4 what-if repacks the right count.
  if (cost.params > 0)
    facts.weight_bits =
        static_cast<int>(std::clamp<std::int64_t>(cost.weight_bytes * 8 / cost.params, 1, 64));
  return facts;
}

}  // namespace derive::analyze
