// End-to-end tests of the `derive` program: each runs the built binary with a
// shell, feeds stdin from a file and checks stdout, stderr and the exit status
// against the command-line contract (shared/catalogue.md, docs/cli.md).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "derive/exercise/calculator.hpp"
#include "derive/exercise/exercise.hpp"
#include "derive/number_format.hpp"
#include "derive/registry.hpp"
#include "engine_test_support.hpp"
#include "exercise/precision.hpp"
#include "first_exercise.hpp"

namespace derive {
namespace {

namespace fs = std::filesystem;

const std::string kBinary = std::string(DERIVE_BINARY_DIR) + "/derive";

// The canonical answers these tests type, derived here from the contract's
// canonical parameters (shared/catalogue.md) and the exercises' formulas, so
// that no expected number is copied from a text.
// llm.kv-cache: K and V for 32 layers x 32 KV heads x 128 dims x 512 tokens x
// batch 1 at 2 bytes, in MB = 10^6 B (268.4).
const double kKvCacheMb = 2.0 * 32 * 32 * 128 * 512 * 1 * 2 / 1e6;
const std::string kKvCache = format_fixed(kKvCacheMb, 1);
const std::string kHalfKvCache = format_fixed(kKvCacheMb / 2, 1);  // K or V alone: a named slip
// llm.attention-flops: 4 N^2 d for N = 1024 tokens, d = 512, in GFLOPs to 3 figures (2.15).
const std::string kAttentionGflops = format_significant(4.0 * 1024 * 1024 * 512 / 1e9, 3);
// count.conv-macs: 3 x 3 x 32 MACs per output value, 64 x 28 x 28 output values.
const std::int64_t kConvMacs = std::int64_t{3} * 3 * 32 * 64 * 28 * 28;
// combo.stacking: 50e6 MACs / 8 (separable) / 2 (2:4 pruning) in MMACs; 6.0 MB / 4 (INT8 for FP32).
const std::string kStackedMmacs = format_shortest(50.0 / 8 / 2);
const std::string kStackedMb = format_shortest(6.0 / 4);

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

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string shell_quote(const std::string& word) {
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// A scratch folder per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "derive_cli_XXXXXX").string();
    path_ = mkdtemp(pattern.data()) ? fs::path(pattern) : fs::path();
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs derive with `args` and `input` on stdin. `timeout` turns a program that
// spins on end of input into a failure (status 124) instead of a hung suite.
Outcome derive(const std::vector<std::string>& args, const std::string& input = "") {
  TempDir dir;
  write_file(dir.path() / "in", input);
  std::string command = "timeout 60 " + shell_quote(kBinary);
  for (const std::string& arg : args) command += " " + shell_quote(arg);
  command += " <" + shell_quote((dir.path() / "in").string()) + " >" +
             shell_quote((dir.path() / "out").string()) + " 2>" + shell_quote((dir.path() / "err").string());
  const int raw = std::system(command.c_str());
  Outcome run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = read_file(dir.path() / "out");
  run.err = read_file(dir.path() / "err");
  return run;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> json_ids(const std::string& json) {
  std::vector<std::string> ids;
  const std::regex id(R"re("id": "([^"]+)")re");
  for (auto it = std::sregex_iterator(json.begin(), json.end(), id); it != std::sregex_iterator(); ++it)
    ids.push_back((*it)[1]);
  return ids;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kBinary)) GTEST_SKIP() << "derive is not built (DERIVE_CLI=OFF?): " << kBinary;
  }
};

// --- global ------------------------------------------------------------------

TEST_F(Cli, HelpOnEveryCommandExitsZero) {
  const std::vector<std::vector<std::string>> commands = {
      {},       {"exercise"}, {"exercise", "list"}, {"exercise", "show"}, {"exercise", "check"}, {"practice"},
      {"calc"}, {"lint"},     {"author"},
  };
  for (std::vector<std::string> args : commands) {
    args.push_back("--help");
    const Outcome run = derive(args);
    EXPECT_EQ(run.status, 0) << args.front() << run.err;
    EXPECT_TRUE(contains(run.out, "Usage")) << args.front() << run.out;
  }
  const Outcome top = derive({"--help"});
  for (const char* name : {"exercise", "practice", "calc", "lint", "--catalogue", "--version"})
    EXPECT_TRUE(contains(top.out, name)) << name;
}

TEST_F(Cli, Version) {
  const Outcome run = derive({"--version"});
  EXPECT_EQ(run.status, 0);
  EXPECT_TRUE(std::regex_search(run.out, std::regex(R"(^derive \d+\.\d+\.\d+)"))) << run.out;
}

TEST_F(Cli, UnknownCommandSuggestsTheClosest) {
  const Outcome run = derive({"exercis", "list"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "unknown command \"exercis\"; did you mean exercise?")) << run.err;
  EXPECT_EQ(run.out, "");

  const Outcome far = derive({"frobnicate"});
  EXPECT_EQ(far.status, 2);
  EXPECT_TRUE(contains(far.err, "the commands are exercise, practice, calc, lint")) << far.err;
}

TEST_F(Cli, UnknownFlagsAndMissingCommandAreUsageErrors) {
  Outcome run = derive({"exercise", "list", "--frob"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "--frob")) << run.err;
  run = derive({"--frob"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "unknown option \"--frob\"")) << run.err;
  run = derive({});
  EXPECT_EQ(run.status, 2);
  run = derive({"exercise"});
  EXPECT_EQ(run.status, 2);
}

// --- exercise list -------------------------------------------------------------

TEST_F(Cli, ListJsonHasEveryIdInBookOrder) {
  const Outcome run = derive({"exercise", "list", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  std::vector<std::string> expected;
  for (const Exercise& exercise : builtin_catalogue().exercises) expected.push_back(exercise.id);
  EXPECT_EQ(json_ids(run.out), expected);
  // The 50 exercises of the contract and the 6 of the chapter "real".
  EXPECT_EQ(json_ids(run.out).size(), 56u);
  EXPECT_EQ(run.out.front(), '[');
  EXPECT_EQ(count_of(run.out, "\"chapter\": "), 56u);
  EXPECT_EQ(count_of(run.out, "\"title\": "), 56u);
}

TEST_F(Cli, ListTextShowsChaptersAndIds) {
  const Outcome run = derive({"exercise", "list"});
  ASSERT_EQ(run.status, 0) << run.err;
  for (const Exercise& exercise : builtin_catalogue().exercises) {
    EXPECT_TRUE(contains(run.out, exercise.id)) << exercise.id;
    EXPECT_TRUE(contains(run.out, exercise.title)) << exercise.title;
  }
  EXPECT_TRUE(contains(run.out, "56 exercises in 10 chapters")) << run.out;
}

// --- exercise show ---------------------------------------------------------------

TEST_F(Cli, ShowJsonHasTheContractKeysInOrder) {
  const Outcome run = derive({"exercise", "show", "llm.kv-cache", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  std::size_t previous = 0;
  for (const char* key :
       {"\"id\": \"llm.kv-cache\"", "\"chapter\": \"llm\"", "\"title\": ", "\"prompt\": ", "\"variant\": 0",
        "\"params\": {", "\"answer\": {\"value\": ", "\"unit\": \"MB\"", "\"explanation\": "}) {
    const auto at = run.out.find(key);
    ASSERT_NE(at, std::string::npos) << key << "\n" << run.out;
    EXPECT_GE(at, previous) << key << " out of order";
    previous = at;
  }
  // The canonical parameters of catalogue.md.
  EXPECT_TRUE(contains(run.out, "\"layers\": 32, \"kv_heads\": 32, \"head_dim\": 128, \"tokens\": 512"))
      << run.out;
}

TEST_F(Cli, ShowJsonOfAVariantAndOfASymbolicAnswer) {
  const Outcome variant = derive({"exercise", "show", "quant.levels", "--variant", "7", "--json"});
  ASSERT_EQ(variant.status, 0) << variant.err;
  EXPECT_TRUE(contains(variant.out, "\"variant\": 7")) << variant.out;

  const Outcome symbolic = derive({"exercise", "show", "kd.infinite-temperature", "--json"});
  ASSERT_EQ(symbolic.status, 0) << symbolic.err;
  EXPECT_TRUE(contains(symbolic.out, "\"answer\": {\"expression\": \"1/C\", \"variables\": [\"C\"]}"))
      << symbolic.out;
}

TEST_F(Cli, ShowTextHasPromptAnswerAndSteps) {
  const Outcome run = derive({"exercise", "show", "llm.kv-cache"});
  ASSERT_EQ(run.status, 0) << run.err;
  const Exercise* exercise = builtin_catalogue().find("llm.kv-cache");
  ASSERT_NE(exercise, nullptr);
  EXPECT_TRUE(contains(run.out, exercise->title));
  EXPECT_TRUE(contains(run.out, "Answer: " + kKvCache + " MB")) << run.out;
  EXPECT_TRUE(contains(run.out, "Steps:\n  1. ")) << run.out;
  EXPECT_TRUE(contains(run.out, "variant 0")) << run.out;
}

TEST_F(Cli, ShowRejectsBadVariants) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"-3", "variant must be a whole number >= 0, got \"-3\""},
      {"1.5", "variant must be a whole number >= 0, got \"1.5\""},
      {"abc", "variant must be a whole number >= 0, got \"abc\""},
      {"", "variant must be a whole number >= 0, got \"\""},
      {"99999999999999999999", "at most 18446744073709551615, got \"99999999999999999999\""},
  };
  for (const auto& [variant, message] : cases) {
    const Outcome run = derive({"exercise", "show", "quant.levels", "--variant", variant});
    EXPECT_EQ(run.status, 2) << variant;
    EXPECT_TRUE(contains(run.err, message)) << variant << ": " << run.err;
    EXPECT_EQ(run.out, "") << variant;
  }
  // The largest 64-bit variant is still a variant.
  EXPECT_EQ(derive({"exercise", "show", "quant.levels", "--variant", "18446744073709551615"}).status, 0);
}

TEST_F(Cli, UnknownIdSuggestsTheClosestIds) {
  Outcome run = derive({"exercise", "show", "llm.kv-cach"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "unknown exercise id \"llm.kv-cach\"; did you mean llm.kv-cache?"))
      << run.err;
  run = derive({"exercise", "check", "kv-cache", "--answer", "1"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "did you mean llm.kv-cache")) << run.err;
  run = derive({"exercise", "show", "zzzzzzzzzzzz"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "derive exercise list")) << run.err;
}

// --- exercise check --------------------------------------------------------------

TEST_F(Cli, CheckExitStatusesAndJson) {
  Outcome run = derive({"exercise", "check", "llm.kv-cache", "--answer", kKvCache + " MB", "--json"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(std::regex_search(
      run.out, std::regex(R"re(^\{"correct": true, "feedback": "[^"]*", "diagnosis": null\})re")))
      << run.out;

  // Half the cache: a named slip, so a diagnosis.
  run = derive({"exercise", "check", "llm.kv-cache", "--answer", kHalfKvCache, "--json"});
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_TRUE(std::regex_search(
      run.out, std::regex(R"re(^\{"correct": false, "feedback": "[^"]*", "diagnosis": "[^"]+"\})re")))
      << run.out;

  // Unreadable: the verdict is still printed, and the status is 2.
  run = derive({"exercise", "check", "llm.kv-cache", "--answer", "abc", "--json"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.out, "\"correct\": false")) << run.out;
  EXPECT_TRUE(contains(run.out, "abc")) << run.out;
}

TEST_F(Cli, CheckTextMode) {
  Outcome run = derive({"exercise", "check", "llm.kv-cache", "--answer", kKvCache + " MB"});
  EXPECT_EQ(run.status, 0);
  EXPECT_TRUE(contains(run.out, "Correct.")) << run.out;
  run = derive({"exercise", "check", "llm.kv-cache", "--answer", kHalfKvCache + " MB"});
  EXPECT_EQ(run.status, 1);
  EXPECT_TRUE(contains(run.out, "Not correct.")) << run.out;
  EXPECT_TRUE(contains(run.out, "Hint: ")) << run.out;
  run = derive({"exercise", "check", "llm.kv-cache", "--answer", "13.6 MBB"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.out, "Could not read the answer")) << run.out;
}

// Section 1 of docs/grading.md through the CLI: bare prefixes and number
// words, arithmetic, approximation words, unit words, several parts in one
// --answer, and the rounding slip.
TEST_F(Cli, CheckReadsEveryTypedForm) {
  const std::string mmacs = format_significant(kConvMacs / 1e6, 4);  // 14.45
  const std::string macs = std::to_string(kConvMacs);
  for (const std::string& typed :
       {mmacs + "M", mmacs + " million", "about " + mmacs, "~" + mmacs + " MMACs.", mmacs + " million MACs",
        format_significant(kConvMacs / 1e9, 4) + " GMACs", macs + "/10^6", macs + " MACs"}) {
    Outcome run = derive({"exercise", "check", "count.conv-macs", "--answer", typed});
    EXPECT_EQ(run.status, 0) << typed << ": " << run.out << run.err;
  }
  // quant.asym-scale: (x_max - x_min) / (2^8 - 1) = (6 - (-2)) / 255, typed as the fraction.
  Outcome scale = derive({"exercise", "check", "quant.asym-scale", "--answer", "8/255"});
  EXPECT_EQ(scale.status, 0) << scale.out;
  EXPECT_TRUE(contains(scale.out, "Read 8/255 as " + format_significant(8.0 / 255, 6))) << scale.out;
  for (const std::string& typed :
       {kStackedMmacs + ", " + kStackedMb, kStackedMmacs + " MMACs; " + kStackedMb + " MB",
        kStackedMmacs + " and " + kStackedMb}) {
    Outcome run = derive({"exercise", "check", "combo.stacking", "--answer", typed});
    EXPECT_EQ(run.status, 0) << typed << ": " << run.out << run.err;
  }
  // quant.zero-point: Z = round(-x_min / S) = round(2.0 / 0.03137); typed unrounded.
  Outcome unrounded =
      derive({"exercise", "check", "quant.zero-point", "--answer", format_fixed(2.0 / 0.03137, 2)});
  EXPECT_EQ(unrounded.status, 1) << unrounded.out;
  EXPECT_TRUE(contains(unrounded.out, "round your result to an integer")) << unrounded.out;
}

TEST_F(Cli, CheckAVariantMultiPartAndSymbolic) {
  // The answer of variant 5 as the engine computes it must grade correct.
  const Exercise* levels = builtin_catalogue().find("quant.levels");
  ASSERT_NE(levels, nullptr);
  auto instance = instantiate(*levels, 5);
  ASSERT_TRUE(instance.ok());
  const std::string answer = format_plain(instance->answers.at(0).number());
  EXPECT_EQ(derive({"exercise", "check", "quant.levels", "--variant", "5", "--answer", answer}).status, 0);

  EXPECT_EQ(derive({"exercise", "check", "combo.stacking", "--answer", kStackedMmacs, "--answer",
                    kStackedMb + " MB"})
                .status,
            0);
  EXPECT_EQ(derive({"exercise", "check", "combo.stacking", "--answer",
                    format_shortest(2 * std::stod(kStackedMmacs)), "--answer", kStackedMb + " MB"})
                .status,
            1);
  const Outcome one_part = derive({"exercise", "check", "combo.stacking", "--answer", kStackedMmacs});
  EXPECT_EQ(one_part.status, 2);
  EXPECT_TRUE(contains(one_part.out, "2 parts")) << one_part.out;

  EXPECT_EQ(derive({"exercise", "check", "kd.infinite-temperature", "--answer", "1/C"}).status, 0);
  EXPECT_EQ(derive({"exercise", "check", "kd.infinite-temperature", "--answer", "1/C^2"}).status, 1);
}

TEST_F(Cli, CheckNeedsAnAnswer) {
  const Outcome run = derive({"exercise", "check", "llm.kv-cache"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "--answer")) << run.err;
  EXPECT_EQ(derive({"exercise", "check", "llm.kv-cache", "--answer", "1", "--variant", "x"}).status, 2);
}

// --- real variants ---------------------------------------------------------------
// llm.gqa-reduction --real llama-3-8b: Meta-Llama-3-8B's config.json has 32
// attention heads and 8 key-value heads, a factor of 4.

TEST_F(Cli, ShowRealNamesTheSourceAndTheVariant) {
  Outcome run = derive({"exercise", "show", "llm.gqa-reduction", "--real", "llama-3-8b"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "llm.gqa-reduction (llm, real variant llama-3-8b)")) << run.out;
  EXPECT_TRUE(
      contains(run.out, "The attention of Meta-Llama-3-8B (Meta's config.json). A model uses 32 query heads"))
      << run.out;
  run = derive({"exercise", "show", "llm.gqa-reduction", "--real", "llama-3-8b", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "\"real\": \"llama-3-8b\", \"source\": \"The attention of Meta-Llama-3-8B"))
      << run.out;
  EXPECT_TRUE(contains(run.out, "\"params\": {\"query_heads\": 32, \"kv_heads\": 8}")) << run.out;
}

TEST_F(Cli, CheckGradesARealVariant) {
  EXPECT_EQ(
      derive({"exercise", "check", "llm.gqa-reduction", "--real", "llama-3-8b", "--answer", "4"}).status, 0);
  EXPECT_EQ(
      derive({"exercise", "check", "llm.gqa-reduction", "--real", "llama-3-8b", "--answer", "8"}).status, 1);
}

TEST_F(Cli, RealRefusesAnUnknownNameAndAVariant) {
  Outcome run = derive({"exercise", "show", "llm.gqa-reduction", "--real", "llama-9"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "llm.gqa-reduction has no real variant \"llama-9\" (it has: llama-3-8b, "))
      << run.err;
  run = derive({"exercise", "show", "measure.model-size", "--real", "x"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "measure.model-size has no real variant \"x\" (it has none)")) << run.err;
  run = derive(
      {"exercise", "check", "llm.gqa-reduction", "--real", "llama-3-8b", "--variant", "2", "--answer", "4"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "--variant excludes --real")) << run.err;
}

TEST_F(Cli, ListJsonMarksRealVariants) {
  const Outcome run = derive({"exercise", "list", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(count_of(run.out, "\"has_real\": "), builtin_catalogue().exercises.size());
  EXPECT_GE(count_of(run.out, "\"has_real\": true"), 15u);
  EXPECT_TRUE(contains(run.out,
                       "\"has_real\": true, \"real\": [{\"name\": \"llama-3-8b\", \"source\": "
                       "\"The attention of Meta-Llama-3-8B (Meta's config.json).\"}"))
      << run.out;
}

TEST_F(Cli, PracticeRealGoesThroughTheRealVariants) {
  // GPT-2 XL's config.json: n_positions 1024, n_embd 1600; 4·N²·d FLOPs.
  const double gflops = 4.0 * 1024 * 1024 * 1600 / 1e9;
  const Outcome run = derive({"practice", "--chapter", "llm", "--real"}, format_shortest(gflops) + "\nq\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "Practice: ")) << run.out;
  EXPECT_TRUE(contains(run.out, " real variants of chapter llm.")) << run.out;
  EXPECT_TRUE(contains(run.out, "] llm.attention-flops, real variant gpt2-xl-full-context")) << run.out;
  EXPECT_TRUE(contains(run.out, "Correct.")) << run.out;
  EXPECT_EQ(derive({"practice", "--real", "--variant", "1"}).status, 2);
  EXPECT_EQ(derive({"practice", "--real", "--chapter", "nas"}).status, 2);
}

// --- practice --------------------------------------------------------------------
// Chapter llm, variant 0: the first exercise is attention FLOPs
// (kAttentionGflops), the second the KV cache (kKvCache).

TEST_F(Cli, PracticeCorrectAnswerThenEndOfInput) {
  const Outcome run =
      derive({"practice", "--chapter", "llm", "--variant", "0"}, kAttentionGflops + " GFLOPs\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "[1/5] llm.attention-flops, variant 0")) << run.out;
  EXPECT_TRUE(contains(run.out, "Correct.")) << run.out;
  EXPECT_TRUE(contains(run.out, "[2/5] llm.kv-cache")) << run.out;
  EXPECT_TRUE(contains(run.out, "Summary: 1 solved, 0 attempted, 0 skipped (of 5 exercises)")) << run.out;
  EXPECT_TRUE(contains(run.out, "  llm: 1 solved, 0 attempted, 0 skipped")) << run.out;
}

TEST_F(Cli, PracticeWrongThenSolutionThenNext) {
  const Outcome run = derive({"practice", "--chapter", "llm", "--variant", "0"}, "99\ns\nn\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "Not correct.")) << run.out;
  EXPECT_TRUE(contains(run.out, "Try again, or type h (hint), s (solution), n (next), q (quit).")) << run.out;
  EXPECT_TRUE(contains(run.out, "Answer: " + kAttentionGflops + " GFLOPs\nSteps:\n  1. ")) << run.out;
  EXPECT_TRUE(contains(run.out, "[2/5] llm.kv-cache")) << run.out;
  EXPECT_FALSE(contains(run.out, "[3/5]")) << run.out;
  EXPECT_TRUE(contains(run.out, "Summary: 0 solved, 1 attempted, 0 skipped")) << run.out;
}

TEST_F(Cli, PracticeUnreadableAnswerIsAskedAgainWithoutAnAttempt) {
  const Outcome run =
      derive({"practice", "--chapter", "llm", "--variant", "0"}, "abc\n" + kAttentionGflops + "\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "Could not read the answer")) << run.out;
  EXPECT_EQ(count_of(run.out, "[1/5]"), 1u) << run.out;
  EXPECT_TRUE(contains(run.out, "Summary: 1 solved, 0 attempted, 0 skipped")) << run.out;
}

TEST_F(Cli, PracticeSkipQuitAndImmediateEndOfInput) {
  Outcome run = derive({"practice", "--chapter", "llm", "--variant", "0"}, "n\nq\n");
  EXPECT_EQ(run.status, 0);
  EXPECT_TRUE(contains(run.out, "Summary: 0 solved, 0 attempted, 1 skipped")) << run.out;
  EXPECT_FALSE(contains(run.out, "[3/5]")) << run.out;

  run = derive({"practice"}, "");
  EXPECT_EQ(run.status, 0) << run.err;  // timeout would give 124
  EXPECT_TRUE(contains(run.out, "[1/56] ")) << run.out;
  EXPECT_TRUE(contains(run.out, "Summary: 0 solved, 0 attempted, 0 skipped (of 56 exercises)")) << run.out;
}

TEST_F(Cli, PracticeMultiPartReadsOneLinePerPart) {
  const Outcome run = derive({"practice", "--chapter", "combined", "--variant", "0"},
                             "n\nn\nn\nn\n" + kStackedMmacs + "\n" + kStackedMb + "\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "part 1/2 (MMACs)> ")) << run.out;
  EXPECT_TRUE(contains(run.out, "part 2/2 (MB)> ")) << run.out;
  EXPECT_TRUE(contains(run.out, "Summary: 1 solved, 0 attempted, 4 skipped")) << run.out;
}

TEST_F(Cli, PracticeFreshVariantsArePrintedAndPlain) {
  const Outcome run = derive({"practice", "--chapter", "measure"}, "q\n");
  EXPECT_EQ(run.status, 0) << run.err;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(run.out, match, std::regex(R"(\[1/5\] measure\.model-size, variant (\d+))")))
      << run.out;
  EXPECT_GE(std::stoull(match[1]), 1u);
  EXPECT_FALSE(contains(run.out, "\033[")) << "colour codes on a pipe";
}

TEST_F(Cli, PracticeRejectsUnknownChapterAndBadVariant) {
  Outcome run = derive({"practice", "--chapter", "mesure"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "unknown chapter \"mesure\"; did you mean measure")) << run.err;
  run = derive({"practice", "--variant", "-1"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "variant must be a whole number >= 0, got \"-1\"")) << run.err;
}

// --- calc ------------------------------------------------------------------------

TEST_F(Cli, CalcByExpressionAndByFlagsAgree) {
  const std::string expected = "536,870,912 B = 536.9 MB = 512 MiB\n";
  Outcome run = derive(
      {"calc",
       "kv_cache_bytes(layers=32, kv_heads=8, head_dim=128, tokens=4096, batch=1, bytes_per_value=2)"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, expected);
  run = derive({"calc", "kv_cache_bytes", "--layers", "32", "--kv_heads", "8", "--head_dim", "128",
                "--tokens", "4096"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, expected);
  run = derive(
      {"calc", "kv_cache_bytes", "--layers=32", "--kv-heads", "8", "--head_dim", "2^7", "--tokens", "4096"});
  EXPECT_EQ(run.out, expected) << run.err;
}

// A value as a flag or an argument of the expression form takes it.
std::string argument_text(const Value& v, const char* list_open, const char* list_close) {
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (!v.is_list()) return format_plain(v.number());
  std::string text = list_open;
  for (std::size_t i = 0; i < v.list().size(); ++i) text += (i ? "," : "") + format_plain(v.list()[i]);
  return text + list_close;
}

// `derive calc NAME --flags` is the expression NAME(...) by another route: for
// every engine function and each of its numeric parameters set to 1e308, the
// two give the same verdict and text, and never print inf or nan (tensor_bytes
// --bytes_per_value 1e308 printed "inf B" with status 0).
TEST_F(Cli, CalcByFlagsChecksOverflowLikeTheExpressionForm) {
  for (const FunctionSpec& spec : engine_registry().functions()) {
    const auto base = derive::testing::working_call(spec);
    ASSERT_TRUE(base.has_value()) << spec.name;
    for (const ParamSpec& p : spec.params) {
      if (p.kind != ParamKind::Real && p.kind != ParamKind::Count) continue;
      std::vector<std::string> args = {"calc", spec.name};
      std::string expression = spec.name + "(";
      for (const auto& [name, value] : *base) {
        const Value v = name == p.name ? Value::real(1e308) : value;
        args.push_back("--" + name);
        args.push_back(argument_text(v, "", ""));
        expression += (expression.back() == '(' ? "" : ", ") + name + "=" + argument_text(v, "[", "]");
      }
      const auto expected = calculate(expression + ")");
      const Outcome run = derive(args);
      const std::string where = spec.name + " --" + p.name + " 1e308";
      EXPECT_FALSE(contains(run.out, "inf") || contains(run.out, "nan")) << where << ": " << run.out;
      if (expected.ok()) {
        EXPECT_EQ(run.status, 0) << where << ": " << run.err;
        EXPECT_EQ(run.out, expected->text + "\n") << where;
      } else {
        EXPECT_EQ(run.status, 2) << where << ": " << run.out;
        EXPECT_TRUE(contains(run.err, expected.error().message)) << where << ": " << run.err;
      }
    }
  }
}

TEST_F(Cli, CalcPlainArithmeticListsAndBooleans) {
  EXPECT_EQ(derive({"calc", "2^10 * 3"}).out, "3072\n");
  EXPECT_EQ(derive({"calc", "2", "+", "3"}).out, "5\n");
  // Arithmetic on a call leaves its unit behind.
  EXPECT_EQ(derive({"calc", "kv_cache_bytes(32, 8, 128, 4096) / 1e6"}).out, "536.870912\n");
  EXPECT_EQ(derive({"calc", "expected_latency", "--latencies", "10,5,2", "--probs", "0.6,0.3,0.1"}).out,
            derive({"calc", "expected_latency([10, 5, 2], [0.6, 0.3, 0.1])"}).out);
  const Outcome with_bias =
      derive({"calc", "linear_params", "--in_features", "512", "--out_features", "256"});
  const Outcome without =
      derive({"calc", "linear_params", "--in_features", "512", "--out_features", "256", "--bias", "false"});
  EXPECT_TRUE(contains(with_bias.out, "131,328")) << with_bias.out << with_bias.err;
  EXPECT_TRUE(contains(without.out, "131,072")) << without.out << without.err;
}

TEST_F(Cli, CalcListsEveryFunction) {
  const Outcome run = derive({"calc", "--list"});
  EXPECT_EQ(run.status, 0) << run.err;
  for (const FunctionSpec& spec : engine_registry().functions()) {
    EXPECT_TRUE(contains(run.out, "  " + spec.name + "(")) << spec.name;
    if (!spec.source.empty()) EXPECT_TRUE(contains(run.out, "source: " + spec.source)) << spec.name;
  }
  EXPECT_TRUE(contains(run.out,
                       "kv_cache_bytes(layers, kv_heads, head_dim, tokens, batch=1, bytes_per_value=2) -> B"))
      << run.out;
}

TEST_F(Cli, CalcHelpForOneFunction) {
  const Outcome run = derive({"calc", "kv_cache_bytes", "--help"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "--layers N")) << run.out;
  EXPECT_TRUE(contains(run.out, "--bytes_per_value X")) << run.out;
  EXPECT_TRUE(contains(run.out, "default 2")) << run.out;
  EXPECT_TRUE(contains(run.out, "Source: ")) << run.out;
}

TEST_F(Cli, CalcErrors) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"calc"}, "calc needs an expression or a function name"},
      {{"calc", "kv_cahe_bytes", "--layers", "3"},
       "unknown function 'kv_cahe_bytes'; did you mean kv_cache_bytes?"},
      {{"calc", "kv_cahe_bytes(1)"}, "kv_cache_bytes"},
      {{"calc", "kv_cache_bytes", "--layer", "32"},
       "kv_cache_bytes has no parameter --layer; did you mean --layers?"},
      {{"calc", "kv_cache_bytes", "--layers", "abc"}, "--layers must be a whole number >= 0, got \"abc\""},
      {{"calc", "kv_cache_bytes", "--layers", "32"}, "missing parameter 'kv_heads'"},
      {{"calc", "kv_cache_bytes", "--layers", "1", "--layers", "2"}, "--layers is given twice"},
      {{"calc", "kv_cache_bytes", "--layers"}, "--layers needs a value"},
      {{"calc", "1/0"}, "division by zero"},
      {{"calc", "--list", "extra"}, "calc --list takes no other arguments"},
  };
  for (const auto& [args, message] : cases) {
    const Outcome run = derive(args);
    EXPECT_EQ(run.status, 2) << args.back();
    EXPECT_TRUE(contains(run.err, message)) << args.back() << ": " << run.err;
    EXPECT_EQ(run.out, "") << args.back();
  }
}

// --- lint ------------------------------------------------------------------------

TEST_F(Cli, LintReportsFileLineAndMessage) {
  TempDir dir;
  const fs::path broken = dir.path() / "broken.toml";
  const fs::path syntax = dir.path() / "syntax.toml";
  write_file(broken, R"toml(chapter = "measure"
title = "Broken on purpose"
intro = "One exercise whose answer names a parameter that does not exist."

[[exercise]]
id = "measure.model-size"
title = "Model size"
prompt = "How many MB do {params} parameters take?"
answer = "params * bitz"
unit = "MB"
steps = ["{params} parameters."]

[exercise.params]
params = { canonical = 3.4e6 }
)toml");
  write_file(syntax, "chapter = \"measure\"\ntitle = \"t\"\nintro = \n");
  const Outcome run = derive({"lint", broken.string(), syntax.string()});
  EXPECT_EQ(run.status, 1) << run.err;
  // The problem is reported at the exercise (line 5) or at its answer (line 9).
  EXPECT_TRUE(std::regex_search(run.out, std::regex(broken.string() + ":(5|9): .*unknown name 'bitz'")))
      << run.out;
  EXPECT_TRUE(contains(run.out, syntax.string() + ":3: ")) << run.out;
  EXPECT_TRUE(contains(run.out, "TOML")) << run.out;
  EXPECT_TRUE(std::regex_search(run.out, std::regex(R"(\n\d+ problems in 2 files\n$)"))) << run.out;
}

TEST_F(Cli, LintOfTheShippedCatalogueIsClean) {
  TempDir dir;
  std::vector<std::string> args = {"lint"};
  for (const SourceFile& source : builtin_catalogue_sources()) {
    const fs::path path = dir.path() / fs::path(source.name).filename();
    write_file(path, source.text);
    args.push_back(path.string());
  }
  const Outcome run = derive(args);
  EXPECT_EQ(run.status, 0) << run.out;
  EXPECT_EQ(run.out, "ok: " + std::to_string(builtin_catalogue_sources().size()) + " files, " +
                         std::to_string(builtin_catalogue().exercises.size()) + " exercises\n");
}

// A draw setting out of bounds is a lint problem found at once (significant =
// 100000 used to draw for minutes), and --catalogue never draws from it.
TEST_F(Cli, LintBoundsDrawSettingsAndTheyAreNeverDrawn) {
  TempDir dir;
  const fs::path chapter = dir.path() / "1-measure.toml";
  write_file(chapter, R"toml(chapter = "measure"
title = "Bounds"
intro = "Draw settings out of bounds."

[[exercise]]
id = "measure.bounds"
title = "Bounds"
prompt = "{x} and {y}?"
answer = "x + sum(y)"
unit = "ratio"
significant = 3
steps = ["{x + sum(y):s3}."]

[exercise.params]
x = { canonical = 5, min = 1, max = 1000, log = true, significant = 100000 }
y = { canonical = [1], min = 1, max = 10, step = 1, length = 10000000 }
)toml");
  Outcome run = derive({"lint", chapter.string()});
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_EQ(run.out,
            chapter.string() +
                ":15: exercise 'measure.bounds', parameter 'x': 'significant' must be a whole number "
                "from 1 to 15, got 100000\n" +
                chapter.string() +
                ":16: exercise 'measure.bounds', parameter 'y': 'length' must be a whole number from "
                "1 to 64, got 10000000\n2 problems in 1 file\n");
  run = derive({"--catalogue", dir.path().string(), "exercise", "show", "measure.bounds", "--variant", "3"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err,
                       "derive: measure.bounds variant 3: parameter 'x' has a draw spec with problems; "
                       "derive lint says which\n"))
      << run.err;
  EXPECT_EQ(derive({"--catalogue", dir.path().string(), "exercise", "show", "measure.bounds"}).status, 0);
  run = derive({"--catalogue", dir.path().string(), "practice", "--variant", "3"}, "q\n");
  EXPECT_EQ(run.status, 0);
  EXPECT_TRUE(contains(run.err,
                       "derive: skipping measure.bounds variant 3: parameter 'x' has a draw spec with "
                       "problems; derive lint says which\n"))
      << run.err;
}

// Wherever input is echoed (answers, ids, chapters, variants, expressions,
// flags, file names, CLI11's own errors) its control bytes are shown escaped:
// an answer holding ESC [ 2 J must not clear the screen.
TEST_F(Cli, EchoedInputNeverReachesTheTerminalRaw) {
  const std::string esc = "\x1b[2J";
  const std::string c1 =
      "\xc2\x9b"
      "31m";  // U+009B, the one-character CSI
  TempDir dir;
  const fs::path chapter = dir.path() / "1-x.toml";
  write_file(chapter,
             "chapter = \"x\"\ntitle = \"t\"\nintro = \"i\"\n[[exercise]]\nid = \"x.a\\u001b[2J\"\n");
  const std::vector<std::pair<std::vector<std::string>, std::string>> runs = {
      {{"exercise", "check", "llm.kv-cache", "--answer", esc + c1}, ""},
      {{"exercise", "check", "llm.kv-cache", "--answer", "13 " + esc}, ""},
      {{"exercise", "check", "llm.kv-cache", "--answer", esc, "--json"}, ""},
      {{"exercise", "check", "kd.infinite-temperature", "--answer", "1/C" + esc}, ""},
      {{"exercise", "show", "llm.kv" + esc}, ""},
      {{"exercise", "show", "llm.kv-cache", "--variant", esc}, ""},
      {{"practice", "--chapter", "llm", "--variant", "0"}, esc + c1 + "\nq\n"},
      {{"practice", "--chapter", esc}, ""},
      {{"calc", "2 + " + esc}, ""},
      {{"calc", "kv_cache_bytes", "--layers", esc}, ""},
      {{"calc", "kv_cache_bytes", "--lay" + esc, "3"}, ""},
      {{"calc", "kv_cache_bytes", "--layers=2", esc}, ""},
      {{"calc", "--list", esc}, ""},
      {{"calc", "nosuch" + esc, "--x", "1"}, ""},
      {{esc}, ""},
      {{"exercise", "list", esc}, ""},
      {{"lint", (dir.path() / esc).string()}, ""},
      {{"lint", chapter.string()}, ""},
      {{"--catalogue", (dir.path() / esc).string(), "exercise", "list"}, ""},
  };
  for (const auto& [args, input] : runs) {
    const Outcome run = derive(args, input);
    const std::string all = run.out + run.err;
    std::string shown;
    for (const std::string& a : args) shown += " " + a;
    EXPECT_EQ(all.find('\x1b'), std::string::npos) << shown << ":\n" << all;
    EXPECT_EQ(all.find('\x9b'), std::string::npos) << shown << ":\n" << all;
    EXPECT_TRUE(contains(all, "\\x1b[2J") || contains(all, "\\\\x1b[2J") || contains(all, "\\u009b"))
        << shown << ": the input is not echoed at all:\n"
        << all;
  }
}

// An id nearly as long as one argument can be (Linux passes 128 KiB) is
// quoted cut short rather than echoed whole. The cost of its "did you mean"
// search is measured by bench/suggest_bench.cpp (BM_DidYouMeanHugeId).
TEST_F(Cli, HugeInputIsQuotedShort) {
  const std::string huge(120'000, 'x');
  const Outcome run = derive({"exercise", "show", huge});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, "derive: unknown exercise id \"" + std::string(200, 'x') +
                         "\u2026 (120000 bytes)\"; run `derive exercise list` to see every id\n");
}

TEST_F(Cli, LintUnreadableFileAndNoFiles) {
  Outcome run = derive({"lint", "/nonexistent/chapter.toml"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "cannot read /nonexistent/chapter.toml")) << run.err;
  run = derive({"lint"});
  EXPECT_EQ(run.status, 2);
}

// --- author --------------------------------------------------------------------

// The tutorial's exercise at variant 5: the prompt's numbers, the answer the
// layer's definition gives for them, the steps and the named mistakes.
TEST_F(Cli, AuthorPreviewsPromptAnswerAndStepsOfAVariant) {
  const Outcome run = derive({"author", testing::kFirstExercisePath, "--variant", "5"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "ok: 1 exercise\n")) << run.out;
  EXPECT_TRUE(contains(run.out, testing::kFirstExerciseId + " (variant 5)")) << run.out;
  std::smatch numbers;
  ASSERT_TRUE(std::regex_search(
      run.out, numbers, std::regex(R"(maps ([\d,]+) inputs to (\d+) outputs, [^\n]*with (\d+) bits)")))
      << run.out;
  std::string inputs = numbers[1];  // "1,024": the prompt groups thousands
  inputs.erase(std::remove(inputs.begin(), inputs.end(), ','), inputs.end());
  const double kb = testing::dense_layer_kb(std::stod(inputs), std::stod(numbers[2]), std::stod(numbers[3]));
  EXPECT_TRUE(contains(run.out, "Answer: " + format_fixed(kb, 1) + " KB\n")) << run.out;
  EXPECT_TRUE(contains(run.out, "Steps:\n  1. The layer holds ")) << run.out;
  EXPECT_TRUE(contains(run.out, "Named mistakes:\n")) << run.out;
}

TEST_F(Cli, AuthorNamesTheLineAndWhatWasExpected) {
  TempDir dir;
  const fs::path wrong_type = dir.path() / "wrong-type.toml";
  const fs::path bad_toml = dir.path() / "bad-toml.toml";
  write_file(wrong_type, testing::first_exercise_with("decimals = 1", "decimals = \"one\""));
  write_file(bad_toml, testing::first_exercise_with("unit = \"KB\"", "unit = \"KB"));
  Outcome run = derive({"author", wrong_type.string()});
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_TRUE(contains(run.out, wrong_type.string() + ":21: exercise '" + testing::kFirstExerciseId +
                                    "': 'decimals' must be a whole number from 0 to 15\n"))
      << run.out;
  run = derive({"author", bad_toml.string()});
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_TRUE(contains(run.out, bad_toml.string() + ":20: not valid TOML: ")) << run.out;
}

TEST_F(Cli, AuthorReportsLintProblems) {
  TempDir dir;
  const fs::path no_answer = dir.path() / "no-answer.toml";
  const fs::path false_remark = dir.path() / "false-remark.toml";
  write_file(no_answer, testing::first_exercise_with("answer = \"size_kb\"", "answer = \"size_kb * bitz\""));
  // bits is drawn from 32, 16, 8 and 4, so "smaller" is false on some variants.
  write_file(false_remark, testing::first_exercise_with(
                               "remark = \"\"\"The biases are one number in every {n_in + 1} of the layer:",
                               "remark = \"\"\"At {bits} bits the layer is smaller than at 16 bits:"));
  Outcome run = derive({"author", no_answer.string()});
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_TRUE(contains(run.out, "answer: unknown name 'bitz'")) << run.out;
  EXPECT_TRUE(contains(run.out, "1 problem in 1 file\n")) << run.out;
  run = derive({"author", false_remark.string()});
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_TRUE(
      contains(run.out, "remark: \"smaller than\" compares a variant's numbers outside a conditional"))
      << run.out;
}

TEST_F(Cli, AuthorJsonIsValidAndItsAnswerFollowsFromItsParameters) {
  const Outcome run = derive({"author", testing::kFirstExercisePath, "--variant", "12", "--json"});
  EXPECT_EQ(run.status, 0) << run.err;
  const nlohmann::json doc = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << run.out;
  EXPECT_TRUE(doc["issues"].empty()) << run.out;
  const nlohmann::json& card = doc["exercises"][0]["card"];
  EXPECT_EQ(card["variant"], 12);
  const nlohmann::json& p = card["params"];
  EXPECT_DOUBLE_EQ(card["answer"]["value"].get<double>(),
                   testing::dense_layer_kb(p["n_in"], p["n_out"], p["bits"]));
}

TEST_F(Cli, AuthorTemplateLoadsAndPassesLint) {
  TempDir dir;
  const fs::path draft = dir.path() / "draft.toml";
  const Outcome printed = derive({"author", "--template"});
  EXPECT_EQ(printed.status, 0) << printed.err;
  write_file(draft, printed.out);
  const Outcome lint = derive({"lint", draft.string()});
  EXPECT_EQ(lint.status, 0) << lint.out;
  EXPECT_EQ(lint.out, "ok: 1 file, 1 exercise\n");
  const Outcome preview = derive({"author", draft.string(), "--variant", "3"});
  EXPECT_EQ(preview.status, 0) << preview.out;
  EXPECT_TRUE(contains(preview.out, "Answer: ")) << preview.out;
}

// --watch runs once at the start and keeps going: stopped by timeout (124).
TEST_F(Cli, AuthorWatchRunsAndKeepsWatching) {
  TempDir dir;
  const fs::path file = dir.path() / "first-exercise.toml";
  write_file(file, testing::first_exercise_toml());
  const fs::path out = dir.path() / "out";
  const std::string command = "timeout 2 " + shell_quote(kBinary) + " author " + shell_quote(file.string()) +
                              " --watch </dev/null >" + shell_quote(out.string()) + " 2>&1";
  const int raw = std::system(command.c_str());
  EXPECT_EQ(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, 124);
  const std::string text = read_file(out);
  EXPECT_TRUE(contains(text, "--- derive author: " + file.string() + " ---\nok: 1 exercise\n")) << text;
  EXPECT_TRUE(contains(text, "(watching " + file.string() + "; Ctrl-C stops)\n")) << text;
  EXPECT_EQ(count_of(text, "--- derive author: "), 1u) << "an unchanged file is not shown again: " << text;
}

TEST_F(Cli, AuthorRefusesBadUsage) {
  EXPECT_EQ(derive({"author"}).status, 2);
  EXPECT_EQ(derive({"author", "/nonexistent/draft.toml"}).status, 2);
  const Outcome run = derive({"author", testing::kFirstExercisePath, "--variant", "minus one"});
  EXPECT_EQ(run.status, 2);
  EXPECT_FALSE(run.err.empty());
}

// --- --catalogue ---------------------------------------------------------------------

// --- instructors: assignments and SCORM (docs/instructors.md) ---------------

TEST_F(Cli, AssignmentVariantsAreReproducibleAndItsResultsCodeVerifies) {
  TempDir dir;
  const std::string key = (dir.path() / "instructor.key").string(),
                    other = (dir.path() / "other.key").string();
  write_file(key, "a private instructor key of 32 B");
  write_file(other, "another instructor key, not hers");
  const Outcome created = derive({"assignment", "create", "--name", "week 3", "--exercises",
                                  "llm.kv-cache,quant.levels", "--key-file", key});
  ASSERT_EQ(created.status, 0) << created.err;
  const std::string link = created.out.substr(0, created.out.find('\n'));
  EXPECT_EQ(link.rfind("#/assignment/1~", 0), 0u) << link;
  const Outcome variants = derive({"assignment", "variants", link, "--learner", "Ada Lovelace"});
  ASSERT_EQ(variants.status, 0) << variants.err;
  EXPECT_EQ(derive({"assignment", "variants", link, "--learner", " ada  LOVELACE"}).out, variants.out);
  EXPECT_NE(derive({"assignment", "variants", link, "--learner", "Grace Hopper"}).out, variants.out);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(variants.out, m, std::regex(R"(llm\.kv-cache variant (\d+))")))
      << variants.out;
  const Outcome shown = derive({"exercise", "show", "llm.kv-cache", "--variant", m[1].str(), "--json"});
  ASSERT_TRUE(std::regex_search(shown.out, m, std::regex(R"re("value": ([0-9.e+-]+), "unit": "([^"]+)")re")));
  const std::string right = m[1].str() + " " + m[2].str();

  const Outcome code =
      derive({"assignment", "answer", link, "--learner", "Ada Lovelace", "--answer", right, "--answer", "3"});
  ASSERT_EQ(code.status, 0) << code.err;
  const std::string text = code.out.substr(0, code.out.find('\n'));
  const Outcome verified = derive({"assignment", "verify", text, "--key-file", key});
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_TRUE(contains(verified.out, "learner ada lovelace")) << verified.out;
  EXPECT_TRUE(contains(verified.out, ": correct  (" + right + ")")) << verified.out;
  EXPECT_TRUE(contains(verified.out, "Score: 1 of 2 correct")) << verified.out;

  // Other answers under the code's MAC: what editing the code by hand gives.
  const Outcome edited = derive(
      {"assignment", "answer", link, "--learner", "Ada Lovelace", "--answer", "1 MB", "--answer", "3"});
  const std::string tampered =
      edited.out.substr(0, edited.out.rfind('~') + 1) + text.substr(text.rfind('~') + 1);
  EXPECT_EQ(derive({"assignment", "verify", tampered, "--key-file", key}).status, 1);
  EXPECT_EQ(derive({"assignment", "verify", text, "--key-file", other}).status, 1);
  EXPECT_EQ(derive({"assignment", "verify", "not a code", "--key-file", key}).status, 2);
  write_file(key, "short");
  EXPECT_TRUE(contains(derive({"assignment", "verify", text, "--key-file", key}).err, "at least 16"));
}

TEST_F(Cli, ExportScormWritesAZipAndRefusesBadUsage) {
  TempDir dir;
  const std::string out = (dir.path() / "llm.zip").string();
  const Outcome written = derive({"export-scorm", "--chapter", "llm", out});
  if (contains(written.err, "stage")) GTEST_SKIP() << "derive was built without a site: " << written.err;
  ASSERT_EQ(written.status, 0) << written.err;
  EXPECT_EQ(read_file(out).substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_TRUE(contains(written.out, "SCORM 1.2"));
  EXPECT_EQ(derive({"export-scorm", "--chapter", "llm", out}).status, 2)
      << "an existing file without --force";
  EXPECT_EQ(derive({"export-scorm", "--chapter", "llm", "--force", out}).status, 0);
  EXPECT_TRUE(contains(derive({"export-scorm", "--chapter", "lm", out, "--force"}).err, "did you mean llm?"));
  EXPECT_EQ(derive({"export-scorm", "--scorm", "1.3", "--chapter", "llm", out, "--force"}).status, 2);
  EXPECT_EQ(derive({"export-scorm", out, "--force"}).status, 2) << "neither --chapter nor --exercises";
  EXPECT_TRUE(contains(
      derive({"--catalogue", dir.path().string(), "export-scorm", "--chapter", "llm", out, "--force"}).err,
      "built-in catalogue"));
}

TEST_F(Cli, CatalogueFolderReplacesTheEmbeddedOne) {
  TempDir dir;
  ASSERT_FALSE(builtin_catalogue_sources().empty());
  const SourceFile& first = builtin_catalogue_sources().front();
  write_file(dir.path() / fs::path(first.name).filename(), first.text);
  const LoadResult expected = load_catalogue({first});
  std::vector<std::string> ids;
  for (const Exercise& exercise : expected.catalogue.exercises) ids.push_back(exercise.id);

  Outcome run = derive({"--catalogue", dir.path().string(), "exercise", "list", "--json"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(json_ids(run.out), ids);
  // Also after the subcommand.
  run = derive({"exercise", "list", "--json", "--catalogue", dir.path().string()});
  EXPECT_EQ(json_ids(run.out), ids);

  run = derive({"--catalogue", (dir.path() / "missing").string(), "exercise", "list"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "--catalogue must be a folder of .toml files")) << run.err;
}

// --- practice: hints and the review queue -------------------------------------------

// h shows the worked solution's steps one at a time and stops before the step
// that gives the answer: on the first exercise of every chapter, the answer
// at the precision asked never appears before the learner asks for it.
TEST_F(Cli, PracticeHintsShowStepsButNotTheAnswer) {
  for (const Chapter& chapter : builtin_catalogue().chapters) {
    const Exercise* e = builtin_catalogue().find(chapter.exercise_ids.front());
    ASSERT_NE(e, nullptr);
    const auto in = instantiate(*e, 3);
    ASSERT_TRUE(in.ok());
    std::string input;
    for (std::size_t i = 0; i <= e->steps.size(); ++i) input += "h\n";
    const Outcome run = derive({"practice", "--chapter", chapter.name, "--variant", "3"}, input + "q\n");
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "] " + e->id + ", variant 3")) << run.out;
    if (e->steps.size() > 1) EXPECT_TRUE(contains(run.out, "Step 1 of ")) << run.out;
    EXPECT_TRUE(contains(run.out, "No more hints")) << run.out;
    for (std::size_t i = 0; i < e->parts.size(); ++i) {
      const std::string answer =
          format_at_precision(e->parts[i].precision, in->answers[i].number().to_double());
      EXPECT_FALSE(contains(run.out, " " + answer + " ")) << e->id << " shows its answer " << answer << ":\n"
                                                          << run.out;
    }
  }
}

// A scratch state file and a fixed clock for the review tests.
class Review : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    at(kDay);
  }
  void TearDown() override { unsetenv("DERIVE_NOW"); }
  static void at(std::int64_t day) { setenv("DERIVE_NOW", std::to_string(day * 86400 + 3600).c_str(), 1); }
  std::string state() const { return (dir_.path() / "state" / "review.json").string(); }
  Outcome review(const std::string& input, const std::vector<std::string>& more = {}) const {
    std::vector<std::string> args = {"practice", "--review", "--chapter", "llm", "--state", state()};
    args.insert(args.end(), more.begin(), more.end());
    return derive(args, input);
  }
  static constexpr std::int64_t kDay = 20424;  // 2025-12-02
  TempDir dir_;
};

TEST_F(Review, AWrongAnswerIsRatedAgainSavedAndDueTheNextDay) {
  const Outcome first = review("99\nq\n");
  EXPECT_EQ(first.status, 0) << first.err;
  EXPECT_TRUE(contains(first.out, "Review (2025-12-02): 0 due, 5 new")) << first.out;
  EXPECT_TRUE(contains(first.out, "Rated again: next review tomorrow (2025-12-03).")) << first.out;
  const std::string saved = read_file(state());
  EXPECT_TRUE(contains(saved, "\"version\": 1")) << saved;
  EXPECT_TRUE(contains(saved, "\"rating\": \"again\"")) << saved;
  EXPECT_TRUE(contains(saved, "\"correct\": false")) << saved;
  EXPECT_TRUE(contains(saved, "\"new\": {\"day\": 20424, \"count\": 1}")) << saved;

  // The same day: the card is not due, and one of the five new ones is used.
  const Outcome again = review("q\n");
  EXPECT_TRUE(contains(again.out, "0 due, 4 new")) << again.out;
  // The next day it is due, first, and the day's new ones are five again.
  at(kDay + 1);
  const Outcome next = review("q\n");
  EXPECT_TRUE(contains(next.out, "Review (2025-12-03): 1 due, 4 new")) << next.out;
  EXPECT_TRUE(contains(next.out, "[1/5] review: llm.attention-flops")) << next.out;
}

TEST_F(Review, SkippingWithoutAnAnswerIsNotAReview) {
  const Outcome run = review("n\nq\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "Reviewed 0: ")) << run.out;
  EXPECT_FALSE(fs::exists(state())) << "nothing to save";
}

TEST_F(Review, NewExercisesAreCappedPerDay) {
  const Outcome run = review("q\n", {"--new-per-day", "2"});
  EXPECT_TRUE(contains(run.out, "0 due, 2 new (at most 2 new a day)")) << run.out;
  const Outcome bad = review("q\n", {"--new-per-day", "-1"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_TRUE(contains(bad.err, "--new-per-day must be 0 or more")) << bad.err;
}

TEST_F(Review, ACorruptOrNewerStateIsRefusedAndLeftUntouched) {
  fs::create_directories(fs::path(state()).parent_path());
  for (const std::string& text :
       {std::string("{\"version\": 1, \"cards\": [{\"exercise\": \"llm.kv-cache\"}]}"),
        std::string("not json"),
        std::string("{\"version\": 9, \"cards\": [], \"new\": {\"day\": 0, \"count\": 0}, \"log\": []}")}) {
    write_file(state(), text);
    const Outcome run = review("99\nq\n");
    EXPECT_EQ(run.status, 2) << run.out;
    EXPECT_TRUE(contains(run.err, "the review state " + state() + " is not valid")) << run.err;
    EXPECT_TRUE(contains(run.err, "left untouched")) << run.err;
    EXPECT_EQ(read_file(state()), text);
  }
  write_file(state(), "{\"version\": 1, \"cards\": [{\"exercise\": \"llm.kv-cache\"}]}");
  EXPECT_TRUE(contains(review("q\n").err, "cards[0].stability: expected a number"));
}

TEST_F(Review, VariantAndABadClockAreRefused) {
  Outcome run = review("q\n", {"--variant", "3"});
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "--variant cannot be used with --review")) << run.err;
  setenv("DERIVE_NOW", "yesterday", 1);
  run = review("q\n");
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(contains(run.err, "DERIVE_NOW must be a time in Unix seconds")) << run.err;
}

// A review log written and read back keeps every field: the state file of
// one session is the input of the next.
TEST_F(Review, TheStateRoundTripsThroughTheFile) {
  ASSERT_EQ(review("99\n99\nq\n").status, 0);
  const std::string once = read_file(state());
  at(kDay + 1);
  ASSERT_EQ(review("q\n").status, 0);  // read, nothing reviewed, nothing written
  EXPECT_EQ(read_file(state()), once);
  ASSERT_EQ(review("s\nn\nq\n").status, 0);  // the solution shown, then next: a review (again)
  const std::string twice = read_file(state());
  EXPECT_EQ(twice.substr(0, 20), once.substr(0, 20));
  EXPECT_EQ(count_of(twice, "\"rating\""), count_of(once, "\"rating\"") + 1) << twice;
}

}  // namespace
}  // namespace derive
