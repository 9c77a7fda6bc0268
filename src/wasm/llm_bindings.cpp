// The LLM analysis's own WebAssembly module (derive_llm.wasm), apart from the
// trainer's derive.wasm so that the trainer's first load does not carry it:
// web/modules/models.js fetches it (through web/modules/llm.js) when the
// Models page opens.
//
// Contract, as for bindings.cpp: C functions returning NUL-terminated UTF-8
// JSON, valid until the next call into this module; nothing throws across the
// boundary and every failure comes back as {"error": message}.
//
// Exceptions: this build has none (-fno-exceptions) and compiles nlohmann/json
// with JSON_NOEXCEPTION (CMakeLists.txt), where each of its throw sites is
// std::abort(). They are unreachable from what a visitor pastes: src/llm/
// parses with allow_exceptions = false, checks each value's type before it
// reads it, quotes values in messages without walking them, and writes its
// documents with invalid UTF-8 replaced; the embedded tables are read with at()
// and are checked by the native tests. tests/wasm/llm.test.mjs pastes broken
// configs (bad JSON, wrong types, deep nesting, missing keys) and expects the
// CLI's message from each, never a trap.
#include <emscripten/emscripten.h>

#include <cmath>
#include <string>

#include "derive/llm/config.hpp"
#include "wasm/returned_text.hpp"

using derive::wasm::keep;

namespace {

// A count from JavaScript: a whole number from `low` to `high`, else `what`
// is named in the error. CLI11 checks the same ranges for the CLI's options.
bool whole_in(double value, double low, double high) {
  return std::isfinite(value) && std::floor(value) == value && value >= low && value <= high;
}

std::string range_error(const char* what, double low, double high) {
  return std::string(R"({"error":")") + what + " must be a whole number from " +
         std::to_string(std::int64_t(low)) + " to " + std::to_string(std::int64_t(high)) + "\"}";
}

}  // namespace

extern "C" {

// The "models" array of data/llm_configs.json: [{id, name, source,
// published_params, params_source, config}].
EMSCRIPTEN_KEEPALIVE const char* derive_llm_models() { return keep(derive::llm::known_models_json()); }

// The "gpus" array of data/gpus.json: [{id, name, memory_gb, bandwidth_gb_s,
// dense_fp16_tflops, source, states}].
EMSCRIPTEN_KEEPALIVE const char* derive_llm_gpus() { return keep(derive::llm::known_gpus_json()); }

// `derive analyze --model MODEL --json --context C --batch B [--gpu G]
// [--lora-rank R --lora-targets T]` when `model` is not empty, else `derive
// analyze FILE --json ...` for a file named `label` holding `config`: the same
// document, byte for byte, or {"error": ...}. An empty gpu and a rank of 0
// mean the option is not given.
EMSCRIPTEN_KEEPALIVE const char* derive_llm_analyze(const char* model, const char* config, const char* label,
                                                    double context, double batch, const char* gpu,
                                                    double lora_rank, const char* lora_targets) {
  constexpr double kMaxContext = 1099511627776.0, kMaxBatch = 1073741824.0, kMaxRank = 1048576.0;
  if (!whole_in(context, 1, kMaxContext)) return keep(range_error("context", 1, kMaxContext));
  if (!whole_in(batch, 1, kMaxBatch)) return keep(range_error("batch", 1, kMaxBatch));
  if (!whole_in(lora_rank, 0, kMaxRank)) return keep(range_error("LoRA rank", 0, kMaxRank));
  derive::llm::ReportOptions options;
  options.context = static_cast<std::int64_t>(context);
  options.batch = static_cast<std::int64_t>(batch);
  options.gpu = gpu;
  options.lora_rank = static_cast<std::int64_t>(lora_rank);
  options.lora_targets = lora_targets;
  return keep(derive::llm::report_json_or_error(model, config, label, options));
}

}  // extern "C"
