// derive_llm (src/llm/, docs/llm-analysis.md): parameter counts against the
// published ones, one family at a time, each expected value either a
// published figure with its source or the formula written out here; the
// KV cache, sliding window, MoE, LoRA and QLoRA; and `derive analyze` on a
// config.json and with --model.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "derive/llm.hpp"
#include "derive/llm/config.hpp"

namespace derive::llm {
namespace {

using nlohmann::json;

Architecture parse(const std::string& text) {
  auto a = architecture_from_config(text);
  EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
  return a.ok() ? *a : Architecture{};
}

ParameterCounts counts(const Architecture& a) {
  auto c = count_parameters(a);
  EXPECT_TRUE(c.ok());
  return c.ok() ? *c : ParameterCounts{};
}

ParameterCounts counts_of(const std::string& id) {
  auto m = find_model(id);
  EXPECT_TRUE(m.ok()) << id;
  return m.ok() ? counts(m->architecture) : ParameterCounts{};
}

json report(const std::string& id, const ReportOptions& options) {
  auto m = find_model(id);
  EXPECT_TRUE(m.ok()) << id;
  auto text = report_json(m->architecture, options, m->name);
  EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().message);
  return text.ok() ? json::parse(*text) : json{};
}

// A Llama config as published (meta-llama/Llama-2-7b-hf/config.json),
// with the keys that change no count (rope, token ids, dtype) and a null.
const char* kLlama2Config = R"({
  "architectures": ["LlamaForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
  "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 11008,
  "max_position_embeddings": 4096, "model_type": "llama", "num_attention_heads": 32,
  "num_hidden_layers": 32, "num_key_value_heads": 32, "pretraining_tp": 1, "rms_norm_eps": 1e-05,
  "rope_scaling": null, "tie_word_embeddings": false, "torch_dtype": "float16",
  "transformers_version": "4.31.0.dev0", "use_cache": true, "vocab_size": 32000})";

// Llama family. Issue 10 and the Hugging Face page of meta-llama/Llama-2-7b-hf
// (safetensors total): 6,738,415,616.
TEST(LlmParams, Llama2_7bFromItsConfigJson) { EXPECT_EQ(counts(parse(kLlama2Config)).total, 6738415616); }

// Issue 10 and https://huggingface.co/meta-llama/Meta-Llama-3-8B (safetensors total).
TEST(LlmParams, Llama3_8b) { EXPECT_EQ(counts_of("llama-3-8b").total, 8030261248); }

// Grouped-query attention: 8 KV heads of 128 for 32 query heads, so K and V
// are 4096 x 1024 while Q and O are 4096 x 4096; the KV cache per token is
// 2 (K, V) * 32 layers * 8 heads * 128 * 2 bytes.
TEST(LlmParams, GqaShrinksKAndVAndTheCache) {
  const ParameterCounts c = counts_of("llama-3-8b");
  EXPECT_EQ(c.q, 4096 * 4096);
  EXPECT_EQ(c.k, 4096 * 1024);
  EXPECT_EQ(c.v, 4096 * 1024);
  EXPECT_EQ(c.o, 4096 * 4096);
  const json r = report("llama-3-8b", {8192, 4, "", 0, ""});
  EXPECT_EQ(r["kv_cache"]["bytes_per_token"].get<std::int64_t>(), 2 * 32 * 8 * 128 * 2);
  EXPECT_EQ(r["kv_cache"]["bytes"].get<std::int64_t>(), std::int64_t{2 * 32 * 8 * 128 * 2} * 8192 * 4);
}

// Mistral family: https://huggingface.co/mistralai/Mistral-7B-v0.1 (safetensors total).
TEST(LlmParams, Mistral7b) { EXPECT_EQ(counts_of("mistral-7b-v0.1").total, 7241732096); }

