// The grader on a small catalogue of its own: reading, units, precision,
// diagnosis, multi-part and symbolic answers.
#include "derive/exercise/grader.hpp"

#include <gtest/gtest.h>

#include "derive/units/units.hpp"
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
  EXPECT_EQ(mega.feedback, "Read as 268.4 MB: correct.");
  EXPECT_EQ(check(kv, {"256Mi"}).status, Verdict::Status::Correct);
  EXPECT_EQ(check(kv, {"268.4"}).status, Verdict::Status::Correct);  // a bare number is in MB
}

}  // namespace
}  // namespace derive
