// Per-operator costs by the engine's formulas (derive/layers.hpp). Tensor
// layouts are TFLite's (schema.fbs comments and the reference kernels):
// CONV_2D filter [out, kh, kw, in/groups], DEPTHWISE_CONV_2D filter
// [1, kh, kw, channels], FULLY_CONNECTED weights [out, in], activations NHWC.
// An ONNX importer hands over the same layouts (it transposes NCHW shapes).
#include "derive/graph/cost.hpp"

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

Error shape_error(const Operator& op, const std::string& expected) {
  return make_error(op.op + " '" + op.name + "': expected " + expected);
}

// The engine's convolution formulas take a square kernel; a kh x kw kernel
// costs kh * kw times its 1 x 1 count (the same sum over the window).
Result<std::int64_t> conv_macs(const Subgraph& g, const Operator& op) {
  const Tensor* in = input_tensor(g, op, 0);
  const Tensor* filter = input_tensor(g, op, 1);
  const Tensor* out = output_tensor(g, op);
  if (in == nullptr || filter == nullptr || out == nullptr || in->shape.size() != 4 ||
      filter->shape.size() != 4 || out->shape.size() != 4) {
    return shape_error(op, "4-D input, filter and output");
  }
  const std::int64_t kh = filter->shape[1], kw = filter->shape[2];
  const std::int64_t batch = out->shape[0], oh = out->shape[1], ow = out->shape[2], oc = out->shape[3];
  const bool square = kh == kw;
  const std::int64_t k = square ? kh : 1;
  const std::int64_t window = square ? 1 : kh * kw;
  if (op.kind == OpKind::depthwise_conv2d) {
    DERIVE_TRY(const std::int64_t macs, depthwise_conv2d_macs(k, oc, oh, ow));
    return macs * window * batch;
  }
  const std::int64_t ic = in->shape[3];
  const std::int64_t per_group = filter->shape[3];
  if (per_group <= 0 || ic % per_group != 0)
    return shape_error(op, "input channels divisible by the filter's");
  DERIVE_TRY(const std::int64_t macs, conv2d_macs(k, ic, oc, oh, ow, ic / per_group));
  return macs * window * batch;
}

Result<std::int64_t> fully_connected_macs(const Subgraph& g, const Operator& op) {
  const Tensor* weights = input_tensor(g, op, 1);
  const Tensor* out = output_tensor(g, op);
  if (weights == nullptr || out == nullptr || weights->shape.size() != 2)
    return shape_error(op, "2-D weights");
  DERIVE_TRY(const std::int64_t out_elements, element_count(*out));
  const std::int64_t units = weights->shape[0];
  if (units <= 0 || out_elements % units != 0) return shape_error(op, "an output that is rows x units");
  return linear_macs(weights->shape[1], units, out_elements / units);
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
    return shape_error(op, "2-D input, weights_feature and weights_time");
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
    return shape_error(op, "3-D input and 2-D input_to_output and recurrent_to_output weights");
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
    case OpKind::transpose_conv2d:
    case OpKind::batch_matmul:
    case OpKind::other:
    case OpKind::custom:
      break;
  }
  cost.modelled = false;
  cost.notes.push_back(op.op + ": cost not modelled, MACs counted as 0");
  return std::int64_t{0};
}

}  // namespace

Result<ModelCost> model_cost(const Model& model) {
  const Subgraph& g = main_subgraph(model);
  ModelCost total;
  std::set<std::int64_t> counted;
  for (const Operator& op : g.operators) {
    LayerCost cost;
    for (const std::int32_t t : op.inputs) {
      if (t < 0) continue;
      const Tensor& tensor = g.tensors[static_cast<std::size_t>(t)];
      if (tensor.role == TensorRole::constant) {
        if (!counted.insert(tensor.data_id).second) continue;
        DERIVE_TRY(const std::int64_t elements, element_count(tensor));
        cost.params += elements;
        cost.weight_bytes += tensor.stored_bytes;
      }
    }
    for (const std::int32_t t : op.outputs) {
      auto bytes = byte_length(g.tensors[static_cast<std::size_t>(t)]);
      if (bytes.ok()) cost.activation_bytes += *bytes;
    }
    DERIVE_TRY(cost.macs, macs_of(g, op, cost));
    if (!cost.modelled) ++total.unknown_ops[op.op];
    total.params += cost.params;
    total.weight_bytes += cost.weight_bytes;
    total.macs += cost.macs;
    total.layers.push_back(std::move(cost));
  }
  return total;
}

}  // namespace derive::graph
