// What a card shows besides its text: the formula notation and its MathML and
// text (src/exercise/formula.cpp), and the picture spec, validated when the
// catalogue is read (src/exercise/picture.cpp).
#include <gtest/gtest.h>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/web_api.hpp"

namespace derive {
namespace {

Formula formula(std::string_view notation) {
  auto f = parse_formula(notation);
  EXPECT_TRUE(f.ok()) << notation << ": " << (f.ok() ? "" : f.error().message);
  return f.ok() ? *f : Formula{};
}

const std::string kMath = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">";

TEST(Formula, FractionsScriptsTextAndGroups) {
  const Formula f = formula("\"bytes\" = {P · b}/8");
  EXPECT_EQ(f.mathml,
            kMath +
                "<mrow><mtext>bytes</mtext><mo>=</mo><mfrac><mrow><mi>P</mi><mo>·</mo><mi>b</mi></mrow>"
                "<mn>8</mn></mfrac></mrow></math>");
  EXPECT_EQ(f.text, "bytes = (P · b)/8");
  EXPECT_EQ(formula("P = K^2 · C_{in} + C_{out}").text, "P = K^2 · C_in + C_out");
  EXPECT_EQ(formula("p_i = {exp(z_i//T)}/{∑_{j=1}^C exp(z_j//T)}").text,
            "p_i = (exp(z_i/T))/(∑_(j=1)^C exp(z_j/T))");
  EXPECT_NE(formula("∑_{j=1}^C x")
                .mathml.find("<msubsup><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow>"
                             "<mi>C</mi></msubsup>"),
            std::string::npos);
  // A parenthesised group is not wrapped twice; an inline slash has no stacking.
  EXPECT_EQ(formula("s = {{(max|X|)}^α}/2").text, "s = (max|X|)^α/2");
  EXPECT_NE(formula("a//b").mathml.find("<mo lspace=\"0\" rspace=\"0\">/</mo>"), std::string::npos);
}

TEST(Formula, LettersNumbersAndOperators) {
  const Formula f = formula("x̂ = 2.5 α ≤ exp(𝔼)");
  EXPECT_EQ(f.mathml, kMath +
                          "<mrow><mi>x̂</mi><mo>=</mo><mn>2.5</mn><mi>α</mi><mo>≤</mo><mi>exp</mi><mo>(</mo>"
                          "<mi>𝔼</mi><mo>)</mo></mrow></math>");
  EXPECT_EQ(formula("a < b & c").mathml,
            kMath + "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi><mo>&amp;</mo><mi>c</mi></mrow></math>");
}

// Each run of typeset_inline_math as "text" for plain text and "[text|mathml
// without the <math> wrapper]" for maths.
std::string runs_of(std::string_view sentence) {
  const std::string open = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"inline\">";
  std::string out;
  for (const TextRun& run : typeset_inline_math(sentence)) {
    if (run.mathml.empty()) {
      out += run.text;
      continue;
    }
    EXPECT_EQ(run.mathml.rfind(open, 0), 0u) << run.mathml;
    EXPECT_EQ(run.mathml.substr(run.mathml.size() - 7), "</math>");
    out += "[" + run.text + "|" + run.mathml.substr(open.size(), run.mathml.size() - open.size() - 7) + "]";
  }
  return out;
}

TEST(Formula, MathWrittenAsPlainTextInASentence) {
  EXPECT_EQ(runs_of("in MB (1 MB = 10^6 bytes)?"),
            "in MB (1 MB = [10^6|<msup><mn>10</mn><mn>6</mn></msup>] bytes)?");
  EXPECT_EQ(runs_of("from x_min = -2 to x_max."),
            "from [x_min|<msub><mi>x</mi><mi>min</mi></msub>] = -2 to "
            "[x_max|<msub><mi>x</mi><mi>max</mi></msub>].");
  // A bracketed base keeps its brackets; a parenthesised script loses its
  // parentheses, which only group; a slash stays inline.
  EXPECT_EQ(runs_of("ACC(m) × [LAT(m) / T]^w, where"),
            "ACC(m) × [[LAT(m) / T]^w|<msup><mrow><mo>[</mo><mi>LAT</mi><mo>(</mo><mi>m</mi><mo>)</mo>"
            "<mo lspace=\"0\" rspace=\"0\">/</mo><mi>T</mi><mo>]</mo></mrow><mi>w</mi></msup>], where");
  EXPECT_EQ(runs_of("2^(b-1) and 10^-3"),
            "[2^(b-1)|<msup><mn>2</mn><mrow><mi>b</mi><mo>-</mo><mn>1</mn></mrow></msup>] and "
            "[10^-3|<msup><mn>10</mn><mrow><mo>−</mo><mn>3</mn></mrow></msup>]");
  EXPECT_EQ(runs_of("max|X_j| and Σ_j exp(z_j / T)"),
            "max|[X_j|<msub><mi>X</mi><mi>j</mi></msub>]| and [Σ_j|<msub><mi>Σ</mi><mi>j</mi></msub>] "
            "exp([z_j|<msub><mi>z</mi><mi>j</mi></msub>] / T)");
  EXPECT_EQ(runs_of("a_b^c"), "[a_b^c|<msubsup><mi>a</mi><mi>b</mi><mi>c</mi></msubsup>]");
  // No base or no script: text as it is.
  EXPECT_EQ(runs_of("_x, y^ and 2^ (3)"), "_x, y^ and 2^ (3)");
  EXPECT_EQ(runs_of("no maths here"), "no maths here");
  EXPECT_TRUE(typeset_inline_math("").empty());
}

TEST(Formula, MalformedNotationSaysWhereAndWhat) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "the formula is empty"},
      {"{a + b", "column 1: '{' is never closed (expected '}')"},
      {"a + b}", "column 6: '}' closes no group (no '{' before it)"},
      {"a^", "column 2: '^' needs a term after it"},
      {"_b", "column 1: '_' needs a term before it"},
      {"x = \"bytes", "column 5: a \"text\" run has no closing '\"'"},
      {"{} + 1", "column 1: '{}' is an empty group"},
  };
  for (const auto& [notation, message] : cases) {
    auto f = parse_formula(notation);
    ASSERT_FALSE(f.ok()) << notation;
    EXPECT_EQ(f.error().message, message) << notation;
  }
}

