// layer_practice: which catalogue questions a layer is, and with which numbers
// (practice.hpp). Every rule reads the dimensions where the operator's layout
// puts them (graph::Layout, op.hpp), as the cost rules of src/graph/cost.cpp do.
#include "analyze/practice.hpp"

#include <optional>

#include "derive/exercise/exercise.hpp"

namespace derive::analyze {
namespace {

using graph::Layout;
using graph::OpKind;
using graph::Tensor;

const Tensor* input_at(const graph::Subgraph& g, const graph::Operator& op, std::size_t k) {
  if (k >= op.inputs.size() || op.inputs[k] < 0) return nullptr;
  return &g.tensors[static_cast<std::size_t>(op.inputs[k])];
}

const Tensor* only_output(const graph::Subgraph& g, const graph::Operator& op) {
  if (op.outputs.size() != 1) return nullptr;
  return &g.tensors[static_cast<std::size_t>(op.outputs[0])];
}

bool is_constant(const Tensor* tensor) {
  return tensor != nullptr && tensor->role == graph::TensorRole::constant;
}

std::int64_t elements(const Tensor* tensor) {
  if (tensor == nullptr) return 0;
  auto count = graph::element_count(*tensor);
  return count ? *count : -1;
}

// A 2-D convolution's dimensions, read as cost.cpp's conv_macs reads them.
struct Conv {
  std::int64_t batch, in_channels, out_channels, kernel_h, kernel_w, groups;
  std::int64_t in_h, in_w, out_h, out_w;
  const Tensor *in, *filter, *bias, *out;
  bool square_kernel() const { return kernel_h == kernel_w; }
  bool square_output() const { return out_h == out_w; }
};

std::optional<Conv> conv_of(const graph::Subgraph& g, const graph::Operator& op) {
  if (op.kind != OpKind::conv2d && op.kind != OpKind::depthwise_conv2d) return std::nullopt;
  const Tensor* in = input_at(g, op, 0);
  const Tensor* filter = input_at(g, op, 1);
  const Tensor* out = only_output(g, op);
  if (in == nullptr || !is_constant(filter) || out == nullptr || in->shape.size() != 4 ||
      filter->shape.size() != 4 || out->shape.size() != 4)
    return std::nullopt;
  const bool nchw = op.attributes.layout == Layout::nchw;
  const bool depthwise = op.kind == OpKind::depthwise_conv2d;
  const std::size_t c = nchw ? 1 : 3, h = nchw ? 2 : 1, w = nchw ? 3 : 2;
  const auto& f = filter->shape;
  Conv conv{};
  conv.batch = out->shape[0];
  conv.in_channels = in->shape[c];
  conv.out_channels = out->shape[c];
  conv.kernel_h = nchw ? f[2] : f[1];
  conv.kernel_w = nchw ? f[3] : f[2];
  conv.in_h = in->shape[h];
  conv.in_w = in->shape[w];
  conv.out_h = out->shape[h];
  conv.out_w = out->shape[w];
  const std::int64_t per_group = nchw ? f[1] : (depthwise ? 1 : f[3]);
  if (per_group <= 0 || conv.in_channels <= 0 || conv.in_channels % per_group != 0) return std::nullopt;
  conv.groups = conv.in_channels / per_group;
  conv.in = in;
  conv.filter = filter;
  conv.out = out;
  const Tensor* bias = input_at(g, op, 2);
  conv.bias = is_constant(bias) && elements(bias) == conv.out_channels ? bias : nullptr;
  return conv;
}

// The layer's params are its own filter (and bias) and nothing else: a weight
// shared with an earlier layer is counted there (cost.hpp), and a question on
// this layer would then give another count than the analyzer's.
bool owns(const graph::LayerCost& cost, const Tensor* weights, const Tensor* bias) {
  return cost.params == elements(weights) + elements(bias);
}

Value count(std::int64_t n) { return Value::integer(n); }

void standard_conv(const Conv& conv, const graph::LayerCost& cost, std::vector<Practice>& out) {
  if (conv.groups != 1 || !conv.square_kernel() || conv.batch != 1) return;
  const Value kernel = count(conv.kernel_h), in = count(conv.in_channels), oc = count(conv.out_channels);
  if (conv.bias != nullptr && owns(cost, conv.filter, conv.bias))
    out.push_back({"count.conv-params",
                   {{"kernel", kernel}, {"in_channels", in}, {"out_channels", oc}, {"bias", Value(true)}}});
  if (!conv.square_output()) return;
  const Value size = count(conv.out_h);
  out.push_back({"count.conv-macs",
                 {{"kernel", kernel}, {"in_channels", in}, {"out_channels", oc}, {"out_height", size}}});
  out.push_back({"mcu.im2col-size", {{"kernel", kernel}, {"in_channels", in}, {"out_height", size}}});
}

bool is_byte_integer(const Tensor* tensor) {
  return tensor->dtype == graph::DType::int8 || tensor->dtype == graph::DType::uint8;
}

// The prompt: an INT8 convolution reads C_in x H x W and writes C_out x H x W.
void peak_sram(const Conv& conv, std::vector<Practice>& out) {
  if (conv.batch != 1 || conv.in->shape[0] != 1 || !is_byte_integer(conv.in) || !is_byte_integer(conv.out))
    return;
  if (conv.in_h != conv.out_h || conv.in_w != conv.out_w || !conv.square_output()) return;
  out.push_back({"mcu.peak-sram",
                 {{"in_channels", count(conv.in_channels)},
                  {"out_channels", count(conv.out_channels)},
                  {"height", count(conv.out_h)},
                  {"bytes_per_value", count(1)}}});
}

// The operator after `index` that reads its output, looking through one
// activation (ONNX writes Relu as an operator of its own).
std::optional<std::size_t> consumer(const graph::Subgraph& g, std::size_t index,
                                    bool through_activation = true) {
  const std::int32_t produced = g.operators[index].outputs.empty() ? -1 : g.operators[index].outputs[0];
  for (std::size_t j = index + 1; j < g.operators.size(); ++j) {
    const graph::Operator& next = g.operators[j];
    if (next.inputs.empty() || next.inputs[0] != produced) continue;
    if (next.kind == OpKind::activation && through_activation) return consumer(g, j, false);
    return j;
  }
  return std::nullopt;
}

// A depthwise convolution (multiplier 1) and the 1x1 pointwise convolution
// that reads its output: the separable block the exercise compares with a
// standard convolution.
void separable(const graph::Subgraph& g, std::size_t index, const Conv& dw, std::vector<Practice>& out) {
  if (dw.groups != dw.in_channels || dw.out_channels != dw.in_channels || !dw.square_kernel() ||
      !dw.square_output() || dw.batch != 1)
    return;
  const auto next = consumer(g, index);
  if (!next) return;
  const auto pw = conv_of(g, g.operators[*next]);
  if (!pw || g.operators[*next].kind != OpKind::conv2d || pw->groups != 1 || pw->kernel_h != 1 ||
      pw->kernel_w != 1 || pw->in_channels != dw.out_channels || pw->out_h != dw.out_h ||
      pw->out_w != dw.out_w || pw->batch != 1)
    return;
  out.push_back({"count.separable-ratio",
                 {{"kernel", count(dw.kernel_h)},
                  {"in_channels", count(dw.in_channels)},
                  {"out_channels", count(pw->out_channels)},
                  {"out_height", count(dw.out_h)}}});
}

// TFLite FULLY_CONNECTED (weights [out, in]) and ONNX Gemm (B [K, N], or
// [N, K] with transB), with a bias of one value per output.
void linear(const graph::Subgraph& g, const graph::Operator& op, const graph::LayerCost& cost,
            std::vector<Practice>& out) {
  if (op.kind != OpKind::fully_connected) return;
  const Tensor* weights = input_at(g, op, 1);
  const Tensor* bias = input_at(g, op, 2);
  if (!is_constant(weights) || weights->shape.size() != 2 || !is_constant(bias)) return;
  const bool gemm = op.attributes.layout == Layout::nchw;
  const bool out_first = !gemm || op.attributes.transpose_b;
  const std::int64_t outputs = weights->shape[out_first ? 0 : 1];
  const std::int64_t inputs = weights->shape[out_first ? 1 : 0];
  if (elements(bias) != outputs || !owns(cost, weights, bias)) return;
  out.push_back({"count.linear-params",
                 {{"in_features", count(inputs)}, {"out_features", count(outputs)}, {"bias", Value(true)}}});
}

}  // namespace

std::vector<Practice> layer_practice(const graph::Subgraph& g, const graph::LayerCost& layer) {
  const auto index = static_cast<std::size_t>(layer.index);
  const graph::Operator& op = g.operators[index];
  std::vector<Practice> candidates;
  if (const auto conv = conv_of(g, op)) {
    if (op.kind == OpKind::conv2d) standard_conv(*conv, layer, candidates);
    if (op.kind == OpKind::depthwise_conv2d) separable(g, index, *conv, candidates);
    peak_sram(*conv, candidates);
  }
  linear(g, op, layer, candidates);
  std::vector<Practice> built;
  for (Practice& practice : candidates) {
    const Exercise* exercise = builtin_catalogue().find(practice.exercise);
    if (exercise != nullptr && instantiate_with(*exercise, practice.params, Texts::LastStep))
      built.push_back(std::move(practice));
  }
  return built;
}

}  // namespace derive::analyze