// Mistral-7B's sliding window of 4096 tokens: at 16384 tokens of context
// each layer caches 4096, and attention reads 4096 tokens.
TEST(LlmKvCache, SlidingWindowCapsTheCache) {
  const json r = report("mistral-7b-v0.1", {16384, 1, "", 0, ""});
  EXPECT_EQ(r["kv_cache"]["cached_tokens"].get<std::int64_t>(), 4096);
  EXPECT_EQ(r["kv_cache"]["bytes"].get<std::int64_t>(), std::int64_t{2 * 32 * 8 * 128 * 2} * 4096);
  EXPECT_EQ(r["flops_per_token"]["attention_flops"].get<std::int64_t>(), std::int64_t{2} * 32 * 4096 * 4096);
  const json within = report("mistral-7b-v0.1", {1000, 1, "", 0, ""});
  EXPECT_EQ(within["kv_cache"]["cached_tokens"].get<std::int64_t>(), 1000);
}

// Mixtral-8x7B: https://huggingface.co/mistralai/Mixtral-8x7B-v0.1 (safetensors
// total 46,702,792,704); Jiang et al. 2024, "Mixtral of Experts": 46.7B
// parameters in all, 12.9B used per token. Active, written out: embeddings and
// LM head 2 * 32000 * 4096, final norm 4096, and per layer attention
// 2 * 4096^2 + 2 * 4096 * 1024, norms 2 * 4096, router 4096 * 8 and 2 of the
// 8 experts at 3 * 4096 * 14336.
TEST(LlmParams, MixtralTotalAndActive) {
  const ParameterCounts c = counts_of("mixtral-8x7b");
  EXPECT_EQ(c.total, 46702792704);
  const std::int64_t per_layer =
      2LL * 4096 * 4096 + 2LL * 4096 * 1024 + 2 * 4096 + 4096 * 8 + 2 * 3LL * 4096 * 14336;
  EXPECT_EQ(c.active, 2LL * 32000 * 4096 + 4096 + 32 * per_layer);
  EXPECT_NEAR(static_cast<double>(c.total) / 1e9, 46.7, 0.05);
  EXPECT_NEAR(static_cast<double>(c.active) / 1e9, 12.9, 0.05);
  EXPECT_EQ(c.router, 4096 * 8);
}

// Qwen2 family (q/k/v biases, no o bias): https://huggingface.co/Qwen/Qwen2-7B
// and https://huggingface.co/Qwen/Qwen2-0.5B (safetensors totals); 0.5B ties
// its embeddings.
TEST(LlmParams, Qwen2) {
  EXPECT_EQ(counts_of("qwen2-7b").total, 7615616512);
  const ParameterCounts small = counts_of("qwen2-0.5b");
  EXPECT_EQ(small.total, 494032768);
  EXPECT_EQ(small.q, 896 * 896 + 896);
  EXPECT_EQ(small.k, 896 * 128 + 128);
  EXPECT_EQ(small.o, 896 * 896);
  EXPECT_EQ(small.lm_head, 0);
}

// Gemma family: head_dim 256 given apart from hidden / heads, one KV head in
// the 2B, and the LM head tied by default (no tie_word_embeddings key):
// https://huggingface.co/google/gemma-2b and https://huggingface.co/google/gemma-7b
// (safetensors totals).
TEST(LlmParams, GemmaTiedWithHeadDim) {
  const ParameterCounts c = counts_of("gemma-2b");
  EXPECT_EQ(c.total, 2506172416);
  EXPECT_EQ(c.lm_head, 0);
  EXPECT_EQ(c.q, 2048 * 8 * 256);
  EXPECT_EQ(c.k, 2048 * 1 * 256);
  EXPECT_EQ(counts_of("gemma-7b").total, 8537680896);
}

// Phi-3 family: https://huggingface.co/microsoft/Phi-3-mini-4k-instruct
// (safetensors total 3,821,079,552; its fused qkv_proj and gate_up_proj hold
// the same entries as separate matrices).
TEST(LlmParams, Phi3Mini) { EXPECT_EQ(counts_of("phi-3-mini-4k").total, 3821079552); }

