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

}  // namespace

void register_measure(Registry& r) {
  r.add({"model_size_bits",
         "Storage of a model in bits: parameters times bits per parameter.",
         "definition (storage = count x width)",
         "measure",
         {count("params", "parameters", "number of parameters"),
          count("bits", "bits", "bits per parameter, 1..64")},
         "bits",
         [](const Args& a) { return as_value(model_size_bits(a.count(0), a.count(1))); }});
  r.add({"model_size_bytes",
         "Storage of a model in bytes: parameters times bits per parameter over 8.",
         "definition (1 byte = 8 bits)",
         "measure",
         {count("params", "parameters", "number of parameters"),
          count("bits", "bits", "bits per parameter, 1..64")},
         "B",
         [](const Args& a) { return as_value(model_size_bytes(a.count(0), a.count(1))); }});
  r.add({"tensor_bytes",
         "Bytes of a number of values at a given width in bytes.",
         "definition (storage = count x width)",
         "measure",
         {count("values", "values", "number of stored values"),
          real("bytes_per_value", "B", "bytes per value, e.g. 0.5 for INT4")},
         "B",
         [](const Args& a) { return as_value(tensor_bytes(a.count(0), a.real(1))); }});
  r.add({"flops_from_macs",
         "FLOPs of a number of MACs, counting one multiply and one add per MAC.",
         "convention: 1 MAC = 1 multiply + 1 add = 2 FLOPs",
         "measure",
         {count("macs", "MACs", "multiply-accumulate operations")},
         "FLOPs",
         [](const Args& a) { return as_value(flops_from_macs(a.count(0))); }});
  r.add({"macs_from_flops",
         "MACs of a number of FLOPs, counting two FLOPs per MAC.",
         "convention: 1 MAC = 1 multiply + 1 add = 2 FLOPs",
         "measure",
         {real("flops", "FLOPs", "floating-point operations")},
         "MACs",
         [](const Args& a) { return as_value(macs_from_flops(a.real(0))); }});
  r.add({"arithmetic_intensity",
         "FLOPs performed per byte moved to and from memory.",
         kRoofline,
         "measure",
         {real("flops", "FLOPs", "floating-point operations"), real("bytes", "B", "bytes moved")},
         "FLOP/B",
         [](const Args& a) { return as_value(arithmetic_intensity(a.real(0), a.real(1))); }});
  r.add({"ridge_point",
         "Roofline ridge point: peak compute over memory bandwidth.",
         kRoofline,
         "measure",
         {real("peak_flops_per_s", "FLOP/s", "peak compute"),
          real("bandwidth_bytes_per_s", "B/s", "memory bandwidth")},
         "FLOP/B",
         [](const Args& a) { return as_value(ridge_point(a.real(0), a.real(1))); }});
  r.add({"attainable_flops_per_s",
         "Roofline bound: the lesser of peak compute and intensity times bandwidth.",
         kRoofline,
         "measure",
         {real("intensity", "FLOP/B", "arithmetic intensity"),
          real("peak_flops_per_s", "FLOP/s", "peak compute"),
          real("bandwidth_bytes_per_s", "B/s", "memory bandwidth")},
         "FLOP/s",
         [](const Args& a) { return as_value(attainable_flops_per_s(a.real(0), a.real(1), a.real(2))); }});
  r.add({"activation_bytes",
         "Bytes of one NCHW activation tensor.",
         "definition (storage = count x width)",
         "measure",
         {count("batch", "", "batch size"), count("channels", "", "channels"), count("height", "", "height"),
          count("width", "", "width"), real("bytes_per_value", "B", "bytes per value (4 for FP32)", 4)},
         "B",
         [](const Args& a) {
           return as_value(activation_bytes(a.count(0), a.count(1), a.count(2), a.count(3), a.real(4)));
         }});
  r.add({"inference_latency_s",
         "Lower bound on latency: MACs over sustained MACs per second (compute-bound, ideal utilisation).",
         "definition (time = work / rate)",
         "measure",
         {real("macs", "MACs", "MACs per inference"), real("macs_per_second", "MAC/s", "sustained MAC rate")},
         "s",
         [](const Args& a) { return as_value(inference_latency_s(a.real(0), a.real(1))); }});
}

}  // namespace derive
