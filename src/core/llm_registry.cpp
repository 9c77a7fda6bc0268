// The llm engine functions as the expression language sees them: each entry
// adapts checked Args to the typed API of derive/llm.hpp.
#include <string>

#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/llm.hpp"

namespace derive {
namespace {

// Parameters several functions of this topic share, described once.
constexpr Param kDModel = param("d_model", "", "model width d (all heads together)");
constexpr Param kTokens = param("tokens", "", "sequence length N");

constexpr EngineFunction kLlmFunctions[] = {
    {{"attention_flops",
      "FLOPs of the two attention matrix products QK^T and AV over N tokens: 4 * N^2 * d (no projections).",
      "Vaswani et al., 2017, Attention Is All You Need, sec. 3.2.1; cf. Kaplan et al., 2020, Scaling Laws "
      "for Neural Language Models, Table 1",
      "llm", "FLOPs"},
     engine_call<&attention_flops>,
     {kTokens, kDModel}},
    {{"attention_projection_flops", "FLOPs of the Q, K, V and output projections over N tokens: 8 * N * d^2.",
      "Kaplan et al., 2020, Scaling Laws for Neural Language Models, Table 1", "llm", "FLOPs"},
     engine_call<&attention_projection_flops>,
     {kTokens, kDModel}},
    {{"kv_cache_bytes",
      "Bytes of the key-value cache: 2 * layers * kv_heads * head_dim * tokens * batch * bytes_per_value.",
      "Pope et al., 2022, Efficiently Scaling Transformer Inference, sec. 2 and 3.3", "llm", "B"},
     engine_call<&kv_cache_bytes>,
     {param("layers", "", "transformer layers"),
      param("kv_heads", "", "key-value heads (= heads for MHA, 1 for MQA)"),
      param("head_dim", "", "width of one head"), param("tokens", "", "cached tokens per sequence"),
      param("batch", "", "sequences in the batch", 1),
      param("bytes_per_value", "B", "bytes per cached value (2 for FP16)", 2.0)}},
    {{"gqa_kv_reduction",
      "How many times smaller a grouped-query KV cache is than a multi-head one: query_heads / kv_heads.",
      "Ainslie et al., 2023, GQA: Training Generalized Multi-Query Transformer Models from Multi-Head "
      "Checkpoints, sec. 2.2",
      "llm", ""},
     engine_call<&gqa_kv_reduction>,
     {param("query_heads", "", "query heads"),
      param("kv_heads", "", "key-value heads, dividing query_heads")}},
    {{"lora_params",
      "Trainable parameters of a rank-r LoRA adapter on one d_out x d_in matrix: r * (d_in + d_out).",
      "Hu et al., 2021, LoRA: Low-Rank Adaptation of Large Language Models, sec. 4.1", "llm", "parameters"},
     engine_call<&lora_params>,
     {param("d_in", "", "input width of the adapted matrix"),
      param("d_out", "", "output width of the adapted matrix"),
      param("rank", "", "adapter rank r, 1 <= r <= min(d_in, d_out)")}},
    {{"qlora_bytes",
      "Weights of QLoRA fine-tuning: params * base_bits / 8 + adapter_params * adapter_bytes (no "
      "quantization constants, optimizer state or activations).",
      "Dettmers et al., 2023, QLoRA: Efficient Finetuning of Quantized LLMs", "llm", "B"},
     engine_call<&qlora_bytes>,
     {param("params", "parameters", "parameters of the frozen base model"),
      param("base_bits", "bits", "bits per base parameter (4 for NF4)"),
      param("adapter_params", "parameters", "trainable adapter parameters"),
      param("adapter_bytes", "B", "bytes per adapter parameter (2 for BF16)")}},
    {{"groupwise_weight_bytes",
      "Bytes of group-wise quantized weights, one scale per group: params * (bits + scale_bits / "
      "group_size) / 8.",
      "Frantar et al., 2023, GPTQ: Accurate Post-Training Quantization for Generative Pre-trained "
      "Transformers, sec. 4 (grouping)",
      "llm", "B"},
     engine_call<&groupwise_weight_bytes>,
     {param("params", "parameters", "quantized weights"),
      param("bits", "bits", "bits per weight (4 for INT4)"),
      param("group_size", "", "weights that share one scale (128 is common)"),
      param("scale_bits", "bits", "bits of one scale (16 for FP16)", 16.0)}},
    {{"decode_tokens_per_s_bound",
      "Bandwidth bound on decode: batch * bandwidth / (weight bytes + KV-cache bytes of the batch), one "
      "token per sequence per step.",
      "Pope et al., 2022, Efficiently Scaling Transformer Inference, sec. 2", "llm", ""},
     engine_call<&decode_tokens_per_s_bound>,
     {param("bandwidth_bytes_per_s", "B/s", "memory bandwidth of the accelerator"),
      param("weight_bytes", "B", "bytes of weights read per step"),
      param("kv_bytes", "B", "bytes of KV cache read per step, the whole batch's"),
      param("batch", "", "sequences decoded together", 1)}},
    {{"qlora_training_bytes",
      "QLoRA fine-tuning memory: NF4 with double quantization (4.127 bits) for the linear weights, BF16 for "
      "the rest, 12 bytes per adapter parameter (BF16 weight and gradient, two FP32 Adam moments).",
      "Dettmers et al., 2023, QLoRA: Efficient Finetuning of Quantized LLMs, sec. 3", "llm", "B"},
     engine_call<&qlora_training_bytes>,
     {param("quantized_params", "parameters", "frozen weights of the linear layers, stored in NF4"),
      param("bf16_params", "parameters", "other frozen parameters (embeddings, norms, head), in BF16"),
      param("adapter_params", "parameters", "trainable LoRA parameters")}},
};

}  // namespace

void register_llm(Registry& registry) { add_all(registry, kLlmFunctions); }

}  // namespace derive