const char* kChapter = R"toml(chapter = "c"
title = "C"
intro = "i"

[[exercise]]
id = "c.ridge"
title = "Ridge"
%s
prompt = "Peak {peak} and bandwidth {bw}?"
let = ["ridge = ridge_point(peak, bw)"]
answer = "ridge"
unit = "FLOPs/byte"
steps = ["{ridge}"]

[exercise.params]
peak = { canonical = 200e6, min = 1e8, max = 1e9, step = 1e8 }
bw = { canonical = 50e6 }
)toml";

std::vector<std::string> problems(const std::string& lines) {
  std::string toml = kChapter;
  toml.replace(toml.find("%s"), 2, lines);
  std::vector<std::string> out;
  for (const LintIssue& issue : load_catalogue({{"t.toml", toml}}, 5).issues)
    out.push_back(issue.to_string());
  return out;
}

TEST(Display, AValidFormulaAndPictureReadCleanly) {
  EXPECT_EQ(problems("formula = 'I^* = {\"peak\"}/{\"bandwidth\"}'\n"
                     "picture = { kind = \"roofline\", peak = \"peak\", bandwidth = \"bw\" }"),
            std::vector<std::string>{});
}

TEST(Display, BadFormulasAndPicturesAreLineNumbered) {
  using V = std::vector<std::string>;
  EXPECT_EQ(
      problems("formula = '{a'"),
      V{"t.toml:8: exercise 'c.ridge', formula: column 1: '{' is never closed (expected '}') in \"{a\""});
  EXPECT_EQ(problems("picture = { kind = \"pie\" }"),
            V{"t.toml:8: exercise 'c.ridge', picture: unknown kind 'pie' (kinds: roofline, quant-grid, "
              "softmax-temperature, memory-timeline)"});
  EXPECT_EQ(
      problems("picture = { kind = \"roofline\", peak = \"peak +\", bandwidth = \"bw\" }"),
      V{"t.toml:8: exercise 'c.ridge', picture: 'peak': column 7: expected an expression, found end of input "
        "in \"peak +\""});
  EXPECT_EQ(problems("picture = { kind = \"roofline\", peak = \"peak\" }"),
            V{"t.toml:8: exercise 'c.ridge', picture: a roofline picture needs 'bandwidth' (an expression)"});
  EXPECT_EQ(
      problems("picture = { kind = \"roofline\", peak = \"peak\", bandwidth = \"bw\", colour = \"red\" }"),
      V{"t.toml:8: exercise 'c.ridge', picture: a roofline picture has no 'colour' (it takes: peak, "
        "bandwidth, "
        "intensity, caption)"});
  EXPECT_EQ(
      problems("picture = { kind = \"quant-grid\", bits = \"8\", scale = \"peak\", zero_point = \"bw\", "
               "focus = \"middle\" }"),
      V{"t.toml:8: exercise 'c.ridge', picture: 'focus' must be one of value, round-trip, zero-point, step, "
        "got 'middle'"});
  // Names are linted like any expression, and values are checked on drawn variants.
  EXPECT_EQ(
      problems("picture = { kind = \"roofline\", peak = \"peek\", bandwidth = \"bw\" }"),
      V{"t.toml:8: exercise 'c.ridge': picture 'peak': unknown name 'peek' (known here: bw, peak, ridge)"});
  EXPECT_EQ(problems("picture = { kind = \"softmax-temperature\", logits = \"peak\", temperature = \"1\", "
                     "index = \"0\" }"),
            V{"t.toml:5: exercise 'c.ridge': picture 'logits' must be a list of numbers, got \"peak\" "
              "(variant 0)"});
}

TEST(Display, LintAsksEveryExerciseForAFormula) {
  std::string toml = kChapter;
  toml.replace(toml.find("%s"), 2, "");
  const LoadResult loaded = load_catalogue({{"t.toml", toml}}, 0);
  ASSERT_TRUE(loaded.issues.empty());
  const auto issues = lint_presentation(loaded.catalogue);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(
      issues[0].to_string(),
      "t.toml:5: exercise 'c.ridge' has no 'formula' (its main relation, e.g. formula = '\"bytes\" = {P · "
      "b}/8')");
  EXPECT_TRUE(lint_presentation(builtin_catalogue()).empty());
}

TEST(Display, TheCardCarriesTheFormulaAndThePictureValues) {
  const std::string card = web::card_json("measure.ridge-point", 0);
  EXPECT_NE(card.find("\"formula\": {\"text\": \"I^* = (peak FLOP/s)/(bandwidth B/s)\""), std::string::npos)
      << card;
  const std::string picture = card.substr(card.find("\"picture\": {\"kind\": \"roofline\""));
  EXPECT_NE(picture.find("\"peak\": 200000000"), std::string::npos) << card;
  EXPECT_NE(picture.find("\"bandwidth\": 50000000"), std::string::npos) << card;
  EXPECT_NE(web::card_json("count.conv-macs", 0).find("\"picture\": null"), std::string::npos);
}

}  // namespace
}  // namespace derive
