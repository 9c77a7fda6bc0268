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
constexpr Param kChannels = param("channels", "", "channels");
constexpr Param kDModel = param("d_model", "", "model width d");
constexpr Param kDilation = param("dilation", "", "dilation", 1);
constexpr Param kExpansion = param("expansion", "", "d_ff / d_model", 4);
constexpr Param kGroups = param("groups", "", "channel groups", 1);
constexpr Param kInChannels = param("in_channels", "", "input channels");
constexpr Param kInFeatures = param("in_features", "", "input features");
constexpr Param kKernel = param("kernel", "", "kernel size (square)");
constexpr Param kOutChannels = param("out_channels", "", "output channels");
constexpr Param kOutFeatures = param("out_features", "", "output features");
constexpr Param kOutHeight = param("out_height", "", "output height");
constexpr Param kOutWidth = param("out_width", "", "output width");
constexpr Param kPadding = param("padding", "", "zero padding on each side", 0);
constexpr Param kStride = param("stride", "", "stride", 1);

constexpr EngineFunction kLayersFunctions[] = {
    {{"linear_params", "Trainable parameters of a Linear layer: in x out weights plus out biases.", kLinear,
      "layers", "parameters"},
     engine_call<&linear_params>,
     {kInFeatures, kOutFeatures, flag("bias", "whether the layer has a bias vector", true)}},
    {{"linear_macs", "MACs of a Linear layer: in x out per token.", kLinear, "layers", "MACs"},
     engine_call<&linear_macs>,
     {kInFeatures, kOutFeatures, param("tokens", "", "input rows (tokens or batch)", 1)}},
    {{"conv2d_output_size",
      "Output length of a convolution along one axis: floor((i + 2p - d(k-1) - 1)/s) + 1.", kConvArithmetic,
      "layers", ""},
     engine_call<&conv2d_output_size>,
     {param("input_size", "", "input height or width"), param("kernel", "", "kernel size"), kStride, kPadding,
      kDilation}},
    {{"conv2d_params", "Parameters of a Conv2D: k^2 x (in/groups) x out weights plus out biases.",
      kConvArithmetic, "layers", "parameters"},
     engine_call<&conv2d_params>,
     {kKernel, kInChannels, kOutChannels, flag("bias", "whether the layer has biases", true), kGroups}},
    {{"conv2d_macs", "MACs of a Conv2D: k^2 x (in/groups) x out x output height x output width.",
      kConvArithmetic, "layers", "MACs"},
     engine_call<&conv2d_macs>,
     {kKernel, kInChannels, kOutChannels, kOutHeight, kOutWidth, kGroups}},
    {{"conv2d_macs_from_input", "MACs of a Conv2D from its input size, stride, padding and dilation.",
      kConvArithmetic, "layers", "MACs"},
     engine_call<&conv2d_macs_from_input>,
     {kKernel, kInChannels, kOutChannels, param("in_height", "", "input height"),
      param("in_width", "", "input width"), kStride, kPadding, kDilation, kGroups}},
    {{"depthwise_conv2d_params", "Parameters of a depthwise convolution: k^2 per channel plus biases.",
      kMobileNets, "layers", "parameters"},
     engine_call<&depthwise_conv2d_params>,
     {kKernel, kChannels, flag("bias", "whether the layer has biases", false)}},
    {{"depthwise_conv2d_macs", "MACs of a depthwise convolution: k^2 x channels x output height x width.",
      kMobileNets, "layers", "MACs"},
     engine_call<&depthwise_conv2d_macs>,
     {kKernel, kChannels, kOutHeight, kOutWidth}},
    {{"separable_conv2d_params",
      "Parameters of a depthwise-separable convolution: depthwise k^2 x in plus pointwise in x out.",
      kMobileNets, "layers", "parameters"},
     engine_call<&separable_conv2d_params>,
     {kKernel, kInChannels, kOutChannels, flag("bias", "whether both convolutions have biases", false)}},
    {{"separable_conv2d_macs",
      "MACs of a depthwise-separable convolution: k^2 x in x H x W plus in x out x H x W.", kMobileNets,
      "layers", "MACs"},
     engine_call<&separable_conv2d_macs>,
     {kKernel, kInChannels, kOutChannels, kOutHeight, kOutWidth}},
    {{"separable_macs_ratio", "Standard over depthwise-separable convolution MACs at the same output size.",
      kMobileNets, "layers", ""},
     engine_call<&separable_macs_ratio>,
     {kKernel, kInChannels, kOutChannels, kOutHeight, kOutWidth}},
    {{"ffn_up_macs", "MACs per token of the FFN up-projection Linear(d, expansion x d) without bias.",
      kTransformer, "layers", "MACs"},
     engine_call<&ffn_up_macs>,
     {kDModel, kExpansion}},
    {{"ffn_macs", "MACs per token of a Transformer FFN: up and down projections, without bias.", kTransformer,
      "layers", "MACs"},
     engine_call<&ffn_macs>,
     {kDModel, kExpansion}},
};

}  // namespace

void register_layers(Registry& r) { add_all(r, kLayersFunctions); }

}  // namespace derive
