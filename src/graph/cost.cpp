// Per-operator costs by the engine's formulas (derive/layers.hpp). Each
// operator carries the layout its format's specification gives its operands
// (graph::Layout, op.hpp): TFLite's NHWC activations with OHWI,
// 1HW(C*multiplier) and [out, in] weights, or ONNX's NCHW activations with
// OIHW weights and Gemm's transA / transB. The rules below read the channel,
// spatial and kernel dimensions from where that layout puts them; the shapes
// stay as the file gives them.
#include "derive/graph/cost.hpp"

#include <initializer_list>
#include <set>
#include <string>

#include "derive/layers.hpp"

namespace derive::graph {

namespace {

const Tensor* input_tensor(const Subgraph& g, const Operator& op, std::size_t k) {
  if (k >= op.inputs.size() || op.inputs[k] < 0) return nullptr;
  return &g.tensors[static_cast<std::size_t>(op.inputs[k])];
}
const Tensor* output_tensor(const Subgraph& g, const Operator& op) {
  if (op.outputs.empty()) return nullptr;
  return &g.tensors[static_cast<std::size_t>(op.outputs[0])];
}

std::string shape_text(const Tensor* tensor) {
  if (tensor == nullptr) return "absent";
  std::string text = "[";
  for (std::size_t i = 0; i < tensor->shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(tensor->shape[i]);
  return text + "]";
}

// What the layout makes the operator expect, for errors.
std::string layout_text(const Operator& op) {
  const bool onnx = op.attributes.layout == Layout::nchw;
  switch (op.kind) {
    case OpKind::transpose_conv2d:
      return onnx ? "NCHW activations, weight [C, M/group, kh, kw]"
                  : "NHWC activations, weights [out, kh, kw, in]";
    case OpKind::conv2d:
      return onnx ? "NCHW activations, OIHW weight [M, C/group, kh, kw]"
                  : "NHWC activations, OHWI filter [out, kh, kw, in/groups]";
    case OpKind::depthwise_conv2d:
      return onnx ? "NCHW activations, weight [C*multiplier, 1, kh, kw]"
                  : "NHWC activations, filter [1, kh, kw, C*multiplier]";
    case OpKind::fully_connected:
      return onnx ? "Gemm A [M, K] ([K, M] with transA), B [K, N] ([N, K] with transB)" : "weights [out, in]";
    case OpKind::batch_matmul:
      return "matmul [..., M, K] x [..., K, N]";
    default:
      return std::string(layout_name(op.attributes.layout));
  }
}

Error shape_error(const std::string& expected, std::initializer_list<const Tensor*> got) {
  std::string shapes;
  for (const Tensor* tensor : got) shapes += (shapes.empty() ? "" : ", ") + shape_text(tensor);
  return make_error("expected " + expected + "; got " + shapes);
}

// macs * window * batch, or an error when it passes
// 2^63 - 1 (the window and the batch come from dimensions of the file).
Result<std::int64_t> scaled(std::int64_t macs, std::int64_t window, std::int64_t batch) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(macs, window, &product) || __builtin_mul_overflow(product, batch, &product))
    return make_error("MAC count past 2^63 - 1 (" + std::to_string(macs) + " x " + std::to_string(window) +
                      " x " + std::to_string(batch) + ")");
  return product;
}

// Convolutions (the engine's conv2d_macs and depthwise_conv2d_macs: kernel^2 *
// (C_in / groups) * C_out * H_out * W_out, per batch item). The engine takes a
// square kernel; a kh x kw kernel costs kh * kw times its 1 x 1 count (the
// same sum over the window).
Result<std::int64_t> conv_macs(const Subgraph& g, const Operator& op) {
  const Tensor* in = input_tensor(g, op, 0);
  const Tensor* filter = input_tensor(g, op, 1);
  const Tensor* out = output_tensor(g, op);
  if (in == nullptr || filter == nullptr || out == nullptr || in->shape.size() != 4 ||
      filter->shape.size() != 4 || out->shape.size() != 4) {
    return shape_error("4-D input, filter and output (input, filter, output)", {in, filter, out});
  }
  const bool nchw = op.attributes.layout == Layout::nchw;
  const auto& f = filter->shape;
  // Channel and spatial positions of the layout.
  const std::size_t c = nchw ? 1 : 3, h = nchw ? 2 : 1, w = nchw ? 3 : 2;
  const std::int64_t batch = out->shape[0], oh = out->shape[h], ow = out->shape[w], oc = out->shape[c];
  const std::int64_t ic = in->shape[c];
  const std::int64_t kh = nchw ? f[2] : f[1], kw = nchw ? f[3] : f[2];
  // Filter's count of output channels and of input channels per group.
  const bool depthwise = op.kind == OpKind::depthwise_conv2d;
  const std::int64_t filter_out = nchw ? f[0] : (depthwise ? f[3] : f[0]);
  const std::int64_t per_group = nchw ? f[1] : (depthwise ? 1 : f[3]);
  if (batch <= 0 || oh <= 0 || ow <= 0 || ic <= 0 || kh <= 0 || kw <= 0)
    return shape_error("known positive dimensions (input, filter, output)", {in, filter, out});
  if (filter_out != oc)
    return shape_error("the filter's " + std::to_string(filter_out) +
                           " output channels to equal the output's " + std::to_string(oc) +
                           " (input, filter, output)",
                       {in, filter, out});
  if (per_group <= 0 || ic % per_group != 0)
    return shape_error("input channels (" + std::to_string(ic) +
                           ") divisible by the filter's input channels per group (" +
                           std::to_string(per_group) + ") (input, filter)",
                       {in, filter});
  const std::int64_t groups = ic / per_group;
  if (oc % groups != 0)
    return shape_error("output channels (" + std::to_string(oc) + ") divisible by the " +
                           std::to_string(groups) + " groups (input, filter, output)",
                       {in, filter, out});
  const bool square = kh == kw;
  const std::int64_t k = square ? kh : 1;
  std::int64_t window = 1;
  if (!square && __builtin_mul_overflow(kh, kw, &window))
    return shape_error("a kernel whose kh x kw fits in 63 bits (filter)", {filter});
  if (depthwise && groups == ic) {
    DERIVE_TRY(const std::int64_t macs, depthwise_conv2d_macs(k, oc, oh, ow));
    return scaled(macs, window, batch);
  }
  DERIVE_TRY(const std::int64_t macs, conv2d_macs(k, ic, oc, oh, ow, groups));
  return scaled(macs, window, batch);
}

// Transposed convolutions (Dumoulin & Visin 2016, "A guide to convolution
// arithmetic for deep learning", ch. 4: the transpose of a convolution's
// matrix): every input value is multiplied by a kh x kw kernel for each of
// the C_out / groups output channels of its group, so MACs =
// N * H_in * W_in * C_in * (C_out / groups) * kh * kw. ONNX ConvTranspose:
// X input 0 (NCHW), W input 1 [C_in, C_out/group, kh, kw]. TFLite
// TRANSPOSE_CONV: output_shape input 0, weights input 1 [C_out, kh, kw, C_in],
// input 2 (NHWC), no groups.
Result<std::int64_t> transpose_conv_macs(const Subgraph& g, const Operator& op) {
  const bool nchw = op.attributes.layout == Layout::nchw;
  const Tensor* in = input_tensor(g, op, nchw ? 0 : 2);
  const Tensor* filter = input_tensor(g, op, 1);
  if (in == nullptr || filter == nullptr || in->shape.size() != 4 || filter->shape.size() != 4)
    return shape_error("4-D input and weights (input, weights)", {in, filter});
  const auto& f = filter->shape;
  const std::int64_t ic = nchw ? in->shape[1] : in->shape[3];
  const std::int64_t out_per_group = nchw ? f[1] : f[0];
  const std::int64_t kh = nchw ? f[2] : f[1], kw = nchw ? f[3] : f[2];
  const std::int64_t weight_in = nchw ? f[0] : f[3];
  if (weight_in != ic || out_per_group <= 0 || kh <= 0 || kw <= 0)
    return shape_error("the weights' " + std::to_string(weight_in) + " input channels to equal the input's " +
                           std::to_string(ic) + " (input, weights)",
                       {in, filter});
  DERIVE_TRY(const std::int64_t inputs, element_count(*in));
  std::int64_t window = 0;
  if (__builtin_mul_overflow(kh, kw, &window))
    return shape_error("a kernel whose kh x kw fits in 63 bits (weights)", {filter});
  DERIVE_TRY(const std::int64_t per_input, linear_macs(window, out_per_group));
  return scaled(per_input, inputs, 1);
}

// TFLite FULLY_CONNECTED (weights [units, in], any leading input dims) and
// ONNX Gemm (Y = A' B' with A' = transA ? A^T : A, B' likewise; A' is M x K,
// B' is K x N): linear_macs(K, N, rows) = K * N * rows.
Result<std::int64_t> fully_connected_macs(const Subgraph& g, const Operator& op) {
  const Tensor* a = input_tensor(g, op, 0);
  const Tensor* weights = input_tensor(g, op, 1);
  const Tensor* out = output_tensor(g, op);
  if (weights == nullptr || out == nullptr || weights->shape.size() != 2)
    return shape_error("2-D weights (weights, output)", {weights, out});
  if (op.attributes.layout == Layout::nchw) {
    if (a == nullptr || a->shape.size() != 2) return shape_error("2-D A and B (A, B)", {a, weights});
    const bool ta = op.attributes.transpose_a, tb = op.attributes.transpose_b;
    const std::int64_t m = ta ? a->shape[1] : a->shape[0], k = ta ? a->shape[0] : a->shape[1];
    const std::int64_t kb = tb ? weights->shape[1] : weights->shape[0];
    const std::int64_t n = tb ? weights->shape[0] : weights->shape[1];
    if (k != kb || m <= 0 || k <= 0 || n <= 0)
      return shape_error("A's K (" + std::to_string(k) + ") to equal B's (" + std::to_string(kb) + ") (A, B)",
                         {a, weights});
    return linear_macs(k, n, m);
  }
  DERIVE_TRY(const std::int64_t out_elements, element_count(*out));
  const std::int64_t units = weights->shape[0];
  if (units <= 0 || out_elements % units != 0)
    return shape_error("an output that is rows x " + std::to_string(units) + " units (weights, output)",
                       {weights, out});
  return linear_macs(weights->shape[1], units, out_elements / units);
}

// ONNX MatMul and TFLite BATCH_MATMUL: every output element is a K-long dot
// product (numpy.matmul; 1-D operands are promoted, batch dims broadcast), so
// MACs = elements(Y) * K. K is A's last dimension; TFLite's adj_x stores A as
// [..., K, M]: with M = Y[-2], K is A's dimension next to the one equal to M
// (when both equal M, K = M either way).
Result<std::int64_t> matmul_macs(const Subgraph& g, const Operator& op) {
  const Tensor* a = input_tensor(g, op, 0);
  const Tensor* b = input_tensor(g, op, 1);
  const Tensor* out = output_tensor(g, op);
  if (a == nullptr || b == nullptr || out == nullptr || a->shape.empty() || out->shape.empty())
    return shape_error("A of rank >= 1 and an output (A, B, output)", {a, b, out});
  const auto& as = a->shape;
  std::int64_t k = as.back();
  if (op.attributes.layout == Layout::nhwc && as.size() >= 2 && out->shape.size() >= 2 &&
      as[as.size() - 2] != out->shape[out->shape.size() - 2])
    k = as[as.size() - 2];
  if (k <= 0) return shape_error("a known, positive K (A, B, output)", {a, b, out});
  DERIVE_TRY(const std::int64_t out_elements, element_count(*out));
  return linear_macs(k, 1, out_elements);
}

// SVDF (Nakkiran et al. 2015; tensorflow/lite/kernels/svdf.cc): per batch row,
// the feature projection input x num_filters, then each filter's dot product
// with its memory of `memory_size` steps.
Result<std::int64_t> svdf_macs(const Subgraph& g, const Operator& op) {
  const Tensor* in = input_tensor(g, op, 0);
  const Tensor* features = input_tensor(g, op, 1);
  const Tensor* time = input_tensor(g, op, 2);
  if (in == nullptr || features == nullptr || time == nullptr || in->shape.size() != 2 ||
      features->shape.size() != 2 || time->shape.size() != 2) {
    return shape_error("2-D input, weights_feature and weights_time", {in, features, time});
  }
  const std::int64_t batch = in->shape[0], filters = features->shape[0];
  DERIVE_TRY(const std::int64_t projection, linear_macs(features->shape[1], filters, batch));
  DERIVE_TRY(const std::int64_t memory, linear_macs(time->shape[1], filters, batch));
  return projection + memory;
}

// UNIDIRECTIONAL_SEQUENCE_LSTM (tensorflow/lite/kernels/lstm_eval.cc): per
// time step and batch row, four gates each project the input (input_to_*
// weights [units, in]) and the previous output (recurrent_to_* [units, units]).
Result<std::int64_t> lstm_macs(const Subgraph& g, const Operator& op) {
  const Tensor* in = input_tensor(g, op, 0);
  const Tensor* input_to_output = input_tensor(g, op, 4);
  const Tensor* recurrent_to_output = input_tensor(g, op, 8);
  if (in == nullptr || input_to_output == nullptr || recurrent_to_output == nullptr ||
      in->shape.size() != 3 || input_to_output->shape.size() != 2 || recurrent_to_output->shape.size() != 2) {
    return shape_error("3-D input and 2-D input_to_output and recurrent_to_output weights",
                       {in, input_to_output, recurrent_to_output});
  }
  const std::int64_t rows = in->shape[0] * in->shape[1];
  const std::int64_t units = input_to_output->shape[0];
  DERIVE_TRY(const std::int64_t input_part, linear_macs(input_to_output->shape[1], 4 * units, rows));
  DERIVE_TRY(const std::int64_t recurrent_part, linear_macs(recurrent_to_output->shape[1], 4 * units, rows));
  return input_part + recurrent_part;
}

Result<std::int64_t> macs_of(const Subgraph& g, const Operator& op, LayerCost& cost) {
  switch (op.kind) {
    case OpKind::conv2d:
    case OpKind::depthwise_conv2d:
      return conv_macs(g, op);
    case OpKind::fully_connected:
      return fully_connected_macs(g, op);
    case OpKind::batch_matmul:
      return matmul_macs(g, op);
    case OpKind::svdf:
      return svdf_macs(g, op);
    case OpKind::lstm:
      cost.notes.push_back("gate products and activations are not MACs and are not counted");
      return lstm_macs(g, op);
    case OpKind::average_pool2d:
    case OpKind::max_pool2d:
    case OpKind::mean:
    case OpKind::elementwise:
    case OpKind::activation:
    case OpKind::softmax:
    case OpKind::data_movement:
    case OpKind::conversion:
      return std::int64_t{0};
    case OpKind::control_flow:
      if (op.attributes.called_subgraphs.empty())
        cost.notes.push_back(op.op + " without its options: the subgraphs it calls are not known");
      return std::int64_t{0};
    case OpKind::transpose_conv2d:
      return transpose_conv_macs(g, op);
    case OpKind::other:
    case OpKind::custom:
      break;
  }
  cost.modelled = false;
  cost.notes.push_back(op.op + ": cost not modelled, MACs counted as 0");
  return std::int64_t{0};
}

// The contract counts weights and biases as params (analyzer.md). The
// integer operands after the data of a data-movement op are its target
// shape, axes, pads or indices (TFLite RESHAPE's new_shape, ONNX Reshape's
// shape, Gather's indices, Pad's pads), not learned values.
bool is_shape_operand(const Operator& op, std::size_t k, const Tensor& tensor) {
  return op.kind == OpKind::data_movement && k >= 1 &&
         (tensor.dtype == DType::int32 || tensor.dtype == DType::int64);
}

}  // namespace

