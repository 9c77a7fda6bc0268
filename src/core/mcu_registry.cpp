// The mcu engine functions as the expression language sees them: each entry
// adapts checked Args to the typed API of derive/mcu.hpp.
#include <string>

#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/arena.hpp"
#include "derive/mcu.hpp"

namespace derive {
namespace {

constexpr const char* kMcuNet = "Lin et al., 2020, MCUNet: Tiny Deep Learning on IoT Devices";
constexpr const char* kMcuNetV2 =
    "Lin et al., 2021, MCUNetV2: Memory-Efficient Patch-based Inference for Tiny Deep Learning";

// Parameters several functions of this topic share, described once.
const Param kBytesPerValue = param("bytes_per_value", "B", "bytes per activation value (1 for INT8)", 1.0);
const Param kInChannels = param("in_channels", "", "input channels");
const Param kPatches = param("patches", "", "patches per side P of a P x P split");

}  // namespace

void register_mcu(Registry& registry) {
  add(registry,
      {"peak_sram_two_buffer_bytes",
       "SRAM of one layer with its whole input and output buffers alive together: (in + out) * H * W * "
       "bytes.",
       std::string(kMcuNetV2) + ", sec. 2", "mcu", "B"},
      &peak_sram_two_buffer_bytes,
      {kInChannels, param("out_channels", "", "output channels"),
       param("height", "", "height of both feature maps"), param("width", "", "width of both feature maps"),
       kBytesPerValue});

  add(registry,
      {"two_buffer_bytes", "Peak SRAM of one layer from its buffer sizes: input bytes + output bytes.",
       std::string(kMcuNetV2) + ", sec. 2", "mcu", "B"},
      &two_buffer_bytes,
      {param("input_bytes", "B", "size of the input activation"),
       param("output_bytes", "B", "size of the output activation")});

  add(registry,
      {"patch_sram_reduction",
       "Approximate factor P^2 by which P x P patch-based inference divides activation SRAM (halo ignored).",
       std::string(kMcuNetV2) + ", sec. 3", "mcu", ""},
      &patch_sram_reduction, {kPatches});

  add(registry,
      {"patch_sram_bytes",
       "Approximate SRAM with P x P patch-based inference: sram / P^2 (halo of overlapping patches ignored).",
       std::string(kMcuNetV2) + ", sec. 3", "mcu", "B"},
      &patch_sram_bytes, {param("sram_bytes", "B", "peak SRAM of the stage without patches"), kPatches});

  add(registry,
      {"im2col_values",
       "Values in the im2col matrix of a k x k convolution: k^2 * in_channels * out_height * out_width.",
       "Chellapilla, Puri & Simard, 2006, High Performance Convolutional Neural Networks for Document "
       "Processing",
       "mcu", "values"},
      &im2col_values,
      {param("kernel", "", "kernel size k of a k x k convolution"), kInChannels,
       param("out_height", "", "output height"), param("out_width", "", "output width")});

  add(registry,
      {"flash_bytes", "Flash for the weights plus the firmware: params * bytes_per_param + firmware_bytes.",
       kMcuNet, "mcu", "B"},
      &flash_bytes,
      {param("params", "parameters", "weights stored in flash"),
       param("bytes_per_param", "B", "bytes per weight (1 for INT8)", 1.0),
       param("firmware_bytes", "B", "flash used by code and runtime", 0.0)});

  add(registry,
      {"row_tiling_bytes",
       "Input rows a depthwise kernel needs to compute one output row: K * width * channels * bytes.",
       std::string(kMcuNet) + ", sec. 3 (TinyEngine); the K-row working set follows from the K x K window",
       "mcu", "B"},
      &row_tiling_bytes,
      {param("kernel", "", "kernel size K (rows needed per output row)"),
       param("width", "", "width of the input feature map"),
       param("channels", "", "channels of the input feature map"), kBytesPerValue});
  constexpr const char* kTflmGreedy =
      "TensorFlow Lite Micro, tensorflow/lite/micro/memory_planner/greedy_memory_planner.cc "
      "(GreedyMemoryPlanner)";
  const std::vector<Param> buffers = {param("sizes", "B", "bytes of each buffer"),
                                      param("first_use", "", "step at which each buffer is written first"),
                                      param("last_use", "", "last step at which each buffer is read")};
  add(registry,
      {"first_fit_offsets",
       "Arena offsets of first-fit greedy placement: largest buffer first, each at the lowest offset free of "
       "the buffers alive at the same time.",
       kTflmGreedy, "mcu", "B"},
      &first_fit_offsets, buffers);
  add(registry,
      {"first_fit_arena_bytes", "Arena of first-fit greedy placement: the highest end, max(offset + size).",
       kTflmGreedy, "mcu", "B"},
      &first_fit_arena_bytes, buffers);
  add(registry,
      {"live_set_peak_bytes", "Lower bound on any arena: the largest total of the buffers alive at one step.",
       "Pisarchyk & Lee, 2020, Efficient Memory Management for Deep Neural Net Inference, sec. 3", "mcu",
       "B"},
      &live_set_peak_bytes, buffers);
}

}  // namespace derive
