// Operators of an imported model: what runs, on which tensors, with which
// attributes. The kind is kept twice: as the file names it ("CONV_2D",
// "Conv", "SignalWindow") for people and reports, and as a normalized
// OpKind that the cost functions switch on, so one cost function serves a
// TFLite CONV_2D and an ONNX Conv alike.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace derive::graph {

// Operator kinds the analyzer knows how to cost or to treat as free data
// movement. Everything else is `other` (a builtin the analyzer does not
// model) or `custom` (a TFLite custom op, named by its custom_code); both are
// reported by name in unknown_ops, never silently counted as zero.
enum class OpKind {
  other,
  custom,
  conv2d,            // TFLite CONV_2D, ONNX Conv (any groups)
  depthwise_conv2d,  // TFLite DEPTHWISE_CONV_2D, ONNX Conv with group == input channels
  transpose_conv2d,  // TFLite TRANSPOSE_CONV, ONNX ConvTranspose
  fully_connected,   // TFLite FULLY_CONNECTED, ONNX Gemm
  batch_matmul,      // TFLite BATCH_MATMUL, ONNX MatMul
  average_pool2d,    // TFLite AVERAGE_POOL_2D, ONNX AveragePool, GlobalAveragePool
  max_pool2d,        // TFLite MAX_POOL_2D, ONNX MaxPool, GlobalMaxPool
  mean,              // TFLite MEAN, ONNX ReduceMean
  elementwise,       // ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, ... (one op per output element)
  activation,        // RELU, RELU6, LOGISTIC, TANH, HARD_SWISH, PRELU, LEAKY_RELU, ...
  softmax,           // TFLite SOFTMAX, LOG_SOFTMAX, ONNX Softmax
  svdf,              // TFLite SVDF (Nakkiran et al. 2015)
  lstm,              // TFLite UNIDIRECTIONAL_SEQUENCE_LSTM, LSTM, ONNX LSTM
  data_movement,     // RESHAPE, SQUEEZE, EXPAND_DIMS, TRANSPOSE, CONCATENATION, PAD, GATHER,
                     // STRIDED_SLICE, SLICE, SPLIT, PACK, UNPACK, ... (no MACs)
  conversion,        // QUANTIZE, DEQUANTIZE, CAST (no MACs)
  control_flow,      // TFLite IF, WHILE, CALL_ONCE: no MACs of their own; the subgraphs they call
                     // (Attributes::called_subgraphs) are costed as their own layers
};

// Name of the kind for reports ("conv2d", "other").
std::string_view op_kind_name(OpKind kind);

// Padding of convolutions and pools. `same` and `valid` as TFLite's Padding
// (schema.fbs) and ONNX's auto_pad SAME_UPPER/VALID; `explicit_pads` uses the
// four numbers in Attributes::pads.
enum class Padding { valid, same, explicit_pads };

// The order of an operator's operand dimensions. Each format fixes it per
// operator in its specification, so the importer states which convention an
// operator follows and the cost functions read the dimensions accordingly.
//
// Why on the operator, not on each tensor, and why the importers do not
// normalise one layout into the other: a tensor has no layout of its own
// (the same 4-D value is NCHW to an ONNX Conv and plain dims to the Reshape
// after it), so a per-tensor tag would be a guess for every value that is not
// a conv or pool operand; and transposing ONNX shapes to NHWC at import would
// make the analyzer report shapes that are not in the file (Netron and the
// exporter show [1, 1, 28, 28], not [1, 28, 28, 1]) and would force every
// shape-reading rule (Reshape, Flatten, Transpose's perm, Concat's axis) to
// be rewritten. Recording the convention where the specification defines it
// keeps the file's shapes as they are and makes each cost rule say which
// dimension it reads.
enum class Layout {
  // TFLite (schema.fbs and the reference kernels in tensorflow/lite/kernels/
  // internal/reference/): activations N x H x W x C; CONV_2D filter
  // [out, kh, kw, in / groups] (OHWI); DEPTHWISE_CONV_2D filter
  // [1, kh, kw, in * depth_multiplier]; FULLY_CONNECTED weights [out, in].
  nhwc,
  // ONNX (docs/Operators.md of github.com/onnx/onnx): activations
  // N x C x H x W; Conv weight [M, C / group, kh, kw] (OIHW); Gemm
  // A [M, K] ([K, M] with transA), B [K, N] ([N, K] with transB); MatMul as
  // numpy.matmul (A [..., M, K], B [..., K, N]).
  nchw,
};

// Name for reports and errors ("NHWC", "NCHW").
std::string_view layout_name(Layout layout);

// Activation fused into the operator's output (TFLite
// ActivationFunctionType, schema.fbs); no MACs of its own.
enum class FusedActivation { none, relu, relu_n1_to_1, relu6, tanh, sign_bit, unknown };

// Attributes the cost and lifetime rules need; zero/one defaults for the
// ones an operator does not have.
struct Attributes {
  std::int64_t stride_h = 1;
  std::int64_t stride_w = 1;
  std::int64_t dilation_h = 1;
  std::int64_t dilation_w = 1;
  // Pool windows (TFLite Pool2DOptions filter_height/width, ONNX kernel_shape
  // of pools); convolutions take their kernel size from the filter tensor.
  std::int64_t filter_h = 0;
  std::int64_t filter_w = 0;
  Padding padding = Padding::valid;
  // Explicit padding: top, left, bottom, right (ONNX pads order rearranged).
  std::int64_t pads[4] = {0, 0, 0, 0};
  // Convolution groups (ONNX group); 1 for TFLite CONV_2D.
  std::int64_t groups = 1;
  // TFLite DepthwiseConv2DOptions depth_multiplier.
  std::int64_t depth_multiplier = 1;
  FusedActivation fused_activation = FusedActivation::none;
  // Operand dimension order (see Layout); TFLite's unless the importer says otherwise.
  Layout layout = Layout::nhwc;
  // ONNX Gemm transA and transB: A, respectively B, is stored transposed.
  bool transpose_a = false;
  bool transpose_b = false;
  // TFLite SVDFOptions rank.
  std::int64_t rank = 0;
  // TFLite FullyConnectedOptions keep_num_dims, ReducerOptions keep_dims.
  bool keep_dims = false;
  // Subgraphs an operator calls, in the order TFLM plans them
  // (micro_allocation_info.cc, MarkSubgraphLifetimesIfNecessary): IF then,
  // else; WHILE cond, body; CALL_ONCE init (schema.fbs IfOptions,
  // WhileOptions, CallOnceOptions).
  std::vector<std::int32_t> called_subgraphs;
};

struct Operator {
  // The kind as the file names it: a TFLite BuiltinOperator name
  // ("CONV_2D"), a TFLite custom_code ("SignalWindow"), an ONNX op_type.
  std::string op;
  OpKind kind = OpKind::other;
  // A name for people: TFLite has none per operator, so importers use the
  // name of the first output tensor (as Netron does); ONNX has node names.
  std::string name;
  // Tensor indices into the subgraph's tensors; -1 marks an optional input
  // that is absent (TFLite's kTfLiteOptionalTensor).
  std::vector<std::int32_t> inputs;
  std::vector<std::int32_t> outputs;
  // TFLite operator intermediates (the LSTM's quantization helpers).
  std::vector<std::int32_t> intermediates;
  Attributes attributes;
  // What the importer could not work out about this operator, for people
  // ("output shapes not inferred: ..."); the cost functions copy them into
  // the layer's notes.
  std::vector<std::string> notes;
};

}  // namespace derive::graph
