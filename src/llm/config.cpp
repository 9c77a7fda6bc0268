// config.json to Architecture, and the embedded model and GPU tables.
//
// nlohmann/json reads the file rather than the project's Document reader
// (include/derive/exercise/document.hpp): real config.json files hold null
// ("sliding_window": null, "rope_scaling": null), which that reader rejects by
// design, and nlohmann is header-only plain C++ that the WebAssembly build
// compiles as it is.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "derive/ascii.hpp"
#include "derive/llm/config.hpp"
#include "llm/embedded_data.hpp"

namespace derive::llm {
namespace {

using nlohmann::json;

struct Family {
  const char* model_type;
  const char* architecture;
};
constexpr Family kFamilies[] = {
    {"llama", "LlamaForCausalLM"}, {"mistral", "MistralForCausalLM"}, {"mixtral", "MixtralForCausalLM"},
    {"qwen2", "Qwen2ForCausalLM"}, {"gemma", "GemmaForCausalLM"},     {"phi3", "Phi3ForCausalLM"},
    {"gpt2", "GPT2LMHeadModel"},
};

std::string family_list() {
  std::string list;
  for (const Family& f : kFamilies) list += (list.empty() ? "" : ", ") + std::string(f.model_type);
  return list;
}

// A value as an error message quotes it: a number, a boolean or a short
// string as written; an object, an array or a long string only by its kind,
// so a pasted file's nesting is never walked (dump() recurses) nor echoed
// whole, and no UTF-8 sequence is cut.
std::string shown(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  std::string text = value.dump();
  return value.is_string() && text.size() > 42 ? "a long string" : text;
}

class Reader {
 public:
  Reader(const json& config, std::string family) : config_(config), family_(std::move(family)) {}

  Result<std::int64_t> count(const char* key) const {
    const auto found = config_.find(key);
    if (found == config_.end() || found->is_null())
      return make_error("config.json (" + family_ + "): the required key \"" + key + "\" is missing");
    return positive(key, *found);
  }
  // The value of an optional key, or `fallback` when it is absent or null.
  Result<std::int64_t> count_or(const char* key, std::int64_t fallback) const {
    const auto found = config_.find(key);
    if (found == config_.end() || found->is_null()) return fallback;
    return positive(key, *found);
  }
  Result<bool> flag_or(const char* key, bool fallback) const {
    const auto found = config_.find(key);
    if (found == config_.end() || found->is_null()) return fallback;
    if (!found->is_boolean())
      return make_error("config.json (" + family_ + "): \"" + key + "\" must be true or false, got " +
                        shown(*found));
    return found->get<bool>();
  }

 private:
  Result<std::int64_t> positive(const char* key, const json& value) const {
    if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
        value.get<std::int64_t>() > (1LL << 40))
      return make_error("config.json (" + family_ + "): \"" + key +
                        "\" must be a whole number from 1 to 2^40, got " + shown(value));
    return value.get<std::int64_t>();
  }
  const json& config_;
  std::string family_;
};

Result<Architecture> from_json(const json& config) {
  if (!config.is_object()) return make_error("config.json: expected a JSON object");
  Architecture a;
  const auto archs = config.find("architectures");
  if (archs != config.end() && archs->is_array() && !archs->empty() && (*archs)[0].is_string())
    a.architecture = (*archs)[0].get<std::string>();
  const auto type = config.find("model_type");
  if (type != config.end() && type->is_string()) {
    a.family = type->get<std::string>();
  } else {
    for (const Family& f : kFamilies)
      if (a.architecture == f.architecture) a.family = f.model_type;
  }
  const bool known = std::any_of(std::begin(kFamilies), std::end(kFamilies),
                                 [&](const Family& f) { return a.family == f.model_type; });
  if (!known) {
    const std::string shown = a.family.empty() ? a.architecture : a.family;
    return make_error("config.json: model family \"" + shown + "\" is not one derive reads (model_type " +
                      family_list() + ")");
  }
  const Reader r(config, a.family);
  DERIVE_TRY(a.vocab, r.count("vocab_size"));
  if (a.family == "gpt2") {
    // GPT2Config: n_inner null means 4 * n_embd; LayerNorm, biases everywhere,
    // learned positions, tied LM head (transformers' GPT2LMHeadModel).
    DERIVE_TRY(a.hidden, r.count("n_embd"));
    DERIVE_TRY(a.layers, r.count("n_layer"));
    DERIVE_TRY(a.heads, r.count("n_head"));
    DERIVE_TRY(a.learned_positions, r.count("n_positions"));
    DERIVE_TRY(a.intermediate, r.count_or("n_inner", 4 * a.hidden));
    a.kv_heads = a.heads;
    a.max_positions = a.learned_positions;
    DERIVE_TRY(a.tied, r.flag_or("tie_word_embeddings", true));
    a.qkv_bias = a.o_bias = a.mlp_bias = true;
    a.gated = false;
    a.norm = Norm::LayerNorm;
  } else {
    DERIVE_TRY(a.hidden, r.count("hidden_size"));
    DERIVE_TRY(a.intermediate, r.count("intermediate_size"));
    DERIVE_TRY(a.layers, r.count("num_hidden_layers"));
    DERIVE_TRY(a.heads, r.count("num_attention_heads"));
    DERIVE_TRY(a.kv_heads, r.count_or("num_key_value_heads", a.heads));
    DERIVE_TRY(a.max_positions, r.count_or("max_position_embeddings", 0));
    // Gemma's config defaults to tied embeddings; the others to untied.
    DERIVE_TRY(a.tied, r.flag_or("tie_word_embeddings", a.family == "gemma"));
    DERIVE_TRY(a.qkv_bias, r.flag_or("attention_bias", a.family == "qwen2"));
    a.o_bias = a.family == "qwen2" ? false : a.qkv_bias;  // Qwen2: q/k/v bias, o without
    DERIVE_TRY(a.mlp_bias, r.flag_or("mlp_bias", false));
    if (a.family == "mixtral") {
      DERIVE_TRY(a.experts, r.count("num_local_experts"));
      DERIVE_TRY(a.experts_per_token, r.count("num_experts_per_tok"));
      if (a.experts_per_token > a.experts)
        return make_error("config.json (mixtral): num_experts_per_tok (" +
                          std::to_string(a.experts_per_token) + ") is more than num_local_experts (" +
                          std::to_string(a.experts) + ")");
    }
    if (a.family == "qwen2") {
      DERIVE_TRY(const bool use_window, r.flag_or("use_sliding_window", false));
      if (use_window) {
        DERIVE_TRY(a.sliding_window, r.count_or("sliding_window", 0));
      }
    } else if (a.family == "mistral" || a.family == "mixtral" || a.family == "phi3") {
      DERIVE_TRY(a.sliding_window, r.count_or("sliding_window", 0));
    }
  }
  if (a.hidden % a.heads != 0 && config.find("head_dim") == config.end())
    return make_error("config.json (" + a.family + "): hidden size " + std::to_string(a.hidden) +
                      " is not a multiple of the " + std::to_string(a.heads) +
                      " heads and no head_dim is given");
  DERIVE_TRY(a.head_dim, r.count_or("head_dim", a.hidden / a.heads));
  if (a.kv_heads > a.heads || a.heads % a.kv_heads != 0)
    return make_error("config.json (" + a.family + "): num_key_value_heads (" + std::to_string(a.kv_heads) +
                      ") must divide num_attention_heads (" + std::to_string(a.heads) + ")");
  return a;
}

Result<json> parse(std::string_view text, const char* what) {
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return make_error(std::string(what) + ": not valid JSON");
  return parsed;
}

}  // namespace