namespace {

std::string list_text(const std::vector<std::int32_t>& values) {
  std::string text;
  for (const std::int32_t v : values) text += (text.empty() ? "" : ", ") + std::to_string(v);
  return text;
}

// What each called subgraph is, for notes: "the body of WHILE (subgraph 0,
// operator 3)", and whether its MACs run once per loop iteration.
struct CallSite {
  std::string what;
  bool per_iteration = false;
  bool branch = false;  // an IF branch: only one of the two runs per call
};

std::map<std::int32_t, CallSite> call_sites(const Model& model, const std::vector<std::int32_t>& reached) {
  std::map<std::int32_t, CallSite> sites;
  for (const std::int32_t s : reached) {
    const Subgraph& g = model.subgraphs[static_cast<std::size_t>(s)];
    for (std::size_t i = 0; i < g.operators.size(); ++i) {
      const Operator& op = g.operators[i];
      const auto& called = op.attributes.called_subgraphs;
      for (std::size_t k = 0; k < called.size(); ++k) {
        static constexpr const char* kWhile[] = {"the condition", "the body"};
        static constexpr const char* kIf[] = {"the then branch", "the else branch"};
        const char* role = op.op == "WHILE" && k < 2 ? kWhile[k]
                           : op.op == "IF" && k < 2  ? kIf[k]
                                                     : "the init subgraph";
        const std::string where = std::string(role) + " of " + op.op + " (subgraph " + std::to_string(s) +
                                  ", operator " + std::to_string(i) + ")";
        CallSite& site = sites[called[k]];
        site.what += (site.what.empty() ? "" : "; ") + where;
        site.per_iteration = site.per_iteration || op.op == "WHILE";
        site.branch = site.branch || op.op == "IF";
      }
    }
  }
  return sites;
}

void cost_operator(const Subgraph& g, const Operator& op, std::set<std::int64_t>& counted, LayerCost& cost) {
  cost.notes.insert(cost.notes.end(), op.notes.begin(), op.notes.end());
  for (std::size_t k = 0; k < op.inputs.size(); ++k) {
    const std::int32_t t = op.inputs[k];
    if (t < 0) continue;
    const Tensor& tensor = g.tensors[static_cast<std::size_t>(t)];
    if (tensor.role != TensorRole::constant) continue;
    if (is_shape_operand(op, k, tensor)) {
      cost.notes.push_back("constant '" + tensor.name + "' is a shape or index operand, not a weight");
      continue;
    }
    if (!counted.insert(tensor.data_id).second) continue;
    auto elements = element_count(tensor);
    if (!elements.ok()) {
      cost.notes.push_back("constant '" + tensor.name + "': " + elements.error().message +
                           "; its params and bytes are not counted");
      continue;
    }
    cost.params += *elements;
    cost.weight_bytes += tensor.stored_bytes;
  }
  for (const std::int32_t t : op.outputs) {
    const Tensor& tensor = g.tensors[static_cast<std::size_t>(t)];
    auto bytes = byte_length(tensor);
    if (bytes.ok()) {
      cost.activation_bytes += *bytes;
    } else {
      cost.notes.push_back("output '" + tensor.name + "': size unknown (" + bytes.error().message + ")");
    }
  }
  auto macs = macs_of(g, op, cost);
  if (macs.ok()) {
    cost.macs = *macs;
    return;
  }
  // Every cost error names the operator and the layout it was read in.
  cost.uncosted_reason = op.op + " '" + op.name + "' (" + layout_text(op) + "): " + macs.error().message;
  cost.notes.push_back("uncosted, MACs counted as 0: " + cost.uncosted_reason);
}

}  // namespace

