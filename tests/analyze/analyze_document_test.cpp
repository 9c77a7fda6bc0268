// analyze_json on small models built in the test (ONNX with onnx_writer.hpp,
// TFLite with tflite_writer.hpp): layers that cannot be costed, tensors of
// unknown size, and TFLite control flow (WHILE, IF) never fail the analysis;
// each says what it could not count, and the plans stay checked and above
// the lower bound.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "derive/analyze/analyze.hpp"
#include "derive/graph/lifetimes.hpp"
#include "derive/import/importer.hpp"
#include "onnx/onnx_writer.hpp"
#include "tflite_writer.hpp"

namespace {

using nlohmann::json;
namespace ox = derive::onnx::testing;
namespace tf = derive::import::tflite::testing;

json analyze(const std::vector<std::uint8_t>& bytes, const std::string& name,
             const derive::analyze::AnalyzeOptions& options = {}) {
  const auto document = derive::analyze::analyze_json(bytes, name, options);
  EXPECT_TRUE(document.ok()) << name << ": " << (document.ok() ? "" : document.error().message);
  return document.ok() ? json::parse(*document) : json::object();
}

json analyze_onnx(const std::string& text, const std::string& name) {
  return analyze(std::vector<std::uint8_t>(text.begin(), text.end()), name);
}

bool contains(const json& strings, const std::string& part) {
  for (const json& s : strings)
    if (s.get<std::string>().find(part) != std::string::npos) return true;
  return false;
}

// Every plan checked and at or above the lower bound.
void expect_sound_plans(const json& doc) {
  const std::int64_t bound = doc["memory"]["lower_bound_bytes"].get<std::int64_t>();
  ASSERT_FALSE(doc["memory"]["plans"].empty());
  for (const json& plan : doc["memory"]["plans"]) {
    EXPECT_TRUE(plan["checked"].get<bool>()) << plan["planner"];
    EXPECT_LE(bound, plan["arena_bytes"].get<std::int64_t>()) << plan["planner"];
  }
}

const json& layer(const json& doc, std::int64_t subgraph, std::int64_t index) {
  for (const json& l : doc["layers"])
    if (l["subgraph"] == subgraph && l["index"] == index) return l;
  static const json none = json::object();
  ADD_FAILURE() << "no layer " << subgraph << ":" << index;
  return none;
}

// A Conv whose input has no shape in the file (a graph input without a type):
// its output shape cannot be inferred, so neither its MACs nor the sizes of x
// and y are known. The layer is listed with the 4 x 1 x 3 x 3 = 36 weights it
// has, MACs 0 and a reason; totals list it as uncosted; the plan says it is
// incomplete and names both tensors.
TEST(AnalyzeDocument, OnnxConvWithUnknownInputShapeIsUncosted) {
  ox::GraphSpec g;
  g.nodes = {ox::node("Conv", {"x", "W"}, {"y"})};
  g.initializers = {ox::float_tensor("W", {4, 1, 3, 3}, ox::Repeated::kPacked)};
  g.inputs = {ox::name_only("x")};
  g.outputs = {ox::name_only("y")};
  const json doc = analyze_onnx(ox::model(g, 13), "unknown_input.onnx");
  ASSERT_FALSE(doc.empty());
  ASSERT_EQ(doc["layers"].size(), 1u);
  const json& conv = doc["layers"][0];
  EXPECT_EQ(conv["op"], "Conv");
  EXPECT_EQ(conv["params"], 36);
  EXPECT_EQ(conv["macs"], 0);
  EXPECT_FALSE(conv["costed"].get<bool>());
  EXPECT_TRUE(contains(conv["notes"], "uncosted")) << conv["notes"];
  EXPECT_EQ(doc["totals"]["uncosted"], json::parse(R"([{"op": "Conv", "count": 1}])"));
  EXPECT_TRUE(doc["totals"]["unknown_ops"].empty());
  EXPECT_EQ(doc["totals"]["macs"], 0);
  const json& memory = doc["memory"];
  EXPECT_FALSE(memory["complete"].get<bool>());
  EXPECT_TRUE(contains(memory["unknown_size_tensors"], "'x'")) << memory["unknown_size_tensors"];
  EXPECT_TRUE(contains(memory["unknown_size_tensors"], "'y'")) << memory["unknown_size_tensors"];
  for (const json& plan : memory["plans"]) EXPECT_FALSE(plan["complete"].get<bool>());
  expect_sound_plans(doc);
}

// A Reshape whose target shape is a runtime input: its output's shape is not
// known, so the Conv after it cannot be costed, while the Conv before it
// (1 x 1 x 8 x 8 input, 2 x 1 x 3 x 3 weights, 6 x 6 output: 2 * 9 * 36 = 648
// MACs by Sze et al. 2017 eq. 2) is. On a board the SRAM fit is not claimed.
TEST(AnalyzeDocument, OnnxReshapeFromARuntimeTensorLeavesTheRestCosted) {
  ox::GraphSpec g;
  g.nodes = {ox::node("Conv", {"x", "W1"}, {"a"}), ox::node("Reshape", {"a", "s"}, {"r"}),
             ox::node("Conv", {"r", "W2"}, {"y"})};
  g.initializers = {ox::float_tensor("W1", {2, 1, 3, 3}, ox::Repeated::kPacked),
                    ox::float_tensor("W2", {4, 2, 1, 1}, ox::Repeated::kPacked)};
  g.inputs = {ox::value_info("x", {1, 1, 8, 8}), ox::value_info("s", {4})};
  g.outputs = {ox::name_only("y")};
  const std::string file = ox::model(g, 13);
  const json doc = analyze_onnx(file, "runtime_reshape.onnx");
  ASSERT_EQ(doc["layers"].size(), 3u);
  EXPECT_EQ(doc["layers"][0]["macs"], 2 * 9 * 6 * 6);
  EXPECT_TRUE(doc["layers"][0]["costed"].get<bool>());
  EXPECT_FALSE(doc["layers"][2]["costed"].get<bool>());
  EXPECT_EQ(doc["layers"][2]["params"], 8);
  EXPECT_EQ(doc["totals"]["macs"], 2 * 9 * 6 * 6);
  EXPECT_EQ(doc["totals"]["uncosted"], json::parse(R"([{"op": "Conv", "count": 1}])"));
  EXPECT_TRUE(contains(doc["totals"]["notes"], "not in the total"));
  EXPECT_FALSE(doc["memory"]["complete"].get<bool>());
  EXPECT_TRUE(contains(doc["memory"]["unknown_size_tensors"], "'r'"));
  EXPECT_FALSE(contains(doc["memory"]["unknown_size_tensors"], "'a'"));
  expect_sound_plans(doc);

  // The known tensors x (256 B) and a (288 B) alone fit the smallest board,
  // yet the fit is not claimed while r and y are unknown.
  const auto boards = json::parse(derive::analyze::boards_json());
  const json& board = boards[0];
  const json with_board = analyze(std::vector<std::uint8_t>(file.begin(), file.end()), "runtime_reshape.onnx",
                                  {board["id"].get<std::string>(), ""});
  EXPECT_FALSE(with_board["board"]["fits_sram"].get<bool>());
  EXPECT_TRUE(contains(with_board["board"]["notes"], "unknown sizes"));
}

// A MatMul whose operands contradict its rule (inner dimensions 3 and 4)
// cannot be inferred: the importer keeps the graph, the layer is uncosted and
// its notes carry shape inference's reason.
TEST(AnalyzeDocument, OnnxShapeContradictionIsUncostedWithTheReason) {
  ox::GraphSpec g;
  g.nodes = {ox::node("MatMul", {"A", "B"}, {"Y"})};
  g.inputs = {ox::value_info("A", {2, 3}), ox::value_info("B", {4, 5})};
  g.outputs = {ox::name_only("Y")};
  const json doc = analyze_onnx(ox::model(g, 13), "contradiction.onnx");
  ASSERT_EQ(doc["layers"].size(), 1u);
  EXPECT_FALSE(doc["layers"][0]["costed"].get<bool>());
  EXPECT_TRUE(contains(doc["layers"][0]["notes"], "disagree on the inner dimension"))
      << doc["layers"][0]["notes"];
  EXPECT_EQ(doc["totals"]["uncosted"], json::parse(R"([{"op": "MatMul", "count": 1}])"));
  EXPECT_FALSE(doc["memory"]["complete"].get<bool>());
  expect_sound_plans(doc);
}

// A TFLite CONV_2D whose filter is 3-D: the layer is uncosted (its 36
// weights still counted), the analysis goes on, and memory is complete
// (every activation's size is known).
TEST(AnalyzeDocument, TfliteConvWithABadFilterIsUncosted) {
  tf::SubgraphSpec g;
  g.tensors = {{"input", {1, 8, 8, 1}, tf::kFloat32},
               {"filter", {4, 3, 3}, tf::kFloat32, 4 * 3 * 3 * 4},
               {"output", {1, 6, 6, 4}, tf::kFloat32}};
  g.inputs = {0};
  g.outputs = {2};
  g.operators = {{"CONV_2D", {0, 1}, {2}}};
  const json doc = analyze(tf::model({g}), "bad_filter.tflite");
  ASSERT_EQ(doc["layers"].size(), 1u);
  EXPECT_EQ(doc["layers"][0]["params"], 36);
  EXPECT_EQ(doc["layers"][0]["macs"], 0);
  EXPECT_TRUE(contains(doc["layers"][0]["notes"], "expected 4-D input, filter and output"));
  EXPECT_EQ(doc["totals"]["uncosted"], json::parse(R"([{"op": "CONV_2D", "count": 1}])"));
  EXPECT_TRUE(doc["memory"]["complete"].get<bool>());
  // input 256 B and output 576 B alive together at the convolution.
  EXPECT_EQ(doc["memory"]["lower_bound_bytes"], 8 * 8 * 4 + 6 * 6 * 4 * 4);
  expect_sound_plans(doc);
}

// A TFLite activation whose batch dimension is open (shape 0, shape_signature
// -1): its size is unknown, the plan is marked incomplete and names it.
TEST(AnalyzeDocument, TfliteTensorOfUnknownSizeMakesThePlanIncomplete) {
  tf::SubgraphSpec g;
  g.tensors = {{"input", {1, 16}, tf::kFloat32},
               {"open", {0, 16}, tf::kFloat32, 0, {-1, 16}},
               {"output", {1, 16}, tf::kFloat32}};
  g.inputs = {0};
  g.outputs = {2};
  g.operators = {{"RELU", {0}, {1}}, {"RELU", {1}, {2}}};
  const json doc = analyze(tf::model({g}), "open_batch.tflite");
  EXPECT_FALSE(doc["memory"]["complete"].get<bool>());
  EXPECT_TRUE(contains(doc["memory"]["unknown_size_tensors"], "'open'"));
  expect_sound_plans(doc);
}

// WHILE (WhileOptions cond 1, body 2) over a [1, 16] float state:
//   subgraph 0: x -> WHILE -> y
//   subgraph 1 (cond): a1 -> LESS -> c ([1] bool)
//   subgraph 2 (body): a2 -> FULLY_CONNECTED (16 x 16 weights, 16 bias) -> b
// Costs: the body's 16 * 16 = 256 MACs per iteration, counted once and named
// per iteration; LESS has no cost model. Lifetimes by micro_allocation_info.cc
// (scope 0: x, y created; WHILE at scope 1 creates y; cond entered at 2 (a1,
// c), LESS at 3; body entered at 4 (a2, b), FULLY_CONNECTED at 5; WHILE's
// input x and output y used at 5): x [0, 5], y [1, 5], a1 [2, 3], c [3, 3],
// a2 [4, 5], b [5, 5]. At scope 5: x + y + a2 + b = 4 * 64 B, the most alive
// at once (scope 3: 3 * 64 + 16 for c aligned to 16).
std::vector<std::uint8_t> while_model(std::int32_t body) {
  const std::vector<std::int32_t> state = {1, 16};
  tf::SubgraphSpec main;
  main.tensors = {{"x", state}, {"y", state}};
  main.inputs = {0};
  main.outputs = {1};
  main.operators = {{"WHILE", {0}, {1}, derive::import::tflite::schema::kWhileOptions, {1, body}}};
  tf::SubgraphSpec cond;
  cond.tensors = {{"a1", state}, {"c", {1}, tf::kBool}, {"limit", {1, 16}, tf::kFloat32, 64}};
  cond.inputs = {0};
  cond.outputs = {1};
  cond.operators = {{"LESS", {0, 2}, {1}}};
  tf::SubgraphSpec loop;
  loop.tensors = {
      {"a2", state}, {"w", {16, 16}, tf::kFloat32, 1024}, {"bias", {16}, tf::kFloat32, 64}, {"b", state}};
  loop.inputs = {0};
  loop.outputs = {3};
  loop.operators = {{"FULLY_CONNECTED", {0, 1, 2}, {3}}};
  return tf::model({main, cond, loop});
}

TEST(AnalyzeDocument, WhileBodyIsCostedPerIterationAndPlannedInsideTheLoop) {
  const json doc = analyze(while_model(2), "while.tflite");
  ASSERT_EQ(doc["layers"].size(), 3u);
  const json& loop = layer(doc, 0, 0);
  EXPECT_EQ(loop["op"], "WHILE");
  EXPECT_TRUE(contains(loop["notes"], "calls subgraph 1, 2"));
  EXPECT_TRUE(contains(loop["notes"], "trip count is not known statically"));
  EXPECT_EQ(layer(doc, 1, 0)["op"], "LESS");
  const json& fc = layer(doc, 2, 0);
  EXPECT_EQ(fc["macs"], 16 * 16);
  EXPECT_EQ(fc["params"], 16 * 16 + 16);
  EXPECT_TRUE(contains(fc["notes"], "the body of WHILE (subgraph 0, operator 0): MACs per iteration"));
  EXPECT_EQ(doc["totals"]["macs"], 16 * 16);
  EXPECT_EQ(doc["totals"]["macs_per_iteration"], 16 * 16);
  EXPECT_TRUE(contains(doc["totals"]["notes"], "for one iteration: the trip count is not known statically"));
  EXPECT_EQ(doc["totals"]["unknown_ops"], json::parse(R"([{"op": "LESS", "count": 1}])"));
  EXPECT_TRUE(doc["memory"]["complete"].get<bool>());
  EXPECT_EQ(doc["memory"]["lower_bound_bytes"], 4 * 64);
  expect_sound_plans(doc);
  // One timeline entry per allocation scope, 0 to 5: the loop's subgraphs
  // take scopes of their own inside the WHILE's lifetime.
  const json& greedy = doc["memory"]["plans"][0];
  EXPECT_EQ(greedy["planner"], "tflm-greedy");
  EXPECT_EQ(greedy["timeline"].size(), 6u);
}

// The same WHILE's buffers, interval by interval, as worked out above.
TEST(AnalyzeDocument, WhileLifetimesFollowTflm) {
  const auto model = derive::import::open_model(while_model(2));
  ASSERT_TRUE(model.ok()) << model.error().message;
  const auto planned = derive::graph::tflm_buffers(*model);
  ASSERT_TRUE(planned.ok()) << planned.error().message;
  std::vector<std::tuple<std::string, int, int>> lifetimes;
  for (const auto& b : planned->buffers) lifetimes.emplace_back(b.name, b.first_use, b.last_use);
  const std::vector<std::tuple<std::string, int, int>> expected = {{"x", 0, 5},
                                                                   {"y", 1, 5},
                                                                   {"subgraph 1: a1", 2, 3},
                                                                   {"subgraph 1: c", 3, 3},
                                                                   {"subgraph 2: a2", 4, 5},
                                                                   {"subgraph 2: b", 5, 5}};
  EXPECT_EQ(lifetimes, expected);
  EXPECT_EQ(planned->main_steps, std::vector<int>{1});
  EXPECT_TRUE(planned->unknown_sizes.empty());
}

// A WHILE whose body is subgraph 0 itself would recurse without end in TFLM's
// lifetime marking: an error that names the cycle, not a crash.
TEST(AnalyzeDocument, RecursiveControlFlowIsANamedError) {
  const std::vector<std::uint8_t> bytes = while_model(0);
  const auto document = derive::analyze::analyze_json(bytes, "recursive.tflite");
  ASSERT_FALSE(document.ok());
  EXPECT_NE(document.error().message.find("calls subgraph 0, which is already being called (0 -> 0)"),
            std::string::npos)
      << document.error().message;
}

// IF (IfOptions then 1, else 2): both branches are listed and counted once
// each (8 * 16 and 4 * 16 MACs), with a note that only one runs per call.
TEST(AnalyzeDocument, IfBranchesAreBothListedAndSaidToBeAlternatives) {
  tf::SubgraphSpec main;
  main.tensors = {{"cond", {1}, tf::kBool}, {"x", {1, 16}}, {"y", {1, 8}}};
  main.inputs = {0, 1};
  main.outputs = {2};
  main.operators = {{"IF", {0, 1}, {2}, derive::import::tflite::schema::kIfOptions, {1, 2}}};
  auto branch = [](std::int32_t units) {
    tf::SubgraphSpec g;
    g.tensors = {{"in", {1, 16}},
                 {"w", {units, 16}, tf::kFloat32, static_cast<std::size_t>(units) * 64},
                 {"out", {1, units}}};
    g.inputs = {0};
    g.outputs = {2};
    g.operators = {{"FULLY_CONNECTED", {0, 1}, {2}}};
    return g;
  };
  const json doc = analyze(tf::model({main, branch(8), branch(4)}), "if.tflite");
  ASSERT_EQ(doc["layers"].size(), 3u);
  EXPECT_EQ(layer(doc, 1, 0)["macs"], 8 * 16);
  EXPECT_EQ(layer(doc, 2, 0)["macs"], 4 * 16);
  EXPECT_EQ(doc["totals"]["macs"], 8 * 16 + 4 * 16);
  EXPECT_EQ(doc["totals"]["macs_per_iteration"], 0);
  EXPECT_TRUE(contains(doc["totals"]["notes"], "only one branch of an IF runs per call"));
  expect_sound_plans(doc);
}

// memory.what_ifs on an int8 chain, always reported (no board asked):
//   input [1, 8, 8, 16] (1024 B) -> DEPTHWISE_CONV_2D 3x3 SAME -> a (1024 B)
//   -> MAX_POOL_2D 2x2 stride 2 VALID -> out [1, 4, 4, 16] (256 B)
// Lifetimes: input [0, 1], a [1, 2], out [2, 2]; the arena is 2048 B (input
// and a at scope 1). In place (TinyEngine): a shares input's buffer [0, 2]
// plus one 8 x 8 output channel (64 B) at scope 1: 1024 + 64 at scope 1,
// 1024 + 256 at scope 2, so 1280 B under both planners (greedy puts out and
// the temporary at 1024, apart in time). int4: 512 + 512 at scope 1, so
// 1024 B. Patches (MCUNetV2) over both layers: the pool's windows do not
// overlap, so no MACs are recomputed (the 3 x 3 x 16 x 8 x 8 = 9216 of the
// depthwise convolution).
TEST(AnalyzeDocument, WhatIfsAreReportedWithBothPlanners) {
  namespace schema = derive::import::tflite::schema;
  tf::SubgraphSpec g;
  g.tensors = {{"input", {1, 8, 8, 16}, tf::kInt8},
               {"filter", {1, 3, 3, 16}, tf::kInt8, 144},
               {"bias", {16}, tf::kInt32, 64},
               {"a", {1, 8, 8, 16}, tf::kInt8},
               {"out", {1, 4, 4, 16}, tf::kInt8}};
  g.inputs = {0};
  g.outputs = {4};
  // DepthwiseConv2DOptions: padding SAME (0), strides 1, depth_multiplier 1,
  // no activation, dilations 1. Pool2DOptions: VALID (1), strides 2, 2x2.
  g.operators = {
      {"DEPTHWISE_CONV_2D", {0, 1, 2}, {3}, schema::kDepthwiseConv2DOptions, {0, 1, 1, 1, 0, 1, 1}},
      {"MAX_POOL_2D", {3}, {4}, schema::kPool2DOptions, {1, 2, 2, 2, 2, 0}}};
  const json doc = analyze(tf::model({g}), "chain.tflite");
  EXPECT_EQ(doc["totals"]["macs"], 3 * 3 * 16 * 8 * 8);
  EXPECT_EQ(doc["memory"]["lower_bound_bytes"], 2048);
  EXPECT_FALSE(doc.contains("board"));
  std::map<std::string, json> what_ifs;
  for (const json& w : doc["memory"]["what_ifs"]) what_ifs[w["id"].get<std::string>()] = w;
  ASSERT_TRUE(what_ifs.count("in-place-depthwise")) << doc["memory"]["what_ifs"];
  EXPECT_EQ(what_ifs["in-place-depthwise"]["arena_bytes"],
            json::parse(R"({"best": 1280, "tflm-greedy": 1280})"));
  ASSERT_TRUE(what_ifs.count("int4-activations"));
  EXPECT_EQ(what_ifs["int4-activations"]["arena_bytes"],
            json::parse(R"({"best": 1024, "tflm-greedy": 1024})"));
  ASSERT_TRUE(what_ifs.count("patches:2x2")) << doc["memory"]["what_ifs"];
  const json& patches = what_ifs["patches:2x2"];
  EXPECT_EQ(patches["patches_per_side"], 2);
  EXPECT_EQ(patches["patch_layers"], 2);
  EXPECT_EQ(patches["stage_macs"], 9216);
  EXPECT_EQ(patches["patched_macs"], 9216);
  EXPECT_LT(patches["arena_bytes"]["best"].get<std::int64_t>(), 2048);
  for (const auto& [id, w] : what_ifs)
    EXPECT_LE(w["arena_bytes"]["best"].get<std::int64_t>(),
              w["arena_bytes"]["tflm-greedy"].get<std::int64_t>())
        << id;
}

}  // namespace
