// A deliberately broken catalogue file gets precise, line-numbered problems.
#include <gtest/gtest.h>

#include "derive/exercise/exercise.hpp"
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
                  "formula, picture, prompt, params, let, require, truth, realistic_sets, answer, "
                  "answer_expression, variables, unit, decimals, significant, exact, kilobyte, steps, "
                  "remark, seed_note, mistake, real)"))
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
answer = "a / b"
says = "Not a mistake at all."
)toml";
  auto all = problems(toml);
  EXPECT_TRUE(has(all,
                  "broken.toml:5: exercise 'broken.values': the last step does not show the answer 0.25 "
                  "(variant 0): \"1 / 4 = 0.250.\""))
      << dump(all);
  EXPECT_TRUE(
      has(all,
          "broken.toml:5: exercise 'broken.values': mistake \"a / b\" gives the right answer on every "
          "variant checked (0..5)"))
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

// One exercise whose parameter x is drawn by `spec` (line 14 of the file);
// its answer is x + 1, or sum(x) + 1 when the canonical value is a list.
std::string with_draw(const std::string& spec) {
  const std::string answer = spec.find("canonical = [") != std::string::npos ? "sum(x) + 1" : "x + 1";
  return std::string(kHeader) +
         "\n[[exercise]]\nid = \"broken.spec\"\ntitle = \"Spec\"\nprompt = \"{x}?\"\n" + "answer = \"" +
         answer + "\"\nunit = \"ratio\"\nsignificant = 3\nsteps = [\"{" + answer + ":s3}.\"]\n" +
         "[exercise.params]\nx = " + spec + "\n";
}

const std::string kSpecAt = "broken.toml:14: exercise 'broken.spec', parameter 'x': ";

