// The mcu engine functions as the expression language sees them: each entry
// adapts checked Args to the typed API of derive/mcu.hpp.
#include <string>

#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/arena.hpp"
#include "derive/mcu.hpp"

namespace derive {
namespace {

// Macros, so a section can be appended at compile time: DERIVE_SOURCE_MCU_NET_V2 ", sec. 2".
#define DERIVE_SOURCE_MCU_NET "Lin et al., 2020, MCUNet: Tiny Deep Learning on IoT Devices"
#define DERIVE_SOURCE_MCU_NET_V2 \
  "Lin et al., 2021, MCUNetV2: Memory-Efficient Patch-based Inference for Tiny Deep Learning"
#define DERIVE_SOURCE_TFLM_GREEDY                                                         \
  "TensorFlow Lite Micro, tensorflow/lite/micro/memory_planner/greedy_memory_planner.cc " \
  "(GreedyMemoryPlanner)"

// Parameters several functions of this topic share, described once.
// The buffers of an arena plan, one list entry per buffer:
constexpr Param kSizes = param("sizes", "B", "bytes of each buffer");
constexpr Param kFirstUse = param("first_use", "", "step at which each buffer is written first");
constexpr Param kLastUse = param("last_use", "", "last step at which each buffer is read");
constexpr Param kBytesPerValue =
    param("bytes_per_value", "B", "bytes per activation value (1 for INT8)", 1.0);
constexpr Param kInChannels = param("in_channels", "", "input channels");
constexpr Param kPatches = param("patches", "", "patches per side P of a P x P split");

constexpr EngineFunction kMcuFunctions[] = {
    {{"peak_sram_two_buffer_bytes",
      "SRAM of one layer with its whole input and output buffers alive together: (in + out) * H * W * "
      "bytes.",
      DERIVE_SOURCE_MCU_NET_V2 ", sec. 2", "mcu", "B"},
     engine_call<&peak_sram_two_buffer_bytes>,
     {kInChannels, param("out_channels", "", "output channels"),
      param("height", "", "height of both feature maps"), param("width", "", "width of both feature maps"),
      kBytesPerValue}},
    {{"two_buffer_bytes", "Peak SRAM of one layer from its buffer sizes: input bytes + output bytes.",
      DERIVE_SOURCE_MCU_NET_V2 ", sec. 2", "mcu", "B"},
     engine_call<&two_buffer_bytes>,
     {param("input_bytes", "B", "size of the input activation"),
      param("output_bytes", "B", "size of the output activation")}},
    {{"patch_sram_reduction",
      "Approximate factor P^2 by which P x P patch-based inference divides activation SRAM (halo ignored).",
      DERIVE_SOURCE_MCU_NET_V2 ", sec. 3", "mcu", ""},
     engine_call<&patch_sram_reduction>,
     {kPatches}},
    {{"patch_sram_bytes",
      "Approximate SRAM with P x P patch-based inference: sram / P^2 (halo of overlapping patches ignored).",
      DERIVE_SOURCE_MCU_NET_V2 ", sec. 3", "mcu", "B"},
     engine_call<&patch_sram_bytes>,
     {param("sram_bytes", "B", "peak SRAM of the stage without patches"), kPatches}},
    {{"im2col_values",
      "Values in the im2col matrix of a k x k convolution: k^2 * in_channels * out_height * out_width.",
      "Chellapilla, Puri & Simard, 2006, High Performance Convolutional Neural Networks for Document "
      "Processing",
      "mcu", "values"},
     engine_call<&im2col_values>,
     {param("kernel", "", "kernel size k of a k x k convolution"), kInChannels,
      param("out_height", "", "output height"), param("out_width", "", "output width")}},
    {{"flash_bytes", "Flash for the weights plus the firmware: params * bytes_per_param + firmware_bytes.",
      DERIVE_SOURCE_MCU_NET, "mcu", "B"},
     engine_call<&flash_bytes>,
     {param("params", "parameters", "weights stored in flash"),
      param("bytes_per_param", "B", "bytes per weight (1 for INT8)", 1.0),
      param("firmware_bytes", "B", "flash used by code and runtime", 0.0)}},
    {{"row_tiling_bytes",
      "Input rows a depthwise kernel needs to compute one output row: K * width * channels * bytes.",
      DERIVE_SOURCE_MCU_NET ", sec. 3 (TinyEngine); the K-row working set follows from the K x K window",
      "mcu", "B"},
     engine_call<&row_tiling_bytes>,
     {param("kernel", "", "kernel size K (rows needed per output row)"),
      param("width", "", "width of the input feature map"),
      param("channels", "", "channels of the input feature map"), kBytesPerValue}},
    {{"first_fit_offsets",
      "Arena offsets of first-fit greedy placement: largest buffer first, each at the lowest offset free of "
      "the buffers alive at the same time.",
      DERIVE_SOURCE_TFLM_GREEDY, "mcu", "B"},
     engine_call<&first_fit_offsets>,
     {kSizes, kFirstUse, kLastUse}},
    {{"first_fit_arena_bytes", "Arena of first-fit greedy placement: the highest end, max(offset + size).",
      DERIVE_SOURCE_TFLM_GREEDY, "mcu", "B"},
     engine_call<&first_fit_arena_bytes>,
     {kSizes, kFirstUse, kLastUse}},
    {{"live_set_peak_bytes", "Lower bound on any arena: the largest total of the buffers alive at one step.",
      "Pisarchyk & Lee, 2020, Efficient Memory Management for Deep Neural Net Inference, sec. 3", "mcu", "B"},
     engine_call<&live_set_peak_bytes>,
     {kSizes, kFirstUse, kLastUse}},
};

}  // namespace

void register_mcu(Registry& registry) { add_all(registry, kMcuFunctions); }

}  // namespace derive

#undef DERIVE_SOURCE_MCU_NET_V2
#undef DERIVE_SOURCE_MCU_NET
#undef DERIVE_SOURCE_TFLM_GREEDY
