// Registers the layers engine functions: the registry adapts Args to the typed
// API of derive/layers.hpp and wraps its results as Values.
#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/layers.hpp"

namespace derive {
namespace {

constexpr const char* kConvArithmetic =
    "Dumoulin & Visin, 2016, A guide to convolution arithmetic for deep learning (sec. 2, 5.1); PyTorch "
    "Conv2d documentation";
constexpr const char* kMobileNets =
    "Howard et al., 2017, MobileNets: Efficient Convolutional Neural Networks for Mobile Vision "
    "Applications, sec. 3.1";
constexpr const char* kTransformer = "Vaswani et al., 2017, Attention Is All You Need, sec. 3.3";
constexpr const char* kLinear = "definition of a fully connected layer y = x W^T + b (PyTorch nn.Linear)";

// Parameters several functions of this topic share, described once.
const Param kChannels = param("channels", "", "channels");
const Param kDModel = param("d_model", "", "model width d");
const Param kDilation = param("dilation", "", "dilation", 1);
const Param kExpansion = param("expansion", "", "d_ff / d_model", 4);
const Param kGroups = param("groups", "", "channel groups", 1);
const Param kInChannels = param("in_channels", "", "input channels");
const Param kInFeatures = param("in_features", "", "input features");
const Param kKernel = param("kernel", "", "kernel size (square)");
const Param kOutChannels = param("out_channels", "", "output channels");
const Param kOutFeatures = param("out_features", "", "output features");
const Param kOutHeight = param("out_height", "", "output height");
const Param kOutWidth = param("out_width", "", "output width");
const Param kPadding = param("padding", "", "zero padding on each side", 0);
const Param kStride = param("stride", "", "stride", 1);

}  // namespace

void register_layers(Registry& r) {
  add(r,
      {"linear_params", "Trainable parameters of a Linear layer: in x out weights plus out biases.", kLinear,
       "layers", "parameters"},
      &linear_params, {kInFeatures, kOutFeatures, flag("bias", "whether the layer has a bias vector", true)});
  add(r, {"linear_macs", "MACs of a Linear layer: in x out per token.", kLinear, "layers", "MACs"},
      &linear_macs, {kInFeatures, kOutFeatures, param("tokens", "", "input rows (tokens or batch)", 1)});
  add(r,
      {"conv2d_output_size",
       "Output length of a convolution along one axis: floor((i + 2p - d(k-1) - 1)/s) + 1.", kConvArithmetic,
       "layers", ""},
      &conv2d_output_size,
      {param("input_size", "", "input height or width"), param("kernel", "", "kernel size"), kStride,
       kPadding, kDilation});
  add(r,
      {"conv2d_params", "Parameters of a Conv2D: k^2 x (in/groups) x out weights plus out biases.",
       kConvArithmetic, "layers", "parameters"},
      &conv2d_params,
      {kKernel, kInChannels, kOutChannels, flag("bias", "whether the layer has biases", true), kGroups});
  add(r,
      {"conv2d_macs", "MACs of a Conv2D: k^2 x (in/groups) x out x output height x output width.",
       kConvArithmetic, "layers", "MACs"},
      &conv2d_macs, {kKernel, kInChannels, kOutChannels, kOutHeight, kOutWidth, kGroups});
  add(r,
      {"conv2d_macs_from_input", "MACs of a Conv2D from its input size, stride, padding and dilation.",
       kConvArithmetic, "layers", "MACs"},
      &conv2d_macs_from_input,
      {kKernel, kInChannels, kOutChannels, param("in_height", "", "input height"),
       param("in_width", "", "input width"), kStride, kPadding, kDilation, kGroups});
  add(r,
      {"depthwise_conv2d_params", "Parameters of a depthwise convolution: k^2 per channel plus biases.",
       kMobileNets, "layers", "parameters"},
      &depthwise_conv2d_params, {kKernel, kChannels, flag("bias", "whether the layer has biases", false)});
  add(r,
      {"depthwise_conv2d_macs", "MACs of a depthwise convolution: k^2 x channels x output height x width.",
       kMobileNets, "layers", "MACs"},
      &depthwise_conv2d_macs, {kKernel, kChannels, kOutHeight, kOutWidth});
  add(r,
      {"separable_conv2d_params",
       "Parameters of a depthwise-separable convolution: depthwise k^2 x in plus pointwise in x out.",
       kMobileNets, "layers", "parameters"},
      &separable_conv2d_params,
      {kKernel, kInChannels, kOutChannels, flag("bias", "whether both convolutions have biases", false)});
  add(r,
      {"separable_conv2d_macs",
       "MACs of a depthwise-separable convolution: k^2 x in x H x W plus in x out x H x W.", kMobileNets,
       "layers", "MACs"},
      &separable_conv2d_macs, {kKernel, kInChannels, kOutChannels, kOutHeight, kOutWidth});
  add(r,
      {"separable_macs_ratio", "Standard over depthwise-separable convolution MACs at the same output size.",
       kMobileNets, "layers", ""},
      &separable_macs_ratio, {kKernel, kInChannels, kOutChannels, kOutHeight, kOutWidth});
  add(r,
      {"ffn_up_macs", "MACs per token of the FFN up-projection Linear(d, expansion x d) without bias.",
       kTransformer, "layers", "MACs"},
      &ffn_up_macs, {kDModel, kExpansion});
  add(r,
      {"ffn_macs", "MACs per token of a Transformer FFN: up and down projections, without bias.",
       kTransformer, "layers", "MACs"},
      &ffn_macs, {kDModel, kExpansion});
}

}  // namespace derive
