// A deliberately broken catalogue file gets precise, line-numbered problems.
#include <gtest/gtest.h>

#include "exercise/exercise.hpp"
#include "exercise/precision.hpp"

namespace derive {
namespace {

std::vector<std::string> problems(const std::string& toml, int variants = 5) {
  std::vector<std::string> out;
  for (const LintIssue& issue : load_catalogue({{"broken.toml", toml}}, variants).issues) {
    out.push_back(issue.to_string());
  }
  return out;
}

bool has(const std::vector<std::string>& all, const std::string& expected) {
  for (const std::string& p : all)
    if (p == expected) return true;
  return false;
}

std::string dump(const std::vector<std::string>& all) {
  std::string s;
  for (const std::string& p : all) s += "\n  " + p;
  return s;
}

const char* kHeader = R"toml(chapter = "broken"
title = "Broken"
intro = "A chapter with problems on purpose."
)toml";

TEST(Lint, StructuralProblemsWithFileAndLine) {
  const std::string toml = std::string(kHeader) + R"toml(
[[exercise]]
id = "broken.one"
title = "One"
prompt = "How big is {parms} at {bits} bits? {missing_name}"
answer = "model_size_bytes(params, bitz) / 1e6"
unit = "MB"
decimals = 1
anwser = "typo"
steps = ["{unknown_function(bits)}"]
[exercise.params]
params = { canonical = 1000000, min = 1000, max = 10, step = 1 }
bits = { canonical = 8 }
unused = { canonical = 3 }
)toml";
  auto all = problems(toml);
  EXPECT_TRUE(has(all,
                  "broken.toml:12: exercise 'broken.one': unknown key 'anwser' (expected one of: id, title, "
                  "prompt, params, let, require, answer, answer_expression, variables, unit, decimals, "
                  "significant, exact, kilobyte, steps, remark, seed_note, mistake)"))
      << dump(all);
  EXPECT_TRUE(
      has(all, "broken.toml:15: exercise 'broken.one', parameter 'params': 'min' must be less than 'max'"))
      << dump(all);
  EXPECT_TRUE(has(all,
                  "broken.toml:5: exercise 'broken.one': answer: unknown name 'bitz' (known here: bits, "
                  "params, unused)"))
      << dump(all);
  EXPECT_TRUE(has(all,
                  "broken.toml:5: exercise 'broken.one': prompt placeholder {parms}: unknown name 'parms' "
                  "(known here: bits, params, unused)"))
      << dump(all);
  EXPECT_TRUE(has(all,
                  "broken.toml:17: exercise 'broken.one': parameter 'unused' is never used (not in the "
                  "prompt, answer, steps or definitions)"))
      << dump(all);
  bool unknown_function = false;
  for (const std::string& p : all) {
    unknown_function =
        unknown_function || (p.find("step: placeholder {unknown_function(bits)}") != std::string::npos &&
                             p.find("unknown_function") != std::string::npos);
  }
  EXPECT_TRUE(unknown_function) << dump(all);
}

TEST(Lint, TomlSyntaxErrorNamesTheLine) {
  auto all = problems(std::string(kHeader) + "\n[[exercise]]\nid = \"x\nprompt = 3\n");
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].rfind("broken.toml:6: not valid TOML: ", 0), 0u) << dump(all);
}

TEST(Lint, ValueProblemsFoundByDrawingVariants) {
  const std::string toml = std::string(kHeader) + R"toml(
[[exercise]]
id = "broken.values"
title = "Values"
prompt = "Ratio of {a} to {b}, 2 decimals."
answer = "a / b"
unit = "ratio"
decimals = 2
steps = ["{a} / {b} = {a / b:.3}."]
[exercise.params]
a = { canonical = 1 }
b = { canonical = 4, min = 0, max = 2, step = 1 }
[[exercise.mistake]]
answer = "1 / 4"
says = "Not a mistake at all."
)toml";
  auto all = problems(toml);
  EXPECT_TRUE(has(all,
                  "broken.toml:5: exercise 'broken.values': the last step does not show the answer 0.25 "
                  "(variant 0): \"1 / 4 = 0.250.\""))
      << dump(all);
  EXPECT_TRUE(has(
      all, "broken.toml:5: exercise 'broken.values': mistake \"1 / 4\" gives the right answer (variant 0)"))
      << dump(all);
}

TEST(Lint, UndrawableVariantIsReported) {
  const std::string toml = std::string(kHeader) + R"toml(
[[exercise]]
id = "broken.draw"
title = "Impossible"
prompt = "{x}?"
require = ["x > 100"]
answer = "x"
unit = "ratio"
exact = true
steps = ["{x}."]
[exercise.params]
x = { canonical = 200, min = 1, max = 10, step = 1 }
)toml";
  auto all = problems(toml, 3);
  ASSERT_EQ(all.size(), 1u) << dump(all);
  EXPECT_EQ(
      all[0],
      "broken.toml:5: exercise 'broken.draw': broken.draw: no sensible variant 1 in 500 draws; the last one "
      "failed with: require \"x > 100\" does not hold (and 2 more variants)");
}

// Draw specs the reader refuses are reported, never drawn: each of these was
// left half-built (no derive expression, no choices, a negative step) and the
// lint drew variants from it (found by catalogue_json_fuzz and draw_fuzz).
TEST(Lint, RefusedDrawSpecsAreReportedNotDrawn) {
  for (const char* spec :
       {R"(x = { canonical = 1, derive = "1 +" })", R"(x = { canonical = 1, derive = 5 })",
        R"(x = { canonical = 1, choices = ["a"] })", R"(x = { canonical = 1, min = 1, max = 10, step = -1 })",
        R"(x = { canonical = 1, min = 0, max = 10, log = true })"}) {
    const std::string toml = std::string(kHeader) + R"toml(
[[exercise]]
id = "broken.spec"
title = "Refused spec"
prompt = "{x}?"
answer = "1"
unit = "ratio"
steps = ["1."]
[exercise.params]
)toml" + spec + "\n";
    auto all = problems(toml, 3);
    ASSERT_EQ(all.size(), 1u) << spec << dump(all);
    EXPECT_EQ(all[0].rfind("broken.toml:13: exercise 'broken.spec', parameter 'x'", 0), 0u) << dump(all);
  }
}

TEST(Lint, TheShippedCatalogueIsClean) {
  EXPECT_TRUE(load_catalogue(builtin_catalogue_sources(), 0).issues.empty());
}

}  // namespace
}  // namespace derive

namespace derive {
namespace {

TEST(ShowsNumber, WholeNumbersOnly) {
  EXPECT_TRUE(shows_number("= 0.25 MB.", "0.25"));
  EXPECT_TRUE(shows_number("0.25", "0.25"));
  EXPECT_TRUE(shows_number("total 13.6.", "13.6"));
  EXPECT_FALSE(shows_number("0.250", "0.25"));
  EXPECT_FALSE(shows_number("10.25", "0.25"));
  EXPECT_FALSE(shows_number("1,131,328", "131,328"));
  EXPECT_FALSE(shows_number("13.65", "13.6"));
  EXPECT_TRUE(shows_number("13.65 and then 13.6", "13.6"));
}

}  // namespace
}  // namespace derive
