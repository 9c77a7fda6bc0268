// Real variants of the catalogue ([[exercise.real]]): references into the data
// files resolved at load, each real set built, checked and graded like a drawn
// variant, and the errors lint gives for a bad one.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "boards/board.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/exercise/json.hpp"
#include "derive/llm/config.hpp"
#include "derive/realdata/fields.hpp"
#include "exercise/precision.hpp"

namespace derive {
namespace {

const RealResolver& resolver() {
  static const RealResolver r = realdata::field_value;
  return r;
}

// The shipped catalogue loaded the way `derive lint` loads it: structure,
// 200 drawn variants and every real variant checked.
const LoadResult& linted() {
  static const LoadResult result =
      load_catalogue(builtin_catalogue_sources(), kLintVariants, true, &resolver());
  return result;
}

std::vector<std::string> issues_of(const LoadResult& result) {
  std::vector<std::string> out;
  for (const LintIssue& issue : result.issues) out.push_back(issue.to_string());
  return out;
}

// One exercise around a real block, for the lint messages.
LoadResult load_fixture(const std::string& real_block) {
  const std::string text = R"(chapter = "c"
title = "T"
intro = "I"

[[exercise]]
id = "c.kv"
title = "KV"
prompt = "{layers} layers and {heads} heads: how many heads in all? Give the exact count."
answer = "layers * heads"
unit = "values"
require = ["heads <= 64"]
steps = ["{layers} × {heads} = {layers * heads}."]

[exercise.params]
layers = { canonical = 2, choices = [2, 4] }
heads = { canonical = 8, choices = [8, 16] }
)" + real_block;
  return load_catalogue({{"t.toml", text}}, 0, true, &resolver());
}

TEST(RealVariants, TheShippedCatalogueLintsCleanWithThem) {
  EXPECT_EQ(issues_of(linted()), std::vector<std::string>{});
}

TEST(RealVariants, AtLeastFifteenExercisesHaveThem) {
  const auto& exercises = linted().catalogue.exercises;
  const auto with_real =
      std::count_if(exercises.begin(), exercises.end(), [](const Exercise& e) { return !e.real.empty(); });
  EXPECT_GE(with_real, 15);
}

TEST(RealVariants, EveryOneBuildsAndGradesItsOwnAnswer) {
  int checked = 0;
  for (const Exercise& e : linted().catalogue.exercises) {
    for (const RealVariant& r : e.real) {
      auto in = instantiate_real(e, r.name);
      ASSERT_TRUE(in) << in.error().message;
      EXPECT_EQ(in->real, r.name);
      EXPECT_EQ(in->source, r.source);
      EXPECT_EQ(in->prompt.rfind(r.source + " ", 0), 0u) << e.id << ": the source leads the prompt";
      std::vector<std::string> typed;
      for (std::size_t i = 0; i < in->answers.size(); ++i)
        typed.push_back(format_at_precision(e.parts[i].precision, in->answers[i].number().to_double()) + " " +
                        e.parts[i].unit_text);
      const Verdict verdict = check(*in, typed);
      EXPECT_TRUE(verdict.correct()) << e.id << " --real " << r.name << ": " << verdict.feedback;
      ++checked;
    }
  }
  EXPECT_GE(checked, 15);
}

TEST(RealVariants, ReferencesTakeTheDataFilesNumbers) {
  // Meta-Llama-3-8B's config.json: 32 layers, 8 key-value heads of 4096 / 32 = 128.
  const Exercise* kv = linted().catalogue.find("llm.kv-cache");
  ASSERT_NE(kv, nullptr);
  auto in = instantiate_real(*kv, "llama-3-8b-full-context");
  ASSERT_TRUE(in) << in.error().message;
  auto model = llm::find_model("llama-3-8b");
  ASSERT_TRUE(model);
  const llm::Architecture& a = model->architecture;
  EXPECT_EQ(in->env.at("layers").number().to_double(), static_cast<double>(a.layers));
  EXPECT_EQ(in->env.at("kv_heads").number().to_double(), static_cast<double>(a.kv_heads));
  EXPECT_EQ(in->env.at("head_dim").number().to_double(), static_cast<double>(a.head_dim));
  EXPECT_EQ(in->env.at("tokens").number().to_double(), static_cast<double>(a.max_positions));
  // Keys and values (2) of every layer, head and token, 2 bytes each.
  EXPECT_DOUBLE_EQ(in->answers[0].number().to_double(),
                   2.0 * a.layers * a.kv_heads * a.head_dim * a.max_positions * 2 / 1e6);
}

TEST(RealVariants, TheQloraAdaptersAreTheLlmLayersLoraCount) {
  // The catalogue spells out r·(d_in + d_out) over q, k, v, o, gate, up and
  // down; the LLM layer counts the same adapters its own way.
  const Exercise* qlora = linted().catalogue.find("llm.qlora-memory");
  ASSERT_NE(qlora, nullptr);
  const auto all = llm::parse_lora_targets("all");
  ASSERT_TRUE(all);
  for (const auto& [name, id] :
       {std::pair{"llama-2-7b-r64-all", "llama-2-7b"}, {"llama-3-8b-r64-all", "llama-3-8b"}}) {
    auto in = instantiate_real(*qlora, name);
    ASSERT_TRUE(in) << in.error().message;
    auto model = llm::find_model(id);
    ASSERT_TRUE(model);
    auto lora = llm::lora_parameters(model->architecture, *all, 64);
    ASSERT_TRUE(lora);
    EXPECT_EQ(in->env.at("adapter_params").number().to_double(), static_cast<double>(*lora)) << name;
    auto counts = llm::count_parameters(model->architecture);
    ASSERT_TRUE(counts);
    EXPECT_EQ(in->env.at("params").number().to_double(), static_cast<double>(counts->total)) << name;
  }
}

TEST(RealVariants, TheJsonNamesTheVariantAndItsSource) {
  const Exercise* gqa = linted().catalogue.find("llm.gqa-reduction");
  ASSERT_NE(gqa, nullptr);
  auto in = instantiate_real(*gqa, "mistral-7b");
  ASSERT_TRUE(in) << in.error().message;
  const std::string json = instance_json(*in);
  EXPECT_NE(json.find("\"real\": \"mistral-7b\", \"source\": \"The attention of Mistral-7B-v0.1"),
            std::string::npos)
      << json;
  auto drawn = instantiate(*gqa, 3);
  ASSERT_TRUE(drawn);
  EXPECT_EQ(instance_json(*drawn).find("\"real\""), std::string::npos);

  const std::string list = exercise_list_json(linted().catalogue);
  EXPECT_NE(list.find("\"id\": \"llm.gqa-reduction\", \"chapter\": \"llm\", \"title\": \"" + gqa->title +
                      "\", \"has_real\": true, \"real\": [{\"name\": \"llama-3-8b\""),
            std::string::npos);
  EXPECT_NE(list.find("\"has_real\": false, \"real\": []"), std::string::npos);
}

TEST(RealVariants, AnUnknownNameListsTheExercisesRealVariants) {
  const Exercise* gqa = linted().catalogue.find("llm.gqa-reduction");
  ASSERT_NE(gqa, nullptr);
  auto in = instantiate_real(*gqa, "llama-9");
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().message,
            "llm.gqa-reduction has no real variant \"llama-9\" (it has: llama-3-8b, llama-2-70b, qwen2-7b, "
            "mistral-7b)");
}