// Every setting of a draw spec is bounded; a value out of bounds is reported
// with the file and line, and never reaches the drawing code (where a huge
// significant took minutes and a huge length or NaN was undefined behaviour).
TEST(Lint, DrawSettingsOutOfBoundsAreReported) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{ canonical = 5, min = 1, max = 10, log = true, significant = 100000 }",
       "'significant' must be a whole number from 1 to 15, got 100000"},
      {"{ canonical = 5, min = 1, max = 10, log = true, significant = 1e30 }",
       "'significant' must be a whole number from 1 to 15, got 1e+30"},
      {"{ canonical = 5, min = 1, max = 10, log = true, significant = -5 }",
       "'significant' must be a whole number from 1 to 15, got -5"},
      {"{ canonical = 5, min = 1, max = 10, log = true, significant = 2.5 }",
       "'significant' must be a whole number from 1 to 15, got 2.5"},
      {"{ canonical = 5, min = 1, max = 10, log = true, significant = \"2\" }",
       "'significant' must be a whole number from 1 to 15, got a string"},
      {"{ canonical = [1], min = 1, max = 10, step = 1, length = 10000000 }",
       "'length' must be a whole number from 1 to 64, got 10000000"},
      {"{ canonical = [1], min = 1, max = 10, step = 1, length = 1e30 }",
       "'length' must be a whole number from 1 to 64, got 1e+30"},
      {"{ canonical = [1], min = 1, max = 10, step = 1, length = 0 }",
       "'length' must be a whole number from 1 to 64, got 0"},
      {"{ canonical = 5, min = 1, max = 10, step = 0 }", "a grid draw needs a finite 'step' > 0"},
      {"{ canonical = 5, min = 0, max = 1e300, step = 1e-300 }",
       "a grid draw may have at most 1,000,000 points, got (max - min) / step + 1 = inf"},
      {"{ canonical = 5, min = 0, max = 1000000, step = 1 }",
       "a grid draw may have at most 1,000,000 points, got (max - min) / step + 1 = 1000001"},
      {"{ canonical = 5, min = 1, max = 10, log = \"yes\" }", "'log' must be true or false"},
      {"{ canonical = 5, min = 1, max = 10, log = true, step = 1 }",
       "'step' does not apply to a log draw (it rounds to 'significant' figures)"},
      {"{ canonical = 5, min = 1, max = 10, step = 1, significant = 2 }",
       "'significant' does not apply to a grid draw (only a log draw rounds to significant figures)"},
      {"{ canonical = 5, choices = [] }", "'choices' must be an array of 1 to 1000 values"},
      {"{ canonical = [1], choices = [true, false], length = 2 }",
       "a list drawn from choices ('length') needs numbers as choices"},
      {"{ canonical = 5, choices = [1, 2], min = 1 }", "'min' does not apply to a choices draw"},
      {"{ canonical = 5, length = 3 }",
       "'length' does not apply to a parameter without a draw (min and max, choices or derive)"},
  };
  for (const auto& [spec, message] : cases) {
    const auto all = problems(with_draw(spec), 3);
    EXPECT_TRUE(has(all, kSpecAt + message)) << spec << dump(all);
  }
  std::string many = "{ canonical = 1, choices = [1";
  for (int i = 2; i <= 1001; ++i) many += ", " + std::to_string(i);
  EXPECT_TRUE(
      has(problems(with_draw(many + "] }"), 3), kSpecAt + "'choices' must be an array of 1 to 1000 values"));
  // inf and nan never get as far as a draw spec: the TOML reader refuses
  // them (the catalogue's JSON could not hold them), with the line.
  for (const char* bad :
       {"{ canonical = inf }", "{ canonical = nan }", "{ canonical = [1, -inf] }",
        "{ canonical = 5, min = 1, max = 10, log = true, significant = nan }",
        "{ canonical = 5, min = nan, max = 10, step = 1 }", "{ canonical = 5, min = 1, max = inf, step = 1 }",
        "{ canonical = 5, min = 1, max = 10, step = -inf }"}) {
    const auto all = problems(with_draw(bad), 3);
    EXPECT_TRUE(
        has(all, "broken.toml:14: inf and nan are not numbers a catalogue can use; write a finite number"))
        << bad << dump(all);
  }
  // The bounds themselves are accepted.
  EXPECT_TRUE(
      problems(with_draw("{ canonical = 5, min = 1, max = 10, log = true, significant = 15 }")).empty());
  EXPECT_TRUE(problems(with_draw("{ canonical = [1], min = 1, max = 10, step = 1, length = 64 }")).empty());
  EXPECT_TRUE(problems(with_draw("{ canonical = 5, min = 1, max = 1000000, step = 1 }")).empty());
}

// A spec that failed validation is never drawn from, even when the exercise is
// used anyway (`derive --catalogue DIR` keeps the exercises that loaded).
TEST(Lint, AnInvalidSpecIsNeverDrawn) {
  const LoadResult loaded = load_catalogue(
      {{"broken.toml", with_draw("{ canonical = [1], min = 1, max = 10, step = 1, length = 10000000 }")}}, 0);
  ASSERT_FALSE(loaded.issues.empty());
  const Exercise* e = loaded.catalogue.find("broken.spec");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->params[0].draw.kind, DrawSpec::Kind::Invalid);
  EXPECT_TRUE(instantiate(*e, 0).ok());
  const auto drawn = instantiate(*e, 1);
  ASSERT_FALSE(drawn.ok());
  EXPECT_EQ(drawn.error().message,
            "broken.spec variant 1: parameter 'x' has a draw spec with problems; derive lint says which");
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

