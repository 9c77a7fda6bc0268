// Parameter counts, LoRA, and the report document (docs/llm-analysis.md).
#include <cmath>
#include <nlohmann/json.hpp>

#include "derive/llm.hpp"
#include "derive/llm/config.hpp"

namespace derive::llm {
namespace {

using nlohmann::json;

// Exact int64 arithmetic that remembers an overflow instead of wrapping.
class Exact {
 public:
  std::int64_t mul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) overflow = true;
    return r;
  }
  std::int64_t add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) overflow = true;
    return r;
  }
  // ceil(a * num / den) for a, num >= 0, den > 0.
  std::int64_t scale_up(std::int64_t a, std::int64_t num, std::int64_t den) {
    const std::int64_t whole = mul(a / den, num);
    const std::int64_t rest = mul(a % den, num);
    return add(whole, (rest + den - 1) / den);
  }
  bool overflow = false;
};

Error overflow_error(const char* what) {
  return make_error(std::string(what) + ": the count does not fit in 64 bits");
}

// Weight formats of serving memory. INT4 is group-wise with one FP16 scale per
// group of 128 weights: 4 + 16/128 = 4.125 bits = 33/64 bytes per weight.
struct Format {
  const char* name;
  std::int64_t num, den;  // bytes per weight = num / den
  const char* note;
};
constexpr Format kFormats[] = {
    {"FP32", 4, 1, "32 bits per weight"},
    {"FP16/BF16", 2, 1, "16 bits per weight"},
    {"INT8", 1, 1, "8 bits per weight; per-tensor or per-row scales are not counted"},
    {"INT4-g128", 33, 64, "4 + 16/128 = 4.125 bits per weight: an FP16 scale per group of 128 weights"},
};

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// The weight matrices (no biases) of one layer's attention and MLP, the ones
// QLoRA stores in NF4.
std::int64_t linear_weights_per_layer(const Architecture& a, Exact& x) {
  const std::int64_t qd = x.mul(a.heads, a.head_dim), kvd = x.mul(a.kv_heads, a.head_dim);
  const std::int64_t attention = x.mul(a.hidden, x.add(x.add(qd, qd), x.add(kvd, kvd)));
  const std::int64_t mlp = x.mul(x.mul(a.hidden, a.intermediate), a.gated ? 3 : 2);
  const std::int64_t router = a.experts > 0 ? x.mul(a.hidden, a.experts) : 0;
  return x.add(x.add(attention, x.mul(mlp, a.experts > 0 ? a.experts : 1)), router);
}

}  // namespace

Result<ParameterCounts> count_parameters(const Architecture& a) {
  Exact x;
  ParameterCounts c;
  const std::int64_t d = a.hidden;
  const std::int64_t qd = x.mul(a.heads, a.head_dim), kvd = x.mul(a.kv_heads, a.head_dim);
  c.token_embedding = x.mul(a.vocab, d);
  c.position_embedding = x.mul(a.learned_positions, d);
  c.q = x.add(x.mul(d, qd), a.qkv_bias ? qd : 0);
  c.k = x.add(x.mul(d, kvd), a.qkv_bias ? kvd : 0);
  c.v = c.k;
  c.o = x.add(x.mul(qd, d), a.o_bias ? d : 0);
  c.attention = x.add(x.add(c.q, c.k), x.add(c.v, c.o));
  const std::int64_t ff = a.intermediate;
  if (a.gated) {  // gate and up: d -> ff, down: ff -> d
    c.mlp_per_expert = x.add(x.mul(x.mul(d, ff), 3), a.mlp_bias ? x.add(x.mul(ff, 2), d) : 0);
  } else {  // up: d -> ff, down: ff -> d
    c.mlp_per_expert = x.add(x.mul(x.mul(d, ff), 2), a.mlp_bias ? x.add(ff, d) : 0);
  }
  c.router = a.experts > 0 ? x.mul(d, a.experts) : 0;
  c.mlp = x.add(x.mul(c.mlp_per_expert, a.experts > 0 ? a.experts : 1), c.router);
  const std::int64_t norm = a.norm == Norm::RMSNorm ? d : x.mul(d, 2);
  c.norms = x.mul(norm, 2);
  c.per_layer = x.add(x.add(c.attention, c.mlp), c.norms);
  c.all_layers = x.mul(c.per_layer, a.layers);
  c.final_norm = norm;
  c.lm_head = a.tied ? 0 : c.token_embedding;
  c.total = x.add(x.add(x.add(c.token_embedding, c.position_embedding), c.all_layers),
                  x.add(c.final_norm, c.lm_head));
  c.active_per_layer =
      x.add(x.add(c.attention, c.norms),
            x.add(c.router, x.mul(c.mlp_per_expert, a.experts > 0 ? a.experts_per_token : 1)));
  c.active = x.add(c.total - c.all_layers, x.mul(c.active_per_layer, a.layers));
  if (x.overflow) return overflow_error("parameters");
  return c;
}

