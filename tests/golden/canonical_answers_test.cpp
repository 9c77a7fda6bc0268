// The canonical answers (variant 0), each derived here from the canonical
// parameters of the catalogue contract (/work/shared/catalogue.md, the seed's
// numbers; for the chapter "real", added after it, those of its file) by plain arithmetic written out,
// independently of the engine's functions, with the source of its formula. Each must agree with what the
// catalogue's exercise computes for variant 0 at the precision its prompt asks
// for. None is copied from the seed's prose (ERRATA.md lists where it errs).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "exercise/precision.hpp"

namespace derive {
namespace {

struct Golden {
  const char* id;
  std::size_t part;
  double answer;
};

// softmax(z / T)[k], written out: exp(z_k / T) / sum_j exp(z_j / T).
double soft(const std::vector<double>& z, std::size_t k, double t) {
  double sum = 0;
  for (double zj : z) sum += std::exp(zj / t);
  return std::exp(z[k] / t) / sum;
}

const std::vector<Golden>& goldens() {
  static const std::vector<Golden> table = {
      // --- measure
      // Storage = parameters x bits / 8 bits per byte; MB = 10^6 B.
      {"measure.model-size", 0, 3.4e6 * 32 / 8 / 1e6},
      // A MAC is one multiply and one add: 2 FLOPs (Hennessy & Patterson's op count).
      {"measure.macs-to-flops", 0, 2 * 150e6},
      // Intensity = FLOPs / bytes moved (Williams, Waterman & Patterson 2009, roofline).
      {"measure.arithmetic-intensity", 0, 3.2e9 / 400e3},
      // N x C x H x W values x bytes per value, KB = 1024 B.
      {"measure.activation-memory", 0, 1.0 * 64 * 56 * 56 * 4 / 1024},
      // Ridge point = peak FLOP/s / bandwidth B/s (Williams et al. 2009, Fig. 1).
      {"measure.ridge-point", 0, 200e6 / 50e6},
      // --- count
      // y = W x + b: in x out weights plus out biases (PyTorch nn.Linear).
      {"count.linear-params", 0, 512.0 * 256 + 256},
      // K x K x C_in weights per filter, C_out filters, one bias each (PyTorch nn.Conv2d).
      {"count.conv-params", 0, 3.0 * 3 * 32 * 64 + 64},
      // One MAC per weight per output position: K^2 C_in C_out H_out W_out, in millions.
      {"count.conv-macs", 0, 3.0 * 3 * 32 * 64 * 28 * 28 / 1e6},
      // MobileNet (Howard et al. 2017, Eq. 5): standard / (depthwise + pointwise).
      {"count.separable-ratio", 0,
       (3.0 * 3 * 32 * 64 * 28 * 28) / (3.0 * 3 * 32 * 28 * 28 + 32.0 * 64 * 28 * 28)},
      // FFN up-projection d -> e d per token: d x e d MACs (Vaswani et al. 2017, §3.3).
      {"count.ffn-macs", 0, 512.0 * (4 * 512)},
      // --- prune
      // Sparsity = zeroed / total, in percent.
      {"prune.sparsity", 0, 350000.0 / 500000 * 100},
      // Optimal Brain Damage saliency s = h_kk w_k^2 / 2 (LeCun, Denker & Solla 1990, Eq. 5).
      {"prune.obd-saliency", 0, 5.0 * 0.4 * 0.4 / 2},
      // N:M keeps N of every M weights: sparsity (M - N) / M (Mishra et al. 2021, 2:4).
      {"prune.nm-sparsity", 0, (4.0 - 2) / 4 * 100},
      // CSR values + column indices of the non-zeros (row pointers left out, as the contract asks).
      {"prune.csr-size", 0, 1e6 * (1 - 0.9) * (4 + 4) / 1e6},
      // Global pruning to 40 % leaves 60 % of all weights (Blalock et al. 2020, §2).
      {"prune.global-nonzeros", 0, 10.0 * 50000 * (1 - 0.4)},
      // --- quantize: asymmetric unsigned, r = S (q - Z) (Jacob et al. 2018, Eq. 1)
      // S = (x_max - x_min) / (2^b - 1).
      {"quant.asym-scale", 0, (6.0 - -2.0) / (256 - 1)},
      // Z = round(-x_min / S): -(-2) / 0.03137 = 63.76 -> 64.
      {"quant.zero-point", 0, std::round(2.0 / 0.03137)},
      // q = clamp(round(x / S) + Z, 0, 255): round(47.82) + 64.
      {"quant.quantize", 0, std::fmin(std::fmax(std::round(1.5 / 0.03137) + 64, 0), 255)},
      // |S (q - Z) - x| = |0.03137 x 48 - 1.5|.
      {"quant.dequant-error", 0, std::fabs(0.03137 * (112 - 64) - 1.5)},
      // K-means codebook (Han et al. 2016, Deep Compression §3): 32-bit floats
      // replaced by log2(16) = 4-bit indices (the codebook itself left out).
      {"quant.codebook-ratio", 0, 32.0 / 4},
      // Per-channel keeps 128 scales where per-tensor keeps 1 (Krishnamoorthi 2018, §2.3).
      {"quant.per-channel-overhead", 0, (128.0 - 1) * 4},
      // The straight-through estimator passes the gradient unchanged (Bengio et al. 2013; Courbariaux et al.
      // 2016).
      {"quant.ste-gradient", 0, 3.0 * 1},
      // SmoothQuant s_j = max|X_j|^a / max|W_j|^(1-a) (Xiao et al. 2023, Eq. 4).
      {"quant.smoothquant-factor", 0, std::pow(8.0, 0.5) / std::pow(0.5, 1 - 0.5)},
      // 7e9 weights x 4 bits / 8, GB = 10^9 B.
      {"quant.llm-size", 0, 7e9 * 4 / 8 / 1e9},
      // b bits hold 2^b distinct values.
      {"quant.levels", 0, 2.0 * 2 * 2 * 2},
      // --- nas
      // K operations on each of E edges: K^E architectures; log10 = E log10 K (Liu et al. 2019, DARTS §2.1).
      {"nas.search-space", 0, 14 * std::log10(7.0)},
      // DARTS mixed-operation weight: softmax of the alphas (Liu et al. 2019, Eq. 1).
      {"nas.darts-softmax", 0, std::exp(2.0) / (std::exp(2.0) + std::exp(1.0) + std::exp(0.0))},
      // ProxylessNAS expected latency sum_k p_k lat_k (Cai et al. 2019, Eq. 5).
      {"nas.expected-latency", 0, 0.6 * 10 + 0.3 * 5 + 0.1 * 2},
      // MnasNet soft constraint ACC x (LAT / T)^w (Tan et al. 2019, Eq. 2).
      {"nas.mnasnet-reward", 0, 0.75 * std::pow(60.0 / 80, -0.07)},
      // Brute force 1000 x 4 GPU-hours against DARTS' 4 GPU-days of 24 hours.
      {"nas.darts-speedup", 0, 1000.0 * 4 / (4 * 24)},
      // --- distill (Hinton, Vinyals & Dean 2015)
      // Soft target q_i = exp(z_i / T) / sum_j exp(z_j / T) (§2, Eq. 1).
      {"kd.soft-prob", 0, soft({4.0, 2.0, 1.0}, 0, 4.0)},
      // Soft-target gradients scale as 1/T^2 (§2.1), so they shrink by T^2 = 25.
      {"kd.gradient-scale", 0, 5.0 * 5.0},
      // L = (1 - lambda) CE + lambda T^2 KL (§2: the soft term multiplied by T^2).
      {"kd.loss", 0, (1 - 0.7) * 2.0 + 0.7 * 3.0 * 3.0 * 0.4},
      // Teacher / student parameters: ResNet-50 25.6 M over MobileNetV2 3.4 M.
      {"kd.compression-ratio", 0, 25.6e6 / 3.4e6},
      // --- mcu (KB = 1024 B)
      // Input and output buffers of one INT8 layer live together (Lin et al. 2020, MCUNet §3.1).
      {"mcu.peak-sram", 0, (32.0 + 64) * 56 * 56 * 1 / 1024},
      // P x P patches divide the spatial size, so the buffer, by P^2 (Lin et al. 2021, MCUNetV2 §3.1).
      {"mcu.patch-reduction", 0, 4.0 * 4},
      // im2col: one K^2 C_in column per output position (Chellapilla et al. 2006).
      {"mcu.im2col-size", 0, 3.0 * 3 * 32 * 14 * 14},
      // 10^6 INT8 weights, one byte each, in KiB.
      {"mcu.flash-weights", 0, 1e6 * 1 / 1024},
      // K rows of W x C INT8 values held at once.
      {"mcu.row-tiling", 0, 3.0 * 56 * 64 * 1 / 1024},
      // --- llm
      // QK^T and AV, each N^2 d MACs = 2 N^2 d FLOPs: 4 N^2 d (Vaswani et al. 2017, Table 1 cost).
      {"llm.attention-flops", 0, 4.0 * 1024 * 1024 * 512 / 1e9},
      // K and V per layer, head and token: 2 L H_kv d_head N B bytes, MB = 10^6 B (Pope et al. 2022, §2).
      {"llm.kv-cache", 0, 2.0 * 32 * 32 * 128 * 512 * 1 * 2 / 1e6},
      // GQA shares each KV head among H_q / H_kv query heads (Ainslie et al. 2023, §2.2).
      {"llm.gqa-reduction", 0, 64.0 / 8},
      // LoRA W + B A, B d_out x r and A r x d_in: r (d_in + d_out) (Hu et al. 2021, §4.1).
      {"llm.lora-params", 0, 16.0 * (4096 + 4096)},
      // QLoRA: 4-bit frozen base plus 16-bit adapters (Dettmers et al. 2023, §3), GB = 10^9 B.
      {"llm.qlora-memory", 0, (7e9 * 4 / 8 + 20e6 * 2) / 1e9},
      // --- combined
      // INT8 weights in KiB plus 50 KiB of firmware.
      {"combo.flash-fit", 0, 800000.0 * 1 / 1024 + 50},
      // The division by P^2 that the exercise models (its solution says what it leaves out).
      {"combo.patch-sram", 0, 320.0 / (2 * 2)},
      // Time = MACs / MAC rate, in ms.
      {"combo.latency", 0, 30e6 / 60e6 * 1000},
      // INT4 weights + FP16 KV cache 2 L H_kv d_head N B bytes, GB = 10^9 B.
      {"combo.llm-serving", 0, (13e9 * 4 / 8 + 2.0 * 40 * 40 * 128 * 2048 * 4 * 2) / 1e9},
      // MACs shrink by the separable and pruning factors, size by the quantization factor.
      {"combo.stacking", 0, 50e6 / (8 * 2) / 1e6},
      {"combo.stacking", 1, 6.0 / 4},
      // --- real (added after the contract; canonical numbers of catalogue/10-real.toml)
      // MobileNetV2 block (Sandler et al. 2018), C = 24, t = 6, 24 x 24: 1x1 MACs are H W C_in C_out,
      // depthwise 3x3 H W 9 C; peak SRAM while the depthwise runs: x (kept for the add) + two
      // expanded maps, INT8, KB = 1024 B.
      {"real.inverted-residual", 0, 24.0 * 24 * 24 * 144},
      {"real.inverted-residual", 1, 24.0 * 24 * 9 * 144},
      {"real.inverted-residual", 2, 24.0 * 24 * 144 * 24},
      {"real.inverted-residual", 3, (24.0 + 2 * 144) * 24 * 24 / 1024},
      // K and V of 8 KV heads of 128 over 32 layers in FP16 (Pope et al. 2022, sec. 2); the
      // weights 8e9 x (4 + 16/128) bits (GPTQ's groups of 128 with FP16 scales), 24 GiB.
      {"real.kv-context", 0, 2.0 * 32 * 8 * 128 * 2},
      {"real.kv-context", 1, std::floor((24.0 * 1073741824 - 8e9 * 4.125 / 8) / (2.0 * 32 * 8 * 128 * 2))},
      // Bandwidth / bytes read per step (weights once, each sequence's cache), 3,350 GB/s,
      // 8e9 FP16 weights, cache 2 x 32 x 8 x 128 x 4096 x 2 B; batch 16 yields 16 tokens a step.
      {"real.decode-bound", 0, 3350e9 / (16e9 + 2.0 * 32 * 8 * 128 * 4096 * 2)},
      {"real.decode-bound", 1, 16 * 3350e9 / (16e9 + 16 * 2.0 * 32 * 8 * 128 * 4096 * 2)},
      // Llama-2-7B under QLoRA (Dettmers et al. 2023, sec. 3): block linears 32 (4 x 4096^2 +
      // 3 x 4096 x 11008) in NF4 + double quantization, 4 + 8/64 + 32/16384 bits; embeddings,
      // head and norms 2 x 32000 x 4096 + 65 x 4096 in BF16; rank-64 LoRA on all seven linears,
      // 32 x 64 x (4 x 8192 + 3 x 15104) parameters at 2 + 2 + 8 bytes.
      {"real.qlora-memory", 0,
       (32.0 * (4.0 * 4096 * 4096 + 3.0 * 4096 * 11008) * (4 + 8.0 / 64 + 32.0 / 16384) / 8 +
        2 * (2.0 * 32000 * 4096 + 65.0 * 4096) + 12 * 32.0 * 64 * (4 * 8192 + 3 * 15104)) /
           1e9},
      // FLOPs 2 M K N over FP16 bytes 2 (M K + K N + M N) (Williams et al. 2009), K = 4096,
      // N = 14336, M = 2048 tokens in prefill and 1 in decode.
      {"real.prefill-decode-intensity", 0,
       2.0 * 2048 * 4096 * 14336 / (2.0 * (2048.0 * 4096 + 4096.0 * 14336 + 2048.0 * 14336))},
      {"real.prefill-decode-intensity", 1, 2.0 * 4096 * 14336 / (2.0 * (4096.0 + 4096.0 * 14336 + 14336.0))},
      // Sizes 8, 6, 2, 4, 6 KB, lifetimes 0-0, 0-3, 1-2, 2-3, 3-3. TFLM's first fit, largest first
      // (equal sizes: later first): t0 at 0, t4 at 0, t1 at 8, t3 at 14 (only 2 KB free below t1),
      // t2 at 0; the arena ends at 14 + 4. The live-set bound: t1 + t3 + t4 = 16 at operator 3.
      {"real.arena-first-fit", 0, 18},
      {"real.arena-first-fit", 1, 16},
  };
  return table;
}

TEST(Golden, EveryCanonicalAnswerMatchesItsDerivation) {
  const Catalogue& catalogue = builtin_catalogue();
  std::size_t numeric = 0;
  for (const Exercise& e : catalogue.exercises) numeric += e.symbolic ? 0 : e.parts.size();
  ASSERT_EQ(goldens().size(), numeric) << "one golden per answer part of every numeric exercise";
  for (const Golden& g : goldens()) {
    const Exercise* e = catalogue.find(g.id);
    ASSERT_NE(e, nullptr) << g.id;
    ASSERT_LT(g.part, e->parts.size()) << g.id;
    auto in = instantiate(*e, 0);
    ASSERT_TRUE(in.ok()) << g.id << ": " << in.error().message;
    const Precision& precision = e->parts[g.part].precision;
    const double engine = in->answers[g.part].number().to_double();
    EXPECT_EQ(format_at_precision(precision, engine), format_at_precision(precision, g.answer))
        << g.id << " part " << g.part;
    EXPECT_TRUE(within_precision(precision, engine, g.answer)) << g.id << " part " << g.part;
  }
}

// kd.infinite-temperature asks for lim_{T -> inf} softmax(z / T)_i: every
// exp(z_j / T) tends to 1, so each class gets 1/C (Hinton et al. 2015, §2.1:
// the high-temperature limit). The catalogue's symbolic answer must agree with
// the softmax at a very high temperature for several class counts.
TEST(Golden, InfiniteTemperatureIsUniform) {
  const Exercise* e = builtin_catalogue().find("kd.infinite-temperature");
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->symbolic.has_value());
  ASSERT_EQ(e->variables, std::vector<std::string>{"C"});
  for (int classes : {2, 3, 10, 1000}) {
    std::vector<double> logits;
    for (int j = 0; j < classes; ++j) logits.push_back(std::fmod(7.0 * j, 11.0) - 5);
    const double limit = soft(logits, 0, 1e9);
    auto value = e->symbolic->evaluate({{"C", Value(Number::exact(classes))}});
    ASSERT_TRUE(value.ok()) << value.error().message;
    EXPECT_NEAR(value->number().to_double(), limit, 1e-8) << classes << " classes";
  }
}

}  // namespace
}  // namespace derive
