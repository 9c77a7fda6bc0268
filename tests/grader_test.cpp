// The grader on a small catalogue of its own: reading, units, precision,
// diagnosis, multi-part and symbolic answers.
#include "derive/exercise/grader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "derive/number_format.hpp"
#include "derive/units/reader.hpp"
#include "derive/units/units.hpp"
#include "exercise/diagnosis.hpp"
#include "exercise/precision.hpp"
#include "exercise_test_support.hpp"

namespace derive {
namespace {

using testing::instance_of;
using testing::load_clean;

const char* kChapter = R"toml(
chapter = "test"
title = "Grader test chapter"
intro = "Exercises that exist only for the grader's tests."

[[exercise]]
id = "test.kv"
title = "KV cache"
prompt = "KV cache of {layers} layers, {heads} heads of {dim}, {tokens} tokens at 2 bytes, in MB (1 decimal)."
let = ["bytes = kv_cache_bytes(layers, heads, dim, tokens, 1, 2)"]
answer = "bytes / 1e6"
unit = "MB"
decimals = 1
steps = ["2 × {layers} × {heads} × {dim} × {tokens} × 2 B = {bytes} B = {bytes / 1e6:.1} MB."]
[exercise.params]
layers = { canonical = 32, choices = [16, 32] }
heads = { canonical = 32, choices = [8, 32] }
dim = { canonical = 128 }
tokens = { canonical = 512, choices = [512, 1024] }
[[exercise.mistake]]
answer = "bytes / 2 / 1e6"
says = "That counts one of the two cached tensors: keys and values are both stored."

[[exercise.mistake]]
answer = "bytes / 2 / 1e6 + 1000"
says = "Unreachable on purpose: never equal to what the tests type."

[[exercise]]
id = "test.flops"
title = "FLOPs from MACs"
prompt = "{macs} MACs: how many FLOPs?"
answer = "flops_from_macs(macs)"
unit = "FLOPs"
exact = true
steps = ["2 × {macs} = {flops_from_macs(macs)} FLOPs."]
[exercise.params]
macs = { canonical = 150000000, min = 1000000, max = 900000000, step = 1000000 }

[[exercise]]
id = "test.sram"
title = "Two buffers"
prompt = "In {c_in} and out {c_out} channels, {h}×{h}, INT8. Peak SRAM in KB (1 KB = 1024 B), 1 decimal."
answer = "peak_sram_two_buffer_bytes(c_in, c_out, h, h, 1) / 1024"
unit = "KB"
kilobyte = 1024
decimals = 1
steps = ["({c_in} + {c_out}) × {h}² B = {peak_sram_two_buffer_bytes(c_in, c_out, h, h, 1) / 1024:.1} KB."]
[exercise.params]
c_in = { canonical = 32 }
c_out = { canonical = 64 }
h = { canonical = 56 }

[[exercise]]
id = "test.sparsity"
title = "Sparsity"
prompt = "{zeroed} of {total} weights are zero. Sparsity in %?"
answer = "sparsity(total, zeroed) * 100"
unit = "%"
decimals = 1
steps = ["{zeroed} / {total} = {sparsity(total, zeroed) * 100:.1}%."]
[exercise.params]
total = { canonical = 500000 }
zeroed = { canonical = 350000 }

[[exercise]]
id = "test.stack"
title = "Two parts"
prompt = "{macs} MMACs shrink {f}×; {mb} MB shrink 4×."
answer = ["macs / f", "mb / 4"]
unit = ["MMACs", "MB"]
decimals = [3, 1]
steps = ["{macs / f:.3} MMACs and {mb / 4:.1} MB."]
[exercise.params]
macs = { canonical = 50 }
f = { canonical = 16 }
mb = { canonical = 6.0 }

[[exercise]]
id = "test.uniform"
title = "Uniform limit"
prompt = "As T grows, each of C classes gets what probability?"
answer_expression = "1/C"
variables = ["C"]
steps = ["All logits divided by a huge T are equal, so each class gets 1/C."]
[[exercise.mistake]]
answer = "C"
says = "That is the number of classes, not a probability."
)toml";

class GraderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { catalogue_ = new Catalogue(load_clean(kChapter)); }
  static void TearDownTestSuite() { delete catalogue_; }
  Verdict grade(const std::string& id, std::vector<std::string> answers, std::uint64_t variant = 0) {
    return check(instance_of(*catalogue_, id, variant), answers);
  }
  static Catalogue* catalogue_;
};
Catalogue* GraderTest::catalogue_ = nullptr;

