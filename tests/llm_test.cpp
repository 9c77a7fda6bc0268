#include "derive/llm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "derive/registry.hpp"

#include "engine_test_support.hpp"

namespace derive {
namespace {

using namespace derive::testing;

// ---- attention_flops / attention_projection_flops ----------------------------------

TEST(LlmAttentionFlops, TwoMatrixProductsOfNSquaredDMacs) {
  // QK^T and AV are N^2 * d MACs each, 2 FLOPs per MAC.
  const std::int64_t n = 1024, d = 512;
  EXPECT_EQ(*attention_flops(n, d), 2 * (2 * n * n * d));
  EXPECT_EQ(*attention_flops(1, 1), 4);
  EXPECT_EQ(*attention_flops(3, 5), 4 * 3 * 3 * 5);
  // Quadratic in N, linear in d.
  EXPECT_EQ(*attention_flops(2 * n, d), 4 * *attention_flops(n, d));
  EXPECT_EQ(*attention_flops(n, 2 * d), 2 * *attention_flops(n, d));
}

TEST(LlmAttentionFlops, OverflowBoundary) {
  const std::int64_t n = std::int64_t{1} << 30;
  EXPECT_EQ(*attention_flops(n, 1), std::int64_t{1} << 62);  // 4 * 2^60 fits
  EXPECT_EQ(attention_flops(n, 2).error().message,
            "attention_flops: 4 * tokens^2 * d_model exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(LlmAttentionFlops, RejectsBadInput) {
  EXPECT_EQ(attention_flops(0, 512).error().message, "attention_flops: tokens must be >= 1, got 0");
  EXPECT_EQ(attention_flops(1024, 0).error().message, "attention_flops: d_model must be >= 1, got 0");
  EXPECT_EQ(attention_flops(-5, 512).error().message, "attention_flops: tokens must be >= 1, got -5");
}

TEST(LlmProjectionFlops, FourDByDProjections) {
  const std::int64_t n = 1024, d = 512;
  EXPECT_EQ(*attention_projection_flops(n, d), 4 * (2 * n * d * d));
  // Kaplan et al. 2020, Table 1, per token with d_attn = d_model: QKV 2 * 3 * d * d_attn
  // plus output projection 2 * d_attn * d.
  EXPECT_EQ(*attention_projection_flops(1, d), 2 * 3 * d * d + 2 * d * d);
  EXPECT_EQ(*attention_projection_flops(1, 1), 8);
  // Projections dominate while N < 2d: 8 N d^2 > 4 N^2 d  <=>  N < 2d; equal at N = 2d.
  EXPECT_EQ(*attention_projection_flops(2 * d, d), *attention_flops(2 * d, d));
}

TEST(LlmProjectionFlops, OverflowAndBadInput) {
  EXPECT_EQ(*attention_projection_flops(2, std::int64_t{1} << 29), std::int64_t{1} << 62);
  EXPECT_EQ(
      attention_projection_flops(1, std::int64_t{1} << 30).error().message,
      "attention_projection_flops: 8 * tokens * d_model^2 exceeds 2^63 - 1 and cannot be counted exactly");
  EXPECT_EQ(attention_projection_flops(0, 512).error().message,
            "attention_projection_flops: tokens must be >= 1, got 0");
  EXPECT_EQ(attention_projection_flops(16, 0).error().message,
            "attention_projection_flops: d_model must be >= 1, got 0");
}

// ---- kv_cache_bytes --------------------------------------------------------------------

TEST(LlmKvCache, KeysAndValuesForEveryLayerHeadTokenAndSequence) {
  expect_exact(kv_cache_bytes(32, 32, 128, 512, 1, 2.0), 2 * 32 * 32 * 128 * 512 * 1 * 2);
  expect_exact(kv_cache_bytes(32, 32, 128, 512), 2 * 32 * 32 * 128 * 512 * 1 * 2);  // defaults
  expect_exact(kv_cache_bytes(40, 40, 128, 2048, 4, 2.0), std::int64_t{2} * 40 * 40 * 128 * 2048 * 4 * 2);
  expect_exact(kv_cache_bytes(1, 1, 1, 1, 1, 1.0), 2);
  expect_exact(kv_cache_bytes(32, 8, 128, 512, 1, 0.5), 2 * 32 * 8 * 128 * 512 / 2);  // 4-bit cache
  expect_exact(kv_cache_bytes(2, 1, 1, 1, 1, 1.5), 6);                                // 12-bit values
  EXPECT_EQ(kv_cache_bytes(1, 1, 1, 1, 1, 0.125)->to_double(), 0.25);                 // 2 one-bit values
}

TEST(LlmKvCache, MultiQueryAndGroupedQueryShrinkItByTheHeadRatio) {
  const std::int64_t mha = kv_cache_bytes(32, 64, 128, 4096)->exact_value();
  const std::int64_t gqa = kv_cache_bytes(32, 8, 128, 4096)->exact_value();
  const std::int64_t mqa = kv_cache_bytes(32, 1, 128, 4096)->exact_value();
  EXPECT_EQ(mha / gqa, *gqa_kv_reduction(64, 8));
  EXPECT_EQ(mha / mqa, *gqa_kv_reduction(64, 1));
  EXPECT_EQ(mha % gqa, 0);
}

TEST(LlmKvCache, ExactPast2To53) {
  // 2 * 27 * (2^50 + 1) = 54 * 2^50 + 54: above 2^53 and not a multiple of 8, so no
  // double holds it.
  const std::int64_t tokens = (std::int64_t{1} << 50) + 1;
  const std::int64_t expected = 2 * 27 * tokens;
  ASSERT_GT(expected, std::int64_t{1} << 53);
  expect_exact(kv_cache_bytes(3, 3, 3, tokens, 1, 1.0), expected);
}

TEST(LlmKvCache, OverflowIsAnError) {
  EXPECT_EQ(kv_cache_bytes(80, 8, 128, kMax / 1000, 1).error().message,
            "kv_cache_bytes: the number of cached values exceeds 2^63 - 1 and cannot be counted exactly");
  // 2^61 values fit; their size in bits (2^64) does not.
  EXPECT_EQ(kv_cache_bytes(std::int64_t{1} << 30, std::int64_t{1} << 30, 1, 1, 1, 1.0).error().message,
            "kv_cache_bytes: the cache size in bits exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(LlmKvCache, RejectsBadInput) {
  EXPECT_EQ(kv_cache_bytes(0, 32, 128, 512).error().message, "kv_cache_bytes: layers must be >= 1, got 0");
  EXPECT_EQ(kv_cache_bytes(32, 0, 128, 512).error().message, "kv_cache_bytes: kv_heads must be >= 1, got 0");
  EXPECT_EQ(kv_cache_bytes(32, 32, 0, 512).error().message, "kv_cache_bytes: head_dim must be >= 1, got 0");
  EXPECT_EQ(kv_cache_bytes(32, 32, 128, -1).error().message, "kv_cache_bytes: tokens must be >= 1, got -1");
  EXPECT_EQ(kv_cache_bytes(32, 32, 128, 512, 0).error().message, "kv_cache_bytes: batch must be >= 1, got 0");
  EXPECT_EQ(kv_cache_bytes(32, 32, 128, 512, 1, 0.0).error().message,
            "kv_cache_bytes: bytes_per_value must be a finite number > 0, got 0");
  EXPECT_EQ(kv_cache_bytes(32, 32, 128, 512, 1, kNaN).error().message,
            "kv_cache_bytes: bytes_per_value must be a finite number > 0, got nan");
}

// ---- gqa_kv_reduction ------------------------------------------------------------------

TEST(LlmGqa, QueryHeadsOverKvHeads) {
  EXPECT_EQ(*gqa_kv_reduction(64, 8), 64 / 8);
  EXPECT_EQ(*gqa_kv_reduction(64, 64), 1);  // MHA: kv_heads = query_heads, the upper limit
  EXPECT_EQ(*gqa_kv_reduction(64, 1), 64);  // MQA
  EXPECT_EQ(*gqa_kv_reduction(1, 1), 1);
}

TEST(LlmGqa, RejectsBadHeadCounts) {
  EXPECT_EQ(gqa_kv_reduction(64, 65).error().message,
            "gqa_kv_reduction: kv_heads must be <= query_heads (64), got 65");
  EXPECT_EQ(gqa_kv_reduction(64, 6).error().message,
            "gqa_kv_reduction: kv_heads must divide query_heads into equal groups, got query_heads = 64 and "
            "kv_heads = 6");
  EXPECT_EQ(gqa_kv_reduction(64, 0).error().message, "gqa_kv_reduction: kv_heads must be >= 1, got 0");
  EXPECT_EQ(gqa_kv_reduction(0, 1).error().message, "gqa_kv_reduction: query_heads must be >= 1, got 0");
}

// ---- lora_params -----------------------------------------------------------------------

TEST(LlmLora, RankTimesBothSides) {
  // A: r x d_in, B: d_out x r.
  EXPECT_EQ(*lora_params(4096, 4096, 16), 16 * 4096 + 4096 * 16);
  EXPECT_EQ(*lora_params(4096, 11008, 8), 8 * 4096 + 11008 * 8);
  EXPECT_EQ(*lora_params(1, 1, 1), 2);
  // The full matrix has d^2 parameters; LoRA is a fraction 2r/d of it for a square one.
  EXPECT_EQ(*lora_params(4096, 4096, 16) * 4096, 2 * 16 * (std::int64_t{4096} * 4096));
}

TEST(LlmLora, RankBoundaries) {
  EXPECT_EQ(*lora_params(10, 20, 10), 10 * 30);  // rank = min(d_in, d_out)
  EXPECT_EQ(lora_params(10, 20, 11).error().message,
            "lora_params: rank must be <= min(d_in, d_out) = 10, got 11");
  EXPECT_EQ(lora_params(30, 20, 21).error().message,
            "lora_params: rank must be <= min(d_in, d_out) = 20, got 21");
  EXPECT_EQ(lora_params(10, 20, 0).error().message, "lora_params: rank must be >= 1, got 0");
  EXPECT_EQ(lora_params(0, 20, 1).error().message, "lora_params: d_in must be >= 1, got 0");
  EXPECT_EQ(lora_params(10, 0, 1).error().message, "lora_params: d_out must be >= 1, got 0");
  EXPECT_EQ(lora_params(kMax, kMax, 1).error().message,
            "lora_params: rank * (d_in + d_out) exceeds 2^63 - 1 and cannot be counted exactly");
}

// ---- qlora_bytes -----------------------------------------------------------------------

TEST(LlmQlora, FrozenBaseBitsPlusAdapterBytes) {
  // 4-bit base: half a byte per parameter; BF16 adapters: 2 bytes each.
  expect_exact(qlora_bytes(7000000000, 4.0, 20000000, 2.0), 7000000000 / 2 + 20000000 * 2);
  expect_exact(qlora_bytes(7000000000, 16.0, 0, 2.0), 7000000000 * 2);  // no adapter
  expect_exact(qlora_bytes(8, 1.0, 1, 4.0), 1 + 4);
  EXPECT_EQ(qlora_bytes(3, 3.0, 0, 2.0)->to_double(), 9.0 / 8);  // 9 bits
  // A fractional bit width (e.g. NF4 plus its double-quantized constants) gives a double.
  EXPECT_DOUBLE_EQ(qlora_bytes(1000, 4.5, 0, 2.0)->to_double(), 1000 * 4.5 / 8);
}

TEST(LlmQlora, RejectsBadInput) {
  EXPECT_EQ(qlora_bytes(0, 4.0, 20, 2.0).error().message, "qlora_bytes: params must be >= 1, got 0");
  EXPECT_EQ(qlora_bytes(7, 0.0, 20, 2.0).error().message,
            "qlora_bytes: base_bits must be a finite number > 0, got 0");
  EXPECT_EQ(qlora_bytes(7, 4.0, -1, 2.0).error().message, "qlora_bytes: adapter_params must be >= 0, got -1");
  EXPECT_EQ(qlora_bytes(7, 4.0, 20, 0.0).error().message,
            "qlora_bytes: adapter_bytes must be a finite number > 0, got 0");
  EXPECT_EQ(
      qlora_bytes(kMax, 4.0, 0, 2.0).error().message,
      "qlora_bytes: the size of the frozen base in bits exceeds 2^63 - 1 and cannot be counted exactly");
}

// ---- registry --------------------------------------------------------------------------

TEST(LlmRegistry, SignaturesMatchTheCatalogueContract) {
  expect_signature("llm", "attention_flops", {"tokens", "d_model"}, "FLOPs");
  expect_signature("llm", "attention_projection_flops", {"tokens", "d_model"}, "FLOPs");
  expect_signature("llm", "kv_cache_bytes",
                   {"layers", "kv_heads", "head_dim", "tokens", "batch", "bytes_per_value"}, "B");
  const FunctionSpec* kv = engine_registry().find("kv_cache_bytes");
  ASSERT_NE(kv, nullptr);
  ASSERT_TRUE(kv->params[4].default_value.has_value());
  EXPECT_EQ(kv->params[4].default_value->number().to_double(), 1.0);
  ASSERT_TRUE(kv->params[5].default_value.has_value());
  EXPECT_EQ(kv->params[5].default_value->number().to_double(), 2.0);
  expect_signature("llm", "gqa_kv_reduction", {"query_heads", "kv_heads"}, "");
  expect_signature("llm", "lora_params", {"d_in", "d_out", "rank"}, "parameters");
  expect_signature("llm", "qlora_bytes", {"params", "base_bits", "adapter_params", "adapter_bytes"}, "B");
}

TEST(LlmRegistry, CallsReturnExactCounts) {
  Result<Value> flops =
      call("attention_flops", {{"tokens", Value::integer(1024)}, {"d_model", Value::integer(512)}});
  ASSERT_TRUE(flops.ok()) << flops.error().message;
  EXPECT_EQ(flops->number().exact_value(), std::int64_t{4} * 1024 * 1024 * 512);
  Result<Value> proj =
      call("attention_projection_flops", {{"tokens", Value::integer(2)}, {"d_model", Value::integer(3)}});
  EXPECT_EQ(proj->number().exact_value(), 8 * 2 * 9);
  Result<Value> kv = call("kv_cache_bytes", {{"layers", Value::integer(32)},
                                             {"kv_heads", Value::integer(32)},
                                             {"head_dim", Value::integer(128)},
                                             {"tokens", Value::integer(512)}});
  ASSERT_TRUE(kv.ok()) << kv.error().message;
  ASSERT_TRUE(kv->number().is_exact());
  EXPECT_EQ(kv->number().exact_value(), 2 * 32 * 32 * 128 * 512 * 2);
  EXPECT_EQ(call("gqa_kv_reduction", {{"query_heads", Value::integer(64)}, {"kv_heads", Value::integer(8)}})
                ->number()
                .exact_value(),
            8);
  EXPECT_EQ(
      call("lora_params",
           {{"d_in", Value::integer(4096)}, {"d_out", Value::integer(4096)}, {"rank", Value::integer(16)}})
          ->number()
          .exact_value(),
      16 * 8192);
  Result<Value> q = call("qlora_bytes", {{"params", Value::real(7e9)},
                                         {"base_bits", Value::real(4)},
                                         {"adapter_params", Value::real(20e6)},
                                         {"adapter_bytes", Value::real(2)}});
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_EQ(q->number().exact_value(), 7000000000 / 2 + 40000000);
  Result<Value> bad = call("kv_cache_bytes", {{"layers", Value::integer(0)},
                                              {"kv_heads", Value::integer(32)},
                                              {"head_dim", Value::integer(128)},
                                              {"tokens", Value::integer(512)}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "kv_cache_bytes: layers must be >= 1, got 0");
}

// INT4 with one FP16 scale per group of 128: 4 + 16/128 = 4.125 bits, so a
// 7e9-weight model takes 7e9 * 4.125 / 8 bytes; without scales, 4 bits.
TEST(Llm, GroupwiseWeightBytesCountTheScales) {
  EXPECT_DOUBLE_EQ(*groupwise_weight_bytes(7e9, 4, 128, 16), 7e9 * 4.125 / 8);
  EXPECT_DOUBLE_EQ(*groupwise_weight_bytes(7e9, 4, 32, 16), 7e9 * 4.5 / 8);
  EXPECT_DOUBLE_EQ(*groupwise_weight_bytes(1000, 4, 64, 0), 500);
  EXPECT_FALSE(groupwise_weight_bytes(1000, 4, 0, 16).ok());
  EXPECT_FALSE(groupwise_weight_bytes(1000, 0, 128, 16).ok());
}

// 16 GB of weights and 1 GB of cache at 2,000 GB/s: one sequence reads 17 GB
// per token, 2000 / 17 tokens/s; a batch of 4 reads 16 + 4 GB per step and
// yields 4 tokens, 4 * 2000 / 20 = 400 tokens/s.
TEST(Llm, DecodeBoundIsBandwidthOverBytesReadPerStep) {
  EXPECT_DOUBLE_EQ(*decode_tokens_per_s_bound(2000e9, 16e9, 1e9, 1), 2000.0 / 17.0);
  EXPECT_DOUBLE_EQ(*decode_tokens_per_s_bound(2000e9, 16e9, 4e9, 4), 400.0);
  EXPECT_FALSE(decode_tokens_per_s_bound(0, 16e9, 1e9, 1).ok());
  EXPECT_FALSE(decode_tokens_per_s_bound(2000e9, 0, 0, 1).ok());
  EXPECT_FALSE(decode_tokens_per_s_bound(2000e9, 16e9, 1e9, 0).ok());
}

// Llama-2-7B (Touvron et al. 2023; config.json: 32 layers, width 4096, 32
// heads of 128, MLP 11008, vocabulary 32000, untied head): the blocks' linear
// weights are 32 * (4 * 4096^2 + 3 * 4096 * 11008), the rest 2 * 32000 * 4096
// + 65 * 4096 (norms); together the published 6,738,415,616. LoRA of rank 64
// on all seven linear layers: 64 * (4 * 8192 + 3 * (4096 + 11008)) per layer.
TEST(Llm, QloraTrainingBytesOfLlama2_7B) {
  const double linear = 32.0 * (4.0 * 4096 * 4096 + 3.0 * 4096 * 11008);
  const double rest = 2.0 * 32000 * 4096 + 65.0 * 4096;
  ASSERT_EQ(linear + rest, 6738415616.0);
  const double lora = 32.0 * 64 * (4 * 8192 + 3 * (4096 + 11008));
  // NF4 with double quantization: 4 bits, 8 bits per 64 weights, 32 bits per
  // 64 * 256 weights.
  const double nf4 = linear * 4 / 8 + linear / 64 + linear * 4 / (64 * 256);
  EXPECT_DOUBLE_EQ(*qlora_training_bytes(linear, rest, lora), nf4 + 2 * rest + 12 * lora);
  EXPECT_DOUBLE_EQ(kNf4DoubleQuantBits, 4.126953125);
  EXPECT_FALSE(qlora_training_bytes(-1, rest, lora).ok());
}

}  // namespace
}  // namespace derive