// GPT-2 family: n_* keys, n_inner null = 4 * n_embd, learned positions,
// LayerNorm and biases, tied head. https://huggingface.co/openai-community/gpt2
// (safetensors total 124,439,808) and .../gpt2-xl (1,557,611,200).
TEST(LlmParams, Gpt2) {
  const Architecture a = parse(R"({"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2",
    "activation_function": "gelu_new", "n_ctx": 1024, "n_embd": 768, "n_head": 12, "n_inner": null,
    "n_layer": 12, "n_positions": 1024, "vocab_size": 50257, "layer_norm_epsilon": 1e-05})");
  EXPECT_EQ(a.intermediate, 4 * 768);
  const ParameterCounts c = counts(a);
  EXPECT_EQ(c.total, 124439808);
  EXPECT_EQ(c.position_embedding, 1024 * 768);
  EXPECT_EQ(c.mlp, 768 * 3072 + 3072 + 3072 * 768 + 768);
  EXPECT_EQ(counts_of("gpt2-xl").total, 1557611200);
}

// Every entry of data/llm_configs.json against the count its params_source publishes.
TEST(LlmParams, EveryKnownModelMatchesItsPublishedCount) {
  auto models = known_models();
  ASSERT_TRUE(models.ok()) << models.error().message;
  EXPECT_GE(models->size(), 15u);
  for (const KnownModel& m : *models) {
    ASSERT_GT(m.published_params, 0) << m.id;
    EXPECT_EQ(counts(m.architecture).total, m.published_params) << m.id << " (" << m.params_source << ")";
  }
}

TEST(LlmConfig, MissingKeyIsNamedWithItsFamily) {
  std::string text = kLlama2Config;
  text.replace(text.find("\"intermediate_size\""), std::string("\"intermediate_size\"").size(),
               "\"other_key\"");
  auto a = architecture_from_config(text);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("intermediate_size"), std::string::npos) << a.error().message;
  EXPECT_NE(a.error().message.find("llama"), std::string::npos) << a.error().message;
  auto gpt2 = architecture_from_config(R"({"model_type": "gpt2", "vocab_size": 50257, "n_embd": 768})");
  ASSERT_FALSE(gpt2.ok());
  EXPECT_NE(gpt2.error().message.find("n_layer"), std::string::npos) << gpt2.error().message;
}

TEST(LlmConfig, FamilyFromArchitecturesAndUnknownFamilies) {
  std::string text = kLlama2Config;
  text.replace(text.find("\"model_type\": \"llama\","), std::string("\"model_type\": \"llama\",").size(), "");
  EXPECT_EQ(parse(text).family, "llama");
  auto bert = architecture_from_config(R"({"model_type": "bert", "vocab_size": 30522})");
  ASSERT_FALSE(bert.ok());
  EXPECT_NE(bert.error().message.find("bert"), std::string::npos);
  EXPECT_TRUE(looks_like_hf_config(kLlama2Config));
  EXPECT_FALSE(looks_like_hf_config(R"({"boards": []})"));
  EXPECT_FALSE(looks_like_hf_config("TFL3"));
}

// A wrong value is quoted when it is short, and named by its kind when it is
// an object, an array or a long string: a pasted value nested 100,000 deep
// is never walked (dump() recurses) nor echoed.
TEST(LlmConfig, WrongValuesAreQuotedShortAndNestingIsNotWalked) {
  const auto message_with = [](const std::string& value) {
    std::string text = kLlama2Config;
    const std::string key = "\"hidden_size\": 4096";
    text.replace(text.find(key), key.size(), "\"hidden_size\": " + value);
    auto a = architecture_from_config(text);
    return a.ok() ? std::string("accepted") : a.error().message;
  };
  EXPECT_EQ(message_with("\"4096\""),
            "config.json (llama): \"hidden_size\" must be a whole number from 1 to 2^40, got \"4096\"");
  EXPECT_NE(message_with("4096.5").find("got 4096.5"), std::string::npos);
  EXPECT_NE(message_with(R"({"a": [1, 2]})").find("got an object"), std::string::npos);
  EXPECT_NE(message_with(std::string(100000, '[') + std::string(100000, ']')).find("got an array"),
            std::string::npos);
  EXPECT_NE(message_with("\"" + std::string(5000, 'x') + "\"").find("got a long string"), std::string::npos);
}

