#include "derive/llm.hpp"

#include <algorithm>
#include <string>

#include "core/checks.hpp"
#include "core/counts.hpp"

namespace derive {
namespace {

// Reals in messages print as plain digits when whole ("1000000").
constexpr checks::Checker check{};

// a + b for two byte sizes from counts::bytes_of_bits. An exact size is at most
// (2^63 - 1) / 8 bytes, so two exact sizes cannot overflow when added; a
// double sum past 2^53 is marked approximate.
Number add_bytes(const Number& a, const Number& b) {
  const Number sum = a + b;
  if (!sum.is_exact()) return counts::real_result(sum.to_double());
  return sum;
}

}  // namespace

Result<std::int64_t> attention_flops(std::int64_t tokens, std::int64_t d_model) {
  constexpr const char* kName = "attention_flops";
  DERIVE_CHECK(check.at_least(kName, "tokens", tokens, 1));
  DERIVE_CHECK(check.at_least(kName, "d_model", d_model, 1));
  constexpr const char* kWhat = "attention_flops: 4 * tokens^2 * d_model";
  // QK^T: (N x d)(d x N) is N^2 * d MACs; AV: (N x N)(N x d) is N^2 * d MACs.
  // 2 * N^2 * d MACs = 4 * N^2 * d FLOPs.
  DERIVE_TRY(const std::int64_t squared, checked_multiply(tokens, tokens, kWhat));
  DERIVE_TRY(const std::int64_t macs_one_product, checked_multiply(squared, d_model, kWhat));
  return checked_multiply(macs_one_product, 4, kWhat);
}

Result<std::int64_t> attention_projection_flops(std::int64_t tokens, std::int64_t d_model) {
  constexpr const char* kName = "attention_projection_flops";
  DERIVE_CHECK(check.at_least(kName, "tokens", tokens, 1));
  DERIVE_CHECK(check.at_least(kName, "d_model", d_model, 1));
  constexpr const char* kWhat = "attention_projection_flops: 8 * tokens * d_model^2";
  // Each projection is (N x d)(d x d): N * d^2 MACs = 2 * N * d^2 FLOPs; four of them.
  DERIVE_TRY(const std::int64_t square, checked_multiply(d_model, d_model, kWhat));
  DERIVE_TRY(const std::int64_t macs_one_projection, checked_multiply(tokens, square, kWhat));
  return checked_multiply(macs_one_projection, 8, kWhat);
}

Result<Number> kv_cache_bytes(std::int64_t layers, std::int64_t kv_heads, std::int64_t head_dim,
                              std::int64_t tokens, std::int64_t batch, double bytes_per_value) {
  constexpr const char* kName = "kv_cache_bytes";
  DERIVE_CHECK(check.at_least(kName, "layers", layers, 1));
  DERIVE_CHECK(check.at_least(kName, "kv_heads", kv_heads, 1));
  DERIVE_CHECK(check.at_least(kName, "head_dim", head_dim, 1));
  DERIVE_CHECK(check.at_least(kName, "tokens", tokens, 1));
  DERIVE_CHECK(check.at_least(kName, "batch", batch, 1));
  DERIVE_CHECK(check.positive(kName, "bytes_per_value", bytes_per_value));
  constexpr const char* kWhat = "kv_cache_bytes: the number of cached values";
  // One key and one value vector of head_dim per KV head, layer, token and sequence.
  DERIVE_TRY(const std::int64_t values,
             counts::product(kWhat, {2, layers, kv_heads, head_dim, tokens, batch}));
  return counts::bytes_of_bits(values, bytes_per_value * 8.0, "kv_cache_bytes: the cache size in bits");
}

Result<std::int64_t> gqa_kv_reduction(std::int64_t query_heads, std::int64_t kv_heads) {
  constexpr const char* kName = "gqa_kv_reduction";
  DERIVE_CHECK(check.at_least(kName, "query_heads", query_heads, 1));
  DERIVE_CHECK(check.at_least(kName, "kv_heads", kv_heads, 1));
  DERIVE_CHECK(check.at_most(kName, "kv_heads", kv_heads, "query_heads", query_heads));
  if (query_heads % kv_heads != 0) {
    return checks::fail(kName, "kv_heads must divide query_heads into equal groups, got query_heads = " +
                                   std::to_string(query_heads) +
                                   " and kv_heads = " + std::to_string(kv_heads));
  }
  return query_heads / kv_heads;
}

Result<std::int64_t> lora_params(std::int64_t d_in, std::int64_t d_out, std::int64_t rank) {
  constexpr const char* kName = "lora_params";
  DERIVE_CHECK(check.at_least(kName, "d_in", d_in, 1));
  DERIVE_CHECK(check.at_least(kName, "d_out", d_out, 1));
  DERIVE_CHECK(check.at_least(kName, "rank", rank, 1));
  // A rank above min(d_in, d_out) adds parameters but no expressiveness: BA
  // cannot have a higher rank than its smaller side.
  const std::int64_t max_rank = std::min(d_in, d_out);
  if (rank > max_rank) {
    return checks::fail(kName, "rank must be <= min(d_in, d_out) = " + std::to_string(max_rank) + ", got " +
                                   std::to_string(rank));
  }
  constexpr const char* kWhat = "lora_params: rank * (d_in + d_out)";
  // A: rank x d_in and B: d_out x rank.
  DERIVE_TRY(const std::int64_t sides, checked_add(d_in, d_out, kWhat));
  return checked_multiply(rank, sides, kWhat);
}

Result<Number> qlora_bytes(std::int64_t params, double base_bits, std::int64_t adapter_params,
                           double adapter_bytes) {
  constexpr const char* kName = "qlora_bytes";
  DERIVE_CHECK(check.at_least(kName, "params", params, 1));
  DERIVE_CHECK(check.positive(kName, "base_bits", base_bits));
  DERIVE_CHECK(check.at_least(kName, "adapter_params", adapter_params, 0));
  DERIVE_CHECK(check.positive(kName, "adapter_bytes", adapter_bytes));
  DERIVE_TRY(const Number base,
             counts::bytes_of_bits(params, base_bits, "qlora_bytes: the size of the frozen base in bits"));
  DERIVE_TRY(const Number adapters, counts::bytes_of_bits(adapter_params, adapter_bytes * 8.0,
                                                          "qlora_bytes: the size of the adapters in bits"));
  return add_bytes(base, adapters);
}

Result<double> groupwise_weight_bytes(double params, double bits, std::int64_t group_size,
                                      double scale_bits) {
  constexpr const char* kName = "groupwise_weight_bytes";
  DERIVE_CHECK(check.non_negative(kName, "params", params));
  DERIVE_CHECK(check.positive(kName, "bits", bits));
  DERIVE_CHECK(check.at_least(kName, "group_size", group_size, 1));
  DERIVE_CHECK(check.non_negative(kName, "scale_bits", scale_bits));
  return params * (bits + scale_bits / static_cast<double>(group_size)) / 8.0;
}

Result<double> decode_tokens_per_s_bound(double bandwidth_bytes_per_s, double weight_bytes, double kv_bytes,
                                         std::int64_t batch) {
  constexpr const char* kName = "decode_tokens_per_s_bound";
  DERIVE_CHECK(check.positive(kName, "bandwidth_bytes_per_s", bandwidth_bytes_per_s));
  DERIVE_CHECK(check.non_negative(kName, "weight_bytes", weight_bytes));
  DERIVE_CHECK(check.non_negative(kName, "kv_bytes", kv_bytes));
  DERIVE_CHECK(check.at_least(kName, "batch", batch, 1));
  if (weight_bytes + kv_bytes <= 0)
    return checks::fail(kName, "a step must read some bytes: weight_bytes + kv_bytes is 0");
  return static_cast<double>(batch) * bandwidth_bytes_per_s / (weight_bytes + kv_bytes);
}

Result<double> qlora_training_bytes(double quantized_params, double bf16_params, double adapter_params) {
  constexpr const char* kName = "qlora_training_bytes";
  DERIVE_CHECK(check.non_negative(kName, "quantized_params", quantized_params));
  DERIVE_CHECK(check.non_negative(kName, "bf16_params", bf16_params));
  DERIVE_CHECK(check.non_negative(kName, "adapter_params", adapter_params));
  constexpr double kAdapterBytes = 2.0 + 2.0 + 8.0;  // BF16 weight, BF16 gradient, two FP32 Adam moments
  return quantized_params * kNf4DoubleQuantBits / 8.0 + bf16_params * 2.0 + adapter_params * kAdapterBytes;
}

}  // namespace derive