// 2 (K and V) x 32 layers x 32 heads x 128 x 512 tokens x 2 bytes.
constexpr double kKvBytes = 2.0 * 32 * 32 * 128 * 512 * 2;

TEST_F(GraderTest, AcceptsTheAnswerInEveryReasonableForm) {
  const std::string mb = std::to_string(kKvBytes / 1e6).substr(0, 5);  // "268.4"
  for (const std::string& typed :
       {mb, mb + " MB", mb + "MB", mb + " mb", std::string("268435456 B"), std::string("268,435,456 bytes"),
        std::string("2.684e8 B"), std::string("2.684×10^8 B"), std::string("0.2684 GB"),
        std::string("256 MiB"), std::string("268435.456 kB"), std::string("  268.44  ")}) {
    Verdict v = grade("test.kv", {typed});
    EXPECT_EQ(v.status, Verdict::Status::Correct) << typed << ": " << v.feedback;
  }
}

TEST_F(GraderTest, FeedbackSaysWhatWasRead) {
  Verdict v = grade("test.kv", {"268435456 B"});
  EXPECT_EQ(v.feedback, "Read as 268.435456 MB: correct.");
  EXPECT_FALSE(v.diagnosis.has_value());
}

TEST_F(GraderTest, PrecisionBoundary) {
  // Exact answer 268.435456; one decimal asked: tolerance 0.05.
  EXPECT_TRUE(grade("test.kv", {"268.48"}).correct());
  EXPECT_TRUE(grade("test.kv", {"268.39"}).correct());
  EXPECT_FALSE(grade("test.kv", {"268.49"}).correct());
  EXPECT_FALSE(grade("test.kv", {"268.38"}).correct());
}

TEST_F(GraderTest, NamedMistakeComesFirst) {
  Verdict v = grade("test.kv", {std::to_string(kKvBytes / 2 / 1e6)});
  EXPECT_EQ(v.status, Verdict::Status::Incorrect);
  ASSERT_TRUE(v.diagnosis.has_value());
  EXPECT_EQ(*v.diagnosis, "That counts one of the two cached tensors: keys and values are both stored.");
}

TEST_F(GraderTest, GenericSlips) {
  auto diagnosis = [&](const std::string& typed) {
    Verdict v = grade("test.kv", {typed});
    EXPECT_EQ(v.status, Verdict::Status::Incorrect) << typed;
    return v.diagnosis.value_or("(none)");
  };
  const double mb = kKvBytes / 1e6;
  EXPECT_NE(diagnosis(std::to_string(mb * 8)).find("bits versus bytes"), std::string::npos);
  EXPECT_NE(diagnosis(std::to_string(mb * 1000)).find("factor of 1000"), std::string::npos);
  EXPECT_NE(diagnosis(std::to_string(kKvBytes / 1024 / 1024)).find("1024/1000"), std::string::npos);
  EXPECT_NE(diagnosis(std::to_string(mb * 2)).find("factor of 2 you added"), std::string::npos);
  EXPECT_NE(diagnosis(std::to_string(-mb)).find("sign"), std::string::npos);
  EXPECT_NE(diagnosis("268.6").find("precision asked (1 decimal)"), std::string::npos);
  EXPECT_EQ(diagnosis("7"), "(none)");
}

TEST_F(GraderTest, WrongDimensionIsWrongWithAMessage) {
  Verdict v = grade("test.kv", {"268.4 ms"});
  EXPECT_EQ(v.status, Verdict::Status::Incorrect);
  EXPECT_NE(v.feedback.find("but the question asks for"), std::string::npos) << v.feedback;
}

TEST_F(GraderTest, MacsAreNotFlops) {
  Verdict v = grade("test.flops", {"150M MACs"});
  EXPECT_EQ(v.status, Verdict::Status::Incorrect);
  EXPECT_EQ(v.diagnosis.value_or(""), "MACs and FLOPs are different units: one MAC is two FLOPs.");
  // 150e6 MACs is 300e6 FLOPs, typed with a bare prefix, in full, with a unit.
  EXPECT_TRUE(grade("test.flops", {"300M"}).correct());
  EXPECT_TRUE(grade("test.flops", {"300,000,000"}).correct());
  EXPECT_TRUE(grade("test.flops", {"300 MFLOPs"}).correct());
  EXPECT_TRUE(grade("test.flops", {"0.3 GFLOPs"}).correct());
  Verdict half = grade("test.flops", {"150000000"});
  EXPECT_NE(half.diagnosis.value_or("").find("One MAC is two FLOPs"), std::string::npos);
}