// What the web's Models page asks the wasm module for (src/wasm/llm_bindings.cpp).
TEST(LlmWeb, TablesAndReportsAsTheCliGivesThem) {
  const json models = json::parse(known_models_json());
  ASSERT_TRUE(models.is_array());
  auto known = known_models();
  ASSERT_TRUE(known.ok());
  ASSERT_EQ(models.size(), known->size());
  EXPECT_EQ(models[0]["id"], (*known)[0].id);
  const json gpus = json::parse(known_gpus_json());
  ASSERT_TRUE(gpus.is_array());
  EXPECT_EQ(gpus.size(), known_gpus()->size());

  ReportOptions options;
  options.context = 8192;
  options.gpu = "h100-sxm";
  auto model = find_model("llama-3-8b");
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(report_json_or_error("llama-3-8b", "", "unused", options),
            *report_json(model->architecture, options, model->name));
  EXPECT_EQ(report_json_or_error("", kLlama2Config, "config.json", options),
            *report_json(parse(kLlama2Config), options, "config.json"));
  EXPECT_EQ(report_json_or_error("", "{", "config.json", options),
            R"({"error":"config.json: not valid JSON"})");
  EXPECT_EQ(json::parse(report_json_or_error("llama-9", "", "", options))["error"],
            "no known model \"llama-9\"");
  // A label that is not UTF-8 (a file name) is written with U+FFFD.
  const json labelled = json::parse(report_json_or_error("", kLlama2Config, "a\xff", options));
  EXPECT_EQ(labelled["model"], "a\xef\xbf\xbd");
}

// Hu et al. 2021, sec. 4.1: r * (d_in + d_out) per adapted matrix. Llama-2-7B,
// r = 8 on q and v: 8 * (4096 + 4096) * 2 matrices * 32 layers.
TEST(LlmLora, RankTimesInPlusOut) {
  auto m = find_model("llama-2-7b");
  ASSERT_TRUE(m.ok());
  auto targets = parse_lora_targets("q_proj,v_proj");
  ASSERT_TRUE(targets.ok());
  EXPECT_EQ(*lora_parameters(m->architecture, *targets, 8), 8LL * (4096 + 4096) * 2 * 32);
  // Llama-3-8B's K and V are 4096 -> 1024 (GQA).
  auto l3 = find_model("llama-3-8b");
  EXPECT_EQ(*lora_parameters(l3->architecture, *parse_lora_targets("k"), 16), 16LL * (4096 + 1024) * 32);
  EXPECT_FALSE(parse_lora_targets("q,x").ok());
  auto gpt2 = find_model("gpt2");
  EXPECT_FALSE(lora_parameters(gpt2->architecture, *parse_lora_targets("gate"), 8).ok());
}

// QLoRA (Dettmers et al. 2023, sec. 3, Double Quantization): NF4 with an FP32
// absmax per 64 weights costs 32/64 = 0.5 bits; quantizing those constants to
// FP8 in blocks of 256 costs 8/64 + 32/(64 * 256) = 0.127 bits, so 4.127 bits
// per weight. Adapters BF16 (2 B), gradients BF16 (2 B), Adam 2 x FP32 (8 B).
TEST(LlmQlora, BitsPerParameterAndTerms) {
  const json r = report("llama-2-7b", {4096, 1, "", 16, "all"});
  const json& q = r["qlora"];
  EXPECT_DOUBLE_EQ(q["bits_per_quantized_weight"].get<double>(), 4.0 + 8.0 / 64.0 + 32.0 / (64.0 * 256.0));
  EXPECT_NEAR(q["bits_per_quantized_weight"].get<double>(), 4.127, 0.0005);
  // Llama-2-7B's quantized weights: per layer 4 * 4096^2 + 3 * 4096 * 11008.
  const std::int64_t quantized = 32 * (4LL * 4096 * 4096 + 3LL * 4096 * 11008);
  EXPECT_EQ(q["quantized_params"].get<std::int64_t>(), quantized);
  EXPECT_EQ(q["nf4_weight_bytes"].get<std::int64_t>(), (quantized * 2113 + 4095) / 4096);
  EXPECT_EQ(q["bf16_other_bytes"].get<std::int64_t>(), 2 * (6738415616 - quantized));
  const std::int64_t lora = r["lora"]["trainable_params"].get<std::int64_t>();
  EXPECT_EQ(lora, 16LL * 32 * (4 * (4096 + 4096) + 3 * (4096 + 11008)));
  EXPECT_EQ(q["adam_state_bytes"].get<std::int64_t>(), 8 * lora);
  EXPECT_EQ(q["total_bytes"].get<std::int64_t>(), q["nf4_weight_bytes"].get<std::int64_t>() +
                                                      q["bf16_other_bytes"].get<std::int64_t>() + 12 * lora);
  // The engine function the catalogue's real.qlora-memory uses gives the same
  // total, but for the analyzer rounding the NF4 bytes up to a whole byte.
  const double engine = *qlora_training_bytes(
      static_cast<double>(quantized), static_cast<double>(6738415616 - quantized), static_cast<double>(lora));
  EXPECT_NEAR(q["total_bytes"].get<double>(), engine, 1.0);
}

