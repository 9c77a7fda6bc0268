// Costs of large language models: attention FLOPs, the KV cache, grouped-query
// attention, and the parameters and memory of LoRA and QLoRA fine-tuning.
//
// Counts are exact 64-bit integers; a count that would overflow is an error,
// never a wrapped value. Byte results are Numbers: exact whenever the number of
// bytes is whole, otherwise a double (marked approximate() past 2^53).
#pragma once

#include <cstdint>

#include "derive/number.hpp"
#include "derive/result.hpp"

namespace derive {

// FLOPs of the two N x N x d matrix products of self-attention over N tokens,
// QK^T and AV, 2 * N^2 * d FLOPs each (one MAC = 2 FLOPs): 4 * N^2 * d
// (Vaswani et al., 2017, "Attention Is All You Need", sec. 3.2.1). Splitting d
// into heads does not change the total. Excludes the Q/K/V/O projections
// (attention_projection_flops), the softmax and the scaling, and counts the full
// N x N score matrix with no causal mask. Kaplan et al. (2020, "Scaling Laws
// for Neural Language Models", Table 1) list 2 * n_ctx * d_attn FLOPs per token
// for this step, half of the 4 * N * d per token counted here; our reading is
// that their figure averages over a causal mask, under which a token sees about
// half the context on average.
// REQUIRES: tokens >= 1, d_model >= 1.
Result<std::int64_t> attention_flops(std::int64_t tokens, std::int64_t d_model);

// FLOPs of the four d x d projections Q, K, V and output applied to N tokens:
// 4 * (2 * N * d^2) = 8 * N * d^2, with the attention width equal to d_model
// (Kaplan et al., 2020, "Scaling Laws for Neural Language Models", Table 1:
// 2 * 3 * d_model * d_attn + 2 * d_attn * d_model FLOPs per token). No biases.
// REQUIRES: tokens >= 1, d_model >= 1.
Result<std::int64_t> attention_projection_flops(std::int64_t tokens, std::int64_t d_model);

// Bytes of the key-value cache: 2 (K and V) * layers * kv_heads * head_dim *
// tokens * batch * bytes_per_value (Pope et al., 2022, "Efficiently Scaling
// Transformer Inference", sec. 2 and 3.3). Multi-head attention has kv_heads =
// heads; multi-query attention (Shazeer, 2019, "Fast Transformer Decoding: One
// Write-Head is All You Need") has kv_heads = 1; grouped-query attention
// (Ainslie et al., 2023, "GQA: Training Generalized Multi-Query Transformer
// Models from Multi-Head Checkpoints") has 1 < kv_heads < heads.
// Exact when bytes_per_value is a whole number of bits (2 for FP16, 0.5 for 4-bit).
// REQUIRES: counts >= 1; bytes_per_value finite and > 0.
Result<Number> kv_cache_bytes(std::int64_t layers, std::int64_t kv_heads, std::int64_t head_dim,
                              std::int64_t tokens, std::int64_t batch = 1, double bytes_per_value = 2.0);

// How many times smaller the KV cache of grouped-query attention is than that of
// multi-head attention with one KV head per query head: query_heads / kv_heads
// (Ainslie et al., 2023, sec. 2.2: each KV head serves a group of query heads).
// REQUIRES: 1 <= kv_heads <= query_heads, and kv_heads divides query_heads.
Result<std::int64_t> gqa_kv_reduction(std::int64_t query_heads, std::int64_t kv_heads);

// Trainable parameters of a LoRA adapter on one d_out x d_in weight W, updated
// as W + BA with B: d_out x r and A: r x d_in (Hu et al., 2021, "LoRA: Low-Rank
// Adaptation of Large Language Models", sec. 4.1): rank * (d_in + d_out).
// REQUIRES: d_in, d_out >= 1; 1 <= rank <= min(d_in, d_out).
Result<std::int64_t> lora_params(std::int64_t d_in, std::int64_t d_out, std::int64_t rank);

// Memory in bytes of QLoRA fine-tuning's weights: a frozen base quantized to
// base_bits per parameter plus adapters at adapter_bytes per parameter,
// params * base_bits / 8 + adapter_params * adapter_bytes (Dettmers et al.,
// 2023, "QLoRA: Efficient Finetuning of Quantized LLMs": a 4-bit NormalFloat
// base, BF16 adapters). Excludes the quantization constants (block scales,
// about 0.127 bits per parameter with double quantization, sec. 3), optimizer
// state, gradients and activations, so it is a lower bound.
// REQUIRES: params >= 1; base_bits finite and > 0; adapter_params >= 0;
// adapter_bytes finite and > 0.
Result<Number> qlora_bytes(std::int64_t params, double base_bits, std::int64_t adapter_params,
                           double adapter_bytes);

// Bytes of weights stored group-wise: each group of group_size consecutive
// weights shares one scale of scale_bits, so a weight costs
// bits + scale_bits / group_size bits and the whole
// params * (bits + scale_bits / group_size) / 8 bytes (Frantar et al., 2023,
// "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained
// Transformers", sec. 4, grouping; at 4 bits, group 128 and FP16 scales:
// 4.125 bits per weight). Zero points, when stored, are a second scale_bits.
// REQUIRES: params >= 0; bits > 0; group_size >= 1; scale_bits >= 0.
Result<double> groupwise_weight_bytes(double params, double bits, std::int64_t group_size,
                                      double scale_bits = 16.0);

// Upper bound on decode throughput when memory bandwidth limits it: each
// decode step reads every weight once and the KV cache of every sequence, and
// yields one token per sequence of the batch, so
// tokens/s <= batch * bandwidth / (weight_bytes + kv_bytes), with kv_bytes the
// cache of the whole batch (Pope et al., 2022, "Efficiently Scaling Transformer
// Inference", sec. 2: at small batch the step time is the time to load the
// weights and the cache from memory). Compute, kernel launches and
// activations are ignored.
// REQUIRES: bandwidth > 0; weight_bytes >= 0; kv_bytes >= 0, not both 0; batch >= 1.
Result<double> decode_tokens_per_s_bound(double bandwidth_bytes_per_s, double weight_bytes, double kv_bytes,
                                         std::int64_t batch = 1);

// Bits per weight of NF4 with double quantization (Dettmers et al., 2023,
// "QLoRA", sec. 3): 4 bits, an 8-bit quantized constant per block of 64
// weights, and an FP32 constant per block of 256 of those constants:
// 4 + 8/64 + 32/(64 * 256) = 4.126953125.
constexpr double kNf4DoubleQuantBits = 4.0 + 8.0 / 64.0 + 32.0 / (64.0 * 256.0);

// Memory in bytes of QLoRA fine-tuning as Dettmers et al. (2023, sec. 3)
// set it up: the quantized_params (the linear layers) in NF4 with double
// quantization (kNf4DoubleQuantBits each); the other frozen parameters
// (embeddings, norms, head) in BF16, 2 bytes; and per adapter parameter its
// BF16 weight (2 B), its BF16 gradient (2 B) and Adam's two FP32 moments
// (8 B): 12 bytes. Activations, paging and the framework are not counted.
// REQUIRES: quantized_params >= 0; bf16_params >= 0; adapter_params >= 0.
Result<double> qlora_training_bytes(double quantized_params, double bf16_params, double adapter_params);

}  // namespace derive