Result<LoraTargets> parse_lora_targets(std::string_view list) {
  LoraTargets t;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    std::string name(list.substr(start, end - start));
    if (name.size() > 5 && name.substr(name.size() - 5) == "_proj") name.resize(name.size() - 5);
    if (name == "q")
      t.q = true;
    else if (name == "k")
      t.k = true;
    else if (name == "v")
      t.v = true;
    else if (name == "o")
      t.o = true;
    else if (name == "gate")
      t.gate = true;
    else if (name == "up")
      t.up = true;
    else if (name == "down")
      t.down = true;
    else if (name == "all")
      t = {true, true, true, true, true, true, true};
    else
      return make_error("LoRA target \"" + name +
                        "\": expected q, k, v, o, gate, up, down or all, separated by commas");
    start = end + 1;
  }
  return t;
}

Result<std::int64_t> lora_parameters(const Architecture& a, const LoraTargets& t, std::int64_t rank) {
  if (rank < 1) return make_error("LoRA rank " + std::to_string(rank) + ": expected a rank of at least 1");
  if (t.gate && !a.gated)
    return make_error("LoRA target gate: " + a.family + " has no gate projection (its MLP is up and down)");
  Exact x;
  const std::int64_t d = a.hidden, ff = a.intermediate;
  const std::int64_t qd = x.mul(a.heads, a.head_dim), kvd = x.mul(a.kv_heads, a.head_dim);
  // d_in + d_out of each adapted d_out x d_in matrix (Hu et al. 2021, sec. 4.1).
  std::int64_t attention = 0, mlp = 0;
  if (t.q) attention = x.add(attention, x.add(d, qd));
  if (t.k) attention = x.add(attention, x.add(d, kvd));
  if (t.v) attention = x.add(attention, x.add(d, kvd));
  if (t.o) attention = x.add(attention, x.add(qd, d));
  if (t.gate) mlp = x.add(mlp, x.add(d, ff));
  if (t.up) mlp = x.add(mlp, x.add(d, ff));
  if (t.down) mlp = x.add(mlp, x.add(ff, d));
  const std::int64_t per_layer = x.add(attention, x.mul(mlp, a.experts > 0 ? a.experts : 1));
  const std::int64_t total = x.mul(x.mul(per_layer, a.layers), rank);
  if (x.overflow) return overflow_error("LoRA parameters");
  return total;
}

