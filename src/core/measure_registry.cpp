// Registers the measure engine functions: the registry adapts Args to the
// typed API of derive/measure.hpp and wraps its results as Values.
#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/measure.hpp"

namespace derive {
namespace {

constexpr const char* kRoofline =
    "Williams, Waterman & Patterson, 2009, Roofline: an insightful visual performance model for "
    "multicore architectures, CACM 52(4)";

// Parameters several functions of this topic share, described once.
constexpr Param kBandwidthBytesPerS = param("bandwidth_bytes_per_s", "B/s", "memory bandwidth");
constexpr Param kBits = param("bits", "bits", "bits per parameter, 1..64");
constexpr Param kFlops = param("flops", "FLOPs", "floating-point operations");
constexpr Param kParams = param("params", "parameters", "number of parameters");
constexpr Param kPeakFlopsPerS = param("peak_flops_per_s", "FLOP/s", "peak compute");

constexpr EngineFunction kMeasureFunctions[] = {
    {{"model_size_bits", "Storage of a model in bits: parameters times bits per parameter.",
      "definition (storage = count x width)", "measure", "bits"},
     engine_call<&model_size_bits>,
     {kParams, kBits}},
    {{"model_size_bytes", "Storage of a model in bytes: parameters times bits per parameter over 8.",
      "definition (1 byte = 8 bits)", "measure", "B"},
     engine_call<&model_size_bytes>,
     {kParams, kBits}},
    {{"tensor_bytes", "Bytes of a number of values at a given width in bytes.",
      "definition (storage = count x width)", "measure", "B"},
     engine_call<&tensor_bytes>,
     {param("values", "values", "number of stored values"),
      param("bytes_per_value", "B", "bytes per value, e.g. 0.5 for INT4")}},
    {{"flops_from_macs", "FLOPs of a number of MACs, counting one multiply and one add per MAC.",
      "convention: 1 MAC = 1 multiply + 1 add = 2 FLOPs", "measure", "FLOPs"},
     engine_call<&flops_from_macs>,
     {param("macs", "MACs", "multiply-accumulate operations")}},
    {{"macs_from_flops", "MACs of a number of FLOPs, counting two FLOPs per MAC.",
      "convention: 1 MAC = 1 multiply + 1 add = 2 FLOPs", "measure", "MACs"},
     engine_call<&macs_from_flops>,
     {kFlops}},
    {{"arithmetic_intensity", "FLOPs performed per byte moved to and from memory.", kRoofline, "measure",
      "FLOP/B"},
     engine_call<&arithmetic_intensity>,
     {kFlops, param("bytes", "B", "bytes moved")}},
    {{"ridge_point", "Roofline ridge point: peak compute over memory bandwidth.", kRoofline, "measure",
      "FLOP/B"},
     engine_call<&ridge_point>,
     {kPeakFlopsPerS, kBandwidthBytesPerS}},
    {{"attainable_flops_per_s", "Roofline bound: the lesser of peak compute and intensity times bandwidth.",
      kRoofline, "measure", "FLOP/s"},
     engine_call<&attainable_flops_per_s>,
     {param("intensity", "FLOP/B", "arithmetic intensity"), kPeakFlopsPerS, kBandwidthBytesPerS}},
    {{"activation_bytes", "Bytes of one NCHW activation tensor.", "definition (storage = count x width)",
      "measure", "B"},
     engine_call<&activation_bytes>,
     {param("batch", "", "batch size"), param("channels", "", "channels"), param("height", "", "height"),
      param("width", "", "width"), param("bytes_per_value", "B", "bytes per value (4 for FP32)", 4)}},
    {{"inference_latency_s",
      "Lower bound on latency: MACs over sustained MACs per second (compute-bound, ideal utilisation).",
      "definition (time = work / rate)", "measure", "s"},
     engine_call<&inference_latency_s>,
     {param("macs", "MACs", "MACs per inference"), param("macs_per_second", "MAC/s", "sustained MAC rate")}},
};

}  // namespace

void register_measure(Registry& r) { add_all(r, kMeasureFunctions); }

}  // namespace derive
