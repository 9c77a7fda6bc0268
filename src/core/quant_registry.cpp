// Registers the quant engine functions: the registry adapts Args to the typed
// API of derive/quant.hpp and wraps its results as Values.
#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/quant.hpp"

namespace derive {
namespace {

ParamSpec bits_param() { return count("bits", "bits", "integer width", 8); }

constexpr const char* kAffine =
    "Jacob et al., 2018, Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only "
    "Inference, eqs. 1-2; Krishnamoorthi, 2018, Quantizing deep convolutional networks for efficient "
    "inference: A whitepaper, sec. 2.1";
constexpr const char* kSymmetric =
    "Krishnamoorthi, 2018, Quantizing deep convolutional networks for efficient inference: A whitepaper, "
    "sec. "
    "2.2; TensorFlow Lite 8-bit quantization specification (weights in [-127, 127])";
constexpr const char* kDeepCompression =
    "Han, Mao & Dally, 2016, Deep Compression: Compressing Deep Neural Networks with Pruning, Trained "
    "Quantization and Huffman Coding, sec. 3";

}  // namespace

void register_quant(Registry& r) {
  r.add({"quant_levels",
         "Distinct values of an unsigned b-bit integer: 2^b.",
         "definition (b binary digits)",
         "quant",
         {count("bits", "bits", "integer width, 1..62")},
         "levels",
         [](const Args& a) { return as_value(quant_levels(a.count(0))); }});
  r.add({"asym_scale",
         "Affine quantization scale: (x_max - x_min) / (2^b - 1).",
         kAffine,
         "quant",
         {real("x_min", "", "smallest real value"), real("x_max", "", "largest real value"), bits_param()},
         "",
         [](const Args& a) { return as_value(asym_scale(a.real(0), a.real(1), a.count(2))); }});
  r.add({"asym_zero_point",
         "Affine zero point: clamp(round(-x_min / scale), 0, 2^b - 1).",
         kAffine,
         "quant",
         {real("x_min", "", "smallest real value"), real("scale", "", "quantization scale"), bits_param()},
         "",
         [](const Args& a) { return as_value(asym_zero_point(a.real(0), a.real(1), a.count(2))); }});
  r.add({"sym_scale",
         "Symmetric scale for the restricted signed range: abs_max / (2^(b-1) - 1).",
         kSymmetric,
         "quant",
         {real("abs_max", "", "largest magnitude"), bits_param()},
         "",
         [](const Args& a) { return as_value(sym_scale(a.real(0), a.count(1))); }});
  r.add({"quantize",
         "Affine quantization: clamp(round(x / scale) + zero_point, 0, 2^b - 1).",
         kAffine,
         "quant",
         {real("x", "", "real value"), real("scale", "", "quantization scale"),
          real("zero_point", "", "integer standing for 0"), bits_param()},
         "",
         [](const Args& a) { return as_value(quantize(a.real(0), a.real(1), a.real(2), a.count(3))); }});
  r.add({"quantize_symmetric",
         "Symmetric quantization: clamp(round(x / scale), -(2^(b-1) - 1), 2^(b-1) - 1).",
         kSymmetric,
         "quant",
         {real("x", "", "real value"), real("scale", "", "quantization scale"), bits_param()},
         "",
         [](const Args& a) { return as_value(quantize_symmetric(a.real(0), a.real(1), a.count(2))); }});
  r.add({"dequantize",
         "Real value of a quantized level: scale * (q - zero_point).",
         kAffine,
         "quant",
         {real("q", "", "quantized level"), real("scale", "", "quantization scale"),
          real("zero_point", "", "integer standing for 0", 0)},
         "",
         [](const Args& a) { return as_value(dequantize(a.real(0), a.real(1), a.real(2))); }});
  r.add({"dequant_error",
         "Distance between a real value and a dequantized level: |scale (q - Z) - x|.",
         kAffine,
         "quant",
         {real("x", "", "real value"), real("q", "", "quantized level"),
          real("scale", "", "quantization scale"), real("zero_point", "", "integer standing for 0")},
         "",
         [](const Args& a) { return as_value(dequant_error(a.real(0), a.real(1), a.real(2), a.real(3))); }});
  r.add({"quantization_error",
         "Round-trip error |dequantize(quantize(x)) - x| of affine quantization.",
         kAffine,
         "quant",
         {real("x", "", "real value"), real("scale", "", "quantization scale"),
          real("zero_point", "", "integer standing for 0"), bits_param()},
         "",
         [](const Args& a) {
           return as_value(quantization_error(a.real(0), a.real(1), a.real(2), a.count(3)));
         }});
  r.add({"codebook_index_bits",
         "Bits of a K-means cluster index: ceil(log2(clusters)).",
         kDeepCompression,
         "quant",
         {count("clusters", "", "number of shared weights k")},
         "bits",
         [](const Args& a) { return as_value(codebook_index_bits(a.count(0))); }});
  r.add({"codebook_index_ratio",
         "Original bits per weight over index bits, ignoring the codebook.",
         kDeepCompression,
         "quant",
         {count("float_bits", "bits", "bits per original weight"),
          count("clusters", "", "number of clusters k")},
         "",
         [](const Args& a) { return as_value(codebook_index_ratio(a.count(0), a.count(1))); }});
  r.add({"codebook_compression_ratio",
         "Weight-sharing compression with the codebook: n b / (n log2 k + k b).",
         kDeepCompression,
         "quant",
         {count("weights", "", "number of weights n"),
          count("float_bits", "bits", "bits per original weight b"),
          count("clusters", "", "number of clusters k")},
         "",
         [](const Args& a) {
           return as_value(codebook_compression_ratio(a.count(0), a.count(1), a.count(2)));
         }});
  r.add(
      {"per_channel_overhead_bytes",
       "Extra bytes of per-channel over per-tensor parameters: (channels - 1) x bytes per channel.",
       "Krishnamoorthi, 2018, Quantizing deep convolutional networks for efficient inference: A whitepaper, "
       "sec. 2 (granularity: per-tensor and per-channel)",
       "quant",
       {count("channels", "", "output channels"), real("scale_bytes", "B", "bytes per scale", 4),
        real("zero_point_bytes", "B", "bytes per zero point", 0)},
       "B",
       [](const Args& a) { return as_value(per_channel_overhead_bytes(a.count(0), a.real(1), a.real(2))); }});
  r.add({"ste_gradient",
         "Straight-through estimator: the quantizer passes the upstream gradient unchanged.",
         "Bengio, Leonard & Courville, 2013, Estimating or Propagating Gradients Through Stochastic Neurons "
         "for "
         "Conditional Computation",
         "quant",
         {real("upstream", "", "gradient dL/dq")},
         "",
         [](const Args& a) { return as_value(ste_gradient(a.real(0))); }});
  r.add({"clipped_ste_gradient",
         "Clipped straight-through estimator: upstream if |x| <= clip, else 0.",
         "Hubara, Courbariaux et al., 2016, Binarized Neural Networks, sec. 1.3",
         "quant",
         {real("upstream", "", "gradient dL/dq"), real("x", "", "pre-quantization value"),
          real("clip", "", "clipping threshold", 1)},
         "",
         [](const Args& a) { return as_value(clipped_ste_gradient(a.real(0), a.real(1), a.real(2))); }});
  r.add(
      {"smoothquant_factor",
       "SmoothQuant per-channel factor: act_max^alpha / weight_max^(1 - alpha).",
       "Xiao et al., 2023, SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language "
       "Models, eq. 4",
       "quant",
       {real("act_max", "", "max |X_j| of the activation channel"),
        real("weight_max", "", "max |W_j| of the weight channel"),
        real("alpha", "", "migration strength, 0..1", 0.5)},
       "",
       [](const Args& a) { return as_value(smoothquant_factor(a.real(0), a.real(1), a.real(2))); }});
}

}  // namespace derive