Result<std::string> report_json(const Architecture& a, const ReportOptions& options,
                                const std::string& label) {
  if (options.context < 1 || options.batch < 1)
    return make_error("context and batch must be at least 1, got context " + std::to_string(options.context) +
                      " and batch " + std::to_string(options.batch));
  DERIVE_TRY(const ParameterCounts c, count_parameters(a));
  Exact x;
  json doc;
  doc["kind"] = "llm";
  doc["model"] = label;
  doc["family"] = a.family;
  doc["architecture"] = a.architecture;
  doc["hyperparameters"] = {{"vocab_size", a.vocab},
                            {"hidden_size", a.hidden},
                            {"intermediate_size", a.intermediate},
                            {"num_hidden_layers", a.layers},
                            {"num_attention_heads", a.heads},
                            {"num_key_value_heads", a.kv_heads},
                            {"head_dim", a.head_dim},
                            {"tie_word_embeddings", a.tied},
                            {"qkv_bias", a.qkv_bias},
                            {"o_bias", a.o_bias},
                            {"mlp_bias", a.mlp_bias},
                            {"gated_mlp", a.gated},
                            {"norm", a.norm == Norm::RMSNorm ? "RMSNorm" : "LayerNorm"},
                            {"learned_positions", a.learned_positions},
                            {"max_position_embeddings", a.max_positions},
                            {"experts", a.experts},
                            {"experts_per_token", a.experts_per_token},
                            {"sliding_window", a.sliding_window}};
  doc["parameters"] = {{"token_embedding", c.token_embedding},
                       {"position_embedding", c.position_embedding},
                       {"per_layer",
                        {{"q", c.q},
                         {"k", c.k},
                         {"v", c.v},
                         {"o", c.o},
                         {"attention", c.attention},
                         {"mlp_per_expert", c.mlp_per_expert},
                         {"router", c.router},
                         {"mlp", c.mlp},
                         {"norms", c.norms},
                         {"total", c.per_layer},
                         {"active", c.active_per_layer}}},
                       {"layers", c.all_layers},
                       {"final_norm", c.final_norm},
                       {"lm_head", c.lm_head},
                       {"total", c.total},
                       {"active_per_token", c.active}};

  // FLOPs per token of the forward pass, Kaplan et al. 2020, Table 1:
  // 2 x the parameters a token is multiplied by (every active parameter but
  // the embedding lookups, plus the LM head, which is computed even when it
  // is tied) + 2 * n_layer * n_ctx * d_attn for attending over the context.
  const std::int64_t attended =
      a.sliding_window > 0 ? std::min(options.context, a.sliding_window) : options.context;
  const std::int64_t d_attn = x.mul(a.heads, a.head_dim);
  const std::int64_t multiplied =
      x.add(c.active - c.token_embedding - c.position_embedding, a.tied ? c.token_embedding : 0);
  const std::int64_t matmul_flops = x.mul(multiplied, 2);
  const std::int64_t attention_flops = x.mul(x.mul(x.mul(a.layers, attended), d_attn), 2);
  const std::int64_t flops_per_token = x.add(matmul_flops, attention_flops);
  doc["flops_per_token"] = {
      {"convention",
       "Kaplan et al. 2020, Table 1: 2 x parameters multiplied (active, without the embedding lookups, with "
       "the "
       "LM head) + 2 * n_layer * n_ctx * d_attn; norms and biases count 2 FLOPs per parameter"},
      {"context", options.context},
      {"attended_tokens", attended},
      {"parameters_multiplied", multiplied},
      {"matmul_flops", matmul_flops},
      {"attention_flops", attention_flops},
      {"total", flops_per_token}};

  // KV cache: K and V, FP16, per layer kv_heads * head_dim values per token
  // (Pope et al. 2022, sec. 2); a sliding window keeps only its last tokens.
  const std::int64_t kv_per_token = x.mul(x.mul(x.mul(a.layers, a.kv_heads), a.head_dim), 4);
  const std::int64_t kv_bytes = x.mul(x.mul(kv_per_token, attended), options.batch);
  doc["kv_cache"] = {{"bytes_per_value", 2},
                     {"formula", "2 (K and V) * layers * kv_heads * head_dim * 2 bytes (FP16) per token"},
                     {"bytes_per_token", kv_per_token},
                     {"cached_tokens", attended},
                     {"batch", options.batch},
                     {"bytes", kv_bytes}};
  if (options.context > a.max_positions && a.max_positions > 0)
    doc["notes"].push_back("context " + std::to_string(options.context) +
                           " is beyond max_position_embeddings " + std::to_string(a.max_positions));
  if (a.sliding_window > 0 && options.context > a.sliding_window)
    doc["notes"].push_back("sliding window: each layer caches only the last " +
                           std::to_string(a.sliding_window) + " tokens");

  json serving = json::array();
  std::vector<std::int64_t> weight_bytes, active_bytes;
  for (const Format& f : kFormats) {
    weight_bytes.push_back(x.scale_up(c.total, f.num, f.den));
    active_bytes.push_back(x.scale_up(c.active, f.num, f.den));
    serving.push_back({{"format", f.name},
                       {"bits_per_weight", 8.0 * static_cast<double>(f.num) / static_cast<double>(f.den)},
                       {"note", f.note},
                       {"weight_bytes", weight_bytes.back()},
                       {"kv_cache_bytes", kv_bytes},
                       {"total_bytes", x.add(weight_bytes.back(), kv_bytes)}});
  }
  doc["serving"] = serving;

  if (!options.gpu.empty()) {
    DERIVE_TRY(const Gpu gpu, find_gpu(options.gpu));
    const double memory = gpu.memory_gb * kGiB;
    // Decode: each step reads the weights once (an MoE model at batch 1 only
    // its active experts; at a larger batch we assume every expert is read)
    // and each sequence's KV cache, and yields one token per sequence.
    json rows = json::array();
    for (std::size_t i = 0; i < std::size(kFormats); ++i) {
      const std::int64_t read = x.add(options.batch == 1 ? active_bytes[i] : weight_bytes[i], kv_bytes);
      const double total = static_cast<double>(x.add(weight_bytes[i], kv_bytes));
      // The read bytes are weights plus the whole batch's cache, as
      // decode_tokens_per_s_bound (derive/llm.hpp) takes them.
      DERIVE_TRY(const double decode_bound,
                 decode_tokens_per_s_bound(gpu.bandwidth_gb_s * 1e9, static_cast<double>(read - kv_bytes),
                                           static_cast<double>(kv_bytes), options.batch));
      rows.push_back({{"format", kFormats[i].name},
                      {"fits", total <= memory},
                      {"margin_bytes", memory - total},
                      {"bytes_read_per_step", read},
                      {"decode_tokens_per_s_bound", decode_bound}});
    }
    doc["gpu"] = {
        {"id", gpu.id},
        {"name", gpu.name},
        {"source", gpu.source},
        {"memory_bytes", memory},
        {"bandwidth_bytes_per_s", gpu.bandwidth_gb_s * 1e9},
        {"dense_fp16_flops_per_s", gpu.dense_fp16_tflops * 1e12},
        {"decode_formula",
         "tokens/s <= batch * bandwidth / (weight bytes read + the KV cache of the whole batch)"},
        {"formats", rows},
        {"prefill_formula", "tokens/s <= dense FP16 FLOP/s / FLOPs per token"},
        {"prefill_tokens_per_s_bound", gpu.dense_fp16_tflops * 1e12 / static_cast<double>(flops_per_token)}};
  }

  if (options.lora_rank > 0) {
    DERIVE_TRY(const LoraTargets targets, parse_lora_targets(options.lora_targets));
    DERIVE_TRY(const std::int64_t lora, lora_parameters(a, targets, options.lora_rank));
    doc["lora"] = {
        {"rank", options.lora_rank},
        {"targets", options.lora_targets},
        {"formula", "rank * (d_in + d_out) per adapted matrix per layer (Hu et al. 2021, sec. 4.1)"},
        {"trainable_params", lora}};
    // QLoRA (Dettmers et al. 2023): the blocks' linear weights in NF4 with
    // double quantization, 4 + 8/64 + 32/(64*256) = 4.126953125 bits
    // (= 2113/4096 bytes) per weight; everything else in BF16; the adapters in
    // BF16 with BF16 gradients and two FP32 Adam moments.
    const std::int64_t quantized = x.mul(linear_weights_per_layer(a, x), a.layers);
    const std::int64_t nf4 = x.scale_up(quantized, 2113, 4096);
    const std::int64_t rest = x.mul(c.total - quantized, 2);
    const std::int64_t adapters = x.mul(lora, 2), gradients = x.mul(lora, 2), adam = x.mul(lora, 8);
    doc["qlora"] = {{"bits_per_quantized_weight", kNf4DoubleQuantBits},
                    {"quantized_params", quantized},
                    {"nf4_weight_bytes", nf4},
                    {"bf16_other_params", c.total - quantized},
                    {"bf16_other_bytes", rest},
                    {"adapter_bytes", adapters},
                    {"gradient_bytes", gradients},
                    {"adam_state_bytes", adam},
                    {"total_bytes", x.add(x.add(nf4, rest), x.add(x.add(adapters, gradients), adam))},
                    {"not_counted", "activations, the CUDA context and framework buffers"}};
  }
  if (x.overflow) return overflow_error("LLM report");
  // A label that is not valid UTF-8 (a file name) is written with U+FFFD
  // rather than refused: dump() would otherwise throw, or abort in the
  // WebAssembly build, which has no exceptions.
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace derive::llm
