// Large language models from their Hugging Face config.json: the architecture,
// its exact parameter count broken down, FLOPs per token, the KV cache, serving
// memory, LoRA and QLoRA, and the bounds on a real GPU (docs/llm-analysis.md
// gives every formula with its source).
//
// Counts are exact 64-bit integers; a count that would overflow is an error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"

namespace derive::llm {

enum class Norm { RMSNorm, LayerNorm };  // RMSNorm: one vector of d; LayerNorm: weight and bias

// A decoder-only transformer as the config.json of its family describes it.
struct Architecture {
  std::string family;        // "llama", "mistral", "mixtral", "qwen2", "gemma", "phi3", "gpt2"
  std::string architecture;  // architectures[0] when given, e.g. "LlamaForCausalLM"
  std::int64_t vocab = 0;
  std::int64_t hidden = 0;        // d_model
  std::int64_t intermediate = 0;  // the MLP width (of one expert for MoE)
  std::int64_t layers = 0;
  std::int64_t heads = 0;
  std::int64_t kv_heads = 0;  // grouped-query attention; = heads for multi-head attention
  std::int64_t head_dim = 0;  // hidden / heads unless the config gives head_dim (Gemma)
  bool tied = false;          // the LM head reuses the token embedding
  bool qkv_bias = false;      // Qwen2; GPT-2
  bool o_bias = false;        // GPT-2
  bool mlp_bias = false;      // GPT-2
  bool gated = true;          // SwiGLU/GeGLU: gate, up and down; GPT-2: up and down
  Norm norm = Norm::RMSNorm;
  std::int64_t learned_positions = 0;  // GPT-2's n_positions rows of position embedding; 0 for RoPE
  std::int64_t max_positions = 0;      // the longest context the config states
  std::int64_t experts = 0;            // MoE experts per layer (Mixtral: num_local_experts); 0 = dense
  std::int64_t experts_per_token = 0;  // experts each token is routed to
  std::int64_t sliding_window = 0;     // tokens each layer attends to; 0 = the whole context
};

// Reads a config.json. The family comes from model_type, else from
// architectures[0]. Unknown keys are ignored; a missing required key is an
// error naming the key and the family.
Result<Architecture> architecture_from_config(std::string_view json_text);

// True when the text looks like a Hugging Face config (a JSON object with
// "architectures" or "model_type"): how `derive analyze` tells it from a model.
bool looks_like_hf_config(std::string_view text);

// The parameters, exact. Per-layer figures are for one layer; weights and
// biases of a projection are counted together.
struct ParameterCounts {
  std::int64_t token_embedding = 0;
  std::int64_t position_embedding = 0;
  std::int64_t q = 0, k = 0, v = 0, o = 0;  // per layer
  std::int64_t attention = 0;               // q + k + v + o
  std::int64_t mlp_per_expert = 0;          // the dense MLP, or one expert's
  std::int64_t router = 0;                  // MoE gate: hidden x experts, no bias
  std::int64_t mlp = 0;                     // every expert plus the router
  std::int64_t norms = 0;                   // the two norms of a layer
  std::int64_t per_layer = 0;
  std::int64_t all_layers = 0;
  std::int64_t final_norm = 0;
  std::int64_t lm_head = 0;  // 0 when tied
  std::int64_t total = 0;
  std::int64_t active_per_layer = 0;  // MoE: attention, norms, router and experts_per_token experts
  std::int64_t active = 0;            // parameters one token uses (= total for a dense model)
};
Result<ParameterCounts> count_parameters(const Architecture& a);

struct LoraTargets {
  bool q = false, k = false, v = false, o = false, gate = false, up = false, down = false;
};
// "q,k,v,o,gate,up,down" (also q_proj..., and "all"); an unknown name is an error.
Result<LoraTargets> parse_lora_targets(std::string_view list);
// r * (d_in + d_out) per adapted matrix per layer (Hu et al. 2021, sec. 4.1);
// MLP targets of an MoE model adapt every expert.
Result<std::int64_t> lora_parameters(const Architecture& a, const LoraTargets& targets, std::int64_t rank);

struct Gpu {
  std::string id, name, source, states;
  double memory_gb = 0;       // binary: bytes = memory_gb * 2^30
  double bandwidth_gb_s = 0;  // decimal: 10^9 bytes/s
  double dense_fp16_tflops = 0;
};

struct KnownModel {
  std::string id, name, source, params_source;
  std::int64_t published_params = 0;
  Architecture architecture;
};

// data/llm_configs.json and data/gpus.json, embedded at build time.
Result<std::vector<KnownModel>> known_models();
Result<std::vector<Gpu>> known_gpus();
// ErrorCode::UnknownName with `name` set when no entry has this id (case-insensitive).
Result<KnownModel> find_model(std::string_view id);
Result<Gpu> find_gpu(std::string_view id);

struct ReportOptions {
  std::int64_t context = 4096;
  std::int64_t batch = 1;
  std::string gpu;  // an id of known_gpus(), or "" for none
  std::int64_t lora_rank = 0;
  std::string lora_targets = "q,k,v,o";
};

// The whole analysis as one JSON document (docs/llm-analysis.md lists the
// fields): what `derive analyze` prints with --json and renders as a table.
Result<std::string> report_json(const Architecture& a, const ReportOptions& options,
                                const std::string& label);

// For the web's Models page (src/wasm/llm_bindings.cpp), each a JSON text
// that never fails: an error comes back as {"error": message}.
// The "models" array of data/llm_configs.json and the "gpus" array of
// data/gpus.json, entry for entry as the files hold them.
std::string known_models_json();
std::string known_gpus_json();
// What `derive analyze --model MODEL_ID --json ...` prints when model_id is
// not empty, else what `derive analyze FILE --json ...` prints for a file
// named `label` holding config_text: report_json of the same architecture.
std::string report_json_or_error(std::string_view model_id, std::string_view config_text,
                                 const std::string& label, const ReportOptions& options);

}  // namespace derive::llm