// Serving weights: 4, 2, 1 and 33/64 bytes per weight (INT4 with an FP16 scale
// per 128 weights: 4 + 16/128 = 4.125 bits); the decode bound on an H100 SXM
// (3,350 GB/s) is bandwidth over the bytes read per step.
TEST(LlmServing, FormatsAndDecodeBound) {
  const json r = report("llama-2-7b", {4096, 1, "h100-sxm", 0, ""});
  const std::int64_t p = 6738415616;
  EXPECT_EQ(r["serving"][0]["weight_bytes"].get<std::int64_t>(), 4 * p);
  EXPECT_EQ(r["serving"][1]["weight_bytes"].get<std::int64_t>(), 2 * p);
  EXPECT_EQ(r["serving"][2]["weight_bytes"].get<std::int64_t>(), p);
  EXPECT_EQ(r["serving"][3]["weight_bytes"].get<std::int64_t>(), (p * 33 + 63) / 64);
  const std::int64_t kv = std::int64_t{2 * 32 * 32 * 128 * 2} * 4096;
  EXPECT_EQ(r["serving"][1]["total_bytes"].get<std::int64_t>(), 2 * p + kv);
  EXPECT_DOUBLE_EQ(r["gpu"]["formats"][1]["decode_tokens_per_s_bound"].get<double>(),
                   3350e9 / static_cast<double>(2 * p + kv));
  EXPECT_TRUE(r["gpu"]["formats"][1]["fits"].get<bool>());
  auto unknown = find_gpu("h100");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::UnknownName);
}

// --- the command line ---------------------------------------------------------

struct Outcome {
  int status = -1;
  std::string out, err;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Outcome run(const std::string& args) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("derive_llm_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string command = std::string(DERIVE_BINARY_DIR) + "/derive " + args + " </dev/null >" +
                              (dir / "out").string() + " 2>" + (dir / "err").string();
  const int raw = std::system(command.c_str());
  Outcome o{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(dir / "out"), slurp(dir / "err")};
  std::filesystem::remove_all(dir);
  return o;
}

TEST(LlmCli, AnalyzeConfigJsonAndModel) {
  const std::filesystem::path config =
      std::filesystem::temp_directory_path() / ("derive_llm_config_" + std::to_string(::getpid()) + ".json");
  std::ofstream(config) << kLlama2Config;
  const Outcome file = run("analyze --json " + config.string());
  std::filesystem::remove(config);
  ASSERT_EQ(file.status, 0) << file.err;
  EXPECT_EQ(json::parse(file.out)["parameters"]["total"].get<std::int64_t>(), 6738415616);

  const Outcome table = run("analyze --model llama-3-8b --gpu rtx-4090 --lora-rank 8 --context 8192");
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_NE(table.out.find("8030261248"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("QLoRA"), std::string::npos);

  const Outcome unknown = run("analyze --model llama3-8b");
  EXPECT_NE(unknown.status, 0);
  EXPECT_NE(unknown.err.find("did you mean llama-3-8b"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace derive::llm