TEST(RealVariants, WithoutAResolverReferencesStayUnresolved) {
  // The exercise layer's own catalogue cannot see the data layers; the CLI
  // and the WebAssembly build's catalogue have the numbers.
  const Exercise* gqa = builtin_catalogue().find("llm.gqa-reduction");
  ASSERT_NE(gqa, nullptr);
  ASSERT_FALSE(gqa->real.empty());
  auto in = instantiate_real(*gqa, "llama-3-8b");
  ASSERT_FALSE(in);
  EXPECT_NE(in.error().message.find(
                "refers to @llm:llama-3-8b.num_key_value_heads, which this build has not resolved"),
            std::string::npos)
      << in.error().message;
}

TEST(RealVariants, TheWasmCatalogueCarriesResolvedValuesWithTheirReference) {
  // tools/catalogue_json.cpp writes { reference, value }: the reader takes the
  // value without a resolver, so the WebAssembly build (no LLM layer) has it.
  const std::string json = R"([{"chapter": "c", "title": "T", "intro": "I", "exercise": [{
    "id": "c.kv", "title": "KV", "prompt": "{layers} layers: how many? Give the exact count.",
    "answer": "layers", "unit": "values", "steps": ["{layers}."],
    "params": {"layers": {"canonical": 2, "choices": [2, 4]}},
    "real": [{"name": "llama-3-8b", "source": "Meta-Llama-3-8B.",
              "params": {"layers": {"reference": "@llm:llama-3-8b.num_hidden_layers", "value": 32}}}]}]}])";
  const LoadResult result = load_catalogue({{"catalogue.json", json}}, 0, true);
  ASSERT_EQ(issues_of(result), std::vector<std::string>{});
  const RealVariant& real = result.catalogue.exercises.at(0).real.at(0);
  EXPECT_EQ(real.values.at(0).reference, "@llm:llama-3-8b.num_hidden_layers");
  auto in = instantiate_real(result.catalogue.exercises[0], "llama-3-8b");
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->answers.at(0).number().to_double(), 32.0);
  EXPECT_EQ(in->prompt, "Meta-Llama-3-8B. 32 layers: how many? Give the exact count.");
}