TEST_F(GraderTest, ExactCountsNeedEveryDigit) {
  Verdict v = grade("test.flops", {"300000001"});
  EXPECT_EQ(v.status, Verdict::Status::Incorrect);
  EXPECT_NE(v.diagnosis.value_or("").find("exact count"), std::string::npos);
}

TEST_F(GraderTest, KilobyteConventionOfTheExercise) {
  // (32 + 64) x 56 x 56 bytes = 301,056 B = 294 KiB.
  const double kib = (32.0 + 64) * 56 * 56 / 1024;
  EXPECT_TRUE(grade("test.sram", {std::to_string(kib)}).correct());
  EXPECT_TRUE(grade("test.sram", {"294 KB"}).correct());
  EXPECT_TRUE(grade("test.sram", {"294 KiB"}).correct());
  EXPECT_TRUE(grade("test.sram", {"301056 B"}).correct());
  Verdict decimal = grade("test.sram", {std::to_string((32.0 + 64) * 56 * 56 / 1000)});
  EXPECT_NE(decimal.diagnosis.value_or("").find("1 KB = 1024 B"), std::string::npos);
}

TEST_F(GraderTest, PercentAndFraction) {
  EXPECT_TRUE(grade("test.sparsity", {"70"}).correct());
  EXPECT_TRUE(grade("test.sparsity", {"70%"}).correct());
  EXPECT_TRUE(grade("test.sparsity", {"70 %"}).correct());
  Verdict fraction = grade("test.sparsity", {"0.7"});
  EXPECT_EQ(fraction.status, Verdict::Status::Incorrect);
  EXPECT_NE(fraction.diagnosis.value_or("").find("percent versus fraction"), std::string::npos);
}

TEST_F(GraderTest, MultiPart) {
  EXPECT_TRUE(grade("test.stack", {"3.125", "1.5"}).correct());
  EXPECT_TRUE(grade("test.stack", {"3.125 MMACs", "1.5 MB"}).correct());
  Verdict one_wrong = grade("test.stack", {"3.125", "6"});
  EXPECT_EQ(one_wrong.status, Verdict::Status::Incorrect);
  EXPECT_NE(one_wrong.feedback.find("Part 1: Read as 3.125 MMACs: correct."), std::string::npos);
  EXPECT_NE(one_wrong.feedback.find("Part 2: Read as 6 MB: not correct."), std::string::npos);
  // Typed in one field, split when the count of parts matches.
  for (const char* typed : {"3.125, 1.5", "3.125 MMACs; 1.5 MB", "3.125 and 1.5", "3.125;1.5", "25/8, 3/2",
                            "~3.125, about 1.5 MB."}) {
    EXPECT_TRUE(grade("test.stack", {typed}).correct())
        << typed << ": " << grade("test.stack", {typed}).feedback;
    EXPECT_TRUE(grade("test.stack", {typed, ""}).correct()) << typed << " with the second field empty";
  }
  EXPECT_EQ(grade("test.stack", {"3.125, 1.5, 7"}).feedback,
            "This question has 2 parts (MMACs, MB); got 1 answer.");
  Verdict missing = grade("test.stack", {"3.125"});
  EXPECT_EQ(missing.status, Verdict::Status::Unreadable);
  EXPECT_EQ(missing.feedback, "This question has 2 parts (MMACs, MB); got 1 answer.");
}

TEST_F(GraderTest, SymbolicAnswersAreComparedAsFunctions) {
  for (const char* typed : {"1/C", "C^-1", "1 / C", "1/c", "(1/C)", "2/(2*C)"}) {
    EXPECT_TRUE(grade("test.uniform", {typed}).correct()) << typed;
  }
  Verdict mistake = grade("test.uniform", {"C"});
  EXPECT_EQ(mistake.status, Verdict::Status::Incorrect);
  EXPECT_EQ(mistake.diagnosis.value_or(""), "That is the number of classes, not a probability.");
  Verdict constant = grade("test.uniform", {"0.1"});
  EXPECT_EQ(constant.status, Verdict::Status::Incorrect);
  EXPECT_EQ(constant.diagnosis.value_or(""), "Your answer is a fixed number; the limit depends on C.");
  Verdict unknown = grade("test.uniform", {"1/K"});
  EXPECT_EQ(unknown.status, Verdict::Status::Unreadable);
  EXPECT_EQ(unknown.feedback, "'K' is not a variable of this question: write the answer in terms of C.");
}