// The common ways a text stops being true for other numbers: a comparative
// that shows a variant's numbers with no condition and no stated truth, a
// claim stated as truth that a variant breaks, a conditional that does not
// split, and a note that names the text it corrects.
TEST(Lint, TextsThatMayBeFalseForOtherNumbersAreReported) {
  const std::string toml = std::string(kHeader) + R"toml(
[[exercise]]
id = "broken.truth"
title = "Truth"
prompt = "How many KB do {n} bytes take? Give one decimal."
let = ["kb = n / 1024"]
answer = "kb"
unit = "KB"
decimals = 1
steps = ["{n} / 1024 = {kb:.1} KB."]
remark = "Flash of 1024 KB leaves {1024 - kb:.1} KB. This sentence has no numbers, so it is fine, and it is larger than none."
seed_note = "The seed says 2 KB."
[exercise.params]
n = { canonical = 1000, min = 100, max = 5000000, step = 100 }

[[exercise]]
id = "broken.claim"
title = "Claim"
prompt = "How many KB do {n} bytes take? Give one decimal."
let = ["kb = n / 1024"]
truth = ["kb < 1024"]
answer = "kb"
unit = "KB"
decimals = 1
steps = ["{n} / 1024 = {kb:.1} KB."]
remark = "{if kb < 1024: It fits | else if: x} in flash."
[exercise.params]
n = { canonical = 1000, min = 100, max = 5000000, step = 100 }

[[exercise]]
id = "broken.fine"
title = "Fine"
prompt = "How many KB do {n} bytes take? Give one decimal."
let = ["kb = n / 1024"]
truth = ["kb < 5000"]
answer = "kb"
unit = "KB"
decimals = 1
steps = ["{n} / 1024 = {kb:.1} KB."]
remark = "{if kb < 1024: It leaves {1024 - kb:.1} KB of flash. | else: It is {kb - 1024:.1} KB more than the flash.} It is {kb:.1} KB, less than 5000 KB."
[exercise.params]
n = { canonical = 1000, min = 100, max = 5000000, step = 100 }
)toml";
  auto all = problems(toml, 40);
  EXPECT_TRUE(has(all,
                  "broken.toml:5: exercise 'broken.truth': remark: \"leaves\" compares a variant's numbers "
                  "outside a conditional and the "
                  "exercise states no 'truth': write {if COND: ...} or add truth = [\"...\"]"))
      << dump(all);
  EXPECT_TRUE(has(all,
                  "broken.toml:5: exercise 'broken.truth': seed_note says \"seed\", a word the learner does "
                  "not know; keep the provenance "
                  "in ERRATA.md"))
      << dump(all);
  EXPECT_TRUE(has(all,
                  "broken.toml:5: exercise 'broken.truth': seed_note must open with \"A common version of "
                  "this exercise\" and say what is "
                  "true (\"; in fact ...\"): the learner does not know its source"))
      << dump(all);
  EXPECT_TRUE(has(all,
                  "broken.toml:19: exercise 'broken.claim': remark: conditional at character 1: 'else' takes "
                  "no condition; write 'else if "
                  "COND:'"))
      << dump(all);
  // Only the sentence with numbers and a comparative is reported, once; the
  // well-formed exercise has nothing to report.
  int comparatives = 0;
  for (const std::string& p : all) {
    comparatives += p.find("compares a variant's numbers") != std::string::npos;
    EXPECT_EQ(p.find("broken.fine"), std::string::npos) << p;
  }
  EXPECT_EQ(comparatives, 1) << dump(all);
}

TEST(Lint, AClaimStatedAsTruthThatAVariantBreaksIsReported) {
  const std::string toml = std::string(kHeader) + R"toml(
[[exercise]]
id = "broken.claim"
title = "Claim"
prompt = "How many KB do {n} bytes take? Give one decimal."
let = ["kb = n / 1024"]
truth = ["kb < 1024"]
answer = "kb"
unit = "KB"
decimals = 1
steps = ["{n} / 1024 = {kb:.1} KB."]
remark = "It fits: {kb:.1} KB is less than 1024 KB."
[exercise.params]
n = { canonical = 1000, min = 100, max = 5000000, step = 100 }
)toml";
  auto all = problems(toml, 40);
  bool found = false;
  for (const std::string& p : all)
    found =
        found ||
        (p.rfind("broken.toml:5: exercise 'broken.claim': truth \"kb < 1024\" is false (variant ", 0) == 0);
  EXPECT_TRUE(found) << dump(all);
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
