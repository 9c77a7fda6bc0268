// The llm engine functions as the expression language sees them: each entry
// adapts checked Args to the typed API of derive/llm.hpp.
#include <optional>
#include <string>
#include <type_traits>

#include "core/registrations.hpp"
#include "derive/llm.hpp"

namespace derive {
namespace {

template <class T>
Result<Value> as_value(const Result<T>& r) {
  if (!r.ok()) return r.error();
  if constexpr (std::is_same_v<T, std::int64_t>) {
    return Value::integer(r.value());
  } else {
    return Value(r.value());
  }
}

ParamSpec param(const char* name, ParamKind kind, const char* unit, const char* help,
                std::optional<Value> default_value = std::nullopt) {
  return ParamSpec{name, kind, unit, help, std::move(default_value)};
}

}  // namespace

void register_llm(Registry& registry) {
  registry.add(FunctionSpec{
      "attention_flops",
      "FLOPs of the two attention matrix products QK^T and AV over N tokens: 4 * N^2 * d (no projections).",
      "Vaswani et al., 2017, Attention Is All You Need, sec. 3.2.1; cf. Kaplan et al., 2020, Scaling Laws "
      "for Neural Language Models, Table 1",
      "llm",
      {param("tokens", ParamKind::Count, "", "sequence length N"),
       param("d_model", ParamKind::Count, "", "model width d (all heads together)")},
      "FLOPs",
      [](const Args& a) { return as_value(attention_flops(a.count(0), a.count(1))); }});

  registry.add(FunctionSpec{
      "attention_projection_flops",
      "FLOPs of the Q, K, V and output projections over N tokens: 8 * N * d^2.",
      "Kaplan et al., 2020, Scaling Laws for Neural Language Models, Table 1",
      "llm",
      {param("tokens", ParamKind::Count, "", "sequence length N"),
       param("d_model", ParamKind::Count, "", "model width d (all heads together)")},
      "FLOPs",
      [](const Args& a) { return as_value(attention_projection_flops(a.count(0), a.count(1))); }});

  registry.add(FunctionSpec{
      "kv_cache_bytes",
      "Bytes of the key-value cache: 2 * layers * kv_heads * head_dim * tokens * batch * bytes_per_value.",
      "Pope et al., 2022, Efficiently Scaling Transformer Inference, sec. 2 and 3.3",
      "llm",
      {param("layers", ParamKind::Count, "", "transformer layers"),
       param("kv_heads", ParamKind::Count, "", "key-value heads (= heads for MHA, 1 for MQA)"),
       param("head_dim", ParamKind::Count, "", "width of one head"),
       param("tokens", ParamKind::Count, "", "cached tokens per sequence"),
       param("batch", ParamKind::Count, "", "sequences in the batch", Value::integer(1)),
       param("bytes_per_value", ParamKind::Real, "B", "bytes per cached value (2 for FP16)",
             Value::real(2.0))},
      "B",
      [](const Args& a) {
        return as_value(
            kv_cache_bytes(a.count(0), a.count(1), a.count(2), a.count(3), a.count(4), a.real(5)));
      }});

  registry.add(FunctionSpec{
      "gqa_kv_reduction",
      "How many times smaller a grouped-query KV cache is than a multi-head one: query_heads / kv_heads.",
      "Ainslie et al., 2023, GQA: Training Generalized Multi-Query Transformer Models from Multi-Head "
      "Checkpoints, sec. 2.2",
      "llm",
      {param("query_heads", ParamKind::Count, "", "query heads"),
       param("kv_heads", ParamKind::Count, "", "key-value heads, dividing query_heads")},
      "",
      [](const Args& a) { return as_value(gqa_kv_reduction(a.count(0), a.count(1))); }});

  registry.add(FunctionSpec{
      "lora_params",
      "Trainable parameters of a rank-r LoRA adapter on one d_out x d_in matrix: r * (d_in + d_out).",
      "Hu et al., 2021, LoRA: Low-Rank Adaptation of Large Language Models, sec. 4.1",
      "llm",
      {param("d_in", ParamKind::Count, "", "input width of the adapted matrix"),
       param("d_out", ParamKind::Count, "", "output width of the adapted matrix"),
       param("rank", ParamKind::Count, "", "adapter rank r, 1 <= r <= min(d_in, d_out)")},
      "parameters",
      [](const Args& a) { return as_value(lora_params(a.count(0), a.count(1), a.count(2))); }});

  registry.add(FunctionSpec{
      "qlora_bytes",
      "Weights of QLoRA fine-tuning: params * base_bits / 8 + adapter_params * adapter_bytes (no "
      "quantization constants, optimizer state or activations).",
      "Dettmers et al., 2023, QLoRA: Efficient Finetuning of Quantized LLMs",
      "llm",
      {param("params", ParamKind::Count, "parameters", "parameters of the frozen base model"),
       param("base_bits", ParamKind::Real, "bits", "bits per base parameter (4 for NF4)"),
       param("adapter_params", ParamKind::Count, "parameters", "trainable adapter parameters"),
       param("adapter_bytes", ParamKind::Real, "B", "bytes per adapter parameter (2 for BF16)")},
      "B",
      [](const Args& a) { return as_value(qlora_bytes(a.count(0), a.real(1), a.count(2), a.real(3))); }});
}

}  // namespace derive
