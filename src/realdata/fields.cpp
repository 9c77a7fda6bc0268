#include "derive/realdata/fields.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "boards/board.hpp"
#include "derive/llm/config.hpp"

namespace derive::realdata {
namespace {

// A data file's number as the expression language holds it: whole numbers
// exact (80 GB, 3350 GB/s), others as doubles (989.4 TFLOP/s).
Number number_of(double x) {
  if (std::trunc(x) == x && std::fabs(x) < 9e15) return Number::exact(static_cast<std::int64_t>(x));
  return Number::from_double(x);
}

template <typename Entry>
struct Field {
  const char* name;
  std::function<Result<Number>(const Entry&)> get;
};

template <typename Entry>
Result<Number> lookup(const std::vector<Field<Entry>>& fields, const Entry& entry, std::string_view kind,
                      std::string_view key, std::string_view field) {
  for (const Field<Entry>& f : fields)
    if (field == f.name) return f.get(entry);
  std::string names;
  for (const Field<Entry>& f : fields) names += (names.empty() ? "" : ", ") + std::string(f.name);
  return make_error("unknown field '" + std::string(field) + "' of " + std::string(kind) + " '" +
                    std::string(key) + "' (fields: " + names + ")");
}

Result<Number> whole(std::int64_t n) { return Number::exact(n); }

// The names of config.json (Hugging Face, Llama-style keys), read through
// the parsed architecture, and the exact counts of src/llm.
const std::vector<Field<llm::KnownModel>>& llm_fields() {
  using M = llm::KnownModel;
  static const std::vector<Field<M>> fields = {
      {"vocab_size", [](const M& m) { return whole(m.architecture.vocab); }},
      {"hidden_size", [](const M& m) { return whole(m.architecture.hidden); }},
      {"intermediate_size", [](const M& m) { return whole(m.architecture.intermediate); }},
      {"num_hidden_layers", [](const M& m) { return whole(m.architecture.layers); }},
      {"num_attention_heads", [](const M& m) { return whole(m.architecture.heads); }},
      {"num_key_value_heads", [](const M& m) { return whole(m.architecture.kv_heads); }},
      {"head_dim", [](const M& m) { return whole(m.architecture.head_dim); }},
      {"max_position_embeddings", [](const M& m) { return whole(m.architecture.max_positions); }},
      {"num_local_experts", [](const M& m) { return whole(m.architecture.experts); }},
      {"num_experts_per_tok", [](const M& m) { return whole(m.architecture.experts_per_token); }},
      {"parameters",
       [](const M& m) -> Result<Number> {
         DERIVE_TRY(llm::ParameterCounts counts, llm::count_parameters(m.architecture));
         return Number::exact(counts.total);
       }},
      {"parameters_per_layer",
       [](const M& m) -> Result<Number> {
         DERIVE_TRY(llm::ParameterCounts counts, llm::count_parameters(m.architecture));
         return Number::exact(counts.per_layer);
       }},
      {"active_parameters",
       [](const M& m) -> Result<Number> {
         DERIVE_TRY(llm::ParameterCounts counts, llm::count_parameters(m.architecture));
         return Number::exact(counts.active);
       }},
  };
  return fields;
}

const std::vector<Field<llm::Gpu>>& gpu_fields() {
  using G = llm::Gpu;
  static const std::vector<Field<G>> fields = {
      {"memory_gb", [](const G& g) { return Result<Number>(number_of(g.memory_gb)); }},
      {"bandwidth_gb_s", [](const G& g) { return Result<Number>(number_of(g.bandwidth_gb_s)); }},
      {"dense_fp16_tflops", [](const G& g) { return Result<Number>(number_of(g.dense_fp16_tflops)); }},
  };
  return fields;
}

const std::vector<Field<boards::Board>>& board_fields() {
  using B = boards::Board;
  static const std::vector<Field<B>> fields = {
      {"sram_bytes", [](const B& b) { return whole(b.sram_bytes); }},
      {"arena_limit_bytes", [](const B& b) { return whole(b.arena_limit_bytes); }},
      {"flash_bytes", [](const B& b) { return whole(b.flash_bytes); }},
      {"external_ram_bytes", [](const B& b) { return whole(b.external_ram_bytes); }},
      {"clock_hz", [](const B& b) { return whole(b.clock_hz); }},
  };
  return fields;
}

// "no known model \"x\"" with the ids there are.
template <typename Entry>
Error with_ids(const Error& error, const Result<std::vector<Entry>>& entries) {
  std::string ids;
  if (entries)
    for (const Entry& e : *entries) ids += (ids.empty() ? "" : ", ") + e.id;
  return make_error(error.message + " (known: " + ids + ")");
}

}  // namespace

Result<Number> field_value(std::string_view kind, std::string_view key, std::string_view field) {
  if (kind == "llm") {
    auto model = llm::find_model(key);
    if (!model) return with_ids(model.error(), llm::known_models());
    return lookup(llm_fields(), *model, kind, key, field);
  }
  if (kind == "gpu") {
    auto gpu = llm::find_gpu(key);
    if (!gpu) return with_ids(gpu.error(), llm::known_gpus());
    return lookup(gpu_fields(), *gpu, kind, key, field);
  }
  if (kind == "board") {
    const boards::Board* board = boards::find_board(key);
    if (!board)
      return make_error("unknown board '" + std::string(key) + "' (boards: " + boards::board_ids() + ")");
    return lookup(board_fields(), *board, kind, key, field);
  }
  return make_error("unknown kind '" + std::string(kind) + "' (kinds: llm, gpu, board)");
}

}  // namespace derive::realdata
