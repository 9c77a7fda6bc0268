// Registers the quant engine functions: the registry adapts Args to the typed
// API of derive/quant.hpp and wraps its results as Values.
#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/quant.hpp"

namespace derive {
namespace {

constexpr Param bits_param() { return param("bits", "bits", "integer width", 8); }

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

// Parameters several functions of this topic share, described once.
constexpr Param kClusters = param("clusters", "", "number of clusters k");
constexpr Param kQ = param("q", "", "quantized level");
constexpr Param kScale = param("scale", "", "quantization scale");
constexpr Param kUpstream = param("upstream", "", "gradient dL/dq");
constexpr Param kX = param("x", "", "real value");
constexpr Param kXMin = param("x_min", "", "smallest real value");
constexpr Param kZeroPoint = param("zero_point", "", "integer standing for 0");

constexpr EngineFunction kQuantFunctions[] = {
    {{"quant_levels", "Distinct values of an unsigned b-bit integer: 2^b.", "definition (b binary digits)",
      "quant", "levels"},
     engine_call<&quant_levels>,
     {param("bits", "bits", "integer width, 1..62")}},
    {{"asym_scale", "Affine quantization scale: (x_max - x_min) / (2^b - 1).", kAffine, "quant", ""},
     engine_call<&asym_scale>,
     {kXMin, param("x_max", "", "largest real value"), bits_param()}},
    {{"asym_zero_point", "Affine zero point: clamp(round(-x_min / scale), 0, 2^b - 1).", kAffine, "quant",
      ""},
     engine_call<&asym_zero_point>,
     {kXMin, kScale, bits_param()}},
    {{"sym_scale", "Symmetric scale for the restricted signed range: abs_max / (2^(b-1) - 1).", kSymmetric,
      "quant", ""},
     engine_call<&sym_scale>,
     {param("abs_max", "", "largest magnitude"), bits_param()}},
    {{"quantize", "Affine quantization: clamp(round(x / scale) + zero_point, 0, 2^b - 1).", kAffine, "quant",
      ""},
     engine_call<&quantize>,
     {kX, kScale, kZeroPoint, bits_param()}},
    {{"quantize_symmetric", "Symmetric quantization: clamp(round(x / scale), -(2^(b-1) - 1), 2^(b-1) - 1).",
      kSymmetric, "quant", ""},
     engine_call<&quantize_symmetric>,
     {kX, kScale, bits_param()}},
    {{"dequantize", "Real value of a quantized level: scale * (q - zero_point).", kAffine, "quant", ""},
     engine_call<&dequantize>,
     {kQ, kScale, param("zero_point", "", "integer standing for 0", 0)}},
    {{"dequant_error", "Distance between a real value and a dequantized level: |scale (q - Z) - x|.", kAffine,
      "quant", ""},
     engine_call<&dequant_error>,
     {kX, kQ, kScale, kZeroPoint}},
    {{"quantization_error", "Round-trip error |dequantize(quantize(x)) - x| of affine quantization.", kAffine,
      "quant", ""},
     engine_call<&quantization_error>,
     {kX, kScale, kZeroPoint, bits_param()}},
    {{"codebook_index_bits", "Bits of a K-means cluster index: ceil(log2(clusters)).", kDeepCompression,
      "quant", "bits"},
     engine_call<&codebook_index_bits>,
     {param("clusters", "", "number of shared weights k")}},
    {{"codebook_index_ratio", "Original bits per weight over index bits, ignoring the codebook.",
      kDeepCompression, "quant", ""},
     engine_call<&codebook_index_ratio>,
     {param("float_bits", "bits", "bits per original weight"), kClusters}},
    {{"codebook_compression_ratio", "Weight-sharing compression with the codebook: n b / (n log2 k + k b).",
      kDeepCompression, "quant", ""},
     engine_call<&codebook_compression_ratio>,
     {param("weights", "", "number of weights n"), param("float_bits", "bits", "bits per original weight b"),
      kClusters}},
    {{"per_channel_overhead_bytes",
      "Extra bytes of per-channel over per-tensor parameters: (channels - 1) x bytes per channel.",
      "Krishnamoorthi, 2018, Quantizing deep convolutional networks for efficient inference: A whitepaper, "
      "sec. 2 (granularity: per-tensor and per-channel)",
      "quant", "B"},
     engine_call<&per_channel_overhead_bytes>,
     {param("channels", "", "output channels"), param("scale_bytes", "B", "bytes per scale", 4),
      param("zero_point_bytes", "B", "bytes per zero point", 0)}},
    {{"ste_gradient", "Straight-through estimator: the quantizer passes the upstream gradient unchanged.",
      "Bengio, Leonard & Courville, 2013, Estimating or Propagating Gradients Through Stochastic Neurons "
      "for "
      "Conditional Computation",
      "quant", ""},
     engine_call<&ste_gradient>,
     {kUpstream}},
    {{"clipped_ste_gradient", "Clipped straight-through estimator: upstream if |x| <= clip, else 0.",
      "Hubara, Courbariaux et al., 2016, Binarized Neural Networks, sec. 1.3", "quant", ""},
     engine_call<&clipped_ste_gradient>,
     {kUpstream, param("x", "", "pre-quantization value"), param("clip", "", "clipping threshold", 1)}},
    {{"smoothquant_factor", "SmoothQuant per-channel factor: act_max^alpha / weight_max^(1 - alpha).",
      "Xiao et al., 2023, SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language "
      "Models, eq. 4",
      "quant", ""},
     engine_call<&smoothquant_factor>,
     {param("act_max", "", "max |X_j| of the activation channel"),
      param("weight_max", "", "max |W_j| of the weight channel"),
      param("alpha", "", "migration strength, 0..1", 0.5)}},
};

}  // namespace

void register_quant(Registry& r) { add_all(r, kQuantFunctions); }

}  // namespace derive