Result<ModelCost> model_cost(const Model& model) {
  ModelCost total;
  std::set<std::int64_t> counted;
  const std::vector<std::int32_t> reached = reachable_subgraphs(model);
  const std::map<std::int32_t, CallSite> sites = call_sites(model, reached);
  std::int64_t uncosted = 0;
  for (const std::int32_t s : reached) {
    const Subgraph& g = model.subgraphs[static_cast<std::size_t>(s)];
    const auto site = sites.find(s);
    std::int64_t subgraph_macs = 0;
    for (std::size_t i = 0; i < g.operators.size(); ++i) {
      const Operator& op = g.operators[i];
      LayerCost cost;
      cost.subgraph = s;
      cost.index = static_cast<std::int32_t>(i);
      if (site != sites.end())
        cost.notes.push_back("in subgraph " + std::to_string(s) + ", " + site->second.what +
                             (site->second.per_iteration ? ": MACs per iteration" : ""));
      if (!op.attributes.called_subgraphs.empty())
        cost.notes.push_back("calls subgraph " + list_text(op.attributes.called_subgraphs) +
                             (op.op == "WHILE"
                                  ? "; the trip count is not known statically, so their MACs are "
                                    "per iteration and never multiplied"
                                  : ""));
      cost_operator(g, op, counted, cost);
      if (!cost.modelled) ++total.unknown_ops[op.op];
      if (!cost.uncosted_reason.empty()) {
        ++total.uncosted_ops[op.op];
        ++uncosted;
      }
      total.params += cost.params;
      total.weight_bytes += cost.weight_bytes;
      total.macs += cost.macs;
      subgraph_macs += cost.macs;
      total.layers.push_back(std::move(cost));
    }
    if (site == sites.end()) continue;
    if (site->second.per_iteration) total.macs_per_iteration += subgraph_macs;
    total.notes.push_back(
        "subgraph " + std::to_string(s) + " (" + site->second.what + "): " + std::to_string(subgraph_macs) +
        " MACs counted once" +
        (site->second.per_iteration ? ", for one iteration: the trip count is not known statically" : "") +
        (site->second.branch ? "; only one branch of an IF runs per call" : ""));
  }
  if (model.subgraphs.size() > reached.size())
    total.notes.push_back(std::to_string(model.subgraphs.size() - reached.size()) +
                          " subgraphs are not called from subgraph 0 and are not counted");
  if (uncosted > 0)
    total.notes.push_back(std::to_string(uncosted) +
                          " layers could not be costed (see uncosted): their MACs are not in the total");
  return total;
}

}  // namespace derive::graph
