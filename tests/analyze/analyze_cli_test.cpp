// `derive analyze` end to end: the built program on every model of
// ../shared/models, its --json output parsed and checked field by field
// against the contract (/work/shared/analyzer.md, docs/analyzer.md), the
// planners' invariants, TFLM's published arena sizes, the board block and
// the usage errors.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "onnx/onnx_writer.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kModels = fs::path(DERIVE_SOURCE_DIR) / ".." / "shared" / "models";

struct Outcome {
  int status = -1;
  std::string out, err;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string quote(const std::string& word) {
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

Outcome derive(const std::vector<std::string>& args) {
  const fs::path dir = fs::temp_directory_path() / ("derive_analyze_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string command = "timeout 60 " + quote(std::string(DERIVE_BINARY_DIR) + "/derive");
  for (const std::string& arg : args) command += " " + quote(arg);
  command += " </dev/null >" + quote((dir / "out").string()) + " 2>" + quote((dir / "err").string());
  const int raw = std::system(command.c_str());
  Outcome run{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(dir / "out"), read_file(dir / "err")};
  fs::remove_all(dir);
  return run;
}

std::vector<fs::path> shared_models(const std::string& ext) {
  std::vector<fs::path> models;
  for (const fs::directory_entry& entry : fs::directory_iterator(kModels)) {
    if (entry.path().extension() == ext) models.push_back(entry.path());
  }
  std::sort(models.begin(), models.end());
  return models;
}

json analyze(const fs::path& model, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"analyze", "--json", model.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  const Outcome run = derive(args);
  EXPECT_EQ(run.status, 0) << model << ": " << run.err;
  return json::parse(run.out);
}

const json& plan_of(const json& document, const std::string& planner) {
  for (const json& plan : document["memory"]["plans"]) {
    if (plan["planner"] == planner) return plan;
  }
  static const json none;
  ADD_FAILURE() << "no plan " << planner;
  return none;
}

void expect_tensor(const json& tensor, bool with_name) {
  if (with_name) {
    EXPECT_TRUE(tensor["name"].is_string());
  }
  ASSERT_TRUE(tensor["shape"].is_array());
  for (const json& dim : tensor["shape"]) EXPECT_TRUE(dim.is_number_integer());
  EXPECT_TRUE(tensor["dtype"].is_string());
}

void expect_contract(const std::vector<fs::path>& models) {
  for (const fs::path& model : models) {
    SCOPED_TRACE(model.filename().string());
    const json document = analyze(model);
    EXPECT_EQ(document["file"], model.filename().string());
    EXPECT_EQ(document["format"], model.extension() == ".onnx" ? "onnx" : "tflite");
    EXPECT_EQ(document["bytes"], static_cast<std::int64_t>(fs::file_size(model)));
    ASSERT_FALSE(document["inputs"].empty());
    ASSERT_FALSE(document["outputs"].empty());
    for (const json& tensor : document["inputs"]) expect_tensor(tensor, true);
    for (const json& tensor : document["outputs"]) expect_tensor(tensor, true);
    ASSERT_FALSE(document["layers"].empty());
    std::int64_t index = 0, params = 0, macs = 0, weight_bytes = 0;
    for (const json& layer : document["layers"]) {
      EXPECT_EQ(layer["subgraph"], 0);  // no shared model has control flow
      EXPECT_EQ(layer["index"], index++);
      EXPECT_TRUE(layer["costed"].get<bool>()) << "every layer of a shared model is costed";
      EXPECT_TRUE(layer["op"].is_string());
      EXPECT_TRUE(layer["name"].is_string());
      for (const json& tensor : layer["inputs"]) expect_tensor(tensor, false);
      for (const json& tensor : layer["outputs"]) expect_tensor(tensor, false);
      for (const char* field : {"params", "macs", "weight_bytes", "activation_bytes"}) {
        ASSERT_TRUE(layer[field].is_number_integer()) << field;
        EXPECT_GE(layer[field].get<std::int64_t>(), 0) << field;
      }
      EXPECT_TRUE(layer["notes"].is_array());
      params += layer["params"].get<std::int64_t>();
      macs += layer["macs"].get<std::int64_t>();
      weight_bytes += layer["weight_bytes"].get<std::int64_t>();
    }
    // Totals are the sums of the layers (each shared weight counted once, in one layer).
    const json& totals = document["totals"];
    EXPECT_EQ(totals["params"], params);
    EXPECT_EQ(totals["macs"], macs);
    EXPECT_EQ(totals["weight_bytes"], weight_bytes);
    for (const json& unknown : totals["unknown_ops"]) {
      EXPECT_TRUE(unknown["op"].is_string());
      EXPECT_GT(unknown["count"].get<std::int64_t>(), 0);
    }
    EXPECT_TRUE(totals["uncosted"].empty()) << totals["uncosted"];
    EXPECT_EQ(totals["macs_per_iteration"], 0);
    EXPECT_TRUE(totals["notes"].is_array());
    const json& memory = document["memory"];
    EXPECT_TRUE(memory["complete"].get<bool>());
    EXPECT_TRUE(memory["unknown_size_tensors"].empty());
    const std::int64_t bound = memory["lower_bound_bytes"].get<std::int64_t>();
    const json& plans = memory["plans"];
    ASSERT_GE(plans.size(), 2u);
    for (const json& plan : plans) {
      SCOPED_TRACE(plan["planner"].get<std::string>());
      EXPECT_TRUE(plan["checked"].get<bool>());
      EXPECT_TRUE(plan["complete"].get<bool>());
      const std::int64_t arena = plan["arena_bytes"].get<std::int64_t>();
      EXPECT_LE(bound, arena) << "no plan can beat the live-set bound";
      // The timeline is the highest byte in use per step: its peak is the arena.
      std::int64_t peak = 0;
      for (const json& bytes : plan["timeline"]) peak = std::max(peak, bytes.get<std::int64_t>());
      EXPECT_EQ(peak, arena);
      EXPECT_TRUE(plan["peak_step"].is_number_integer());
      EXPECT_TRUE(plan["peak_tensors"].is_array());
      if (arena > 0) {
        EXPECT_FALSE(plan["peak_tensors"].empty());
      }
    }
    EXPECT_LE(plan_of(document, "best")["arena_bytes"], plan_of(document, "tflm-greedy")["arena_bytes"]);
    // The what-ifs, reported without a board: each rewrite planned with best
    // and tflm-greedy (best never larger); a patch what-if is listed only when
    // it lowers best's arena, and says P, k and the stage's MACs.
    ASSERT_TRUE(memory["what_ifs"].is_array());
    for (const json& what_if : memory["what_ifs"]) {
      const std::string id = what_if["id"].get<std::string>();
      SCOPED_TRACE(id);
      EXPECT_FALSE(what_if["description"].get<std::string>().empty());
      const std::int64_t best = what_if["arena_bytes"]["best"].get<std::int64_t>();
      EXPECT_LE(best, what_if["arena_bytes"]["tflm-greedy"].get<std::int64_t>());
      // Every rewrite that is listed lowers the peak: int4 never raises it
      // (today's offsets still fit the narrower buffers), in-place and
      // patches are listed only when they lower it.
      EXPECT_LE(best, plan_of(document, "best")["arena_bytes"].get<std::int64_t>());
      if (id != "int4-activations") {
        EXPECT_LT(best, plan_of(document, "best")["arena_bytes"].get<std::int64_t>());
      }
      if (id.rfind("patches:", 0) == 0) {
        EXPECT_GE(what_if["patches_per_side"].get<int>(), 2);
        EXPECT_GE(what_if["patch_layers"].get<int>(), 1);
        EXPECT_GT(what_if["stage_macs"].get<std::int64_t>(), 0);
      }
    }
    EXPECT_FALSE(document.contains("board"));
  }
}

TEST(AnalyzeCli, EveryTfliteModelHasEveryContractField) {
  const std::vector<fs::path> models = shared_models(".tflite");
  ASSERT_EQ(models.size(), 9u) << "expected the shared models in " << kModels;
  expect_contract(models);
}

// ONNX operators carry graph::Layout::nchw, so the costs read NCHW / OIHW shapes.
TEST(AnalyzeCli, EveryOnnxModelHasEveryContractField) {
  const std::vector<fs::path> models = shared_models(".onnx");
  ASSERT_EQ(models.size(), 4u) << "expected the shared models in " << kModels;
  expect_contract(models);
}

// TFLM's recorded head sizes (tensorflow/lite/micro/memory_arena_threshold_test.cc:
// kKeywordModelHeadSize = 672, kTestConvModelHeadSize = 7744).
TEST(AnalyzeCli, TflmGreedyArenaMatchesTflm) {
  EXPECT_EQ(plan_of(analyze(kModels / "keyword_scrambled.tflite"), "tflm-greedy")["arena_bytes"], 672);
  EXPECT_EQ(plan_of(analyze(kModels / "test_conv_model.tflite"), "tflm-greedy")["arena_bytes"], 7744);
}

TEST(AnalyzeCli, OnePlannerWhenAsked) {
  const json document = analyze(kModels / "kws.tflite", {"--planner", "greedy-by-size"});
  ASSERT_EQ(document["memory"]["plans"].size(), 1u);
  EXPECT_EQ(document["memory"]["plans"][0]["planner"], "greedy-by-size");
}

TEST(AnalyzeCli, BoardBlock) {
  const json document = analyze(kModels / "kws.tflite", {"--board", "nano33ble"});
  ASSERT_TRUE(document.contains("board"));
  const json& board = document["board"];
  EXPECT_EQ(board["name"], "nano33ble");
  const std::int64_t arena = plan_of(document, "tflm-greedy")["arena_bytes"].get<std::int64_t>();
  const std::int64_t limit = board["arena_limit_bytes"].get<std::int64_t>();
  EXPECT_EQ(board["sram_margin_bytes"], limit - arena);
  EXPECT_EQ(board["flash_margin_bytes"],
            board["flash_bytes"].get<std::int64_t>() - document["bytes"].get<std::int64_t>());
  EXPECT_EQ(board["fits_sram"], limit >= arena);
  EXPECT_TRUE(board["fits_flash"].is_boolean());
  EXPECT_TRUE(board["sram_bytes"].is_number_integer());
  EXPECT_TRUE(board["would_fit"].is_array());
}

// Every key at most once in each JSON object (nlohmann keeps the last of two
// equal keys silently, so the text is walked with a SAX handler).
class DuplicateKeys : public nlohmann::json_sax<json> {
 public:
  std::vector<std::string> duplicates;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& key) override {
    if (std::find(keys_.back().begin(), keys_.back().end(), key) != keys_.back().end())
      duplicates.push_back(key);
    keys_.back().push_back(key);
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  std::vector<std::vector<std::string>> keys_;
};

// With --board on every shared model (the light ONNX models compute their
// weights at load, so their weights outweigh the file): the document parses,
// has one board block whose keys appear once, and the table states the
// verdict and each note once.
TEST(AnalyzeCli, BoardFieldsAppearOnce) {
  std::vector<fs::path> models = shared_models(".tflite");
  for (const fs::path& model : shared_models(".onnx")) models.push_back(model);
  for (const fs::path& model : models) {
    SCOPED_TRACE(model.filename().string());
    const Outcome run = derive({"analyze", "--json", model.string(), "--board", "nano33ble"});
    ASSERT_EQ(run.status, 0) << run.err;
    DuplicateKeys sax;
    ASSERT_TRUE(json::sax_parse(run.out, &sax));
    EXPECT_TRUE(sax.duplicates.empty()) << sax.duplicates.front();
    const json document = json::parse(run.out);
    ASSERT_TRUE(document.contains("board"));
    EXPECT_GE(document["board"]["flash_bytes"].get<std::int64_t>() -
                  document["board"]["flash_margin_bytes"].get<std::int64_t>(),
              document["totals"]["weight_bytes"].get<std::int64_t>())
        << "flash must hold at least the weights";

    const Outcome table = derive({"analyze", model.string(), "--board", "nano33ble"});
    ASSERT_EQ(table.status, 0) << table.err;
    std::istringstream lines(table.out);
    std::vector<std::string> board_lines;
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("board ", 0) == 0 || line.rfind("  note: ", 0) == 0 ||
          line.rfind("  would fit: ", 0) == 0)
        board_lines.push_back(line);
    }
    ASSERT_FALSE(board_lines.empty());
    EXPECT_EQ(board_lines[0].rfind("board nano33ble", 0), 0u) << board_lines[0];
    for (std::size_t i = 0; i < board_lines.size(); ++i) {
      for (std::size_t j = i + 1; j < board_lines.size(); ++j) EXPECT_NE(board_lines[i], board_lines[j]);
    }
  }
}

TEST(AnalyzeCli, SignalOpsAreUnknown) {
  const json document = analyze(kModels / "audio_preprocessor_int8.tflite");
  int signal_ops = 0;
  for (const json& unknown : document["totals"]["unknown_ops"]) {
    if (unknown["op"].get<std::string>().rfind("Signal", 0) == 0) ++signal_ops;
  }
  EXPECT_GT(signal_ops, 0) << document["totals"]["unknown_ops"].dump();
}

TEST(AnalyzeCli, OneDocumentPerLineForSeveralFiles) {
  const Outcome run = derive({"analyze", "--json", (kModels / "kws.tflite").string(),
                              (kModels / "hello_world_int8.tflite").string()});
  ASSERT_EQ(run.status, 0) << run.err;
  std::istringstream lines(run.out);
  std::vector<std::string> files;
  for (std::string line; std::getline(lines, line);) files.push_back(json::parse(line)["file"]);
  EXPECT_EQ(files, (std::vector<std::string>{"kws.tflite", "hello_world_int8.tflite"}));
}

TEST(AnalyzeCli, TableForPeople) {
  const Outcome run = derive({"analyze", (kModels / "kws.tflite").string(), "--board", "nano33ble"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("CONV_2D"), std::string::npos);
  EXPECT_NE(run.out.find("arena lower bound"), std::string::npos);
  EXPECT_NE(run.out.find("tflm-greedy"), std::string::npos);
  EXPECT_NE(run.out.find("board nano33ble"), std::string::npos);
  EXPECT_NE(run.out.find("what would change the peak"), std::string::npos);
  EXPECT_NE(run.out.find("int4-activations"), std::string::npos);
}

// The table says what it could not count: a Conv whose input has no shape
// is printed "uncosted" with its note, the totals name it, and the arenas are
// marked incomplete with the tensors of unknown size listed.
TEST(AnalyzeCli, TableSaysWhatIsUncostedAndIncomplete) {
  namespace ox = derive::onnx::testing;
  ox::GraphSpec g;
  g.nodes = {ox::node("Conv", {"x", "W"}, {"y"})};
  g.initializers = {ox::float_tensor("W", {4, 1, 3, 3}, ox::Repeated::kPacked)};
  g.inputs = {ox::name_only("x")};
  g.outputs = {ox::name_only("y")};
  const fs::path file =
      fs::temp_directory_path() / ("derive_uncosted_" + std::to_string(::getpid()) + ".onnx");
  std::ofstream(file, std::ios::binary) << ox::model(g, 13);
  const Outcome run = derive({"analyze", file.string()});
  fs::remove(file);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("uncosted"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("uncosted (shapes not known or not valid, see the layer's note): Conv x1"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("INCOMPLETE"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(incomplete)"), std::string::npos) << run.out;
}

TEST(AnalyzeCli, BadFileIsAUsageError) {
  const Outcome run = derive({"analyze", "--json", (fs::path(DERIVE_SOURCE_DIR) / "README.md").string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("not a model file"), std::string::npos) << run.err;
  const Outcome missing = derive({"analyze", "/nonexistent/model.tflite"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos) << missing.err;
}

TEST(AnalyzeCli, UnknownBoardOrPlannerListsTheNames) {
  const Outcome board = derive({"analyze", (kModels / "kws.tflite").string(), "--board", "nosuch"});
  EXPECT_EQ(board.status, 2);
  EXPECT_NE(board.err.find("nano33ble"), std::string::npos) << board.err;
  const Outcome planner = derive({"analyze", (kModels / "kws.tflite").string(), "--planner", "nosuch"});
  EXPECT_EQ(planner.status, 2);
  EXPECT_NE(planner.err.find("tflm-greedy"), std::string::npos) << planner.err;
}

TEST(AnalyzeCli, BoardsList) {
  const Outcome run = derive({"analyze", "--boards", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  const json boards = json::parse(run.out);
  ASSERT_FALSE(boards.empty());
  bool nano = false;
  for (const json& board : boards) nano = nano || board["id"] == "nano33ble";
  EXPECT_TRUE(nano);
}

}  // namespace