TEST_F(GraderTest, UnreadableInputIsNotAWrongAnswer) {
  for (const char* typed : {"abc", "", "13.6 MBB", "1.2.3"}) {
    Verdict v = grade("test.kv", {typed});
    EXPECT_EQ(v.status, Verdict::Status::Unreadable) << typed;
    EXPECT_FALSE(v.feedback.empty());
    EXPECT_FALSE(v.diagnosis.has_value());
  }
}

}  // namespace
}  // namespace derive

namespace derive {
namespace {

TEST(GraderExact, NamedSlipsOfAnExactCountMatchOnlyExactly) {
  // Two slips 512 apart on a count of 131,328: each must be told apart.
  const char* toml = R"toml(
chapter = "exact"
title = "Exact"
intro = "Exact counts."
[[exercise]]
id = "exact.linear"
title = "Linear"
prompt = "Parameters of Linear({n_in}, {n_out}) with bias?"
answer = "linear_params(n_in, n_out, true)"
unit = "parameters"
exact = true
steps = ["{n_in} × {n_out} + {n_out} = {linear_params(n_in, n_out, true)}."]
[exercise.params]
n_in = { canonical = 512 }
n_out = { canonical = 256 }
[[exercise.mistake]]
answer = "n_in * n_out"
says = "weights only"
[[exercise.mistake]]
answer = "n_in * n_out + n_in"
says = "bias per input"
)toml";
  Catalogue catalogue = testing::load_clean(toml);
  Instance in = testing::instance_of(catalogue, "exact.linear");
  EXPECT_EQ(check(in, {std::to_string(512 * 256)}).diagnosis.value_or(""), "weights only");
  EXPECT_EQ(check(in, {std::to_string(512 * 256 + 512)}).diagnosis.value_or(""), "bias per input");
  EXPECT_NE(check(in, {std::to_string(512 * 256 + 300)}).diagnosis.value_or(""), "weights only");
}

// An answer too large once converted is unreadable, never "Read as inf MB":
// for every unit a learner could type after a huge number, and a bare one.
TEST(Grader, AnswersThatOverflowInTheQuestionsUnitAreUnreadable) {
  const Catalogue catalogue = load_clean(kChapter);
  for (const Exercise& e : catalogue.exercises) {
    if (e.symbolic) continue;
    const Instance in = instance_of(catalogue, e.id);
    std::vector<std::string> texts = {"1e308", "-1e308", "1.7e308"};
    for (const auto& [spelling, unit] : known_units(e.units)) texts.push_back("1e306 " + spelling);
    for (const std::string& text : texts) {
      const Verdict v = check(in, std::vector<std::string>(e.parts.size(), text));
      EXPECT_EQ(v.feedback.find("inf"), std::string::npos) << e.id << " " << text << ": " << v.feedback;
      EXPECT_EQ(v.feedback.find("nan"), std::string::npos) << e.id << " " << text << ": " << v.feedback;
    }
  }
  const Verdict kv = check(instance_of(catalogue, "test.kv"), {"1e308"});
  EXPECT_EQ(kv.status, Verdict::Status::Unreadable);
  EXPECT_EQ(kv.feedback,
            "'1e308' is too large to read in MB: it exceeds about 1.8e308, the largest number we hold");
}

// A bare prefix puts the number in the dimension's base unit, as the grading
// rules say: 268.4M for a question in MB is 268.4e6 B, and 256Mi is 256 MiB.
TEST(Grader, ABarePrefixIsInTheBaseUnit) {
  const Catalogue catalogue = load_clean(kChapter);
  const Instance kv = instance_of(catalogue, "test.kv");
  const Verdict mega = check(kv, {"268.4M"});
  EXPECT_EQ(mega.status, Verdict::Status::Correct) << mega.feedback;
  EXPECT_EQ(mega.feedback, "Read as 268.4 MB (a bare 'M' multiplies the base unit): correct.");
  EXPECT_EQ(check(kv, {"256Mi"}).status, Verdict::Status::Correct);
  EXPECT_EQ(check(kv, {"268.4"}).status, Verdict::Status::Correct);  // a bare number is in MB
}

}  // namespace
}  // namespace derive

