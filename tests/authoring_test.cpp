// authoring.hpp: the checks `derive author` runs, its template and its JSON
// preview, on the tutorial's exercise and on copies broken on purpose.
#include "derive/exercise/authoring.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "derive/number_format.hpp"
#include "first_exercise.hpp"

namespace derive {
namespace {

using nlohmann::json;
using testing::dense_layer_kb;
using testing::first_exercise_toml;
using testing::first_exercise_with;

std::string all_messages(const LoadResult& result) {
  std::string text;
  for (const LintIssue& issue : result.issues) text += issue.to_string() + "\n";
  return text;
}

LoadResult lint_text(const std::string& toml) { return lint_sources({{"draft.toml", toml}}); }

TEST(Authoring, TheTutorialsExerciseLintsClean) {
  const LoadResult result = lint_text(first_exercise_toml());
  EXPECT_TRUE(result.issues.empty()) << all_messages(result);
  ASSERT_EQ(result.catalogue.exercises.size(), 1u);
  EXPECT_EQ(result.catalogue.exercises[0].id, testing::kFirstExerciseId);
}

TEST(Authoring, TheTemplateLintsClean) {
  const LoadResult result = lint_text(std::string(exercise_template()));
  EXPECT_TRUE(result.issues.empty()) << all_messages(result);
  EXPECT_EQ(result.catalogue.exercises.size(), 1u);
}

// The preview's answer is the layer's size computed here from the numbers the
// card shows, for several variants.
TEST(Authoring, ThePreviewsAnswerFollowsFromItsParameters) {
  const LoadResult result = lint_text(first_exercise_toml());
  for (std::uint64_t variant : {0, 1, 7, 42}) {
    const json doc = json::parse(author_json(result, variant));
    ASSERT_TRUE(doc["issues"].empty()) << doc.dump();
    const json& card = doc["exercises"][0]["card"];
    ASSERT_FALSE(card.contains("error")) << card.dump();
    const json& p = card["params"];
    const double expected = dense_layer_kb(p["n_in"], p["n_out"], p["bits"]);
    EXPECT_EQ(card["variant"], variant);
    EXPECT_DOUBLE_EQ(card["answer"]["value"].get<double>(), expected) << variant;
    EXPECT_EQ(card["answer"]["unit"], "KB");
    EXPECT_EQ(card["parts"][0]["precision"], "1 decimal");
    const std::string prompt = card["prompt"];
    // (n_out stays below 1000, so the prompt writes it without a thousands separator.)
    EXPECT_NE(prompt.find(std::to_string(p["n_out"].get<int>()) + " outputs"), std::string::npos) << prompt;
    // The last step shows the answer at the precision asked.
    EXPECT_NE(card["steps"].back().get<std::string>().find(format_fixed(expected, 1) + " KB"),
              std::string::npos)
        << card["steps"].dump();
  }
}

TEST(Authoring, ABrokenValueNamesItsLineAndWhatWasExpected) {
  const LoadResult result = lint_text(first_exercise_with("decimals = 1", "decimals = \"one\""));
  ASSERT_EQ(result.issues.size(), 1u) << all_messages(result);
  EXPECT_EQ(result.issues[0].line, 21);
  EXPECT_NE(result.issues[0].message.find("'decimals' must be a whole number from 0 to 15"),
            std::string::npos)
      << all_messages(result);
}

TEST(Authoring, AnAnswerThatDoesNotEvaluateIsReported) {
  const LoadResult result =
      lint_text(first_exercise_with("answer = \"size_kb\"", "answer = \"size_kb * bitz\""));
  ASSERT_FALSE(result.issues.empty());
  EXPECT_NE(all_messages(result).find("answer: unknown name 'bitz'"), std::string::npos)
      << all_messages(result);
}

// bits is drawn from 32, 16, 8 and 4: a claim that it is at least 8 fails on a variant.
TEST(Authoring, ARemarkFalseForSomeVariantIsReported) {
  const LoadResult result =
      lint_text(first_exercise_with("remark = \"\"\"", "truth = [\"bits >= 8\"]\nremark = \"\"\""));
  EXPECT_NE(all_messages(result).find("truth \"bits >= 8\" is false (variant "), std::string::npos)
      << all_messages(result);
}

// The Author page's module parses the TOML itself and lints the tree: the
// same issues, lines included, as lint_sources() reading the file.
TEST(Authoring, LintingAParsedChapterMatchesLintingTheFile) {
  const std::vector<std::string> files = {
      first_exercise_toml(),
      first_exercise_with("decimals = 1", "decimals = \"one\""),
      first_exercise_with("answer = \"size_kb\"", "answer = \"size_kb * bitz\""),
      first_exercise_with("remark = \"\"\"", "truth = [\"bits >= 8\"]\nremark = \"\"\""),
  };
  for (const std::string& toml : files) {
    auto document = parse_toml_document(toml, "draft.toml");
    ASSERT_TRUE(document.ok()) << document.error().message;
    EXPECT_EQ(all_messages(lint_chapter("draft.toml", *document)), all_messages(lint_text(toml)));
  }
}

// A half-written file still previews what loads, next to its problems.
TEST(Authoring, TheJsonListsIssuesAndExercisesTogether) {
  const LoadResult result =
      lint_text(first_exercise_with("answer = \"size_kb\"", "answer = \"size_kb * bitz\""));
  const json doc = json::parse(author_json(result, 3));
  ASSERT_FALSE(doc["issues"].empty());
  EXPECT_EQ(doc["issues"][0]["file"], "draft.toml");
  EXPECT_GT(doc["issues"][0]["line"].get<int>(), 0);
  EXPECT_TRUE(doc["issues"][0]["message"].is_string());
  ASSERT_TRUE(doc["exercises"].is_array());
}

}  // namespace
}  // namespace derive
