// The mcu engine functions as the expression language sees them: each entry
// adapts checked Args to the typed API of derive/mcu.hpp.
#include <string>

#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/mcu.hpp"

namespace derive {
namespace {

constexpr const char* kMcuNet = "Lin et al., 2020, MCUNet: Tiny Deep Learning on IoT Devices";
constexpr const char* kMcuNetV2 =
    "Lin et al., 2021, MCUNetV2: Memory-Efficient Patch-based Inference for Tiny Deep Learning";

}  // namespace

void register_mcu(Registry& registry) {
  registry.add(FunctionSpec{
      "peak_sram_two_buffer_bytes",
      "SRAM of one layer with its whole input and output buffers alive together: (in + out) * H * W * bytes.",
      std::string(kMcuNetV2) + ", sec. 2",
      "mcu",
      {count("in_channels", "", "input channels"), count("out_channels", "", "output channels"),
       count("height", "", "height of both feature maps"), count("width", "", "width of both feature maps"),
       real("bytes_per_value", "B", "bytes per activation value (1 for INT8)", 1.0)},
      "B",
      [](const Args& a) {
        return as_value(
            peak_sram_two_buffer_bytes(a.count(0), a.count(1), a.count(2), a.count(3), a.real(4)));
      }});

  registry.add(FunctionSpec{"two_buffer_bytes",
                            "Peak SRAM of one layer from its buffer sizes: input bytes + output bytes.",
                            std::string(kMcuNetV2) + ", sec. 2",
                            "mcu",
                            {real("input_bytes", "B", "size of the input activation"),
                             real("output_bytes", "B", "size of the output activation")},
                            "B",
                            [](const Args& a) { return as_value(two_buffer_bytes(a.real(0), a.real(1))); }});

  registry.add(FunctionSpec{
      "patch_sram_reduction",
      "Approximate factor P^2 by which P x P patch-based inference divides activation SRAM (halo ignored).",
      std::string(kMcuNetV2) + ", sec. 3",
      "mcu",
      {count("patches", "", "patches per side P of a P x P split")},
      "",
      [](const Args& a) { return as_value(patch_sram_reduction(a.count(0))); }});

  registry.add(FunctionSpec{
      "patch_sram_bytes",
      "Approximate SRAM with P x P patch-based inference: sram / P^2 (halo of overlapping patches ignored).",
      std::string(kMcuNetV2) + ", sec. 3",
      "mcu",
      {real("sram_bytes", "B", "peak SRAM of the stage without patches"),
       count("patches", "", "patches per side P of a P x P split")},
      "B",
      [](const Args& a) { return as_value(patch_sram_bytes(a.real(0), a.count(1))); }});

  registry.add(FunctionSpec{
      "im2col_values",
      "Values in the im2col matrix of a k x k convolution: k^2 * in_channels * out_height * out_width.",
      "Chellapilla, Puri & Simard, 2006, High Performance Convolutional Neural Networks for Document "
      "Processing",
      "mcu",
      {count("kernel", "", "kernel size k of a k x k convolution"),
       count("in_channels", "", "input channels"), count("out_height", "", "output height"),
       count("out_width", "", "output width")},
      "values",
      [](const Args& a) { return as_value(im2col_values(a.count(0), a.count(1), a.count(2), a.count(3))); }});

  registry.add(
      FunctionSpec{"flash_bytes",
                   "Flash for the weights plus the firmware: params * bytes_per_param + firmware_bytes.",
                   kMcuNet,
                   "mcu",
                   {count("params", "parameters", "weights stored in flash"),
                    real("bytes_per_param", "B", "bytes per weight (1 for INT8)", 1.0),
                    real("firmware_bytes", "B", "flash used by code and runtime", 0.0)},
                   "B",
                   [](const Args& a) { return as_value(flash_bytes(a.count(0), a.real(1), a.real(2))); }});

  registry.add(FunctionSpec{
      "row_tiling_bytes",
      "Input rows a depthwise kernel needs to compute one output row: K * width * channels * bytes.",
      std::string(kMcuNet) + ", sec. 3 (TinyEngine); the K-row working set follows from the K x K window",
      "mcu",
      {count("kernel", "", "kernel size K (rows needed per output row)"),
       count("width", "", "width of the input feature map"),
       count("channels", "", "channels of the input feature map"),
       real("bytes_per_value", "B", "bytes per activation value (1 for INT8)", 1.0)},
      "B",
      [](const Args& a) {
        return as_value(row_tiling_bytes(a.count(0), a.count(1), a.count(2), a.real(3)));
      }});
}

}  // namespace derive