TEST(RealVariants, AReferenceIsArithmeticOverFields) {
  // The H100 SXM's ridge point: dense FP16 peak over memory bandwidth
  // (NVIDIA's datasheet, 989.4 TFLOP/s and 3,350 GB/s in data/gpus.json).
  auto ridge = resolve_real_reference(
      "@gpu:h100-sxm.dense_fp16_tflops * 1e12 / (@gpu:h100-sxm.bandwidth_gb_s * 1e9)", resolver());
  ASSERT_TRUE(ridge) << ridge.error().message;
  EXPECT_DOUBLE_EQ(ridge->number().to_double(), 989.4e12 / 3350e9);
  // A key with dots and hyphens; the field after the last dot.
  auto layers = resolve_real_reference("@llm:llama-3.1-70b.num_hidden_layers - 1", resolver());
  ASSERT_TRUE(layers) << layers.error().message;
  EXPECT_EQ(layers->number().to_double(), 79.0);
  auto sram = resolve_real_reference("@board:stm32f746g-disco.sram_bytes", resolver());
  ASSERT_TRUE(sram) << sram.error().message;
  const boards::Board* board = boards::find_board("stm32f746g-disco");
  ASSERT_NE(board, nullptr);
  EXPECT_EQ(sram->number().to_double(), static_cast<double>(board->sram_bytes));
}

TEST(RealVariants, LintRefusesAMalformedReferenceAndAnUnknownKind) {
  EXPECT_FALSE(resolve_real_reference("@llm:llama-3-8b", resolver()));
  auto kind = resolve_real_reference("@tpu:v5e.peak", resolver());
  ASSERT_FALSE(kind);
  EXPECT_EQ(kind.error().message, "reference @tpu:v5e.peak: unknown kind 'tpu' (kinds: llm, gpu, board)");
  auto board = resolve_real_reference("@board:stm32.sram_bytes", resolver());
  ASSERT_FALSE(board);
  EXPECT_NE(board.error().message.find("unknown board 'stm32' (boards: nano33ble, "), std::string::npos)
      << board.error().message;
}

// One lint issue a bad real block must give: the whole message, or its start
// (the rest lists the data files' names, which grow) and a part further on.
struct ExpectedIssue {
  std::string starts;
  bool whole = false;
  std::string contains = "";
};

struct LintCase {
  const char* name;
  const char* real_block;
  std::vector<ExpectedIssue> issues;
};

const LintCase kLintCases[] = {
    // Both parameters refer to what the data files do not have. toml++ keeps
    // the keys of a table sorted: heads comes first.
    {"NamesTheLineOfABadReference",
     R"(
[[exercise.real]]
name = "bad"
source = "A model that is not in the data files."
params = { layers = "@llm:llama-9.num_hidden_layers", heads = "@llm:llama-3-8b.num_heads" }
)",
     {{"t.toml:21: exercise 'c.kv': real variant 'bad', parameter 'heads': reference "
       "@llm:llama-3-8b.num_heads: unknown field 'num_heads' of llm 'llama-3-8b' (fields: "
       "vocab_size, hidden_size,"},
      {"t.toml:21: exercise 'c.kv': real variant 'bad', parameter 'layers': reference "
       "@llm:llama-9.num_hidden_layers: no known model \"llama-9\" (known: llama-2-7b, "}}},
    {"RefusesAnUnknownParameter",
     R"(
[[exercise.real]]
name = "typo"
source = "A typo."
params = { layers = 4, haeds = 8 }
)",
     {{"t.toml:21: exercise 'c.kv': real variant 'typo': unknown parameter 'haeds' "
       "(parameters are: layers, heads)",
       true}}},
    // 128 heads break the exercise's own requirement.
    {"RefusesASetThatDoesNotBuild",
     R"(
[[exercise.real]]
name = "too-many-heads"
source = "More heads than the exercise allows."
params = { layers = 4, heads = 128 }
)",
     {{"t.toml:18: exercise 'c.kv': real variant too-many-heads: c.kv with the given parameters: ", false,
       "heads <= 64"}}},
    {"RefusesATwiceUsedNameAndASourceThatIsNoSentence",
     R"(
[[exercise.real]]
name = "a"
source = "A first set."
params = { layers = 4 }

[[exercise.real]]
name = "a"
source = "no full stop {layers}"
params = { layers = 2 }
)",
     {{"t.toml:23: exercise 'c.kv': real variant 'a' is named twice", true},
      {"t.toml:23: exercise 'c.kv': real variant 'a': 'source' must be one plain sentence ending in '.' "
       "(no placeholders)",
       true}}},
};

class LintOfRealBlocks : public ::testing::TestWithParam<LintCase> {};

TEST_P(LintOfRealBlocks, GivesTheseIssues) {
  const LintCase& c = GetParam();
  const auto issues = issues_of(load_fixture(c.real_block));
  ASSERT_EQ(issues.size(), c.issues.size()) << ::testing::PrintToString(issues);
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const ExpectedIssue& expected = c.issues[i];
    if (expected.whole) {
      EXPECT_EQ(issues[i], expected.starts);
    } else {
      EXPECT_EQ(issues[i].rfind(expected.starts, 0), 0u) << issues[i];
    }
    EXPECT_NE(issues[i].find(expected.contains), std::string::npos) << issues[i];
  }
}

INSTANTIATE_TEST_SUITE_P(RealVariants, LintOfRealBlocks, ::testing::ValuesIn(kLintCases),
                         [](const ::testing::TestParamInfo<LintCase>& info) { return info.param.name; });

}  // namespace
}  // namespace derive