Result<Architecture> architecture_from_config(std::string_view json_text) {
  DERIVE_TRY(const json config, parse(json_text, "config.json"));
  return from_json(config);
}

bool looks_like_hf_config(std::string_view text) {
  const json parsed = json::parse(text, nullptr, false);
  return !parsed.is_discarded() && parsed.is_object() &&
         (parsed.contains("architectures") || parsed.contains("model_type"));
}

Result<std::vector<KnownModel>> known_models() {
  DERIVE_TRY(const json data, parse(embedded_llm_configs_json(), "data/llm_configs.json"));
  std::vector<KnownModel> models;
  for (const json& entry : data.at("models")) {
    KnownModel m;
    m.id = entry.at("id").get<std::string>();
    m.name = entry.at("name").get<std::string>();
    m.source = entry.at("source").get<std::string>();
    m.params_source = entry.value("params_source", "");
    m.published_params = entry.value("published_params", std::int64_t{0});
    auto architecture = from_json(entry.at("config"));
    if (!architecture)
      return make_error("data/llm_configs.json, " + m.id + ": " + architecture.error().message);
    m.architecture = *architecture;
    models.push_back(std::move(m));
  }
  return models;
}

Result<std::vector<Gpu>> known_gpus() {
  DERIVE_TRY(const json data, parse(embedded_gpus_json(), "data/gpus.json"));
  std::vector<Gpu> gpus;
  for (const json& entry : data.at("gpus")) {
    gpus.push_back({entry.at("id").get<std::string>(), entry.at("name").get<std::string>(),
                    entry.at("source").get<std::string>(), entry.value("states", ""),
                    entry.at("memory_gb").get<double>(), entry.at("bandwidth_gb_s").get<double>(),
                    entry.at("dense_fp16_tflops").get<double>()});
  }
  return gpus;
}

namespace {

// The entry of `entries` whose id is `id` (case-insensitive), or an
// UnknownName error naming `what` and the id, for did-you-mean suggestions.
template <typename Entry>
Result<Entry> find_by_id(Result<std::vector<Entry>> entries, std::string_view id, const char* what) {
  if (!entries) return entries.error();
  const std::string wanted = ascii_lower(id);
  for (const Entry& e : *entries)
    if (e.id == wanted) return e;
  Error e =
      make_error(ErrorCode::UnknownName, std::string("no known ") + what + " \"" + std::string(id) + "\"");
  e.name = std::string(id);
  return e;
}

}  // namespace

Result<KnownModel> find_model(std::string_view id) { return find_by_id(known_models(), id, "model"); }

Result<Gpu> find_gpu(std::string_view id) { return find_by_id(known_gpus(), id, "GPU"); }

}  // namespace derive::llm
