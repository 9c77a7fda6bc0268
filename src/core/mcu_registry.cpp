// The mcu engine functions as the expression language sees them: each entry
// adapts checked Args to the typed API of derive/mcu.hpp.
#include <optional>
#include <string>
#include <type_traits>

#include "core/registrations.hpp"
#include "derive/mcu.hpp"

namespace derive {
namespace {

template <class T>
Result<Value> as_value(const Result<T>& r) {
  if (!r.ok()) return r.error();
  if constexpr (std::is_same_v<T, double>) {
    return Value::real(r.value());
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return Value::integer(r.value());
  } else {
    return Value(r.value());
  }
}

ParamSpec param(const char* name, ParamKind kind, const char* unit, const char* help,
                std::optional<Value> default_value = std::nullopt) {
  return ParamSpec{name, kind, unit, help, std::move(default_value)};
}

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
      {param("in_channels", ParamKind::Count, "", "input channels"),
       param("out_channels", ParamKind::Count, "", "output channels"),
       param("height", ParamKind::Count, "", "height of both feature maps"),
       param("width", ParamKind::Count, "", "width of both feature maps"),
       param("bytes_per_value", ParamKind::Real, "B", "bytes per activation value (1 for INT8)",
             Value::real(1.0))},
      "B",
      [](const Args& a) {
        return as_value(
            peak_sram_two_buffer_bytes(a.count(0), a.count(1), a.count(2), a.count(3), a.real(4)));
      }});

  registry.add(FunctionSpec{"two_buffer_bytes",
                            "Peak SRAM of one layer from its buffer sizes: input bytes + output bytes.",
                            std::string(kMcuNetV2) + ", sec. 2",
                            "mcu",
                            {param("input_bytes", ParamKind::Real, "B", "size of the input activation"),
                             param("output_bytes", ParamKind::Real, "B", "size of the output activation")},
                            "B",
                            [](const Args& a) { return as_value(two_buffer_bytes(a.real(0), a.real(1))); }});

  registry.add(FunctionSpec{
      "patch_sram_reduction",
      "Approximate factor P^2 by which P x P patch-based inference divides activation SRAM (halo ignored).",
      std::string(kMcuNetV2) + ", sec. 3",
      "mcu",
      {param("patches", ParamKind::Count, "", "patches per side P of a P x P split")},
      "",
      [](const Args& a) { return as_value(patch_sram_reduction(a.count(0))); }});

  registry.add(FunctionSpec{
      "patch_sram_bytes",
      "Approximate SRAM with P x P patch-based inference: sram / P^2 (halo of overlapping patches ignored).",
      std::string(kMcuNetV2) + ", sec. 3",
      "mcu",
      {param("sram_bytes", ParamKind::Real, "B", "peak SRAM of the stage without patches"),
       param("patches", ParamKind::Count, "", "patches per side P of a P x P split")},
      "B",
      [](const Args& a) { return as_value(patch_sram_bytes(a.real(0), a.count(1))); }});

  registry.add(FunctionSpec{
      "im2col_values",
      "Values in the im2col matrix of a k x k convolution: k^2 * in_channels * out_height * out_width.",
      "Chellapilla, Puri & Simard, 2006, High Performance Convolutional Neural Networks for Document "
      "Processing",
      "mcu",
      {param("kernel", ParamKind::Count, "", "kernel size k of a k x k convolution"),
       param("in_channels", ParamKind::Count, "", "input channels"),
       param("out_height", ParamKind::Count, "", "output height"),
       param("out_width", ParamKind::Count, "", "output width")},
      "values",
      [](const Args& a) { return as_value(im2col_values(a.count(0), a.count(1), a.count(2), a.count(3))); }});

  registry.add(FunctionSpec{
      "flash_bytes",
      "Flash for the weights plus the firmware: params * bytes_per_param + firmware_bytes.",
      kMcuNet,
      "mcu",
      {param("params", ParamKind::Count, "parameters", "weights stored in flash"),
       param("bytes_per_param", ParamKind::Real, "B", "bytes per weight (1 for INT8)", Value::real(1.0)),
       param("firmware_bytes", ParamKind::Real, "B", "flash used by code and runtime", Value::real(0.0))},
      "B",
      [](const Args& a) { return as_value(flash_bytes(a.count(0), a.real(1), a.real(2))); }});

  registry.add(FunctionSpec{
      "row_tiling_bytes",
      "Input rows a depthwise kernel needs to compute one output row: K * width * channels * bytes.",
      std::string(kMcuNet) + ", sec. 3 (TinyEngine); the K-row working set follows from the K x K window",
      "mcu",
      {param("kernel", ParamKind::Count, "", "kernel size K (rows needed per output row)"),
       param("width", ParamKind::Count, "", "width of the input feature map"),
       param("channels", ParamKind::Count, "", "channels of the input feature map"),
       param("bytes_per_value", ParamKind::Real, "B", "bytes per activation value (1 for INT8)",
             Value::real(1.0))},
      "B",
      [](const Args& a) {
        return as_value(row_tiling_bytes(a.count(0), a.count(1), a.count(2), a.real(3)));
      }});
}

}  // namespace derive
