// The web trainer's real variants (src/exercise/web_api.cpp): the question of
// a real variant by name, graded like the CLI's `--real NAME`, and the index
// of real variants with the data entries and model files they use, from which
// the Models and Analyze pages link exercises. Natively builtin_catalogue()
// leaves references unresolved, so the questions here are the real layers
// given as literals; tests/wasm/real.test.mjs checks the resolved ones.
#include <gtest/gtest.h>

#include <string>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/json.hpp"
#include "derive/exercise/web_api.hpp"

namespace derive::web {
namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(WebReal, TheCardOfARealLayerNamesItsSourceFirst) {
  // Layer 0 of ad01.tflite: a 640 -> 128 fully connected layer with a bias.
  const std::string card = card_real_json("count.linear-params", "ad01-layer-0");
  EXPECT_TRUE(has(card, "\"real\": \"ad01-layer-0\"")) << card;
  EXPECT_TRUE(
      has(card, "\"prompt\": \"Layer 0 of the MLPerf Tiny anomaly-detection autoencoder (ad01.tflite). "))
      << card;
  EXPECT_TRUE(has(card, "\"prompt_runs\"")) << card;
  const std::string weights_and_biases = std::to_string(640 * 128 + 128);
  EXPECT_TRUE(has(grade_real_json("count.linear-params", "ad01-layer-0", weights_and_biases),
                  "\"status\": \"correct\""));
  EXPECT_TRUE(has(grade_real_json("count.linear-params", "ad01-layer-0", std::to_string(640 * 128)),
                  "\"status\": \"incorrect\""));
  EXPECT_TRUE(
      has(check_real_json("count.linear-params", "ad01-layer-0", weights_and_biases), "\"correct\": true"));
}

TEST(WebReal, ShowIsTheInstanceDocumentOfTheRealVariant) {
  const Exercise* exercise = builtin_catalogue().find("count.linear-params");
  ASSERT_NE(exercise, nullptr);
  auto in = instantiate_real(*exercise, "ad01-layer-0");
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(show_real_json("count.linear-params", "ad01-layer-0"), instance_json(*in));
}

TEST(WebReal, AnUnknownNameOrExerciseIsAnErrorThatSaysWhichExist) {
  const std::string unknown = card_real_json("count.linear-params", "nope");
  EXPECT_TRUE(has(unknown, "{\"error\": ")) << unknown;
  EXPECT_TRUE(has(unknown, "ad01-layer-0")) << unknown;
  EXPECT_TRUE(has(grade_real_json("nope.nope", "x", "1"), "unknown exercise 'nope.nope'"));
  const std::string long_name(kMaxFieldBytes + 1, 'a');
  EXPECT_TRUE(has(card_real_json("count.linear-params", long_name), "the real variant's name is too long"));
}

TEST(WebReal, TheIndexListsEveryRealVariantWithWhatItUses) {
  const std::string index = real_variants_json();
  std::size_t entries = 0;
  for (const ChapterEntry& chapter : builtin_chapter_index())
    for (const auto& [id, title] : chapter.exercises) {
      for (const RealVariant& real : builtin_catalogue().find(id)->real) {
        ++entries;
        EXPECT_TRUE(has(index, "{\"exercise\": \"" + id + "\", \"title\": \"" + title + "\", \"name\": \"" +
                                   real.name + "\""))
            << id << " " << real.name;
      }
    }
  std::size_t listed = 0;
  for (std::size_t at = index.find("{\"exercise\""); at != std::string::npos;
       at = index.find("{\"exercise\"", at + 1))
    ++listed;
  EXPECT_GT(entries, 15u);
  EXPECT_EQ(listed, entries);
  // A reference names its entry once, however many of its fields it reads.
  EXPECT_TRUE(has(index,
                  "\"name\": \"llama-3-8b-q-proj\", \"source\": \"The query projection (q_proj) of one "
                  "Meta-Llama-3-8B layer, for one token (Meta's config.json).\", \"uses\": [{\"kind\": "
                  "\"llm\", \"id\": \"llama-3-8b\"}], \"model_files\": []}"))
      << index;
  // A literal real layer uses no data entry; its source names the model file.
  EXPECT_TRUE(has(index,
                  "\"name\": \"ad01-layer-0\", \"source\": \"Layer 0 of the MLPerf Tiny anomaly-detection "
                  "autoencoder (ad01.tflite).\", \"uses\": [], \"model_files\": [\"ad01.tflite\"]}"))
      << index;
}

TEST(WebReal, OneExercisesRealVariantsAreItsEntriesOfTheIndex) {
  // The entries of the whole index that belong to `id`, in order.
  const std::string index = real_variants_json();
  const auto entries_of = [&](const std::string& id) {
    std::string own;
    const std::string opening = "{\"exercise\": \"" + id + "\"";
    for (std::size_t at = index.find(opening); at != std::string::npos; at = index.find(opening, at + 1))
      own += (own.empty() ? "" : ",\n ") +
             index.substr(at, index.find("]}", index.find("\"model_files\"", at)) + 2 - at);
    return "[" + own + "]";
  };
  std::size_t with_reals = 0;
  for (const ChapterEntry& chapter : builtin_chapter_index())
    for (const auto& [id, title] : chapter.exercises) {
      const std::string own = real_variants_json(id);
      EXPECT_EQ(own, entries_of(id)) << id;
      if (own != "[]") ++with_reals;
    }
  EXPECT_GT(with_reals, 5u);
  EXPECT_EQ(real_variants_json("nope.nope"), "{\"error\": \"unknown exercise 'nope.nope'\"}");
  EXPECT_TRUE(has(real_variants_json(std::string(kMaxFieldBytes + 1, 'x')), "the exercise id is too long"));
}

TEST(WebReal, ReferencesAreSplitIntoKindKeyAndField) {
  auto refs = real_references("@llm:llama-3.1-70b.hidden_size * @gpu:h100-sxm.bandwidth_gb_s - 1");
  ASSERT_TRUE(refs) << refs.error().message;
  ASSERT_EQ(refs->size(), 2u);
  EXPECT_EQ((*refs)[0].kind, "llm");
  EXPECT_EQ((*refs)[0].key, "llama-3.1-70b");
  EXPECT_EQ((*refs)[0].field, "hidden_size");
  EXPECT_EQ((*refs)[1].kind, "gpu");
  EXPECT_EQ((*refs)[1].key, "h100-sxm");
  EXPECT_EQ((*refs)[1].field, "bandwidth_gb_s");
  EXPECT_TRUE(real_references("")->empty());
  EXPECT_FALSE(real_references("@llm:llama"));
}

}  // namespace
}  // namespace derive::web
