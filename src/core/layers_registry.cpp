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

}  // namespace

void register_layers(Registry& r) {
  r.add({"linear_params",
         "Trainable parameters of a Linear layer: in x out weights plus out biases.",
         kLinear,
         "layers",
         {count("in_features", "", "input features"), count("out_features", "", "output features"),
          flag("bias", "whether the layer has a bias vector", true)},
         "parameters",
         [](const Args& a) { return as_value(linear_params(a.count(0), a.count(1), a.flag(2))); }});
  r.add({"linear_macs",
         "MACs of a Linear layer: in x out per token.",
         kLinear,
         "layers",
         {count("in_features", "", "input features"), count("out_features", "", "output features"),
          count("tokens", "", "input rows (tokens or batch)", 1)},
         "MACs",
         [](const Args& a) { return as_value(linear_macs(a.count(0), a.count(1), a.count(2))); }});
  r.add({"conv2d_output_size",
         "Output length of a convolution along one axis: floor((i + 2p - d(k-1) - 1)/s) + 1.",
         kConvArithmetic,
         "layers",
         {count("input_size", "", "input height or width"), count("kernel", "", "kernel size"),
          count("stride", "", "stride", 1), count("padding", "", "zero padding on each side", 0),
          count("dilation", "", "dilation", 1)},
         "",
         [](const Args& a) {
           return as_value(conv2d_output_size(a.count(0), a.count(1), a.count(2), a.count(3), a.count(4)));
         }});
  r.add({"conv2d_params",
         "Parameters of a Conv2D: k^2 x (in/groups) x out weights plus out biases.",
         kConvArithmetic,
         "layers",
         {count("kernel", "", "kernel size (square)"), count("in_channels", "", "input channels"),
          count("out_channels", "", "output channels"), flag("bias", "whether the layer has biases", true),
          count("groups", "", "channel groups", 1)},
         "parameters",
         [](const Args& a) {
           return as_value(conv2d_params(a.count(0), a.count(1), a.count(2), a.flag(3), a.count(4)));
         }});
  r.add({"conv2d_macs",
         "MACs of a Conv2D: k^2 x (in/groups) x out x output height x output width.",
         kConvArithmetic,
         "layers",
         {count("kernel", "", "kernel size (square)"), count("in_channels", "", "input channels"),
          count("out_channels", "", "output channels"), count("out_height", "", "output height"),
          count("out_width", "", "output width"), count("groups", "", "channel groups", 1)},
         "MACs",
         [](const Args& a) {
           return as_value(
               conv2d_macs(a.count(0), a.count(1), a.count(2), a.count(3), a.count(4), a.count(5)));
         }});
  r.add({"conv2d_macs_from_input",
         "MACs of a Conv2D from its input size, stride, padding and dilation.",
         kConvArithmetic,
         "layers",
         {count("kernel", "", "kernel size (square)"), count("in_channels", "", "input channels"),
          count("out_channels", "", "output channels"), count("in_height", "", "input height"),
          count("in_width", "", "input width"), count("stride", "", "stride", 1),
          count("padding", "", "zero padding on each side", 0), count("dilation", "", "dilation", 1),
          count("groups", "", "channel groups", 1)},
         "MACs",
         [](const Args& a) {
           return as_value(conv2d_macs_from_input(a.count(0), a.count(1), a.count(2), a.count(3), a.count(4),
                                                  a.count(5), a.count(6), a.count(7), a.count(8)));
         }});
  r.add({"depthwise_conv2d_params",
         "Parameters of a depthwise convolution: k^2 per channel plus biases.",
         kMobileNets,
         "layers",
         {count("kernel", "", "kernel size (square)"), count("channels", "", "channels"),
          flag("bias", "whether the layer has biases", false)},
         "parameters",
         [](const Args& a) { return as_value(depthwise_conv2d_params(a.count(0), a.count(1), a.flag(2))); }});
  r.add({"depthwise_conv2d_macs",
         "MACs of a depthwise convolution: k^2 x channels x output height x width.",
         kMobileNets,
         "layers",
         {count("kernel", "", "kernel size (square)"), count("channels", "", "channels"),
          count("out_height", "", "output height"), count("out_width", "", "output width")},
         "MACs",
         [](const Args& a) {
           return as_value(depthwise_conv2d_macs(a.count(0), a.count(1), a.count(2), a.count(3)));
         }});
  r.add({"separable_conv2d_params",
         "Parameters of a depthwise-separable convolution: depthwise k^2 x in plus pointwise in x out.",
         kMobileNets,
         "layers",
         {count("kernel", "", "kernel size (square)"), count("in_channels", "", "input channels"),
          count("out_channels", "", "output channels"),
          flag("bias", "whether both convolutions have biases", false)},
         "parameters",
         [](const Args& a) {
           return as_value(separable_conv2d_params(a.count(0), a.count(1), a.count(2), a.flag(3)));
         }});
  r.add({"separable_conv2d_macs",
         "MACs of a depthwise-separable convolution: k^2 x in x H x W plus in x out x H x W.",
         kMobileNets,
         "layers",
         {count("kernel", "", "kernel size (square)"), count("in_channels", "", "input channels"),
          count("out_channels", "", "output channels"), count("out_height", "", "output height"),
          count("out_width", "", "output width")},
         "MACs",
         [](const Args& a) {
           return as_value(separable_conv2d_macs(a.count(0), a.count(1), a.count(2), a.count(3), a.count(4)));
         }});
  r.add({"separable_macs_ratio",
         "Standard over depthwise-separable convolution MACs at the same output size.",
         kMobileNets,
         "layers",
         {count("kernel", "", "kernel size (square)"), count("in_channels", "", "input channels"),
          count("out_channels", "", "output channels"), count("out_height", "", "output height"),
          count("out_width", "", "output width")},
         "",
         [](const Args& a) {
           return as_value(separable_macs_ratio(a.count(0), a.count(1), a.count(2), a.count(3), a.count(4)));
         }});
  r.add({"ffn_up_macs",
         "MACs per token of the FFN up-projection Linear(d, expansion x d) without bias.",
         kTransformer,
         "layers",
         {count("d_model", "", "model width d"), count("expansion", "", "d_ff / d_model", 4)},
         "MACs",
         [](const Args& a) { return as_value(ffn_up_macs(a.count(0), a.count(1))); }});
  r.add({"ffn_macs",
         "MACs per token of a Transformer FFN: up and down projections, without bias.",
         kTransformer,
         "layers",
         {count("d_model", "", "model width d"), count("expansion", "", "d_ff / d_model", 4)},
         "MACs",
         [](const Args& a) { return as_value(ffn_macs(a.count(0), a.count(1))); }});
}

}  // namespace derive
