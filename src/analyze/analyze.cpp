// analyze_json: import, cost, plan, fit, and print the analyzer contract
// (/work/shared/analyzer.md; docs/analyzer.md).
#include "derive/analyze/analyze.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/json_text.hpp"
#include "analyze/practice.hpp"
#include "analyze/what_if_facts.hpp"
#include "boards/board.hpp"
#include "boards/fit.hpp"
#include "derive/graph/cost.hpp"
#include "derive/graph/lifetimes.hpp"
#include "derive/graph/model.hpp"
#include "derive/import/importer.hpp"
#include "memplan/live_set.hpp"
#include "memplan/planner.hpp"

namespace derive::analyze {
namespace {

void tensor_json(JsonText& json, const graph::Tensor& tensor, bool with_name) {
  json.begin_object();
  if (with_name) json.key("name").string(tensor.name);
  json.key("shape").begin_array();
  for (const std::int64_t dim : tensor.shape) json.integer(dim);
  json.end_array();
  json.key("dtype").string(graph::dtype_name(tensor.dtype));
  json.end_object();
}

void tensor_list_json(JsonText& json, const graph::Subgraph& subgraph, std::span<const std::int32_t> indices,
                      bool with_name) {
  json.begin_array();
  for (const std::int32_t index : indices) {
    if (index < 0) continue;  // an optional input left out
    tensor_json(json, subgraph.tensors[static_cast<std::size_t>(index)], with_name);
  }
  json.end_array();
}

// "practice": [{"exercise": id, "params": {name: value}}], the questions
// practice.hpp finds for the layer with its numbers.
void practice_json(JsonText& json, const std::vector<Practice>& practice) {
  json.key("practice").begin_array();
  for (const Practice& p : practice) {
    json.begin_object().key("exercise").string(p.exercise).key("params").begin_object();
    for (const auto& [name, value] : p.params) {
      json.key(name);
      if (value.is_bool())
        json.boolean(value.boolean());
      else
        json.integer(value.number().exact_value());  // practice.hpp gives counts and booleans only
    }
    json.end_object().end_object();
  }
  json.end_array();
}

void layers_json(JsonText& json, const graph::Model& model, const graph::ModelCost& cost) {
  json.key("layers").begin_array();
  for (const graph::LayerCost& layer : cost.layers) {
    const graph::Subgraph& subgraph = model.subgraphs[static_cast<std::size_t>(layer.subgraph)];
    const graph::Operator& op = subgraph.operators[static_cast<std::size_t>(layer.index)];
    json.begin_object();
    json.key("index").integer(layer.index);
    json.key("subgraph").integer(layer.subgraph);
    json.key("op").string(op.op);
    json.key("name").string(op.name);
    json.key("inputs");
    tensor_list_json(json, subgraph, op.inputs, false);
    json.key("outputs");
    tensor_list_json(json, subgraph, op.outputs, false);
    json.key("params").integer(layer.params);
    json.key("macs").integer(layer.macs);
    json.key("weight_bytes").integer(layer.weight_bytes);
    json.key("activation_bytes").integer(layer.activation_bytes);
    json.key("costed").boolean(layer.uncosted_reason.empty());
    json.key("notes").begin_array();
    for (const std::string& note : layer.notes) json.string(note);
    json.end_array();
    practice_json(json, layer_practice(subgraph, layer));
    json.end_object();
  }
  json.end_array();
}

void op_counts_json(JsonText& json, const std::map<std::string, std::int64_t>& counts) {
  json.begin_array();
  for (const auto& [op, count] : counts) {
    json.begin_object().key("op").string(op).key("count").integer(count).end_object();
  }
  json.end_array();
}

void totals_json(JsonText& json, const graph::ModelCost& cost) {
  json.key("totals").begin_object();
  json.key("params").integer(cost.params);
  json.key("macs").integer(cost.macs);
  json.key("weight_bytes").integer(cost.weight_bytes);
  json.key("unknown_ops");
  op_counts_json(json, cost.unknown_ops);
  json.key("uncosted");
  op_counts_json(json, cost.uncosted_ops);
  json.key("macs_per_iteration").integer(cost.macs_per_iteration);
  json.key("notes").begin_array();
  for (const std::string& note : cost.notes) json.string(note);
  json.end_array();
  json.end_object();
}

// The steps the buffers span: [first, last]; {0, -1} for no buffers.
std::pair<int, int> step_range(std::span<const memplan::BufferRequest> buffers) {
  if (buffers.empty()) return {0, -1};
  int first = buffers.front().first_use;
  int last = buffers.front().last_use;
  for (const memplan::BufferRequest& buffer : buffers) {
    first = std::min(first, buffer.first_use);
    last = std::max(last, buffer.last_use);
  }
  return {first, last};
}

// One plan: its arena, the checker's verdict, and its timeline (the highest
// byte in use at each step), the first step reaching the arena and the
// buffers alive then.
Status plan_json(JsonText& json, const memplan::Plan& plan, std::span<const memplan::BufferRequest> buffers,
                 const memplan::PlanOptions& options, bool complete) {
  json.begin_object();
  json.key("planner").string(plan.planner);
  json.key("arena_bytes").integer(plan.arena_bytes);
  json.key("checked").boolean(plan.checked);
  json.key("complete").boolean(complete);
  const auto [first, last] = step_range(buffers);
  std::vector<std::int64_t> timeline;
  if (first <= last) {
    DERIVE_TRY(timeline, memplan::arena_high_water_by_step(buffers, options, plan.offsets, first, last));
  }
  json.key("timeline").begin_array();
  for (const std::int64_t bytes : timeline) json.integer(bytes);
  json.end_array();
  const auto peak = std::max_element(timeline.begin(), timeline.end());
  const int peak_step = first + static_cast<int>(peak - timeline.begin());
  json.key("peak_step").integer(timeline.empty() ? 0 : peak_step);
  json.key("peak_tensors").begin_array();
  if (!timeline.empty()) {
    for (const memplan::BufferRequest& buffer : buffers) {
      if (buffer.first_use <= peak_step && peak_step <= buffer.last_use) json.string(buffer.name);
    }
  }
  json.end_array();
  json.end_object();
  return {};
}

Result<std::vector<memplan::Plan>> make_plans(std::span<const memplan::BufferRequest> buffers,
                                              const AnalyzeOptions& options) {
  if (options.planner.empty()) return memplan::plan_with_every_planner(buffers);
  DERIVE_TRY(memplan::Plan plan, memplan::plan_buffers(options.planner, buffers));
  return std::vector<memplan::Plan>{std::move(plan)};
}

// Today's `best` plan for the what-ifs: plan_with_every_planner lists it last,
// and a planner asked for by name may be `best` itself; else it is planned.
Result<memplan::Plan> best_plan(std::span<const memplan::Plan> plans,
                                std::span<const memplan::BufferRequest> buffers) {
  if (plans.back().planner == "best") return plans.back();
  return memplan::plan_buffers("best", buffers);
}

// What a model needs for `plan`: its arena, and the larger of the file and
// its weights. A file can hold fewer bytes than its weights when it computes
// them at load (ONNX ConstantOfShape, as in the light_* test models); a
// deployed model stores them, so flash is checked for the larger of the two.
boards::Footprint footprint_of(const memplan::Plan& plan, const graph::Model& model,
                               const graph::ModelCost& cost) {
  boards::Footprint footprint;
  footprint.arena_bytes = plan.arena_bytes;
  footprint.model_bytes = std::max(cost.weight_bytes, model.file_bytes);
  return footprint;
}

// The what-ifs that change the arena, each planned with best and tflm-greedy.
void what_ifs_json(JsonText& json, std::span<const boards::Alternative> alternatives) {
  json.key("what_ifs").begin_array();
  for (const boards::Alternative& alternative : alternatives) {
    if (!alternative.rewrites_buffers) continue;  // planner:best and int4-weights
    json.begin_object();
    json.key("id").string(alternative.id);
    json.key("description").string(alternative.description);
    json.key("arena_bytes").begin_object();
    json.key("best").integer(alternative.footprint.arena_bytes);
    json.key("tflm-greedy").integer(alternative.tflm_greedy_arena_bytes);
    json.end_object();
    if (alternative.patches_per_side > 0) {
      json.key("patches_per_side").integer(alternative.patches_per_side);
      json.key("patch_layers").integer(static_cast<std::int64_t>(alternative.patch_layers));
      json.key("stage_macs").integer(alternative.stage_macs);
      json.key("patched_macs").integer(alternative.patched_macs);
    }
    json.end_object();
  }
  json.end_array();
}

void board_json(JsonText& json, const boards::Board& board, const memplan::Plan& plan,
                const boards::Footprint& footprint, std::span<const boards::Alternative> alternatives,
                const graph::Model& model, const graph::ModelCost& cost, bool memory_complete) {
  const boards::FitReport fit = boards::check_fit(board, footprint, alternatives);
  json.key("board").begin_object();
  json.key("name").string(board.id);
  json.key("sram_bytes").integer(board.sram_bytes);
  json.key("flash_bytes").integer(board.flash_bytes);
  json.key("arena_limit_bytes").integer(fit.arena_limit_bytes);
  json.key("planner").string(plan.planner);
  // An arena planned without some tensors is no proof of a fit (only of a
  // misfit, when even it is too large).
  json.key("fits_sram").boolean(fit.fits_sram && memory_complete);
  json.key("fits_flash").boolean(fit.fits_flash);
  json.key("sram_margin_bytes").integer(fit.sram_margin_bytes);
  json.key("flash_margin_bytes").integer(fit.flash_margin_bytes);
  json.key("would_fit").begin_array();
  for (const boards::Alternative& alternative : fit.would_fit) json.string(alternative.description);
  json.end_array();
  json.key("notes").begin_array();
  if (!memory_complete)
    json.string(
        "Some activation tensors have unknown sizes (memory.unknown_size_tensors): the arena "
        "leaves them out, so SRAM is not claimed to fit; the margin is an upper bound.");
  for (const std::string& note : fit.notes) json.string(note);
  if (cost.weight_bytes > model.file_bytes)
    json.string("The file computes " + std::to_string(cost.weight_bytes) +
                " bytes of weights at load (it stores " + std::to_string(model.file_bytes) +
                " bytes): flash is checked for those weights, as a deployed model must store them, not for "
                "the file.");
  json.end_array();
  json.end_object();
}

}  // namespace

Result<std::string> analyze_json(std::span<const std::uint8_t> bytes, const std::string& file_name,
                                 const AnalyzeOptions& options) {
  const boards::Board* board = nullptr;
  if (!options.board.empty()) {
    board = boards::find_board(options.board);
    if (board == nullptr)
      return make_error("unknown board '" + options.board + "' (known: " + boards::board_ids() + ")");
  }
  if (!options.planner.empty() && memplan::find_planner(options.planner) == nullptr)
    return make_error("unknown planner '" + options.planner + "' (known: " + memplan::planner_names() + ")");

  DERIVE_TRY(const graph::Model model, import::open_model(bytes));
  DERIVE_TRY(const graph::ModelCost cost, graph::model_cost(model));
  DERIVE_TRY(const graph::TflmBuffers planned, graph::tflm_buffers(model));
  const std::vector<memplan::BufferRequest>& buffers = planned.buffers;
  const bool complete = planned.unknown_sizes.empty();
  DERIVE_TRY(const memplan::LiveSetPeak bound, memplan::live_set_lower_bound(buffers));
  DERIVE_TRY(const std::vector<memplan::Plan> plans, make_plans(buffers, options));
  // The footprint and the what-ifs are those of the planner asked for, else
  // of TFLM's (what the board would run), which plan_with_every_planner puts first.
  const boards::Footprint footprint = footprint_of(plans.front(), model, cost);
  boards::WhatIfFacts facts = what_if_facts(model, cost, planned);
  facts.planner = plans.front().planner;
  DERIVE_TRY(const memplan::Plan best, best_plan(plans, buffers));
  DERIVE_TRY(const std::vector<boards::Alternative> alternatives,
             boards::what_if_alternatives(buffers, memplan::PlanOptions{}, footprint, facts, best));

  const graph::Subgraph& main = graph::main_subgraph(model);
  JsonText json;
  json.begin_object();
  json.key("file").string(file_name);
  json.key("format").string(model.format);
  json.key("bytes").integer(static_cast<std::int64_t>(bytes.size()));
  json.key("inputs");
  tensor_list_json(json, main, main.inputs, true);
  json.key("outputs");
  tensor_list_json(json, main, main.outputs, true);
  layers_json(json, model, cost);
  totals_json(json, cost);
  json.key("memory").begin_object();
  // The live set of the known tensors: a true lower bound even when some
  // sizes are unknown (the missing tensors can only add to it).
  json.key("lower_bound_bytes").integer(bound.bytes);
  json.key("complete").boolean(complete);
  json.key("unknown_size_tensors").begin_array();
  for (const std::string& tensor : planned.unknown_sizes) json.string(tensor);
  json.end_array();
  json.key("plans").begin_array();
  for (const memplan::Plan& plan : plans) DERIVE_CHECK(plan_json(json, plan, buffers, {}, complete));
  json.end_array();
  what_ifs_json(json, alternatives);
  json.end_object();
  if (board != nullptr)
    board_json(json, *board, plans.front(), footprint, alternatives, model, cost, complete);
  json.end_object();
  return json.take();
}

std::string analyze_json_or_error(std::span<const std::uint8_t> bytes, const std::string& file_name,
                                  const AnalyzeOptions& options) {
  Result<std::string> document = analyze_json(bytes, file_name, options);
  if (document) return std::move(document).value();
  JsonText json;
  json.begin_object().key("error").string(document.error().message).end_object();
  return json.take();
}

std::string boards_json() {
  JsonText json;
  json.begin_array();
  for (const boards::Board& board : boards::all_boards()) {
    json.begin_object();
    json.key("id").string(board.id);
    json.key("name").string(board.name);
    json.key("mcu").string(board.mcu);
    json.key("core").string(board.core);
    json.key("clock_hz").integer(board.clock_hz);
    json.key("sram_bytes").integer(board.sram_bytes);
    json.key("arena_limit_bytes").integer(board.arena_limit_bytes);
    json.key("flash_bytes").integer(board.flash_bytes);
    json.key("external_ram_bytes").integer(board.external_ram_bytes);
    json.end_object();
  }
  json.end_array();
  return json.take();
}

}  // namespace derive::analyze