namespace derive {
namespace {

// The number of an answer part as the learner would type it: at the precision
// asked, and shortest (an exact count in full).
std::string at_precision(const AnswerPart& part, double answer) {
  return format_at_precision(part.precision, answer);
}

// Checks `typed` for one part of an instance, the other parts typed right.
Verdict check_part(const Instance& in, std::size_t part, const std::string& typed) {
  std::vector<std::string> answers;
  for (std::size_t i = 0; i < in.answers.size(); ++i)
    answers.push_back(i == part ? typed
                                : at_precision(in.exercise->parts[i], in.answers[i].number().to_double()));
  return check(in, answers);
}

// Every form of section 1 of the grading rules, rendered from each exercise's
// own answer, over every numeric exercise of the shipped catalogue.
std::vector<std::string> typed_forms(const Exercise& e, const AnswerPart& part, double answer) {
  const std::string shown = at_precision(part, answer);
  const std::string unit =
      is_kind_word(part.unit) ? "" : (part.unit_text == "%" ? "%" : " " + part.unit_text);
  std::vector<std::string> forms = {"~" + shown,        "\u2248" + shown,          "about " + shown,
                                    "approx. " + shown, "roughly " + shown + unit, shown + unit + "."};
  // Arithmetic: the digits over a power of ten, and a product that cancels.
  std::string digits;
  int decimals = 0;
  bool after_point = false, negative = false;
  for (char c : shown) {
    if (c == '-') negative = true;
    if (c >= '0' && c <= '9') digits += c, decimals += after_point;
    if (c == '.') after_point = true;
  }
  if (shown.find('e') == std::string::npos) {
    forms.push_back((negative ? "-" : "") + digits + "/10^" + std::to_string(decimals) + unit);
    forms.push_back("3 * " + format_shortest(answer) + " / 3" + unit);
    forms.push_back("(" + format_shortest(answer) + ") \u00d7 2 \u00f7 2");
  }
  // A bare prefix or number word: the base value, in millions and thousands.
  const Dimension d = part.unit.dimension;
  const bool has_base =
      d == Dimension::Bytes || d == Dimension::Macs || d == Dimension::Flops || d == Dimension::Count;
  if (has_base) {
    const double base = answer * part.unit.scale;
    const double kilo = d == Dimension::Bytes ? e.units.kilobyte : 1000.0;
    forms.push_back(format_shortest(base / 1e6) + "M");
    forms.push_back(format_shortest(base / 1e6) + " million");
    forms.push_back(format_shortest(base / 1e9) + " G");
    forms.push_back(format_shortest(base / kilo) + "K");
    forms.push_back(format_shortest(base / kilo) + " thousand");
  }
  // Unit words of Pint and js-quantities.
  const double base = answer * part.unit.scale;
  auto in = [&](double scale, const char* word) {
    forms.push_back(format_shortest(base / scale) + " " + word);
  };
  if (d == Dimension::Bytes) {
    in(1e6, "megabytes"), in(1e6, "megabyte"), in(e.units.kilobyte, "kilobytes"), in(1e9, "gigabytes");
    in(1024.0, "kibibytes"), in(1048576.0, "mebibytes"), in(1073741824.0, "gibibytes"), in(125e3, "megabits");
    in(1, "bytes"), in(1, "byte"), in(0.125, "bits");
  } else if (d == Dimension::Macs) {
    in(1e6, "million MACs"), in(1e9, "GMACs"), in(1e6, "MMAC"), in(1, "MACs");
  } else if (d == Dimension::Flops) {
    in(1e6, "megaflops"), in(1e9, "GFLOPs"), in(1e6, "MFLOP");
  } else if (d == Dimension::Count) {
    in(1e6, "M params"), in(1e6, "Mparams"), in(1e3, "K params"), in(1e6, "million parameters");
  }
  return forms;
}

const Catalogue& shipped() { return builtin_catalogue(); }

TEST(GraderCatalogue, EveryExerciseReadsEveryTypedForm) {
  int checked = 0;
  for (const Exercise& e : shipped().exercises) {
    if (e.symbolic) continue;
    for (std::uint64_t v = 0; v <= 10; ++v) {
      const Instance in = *instantiate(e, v);
      for (std::size_t i = 0; i < e.parts.size(); ++i) {
        const double answer = in.answers[i].number().to_double();
        for (const std::string& typed : typed_forms(e, e.parts[i], answer)) {
          const Verdict verdict = check_part(in, i, typed);
          EXPECT_TRUE(verdict.correct())
              << e.id << " variant " << v << " typed '" << typed << "': " << verdict.feedback;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 5000);
}

TEST(GraderCatalogue, ArithmeticSaysHowItWasRead) {
  const Exercise* e = shipped().find("quant.asym-scale");
  ASSERT_NE(e, nullptr);
  const Instance in = *instantiate(*e, 0);
  const Verdict v = check(in, {"8/255"});
  EXPECT_EQ(v.feedback.rfind("Read 8/255 as ", 0), 0u) << v.feedback;
}

TEST(GraderCatalogue, MultiPartAnswersTypedInOneField) {
  int checked = 0;
  for (const Exercise& e : shipped().exercises) {
    if (e.symbolic || e.parts.size() < 2) continue;
    for (std::uint64_t v = 0; v <= 10; ++v) {
      const Instance in = *instantiate(e, v);
      std::vector<std::string> bare, with_units;
      for (std::size_t i = 0; i < e.parts.size(); ++i) {
        const std::string shown = at_precision(e.parts[i], in.answers[i].number().to_double());
        bare.push_back(shown);
        with_units.push_back(shown + (is_kind_word(e.parts[i].unit) ? "" : " " + e.parts[i].unit_text));
      }
      auto joined = [](const std::vector<std::string>& parts, const std::string& separator) {
        std::string out;
        for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
        return out;
      };
      for (const std::string& typed : {joined(bare, ", "), joined(bare, "; "), joined(bare, " and "),
                                       joined(with_units, "; "), joined(with_units, ", ")}) {
        const Verdict verdict = check(in, {typed});
        EXPECT_TRUE(verdict.correct())
            << e.id << " variant " << v << " typed '" << typed << "': " << verdict.feedback;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 20);
}

Precision significant(int digits) { return Precision{Precision::Kind::Significant, digits}; }

AnswerPart part_in(const char* unit, Precision precision, double kilobyte = 1000) {
  AnswerPart part;
  part.unit_text = unit;
  part.unit = *parse_answer_unit(unit, UnitContext{kilobyte});
  part.precision = precision;
  return part;
}

// When several slips fit, the one whose prediction is closest wins, and on a
// tie the simplest: "2.1" for 2.147 GFLOPs is 2.147 rounded to two figures,
// exactly, while 2.147/1.024 = 2.0967 is only near it.
TEST(GraderSlips, TheSlipThatExplainsTheNumberBestWins) {
  const AnswerPart gflops = part_in("GFLOPs", significant(3));
  const UnitContext decimal{};
  EXPECT_NE(generic_slip(gflops, decimal, 2.147, 2.1).value_or("").find("precision asked"),
            std::string::npos);
  EXPECT_NE(generic_slip(gflops, decimal, 2.147, 2.147 / 1.024).value_or("").find("1024/1000"),
            std::string::npos);
  // A tie: 1 is both a tenth of 10 and log10(10); the decimal point is simpler.
  const AnswerPart ratio = part_in("ratio", significant(3));
  EXPECT_NE(generic_slip(ratio, decimal, 10, 1).value_or("").find("decimal point"), std::string::npos);
  // 1.996 for 1 fits only twice the answer.
  EXPECT_NE(generic_slip(ratio, decimal, 1, 1.996).value_or("").find("factor of 2"), std::string::npos);
  // 2.048 for 2 GB: exactly 2 x 1.024, closer than the precision slip (2.048 vs 2).
  const AnswerPart gb = part_in("GB", significant(3));
  EXPECT_NE(generic_slip(gb, decimal, 2.0, 2.048).value_or("").find("1024/1000"), std::string::npos);
}

// quant.zero-point asks for a rounded integer: the unrounded value is a
// rounding slip, and the message says to round, not to give "every digit".
TEST(GraderSlips, AnUnroundedValueOfAWholeAnswerIsARoundingSlip) {
  const AnswerPart integer = part_in("integer", Precision{Precision::Kind::Exact, 0});
  const UnitContext decimal{};
  const std::string unrounded = generic_slip(integer, decimal, 64, 63.75).value_or("");
  EXPECT_NE(unrounded.find("round your result to an integer"), std::string::npos) << unrounded;
  const AnswerPart count = part_in("parameters", Precision{Precision::Kind::Exact, 0});
  EXPECT_NE(generic_slip(count, decimal, 131328, 131300).value_or("").find("every digit"), std::string::npos);
  const Exercise* e = shipped().find("quant.zero-point");
  ASSERT_NE(e, nullptr);
  for (std::uint64_t v = 0; v <= 50; ++v) {
    const Instance in = *instantiate(*e, v);
    const double answer = in.answers[0].number().to_double();
    const Verdict verdict = check_part(in, 0, format_shortest(answer + 0.25));
    EXPECT_NE(verdict.diagnosis.value_or("").find("round your result"), std::string::npos)
        << "variant " << v << ": " << verdict.diagnosis.value_or("(none)");
  }
}

// The numbers a message may not show for a wrong answer: the answer at the
// precision asked, and the answer one trivial step away (x or / by 10, 100,
// 1000, 8, 2, 1024/1000, and the sign), each at the precision asked.
std::vector<std::string> giveaways(const Precision& precision, double answer) {
  std::vector<std::string> out;
  for (double factor :
       {1.0, 10.0, 0.1, 100.0, 0.01, 1000.0, 0.001, 8.0, 0.125, 2.0, 0.5, 1.024, 1 / 1.024, -1.0}) {
    const double value = answer * factor;
    for (const std::string& shown : {format_at_precision(precision, value), format_shortest(value)}) {
      // Small whole numbers (2, 8, 100, 1000, 1024) appear in the generic
      // messages as the factor they name; they give nothing of a variant away.
      const double as_read = std::strtod(shown.c_str(), nullptr);
      if (shown.find(',') == std::string::npos && std::floor(as_read) == as_read &&
          std::fabs(as_read) <= 1024)
        continue;
      out.push_back(shown);
    }
  }
  return out;
}

// No feedback for a wrong answer contains the right answer: every exercise,
// variants 0..50, every generic slip and every named mistake.
TEST(GraderSlips, NoFeedbackGivesTheAnswerAway) {
  int checked = 0;
  for (const Exercise& e : shipped().exercises) {
    if (e.symbolic) continue;
    for (std::uint64_t v = 0; v <= 50; ++v) {
      const Instance in = *instantiate(e, v);
      for (std::size_t i = 0; i < e.parts.size(); ++i) {
        const AnswerPart& part = e.parts[i];
        const double answer = in.answers[i].number().to_double();
        std::vector<double> wrong;
        for (double factor : {2.0, 0.5, 8.0, 0.125, 100.0, 0.01, 1000.0, 0.001, 1e6, 1e-6, 1e9, 1e-9, 1.024,
                              1 / 1.024, 1.024 * 1.024, 10.0, 0.1, -1.0})
          wrong.push_back(answer * factor);
        wrong.push_back(answer + 3 * tolerance(part.precision, answer) + 1e-9 * std::fabs(answer));
        if (answer > 0) wrong.push_back(std::log10(answer)), wrong.push_back(std::log2(answer));
        for (const Mistake& m : e.mistakes) {
          auto w = m.part == i ? m.answer.evaluate(in.env) : Result<Value>(make_error("other part"));
          if (w && w->is_number()) wrong.push_back(w->number().to_double());
        }
        // The intermediate results, which the error localization names by
        // their step of the worked solution.
        for (const Definition& d : e.definitions) {
          const Value& value = in.env.at(d.name);
          if (value.is_number()) wrong.push_back(value.number().to_double());
        }
        const std::vector<std::string> secrets = giveaways(part.precision, answer);
        for (double w : wrong) {
          if (!std::isfinite(w) || within_precision(part.precision, answer, w)) continue;
          const std::string typed = format_shortest(w);
          const Verdict verdict = check_part(in, i, typed);
          if (verdict.correct()) continue;
          const std::string diagnosis = verdict.diagnosis.value_or("");
          for (const std::string& secret : secrets) {
            EXPECT_FALSE(shows_number(diagnosis, secret))
                << e.id << " variant " << v << " typed " << typed << ": the diagnosis \"" << diagnosis
                << "\" shows " << secret << " (answer " << format_at_precision(part.precision, answer) << ")";
          }
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 20000);
}

}  // namespace
}  // namespace derive
