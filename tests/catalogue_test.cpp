// The shipped catalogue: the 50 ids of shared/catalogue.md in book order, then
// the exercises added after the contract (chapter "real"), clean
// lint, sensible and deterministic variants, and grading of every exercise's
// own answer in several typed forms.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/exercise/json.hpp"
#include "derive/number_format.hpp"
#include "exercise/precision.hpp"

namespace derive {
namespace {

// The public ids, in book order (shared/catalogue.md).
const std::vector<std::string> kIds = {"measure.model-size",
                                       "measure.macs-to-flops",
                                       "measure.arithmetic-intensity",
                                       "measure.activation-memory",
                                       "measure.ridge-point",
                                       "count.linear-params",
                                       "count.conv-params",
                                       "count.conv-macs",
                                       "count.separable-ratio",
                                       "count.ffn-macs",
                                       "prune.sparsity",
                                       "prune.obd-saliency",
                                       "prune.nm-sparsity",
                                       "prune.csr-size",
                                       "prune.global-nonzeros",
                                       "quant.asym-scale",
                                       "quant.zero-point",
                                       "quant.quantize",
                                       "quant.dequant-error",
                                       "quant.codebook-ratio",
                                       "quant.per-channel-overhead",
                                       "quant.ste-gradient",
                                       "quant.smoothquant-factor",
                                       "quant.llm-size",
                                       "quant.levels",
                                       "nas.search-space",
                                       "nas.darts-softmax",
                                       "nas.expected-latency",
                                       "nas.mnasnet-reward",
                                       "nas.darts-speedup",
                                       "kd.soft-prob",
                                       "kd.gradient-scale",
                                       "kd.loss",
                                       "kd.compression-ratio",
                                       "kd.infinite-temperature",
                                       "mcu.peak-sram",
                                       "mcu.patch-reduction",
                                       "mcu.im2col-size",
                                       "mcu.flash-weights",
                                       "mcu.row-tiling",
                                       "llm.attention-flops",
                                       "llm.kv-cache",
                                       "llm.gqa-reduction",
                                       "llm.lora-params",
                                       "llm.qlora-memory",
                                       "combo.flash-fit",
                                       "combo.patch-sram",
                                       "combo.latency",
                                       "combo.llm-serving",
                                       "combo.stacking"};

// Exercises added after the contract, in the chapter "real" (catalogue/10-real.toml).
const std::vector<std::string> kAddedIds = {
    "real.inverted-residual",        "real.kv-context",     "real.decode-bound", "real.qlora-memory",
    "real.prefill-decode-intensity", "real.arena-first-fit"};

const Catalogue& catalogue() { return builtin_catalogue(); }

TEST(Catalogue, HasTheFiftyContractIdsInBookOrderThenTheAddedOnes) {
  std::vector<std::string> ids;
  for (const Exercise& e : catalogue().exercises) ids.push_back(e.id);
  std::vector<std::string> expected = kIds;
  expected.insert(expected.end(), kAddedIds.begin(), kAddedIds.end());
  EXPECT_EQ(ids, expected);
  ASSERT_EQ(catalogue().chapters.size(), 10u);
  std::size_t listed = 0;
  for (const Chapter& c : catalogue().chapters) {
    EXPECT_FALSE(c.intro.empty()) << c.name;
    listed += c.exercise_ids.size();
  }
  EXPECT_EQ(listed, kIds.size() + kAddedIds.size());
  EXPECT_EQ(catalogue().chapters.back().name, "real");
  EXPECT_EQ(catalogue().chapters.back().exercise_ids, kAddedIds);
}

TEST(Catalogue, LintsClean) {
  LoadResult result = load_catalogue(builtin_catalogue_sources(), 30);
  for (const LintIssue& issue : result.issues) ADD_FAILURE() << issue.to_string();
}

// Reads "name=value, name=[a, b], name=1e6 (comment)" from a catalogue.md row.
std::map<std::string, std::string> contract_params(const std::string& cell) {
  std::map<std::string, std::string> out;
  std::string item;
  int depth = 0;
  auto flush = [&] {
    std::string s = item;
    item.clear();
    const auto paren = s.find(" (");
    if (paren != std::string::npos) s = s.substr(0, paren);
    const auto eq = s.find('=');
    if (eq == std::string::npos) return;
    auto trim = [](std::string t) {
      t.erase(0, t.find_first_not_of(' '));
      t.erase(t.find_last_not_of(' ') + 1);
      return t;
    };
    out[trim(s.substr(0, eq))] = trim(s.substr(eq + 1));
  };
  for (char c : cell) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ',' && depth == 0) {
      flush();
    } else {
      item += c;
    }
  }
  flush();
  return out;
}

std::string as_contract_text(const Value& v) {
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (v.is_number()) return format_shortest(v.number().to_double());
  std::string s = "[";
  for (std::size_t i = 0; i < v.list().size(); ++i)
    s += (i ? "," : "") + format_shortest(v.list()[i].to_double());
  return s + "]";
}

std::string normalize_contract_value(const std::string& text) {
  if (text == "true" || text == "false") return text;
  if (text.front() == '[') {
    std::string s = "[", number;
    for (char c : text.substr(1)) {
      if (c == ',' || c == ']') {
        s += (s.size() > 1 ? "," : "") + format_shortest(std::strtod(number.c_str(), nullptr));
        number.clear();
      } else if (c != ' ') {
        number += c;
      }
    }
    return s + "]";
  }
  return format_shortest(std::strtod(text.c_str(), nullptr));
}

// The contract's table rows ("| id | asks for | params (canonical) | unit |"),
// in order.
std::vector<std::string> contract_rows(std::istream& in) {
  std::vector<std::string> rows;
  std::string line;
  const std::regex row(R"(^\| [a-z]+\.[a-z0-9-]+ \|.*)");
  while (std::getline(in, line))
    if (std::regex_match(line, row)) rows.push_back(line);
  return rows;
}

// tests/golden/canonical_params.md keeps the table rows of shared/catalogue.md
// in the repository, so the contract test below runs everywhere. Where the
// shared contract is beside the repository, the copy must equal it; refresh it
// deliberately with
//   grep -E '^\| [a-z]+\.[a-z0-9-]+ \|' ../shared/catalogue.md > tests/golden/canonical_params.md
TEST(Catalogue, InRepositoryContractTableEqualsTheSharedOne) {
  std::ifstream shared(std::string(DERIVE_SOURCE_DIR) + "/../shared/catalogue.md");
  if (!shared) GTEST_SKIP() << "shared/catalogue.md is not beside the repository: nothing to compare with";
  std::ifstream copy(std::string(DERIVE_SOURCE_DIR) + "/tests/golden/canonical_params.md");
  ASSERT_TRUE(copy) << "tests/golden/canonical_params.md is missing";
  EXPECT_EQ(contract_rows(copy), contract_rows(shared));
}

TEST(Catalogue, CanonicalParametersAreTheContractOnes) {
  std::ifstream file(std::string(DERIVE_SOURCE_DIR) + "/tests/golden/canonical_params.md");
  ASSERT_TRUE(file) << "tests/golden/canonical_params.md is missing";
  std::string line;
  int rows = 0;
  while (std::getline(file, line)) {
    if (line.rfind("| ", 0) != 0 || line.find('.') == std::string::npos) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) cells.push_back(cell);
    if (cells.size() < 4) continue;
    std::string id = cells[0];
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    const Exercise* e = catalogue().find(id);
    if (!e) continue;
    ++rows;
    auto in = instantiate(*e, 0);
    ASSERT_TRUE(in.ok()) << id;
    auto expected = contract_params(cells[2]);
    std::map<std::string, std::string> actual;
    for (const auto& [name, value] : in->params) actual[name] = as_contract_text(value);
    for (auto& [name, value] : expected) value = normalize_contract_value(value);
    EXPECT_EQ(actual, expected) << id;
  }
  EXPECT_EQ(rows, 50);
}

TEST(Catalogue, AThousandVariantsOfEveryExerciseAreSensible) {
  for (const Exercise& e : catalogue().exercises) {
    auto canonical = instantiate(e, 0);
    ASSERT_TRUE(canonical.ok()) << canonical.error().message;
    bool varied = false;
    for (std::uint64_t v = 1; v <= 1000; ++v) {
      auto in = instantiate(e, v);
      ASSERT_TRUE(in.ok()) << in.error().message;
      for (std::size_t i = 0; i < in->answers.size(); ++i) {
        const double a = in->answers[i].number().to_double();
        ASSERT_TRUE(std::isfinite(a)) << e.id << " variant " << v;
        ASSERT_FALSE(rounds_to_zero(e.parts[i].precision, a)) << e.id << " variant " << v;
        // The worked solution ends on the answer, at the precision asked.
        const std::string shown = format_at_precision(e.parts[i].precision, a);
        ASSERT_TRUE(shows_number(in->steps.back(), shown))
            << e.id << " variant " << v << ": last step \"" << in->steps.back() << "\" lacks " << shown;
      }
      // Every placeholder was filled: no template syntax survives.
      ASSERT_EQ(in->prompt.find('{'), std::string::npos) << e.id << ": " << in->prompt;
      varied = varied || in->params != canonical->params;
    }
    if (!e.params.empty()) EXPECT_TRUE(varied) << e.id << ": all 1000 variants equal the canonical one";
  }
}

// Every text a learner reads on one variant: prompt, steps, remark and note.
std::vector<std::string> learner_texts(const Instance& in) {
  std::vector<std::string> texts = {in.prompt, in.explanation};
  texts.insert(texts.end(), in.steps.begin(), in.steps.end());
  return texts;
}

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// A number read at `at` ("1,234.5"), and where it ends.
double number_at(const std::string& text, std::size_t& at) {
  std::string digits;
  while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == ',' ||
                              (text[at] == '.' && at + 1 < text.size() &&
                               std::isdigit(static_cast<unsigned char>(text[at + 1]))))) {
    if (text[at] != ',') digits += text[at];
    ++at;
  }
  return std::strtod(digits.c_str(), nullptr);
}

std::string word_at(const std::string& text, std::size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  std::size_t end = at;
  while (end < text.size() && (is_alnum(text[end]) || text[end] == '-')) ++end;
  return text.substr(at, end - at);
}

// "-929.1 KB", "−3 MACs": a negative number followed by the unit of an amount.
std::string negative_amount(const std::string& text) {
  static const std::set<std::string> kAmounts = {
      "B",      "KB",      "kB",         "KiB",    "MB",    "MiB",   "GB",     "GiB",      "bytes",
      "bits",   "MACs",    "KMACs",      "MMACs",  "GMACs", "FLOPs", "MFLOPs", "GFLOPs",   "TFLOPs",
      "params", "weights", "parameters", "values", "ms",    "s",     "us",     "GPU-days", "levels"};
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t digits = std::string::npos;
    if (text[i] == '-') digits = i + 1;
    if (text.compare(i, 3, "\xE2\x88\x92") == 0) digits = i + 3;  // U+2212 minus sign
    if (digits == std::string::npos || digits >= text.size() ||
        !std::isdigit(static_cast<unsigned char>(text[digits])))
      continue;
    if (i > 0 && (is_alnum(text[i - 1]) || text[i - 1] == ')')) continue;  // a subtraction, not a sign
    std::size_t end = digits;
    number_at(text, end);
    if (kAmounts.count(word_at(text, end))) return text.substr(i, end - i) + " " + word_at(text, end);
  }
  return "";
}

// "0.00389 times coarser", "0.5× faster": a ratio of 1 or less before a
// comparative says the opposite of what the numbers say.
std::string contradicted_ratio(const std::string& text) {
  static const std::set<std::string> kComparatives = {
      "coarser", "finer",  "faster", "slower",  "larger", "smaller", "more",    "less",    "fewer",
      "bigger",  "higher", "lower",  "greater", "longer", "shorter", "cheaper", "heavier", "lighter"};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) ||
        (i > 0 && (is_alnum(text[i - 1]) || text[i - 1] == '.')))
      continue;
    std::size_t end = i;
    const double ratio = number_at(text, end);
    std::size_t after = end;
    while (after < text.size() && text[after] == ' ') ++after;
    if (text.compare(after, 5, "times") == 0) {
      after += 5;
    } else if (text.compare(after, 2, "\xC3\x97") == 0) {  // ×
      after += 2;
    } else {
      i = end;
      continue;
    }
    const std::string word = word_at(text, after);
    if (kComparatives.count(word) && ratio <= 1.0) return text.substr(i, after - i) + " " + word;
    i = end;
  }
  return "";
}

bool says_seed(const std::string& text) {
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto at = lower.find("seed"); at != std::string::npos; at = lower.find("seed", at + 1))
    if (at == 0 || !std::isalpha(static_cast<unsigned char>(lower[at - 1]))) return true;
  return false;
}

// Every variant tells the truth: no negative amounts, no ratio contradicting
// its comparative, every claim stated as `truth` holds, the note that corrects
// a common version of the exercise only on variant 0, and never the word
// "seed" before a learner.
TEST(Catalogue, AThousandVariantsOfEveryExerciseTellTheTruth) {
  for (const Exercise& e : catalogue().exercises) {
    for (std::uint64_t v = 0; v <= 1000; ++v) {
      auto in = instantiate(e, v);
      ASSERT_TRUE(in.ok()) << in.error().message;
      const std::string at = e.id + " variant " + std::to_string(v) + ": ";
      for (const std::string& text : learner_texts(*in)) {
        ASSERT_EQ(text.find('{'), std::string::npos) << at << "unfilled template in \"" << text << "\"";
        ASSERT_EQ(negative_amount(text), "") << at << "a negative amount in \"" << text << "\"";
        ASSERT_EQ(contradicted_ratio(text), "")
            << at << "a ratio contradicts its comparative in \"" << text << "\"";
        ASSERT_FALSE(says_seed(text)) << at << "\"" << text << "\"";
      }
      for (const Expression& truth : e.truths) {
        auto holds = truth.evaluate(in->env);
        ASSERT_TRUE(holds.ok() && holds->is_bool()) << at << truth.text();
        ASSERT_TRUE(holds->boolean()) << at << "the claim \"" << truth.text() << "\" is false";
      }
      if (!e.seed_note.empty()) {
        const std::string note = *e.seed_note.render(in->env);
        EXPECT_EQ(in->explanation.find(note) != std::string::npos, v == 0)
            << at << "the note shows off variant 0";
      }
    }
  }
}

// Variety: an exercise with two or more drawn parameters shows at least 30
// distinct parameter sets among variants 1..100, or, where the catalogue says
// its realistic space is smaller (`realistic_sets`), all of that space.
TEST(Catalogue, VariantsOfExercisesWithSeveralParametersAreVaried) {
  for (const Exercise& e : catalogue().exercises) {
    const auto drawn = std::count_if(e.params.begin(), e.params.end(), [](const ParamDef& p) {
      return p.draw.kind != DrawSpec::Kind::Fixed && p.draw.kind != DrawSpec::Kind::Derived;
    });
    if (drawn < 2) {
      EXPECT_EQ(e.realistic_sets, 0) << e.id
                                     << ": realistic_sets only matters with two or more drawn parameters";
      continue;
    }
    std::set<std::string> sets;
    for (std::uint64_t v = 1; v <= 100; ++v) {
      auto in = instantiate(e, v);
      ASSERT_TRUE(in.ok()) << in.error().message;
      std::string key;
      for (const auto& [name, value] : in->params) key += name + "=" + as_contract_text(value) + ";";
      sets.insert(key);
    }
    const std::size_t wanted = e.realistic_sets > 0 ? static_cast<std::size_t>(e.realistic_sets) : 30;
    EXPECT_GE(sets.size(), wanted) << e.id << ": " << sets.size()
                                   << " distinct parameter sets in variants 1..100";
  }
}

// The share of variants 1..1000 of an exercise for which `special` holds.
template <typename Predicate>
double share_of_variants(const Exercise& e, Predicate special) {
  int count = 0;
  for (std::uint64_t v = 1; v <= 1000; ++v) {
    auto in = instantiate(e, v);
    EXPECT_TRUE(in.ok()) << e.id << " " << v;
    if (in.ok() && special(*in)) ++count;
  }
  return count / 1000.0;
}

double number_in(const Instance& in, const std::string& name) { return in.env.at(name).number().to_double(); }

// Special cases are shown by design, in a fixed minority of variants, not as
// frequent accidents of the draw: T = 1 (the plain softmax) in the distillation
// exercises that draw it, and a value that needs clamping in quant.quantize.
TEST(Catalogue, SpecialCasesAreRareButPresent) {
  for (const std::string id : {"kd.soft-prob", "kd.loss"}) {
    const double share = share_of_variants(
        *catalogue().find(id), [](const Instance& in) { return number_in(in, "temperature") == 1; });
    EXPECT_GE(share, 0.03) << id << ": T = 1 in " << share * 100 << " % of variants 1..1000";
    EXPECT_LE(share, 0.12) << id << ": T = 1 in " << share * 100 << " % of variants 1..1000";
  }
  // Every other exercise with a temperature keeps T above 1.
  for (const Exercise& e : catalogue().exercises) {
    if (e.id == "kd.soft-prob" || e.id == "kd.loss") continue;
    if (std::none_of(e.params.begin(), e.params.end(),
                     [](const ParamDef& p) { return p.name == "temperature"; }))
      continue;
    EXPECT_EQ(share_of_variants(e, [](const Instance& in) { return number_in(in, "temperature") == 1; }), 0.0)
        << e.id;
  }
  const double clamped = share_of_variants(*catalogue().find("quant.quantize"), [](const Instance& in) {
    const double unclamped =
        std::round(number_in(in, "x") / number_in(in, "scale")) + number_in(in, "zero_point");
    return unclamped < 0 || unclamped > std::pow(2, number_in(in, "bits")) - 1;
  });
  EXPECT_GE(clamped, 0.05) << "quant.quantize clamps in " << clamped * 100 << " % of variants 1..1000";
  EXPECT_LE(clamped, 0.15) << "quant.quantize clamps in " << clamped * 100 << " % of variants 1..1000";
}

// The distillation remarks compare with T = 1; on a variant where T is 1 that
// comparison says nothing, so the remark words it otherwise.
TEST(Catalogue, RemarksAtTemperatureOneDoNotCompareWithTemperatureOne) {
  const std::vector<std::pair<std::string, std::string>> comparisons = {
      {"kd.soft-prob", "At T = 1 the same logits give"}, {"kd.loss", "The T\u00b2 factor makes"}};
  for (const auto& [id, sentence] : comparisons) {
    int at_one = 0;
    for (std::uint64_t v = 1; v <= 200; ++v) {
      auto in = instantiate(*catalogue().find(id), v);
      ASSERT_TRUE(in.ok()) << id << " variant " << v;
      const bool one = number_in(*in, "temperature") == 1;
      at_one += one;
      EXPECT_EQ(in->explanation.find(sentence) == std::string::npos, one)
          << id << " variant " << v << " (T = " << number_in(*in, "temperature") << "):\n"
          << in->explanation;
    }
    EXPECT_GT(at_one, 0) << id << ": no variant at T = 1 among 1..200 to test";
  }
}

// A prompt must not print its own answer (llm.gqa-reduction printed
// query_heads / kv_heads). A number in the prompt may equal the answer by
// coincidence on some variants (a clamped level is the bound the prompt
// states, 7 billion parameters at one byte are 7 GB), and a parameter may be
// the answer; but a prompt that shows the answer on most variants derives it.
TEST(Catalogue, PromptsDoNotPrintTheirAnswer) {
  const std::regex number(R"((\d[\d,]*(\.\d+)?))");
  const std::uint64_t variants = 50;
  for (const Exercise& e : catalogue().exercises) {
    if (e.symbolic) continue;
    std::uint64_t shown = 0;
    std::string example;
    for (std::uint64_t v = 1; v <= variants; ++v) {
      auto in = instantiate(e, v);
      ASSERT_TRUE(in.ok()) << e.id << " variant " << v;
      bool shows = false;
      for (const Value& answer : in->answers) {
        if (!answer.is_number()) continue;
        const double a = answer.number().to_double();
        if (std::any_of(in->params.begin(), in->params.end(), [&](const auto& p) {
              return p.second.is_number() && p.second.number().to_double() == a;
            }))
          continue;
        for (auto it = std::sregex_iterator(in->prompt.begin(), in->prompt.end(), number);
             it != std::sregex_iterator(); ++it) {
          std::string digits = (*it)[1].str();
          digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
          shows = shows || std::strtod(digits.c_str(), nullptr) == a;
        }
      }
      shown += shows;
      if (shows && example.empty()) example = in->prompt;
    }
    EXPECT_LT(shown, variants / 2) << e.id << " prints its answer in " << shown << " of " << variants
                                   << " prompts, e.g.:\n"
                                   << example;
  }
}

TEST(Catalogue, VariantsAreDeterministic) {
  for (const Exercise& e : catalogue().exercises) {
    for (std::uint64_t v : {0u, 1u, 7u, 999u}) {
      EXPECT_EQ(instance_json(*instantiate(e, v)), instance_json(*instantiate(e, v))) << e.id << " " << v;
    }
  }
}

// Lint's shortcuts (the drawer's cache of repeated numbers, writing out only the
// last step) must give the variants the trainer shows.
TEST(Catalogue, LintDrawsTheVariantsInstantiateDraws) {
  for (const Exercise& e : catalogue().exercises) {
    VariantDrawer drawer(e, Texts::LastStep);
    std::vector<std::vector<std::pair<std::string, Value>>> seen;
    for (std::uint64_t v = 0; v <= 60; ++v) {
      const auto full = instantiate(e, v);
      const auto drawn = drawer.instantiate(v);
      ASSERT_TRUE(full.ok() && drawn.ok()) << e.id << " " << v;
      const Instance& a = *full;
      const Instance& b = **drawn;
      EXPECT_TRUE(a.params == b.params) << e.id << " " << v;
      EXPECT_TRUE(a.answers == b.answers) << e.id << " " << v;
      ASSERT_EQ(b.steps.size(), 1u) << e.id;
      EXPECT_EQ(a.steps.back(), b.steps.back()) << e.id << " " << v;
      EXPECT_TRUE(b.prompt.empty() && b.explanation.empty()) << e.id;
      const bool earlier =
          std::any_of(seen.begin(), seen.end(), [&](const auto& p) { return p == a.params; });
      EXPECT_EQ(drawer.repeat(), earlier) << e.id << " " << v;
      if (!earlier) seen.push_back(a.params);
    }
  }
}

// The answer as a learner would type it, in several forms, for each part.
std::vector<std::string> typed_forms(const AnswerPart& part, double answer) {
  const std::string at_precision = format_at_precision(part.precision, answer);
  std::vector<std::string> forms = {at_precision, format_shortest(answer)};
  std::string unit = part.unit_text;
  const std::set<std::string> bare = {"ratio", "factor",   "log10", "probability", "reward",
                                      "loss",  "gradient", "float", "integer"};
  if (!bare.count(unit)) forms.push_back(at_precision + (unit == "%" ? "%" : " " + unit));
  return forms;
}

TEST(Catalogue, EveryExerciseAcceptsItsAnswerAndDiagnosesSlips) {
  for (const Exercise& e : catalogue().exercises) {
    for (std::uint64_t v = 0; v <= 20; ++v) {
      auto in = instantiate(e, v);
      ASSERT_TRUE(in.ok());
      if (e.symbolic) {
        EXPECT_TRUE(check(*in, {e.symbolic->text()}).correct()) << e.id;
        continue;
      }
      for (std::size_t form = 0; form < 3; ++form) {
        std::vector<std::string> answers;
        for (std::size_t i = 0; i < e.parts.size(); ++i) {
          auto forms = typed_forms(e.parts[i], in->answers[i].number().to_double());
          answers.push_back(forms[std::min(form, forms.size() - 1)]);
        }
        Verdict verdict = check(*in, answers);
        EXPECT_TRUE(verdict.correct())
            << e.id << " variant " << v << " typed " << answers[0] << ": " << verdict.feedback;
      }
      // Classic slips: twice, a thousand times, an eighth of the answer.
      for (double factor : {2.0, 1000.0, 0.125}) {
        std::vector<std::string> answers;
        for (std::size_t i = 0; i < e.parts.size(); ++i) {
          answers.push_back(format_shortest(in->answers[i].number().to_double() * factor));
        }
        Verdict verdict = check(*in, answers);
        EXPECT_EQ(verdict.status, Verdict::Status::Incorrect) << e.id << " variant " << v << " x" << factor;
        EXPECT_TRUE(verdict.diagnosis.has_value()) << e.id << " variant " << v << " x" << factor;
      }
    }
  }
}

}  // namespace
}  // namespace derive

namespace derive {
namespace {

// The web trainer reads the embedded catalogue a chapter at a time
// (builtin_chapter_index, builtin_exercise): the same chapters, ids, titles and
// exercises as reading it whole.
TEST(Catalogue, ReadAChapterAtATimeItIsTheWholeCatalogue) {
  const Catalogue& whole = builtin_catalogue();
  const std::vector<ChapterEntry>& index = builtin_chapter_index();
  ASSERT_EQ(index.size(), whole.chapters.size());
  std::size_t exercises = 0;
  for (std::size_t c = 0; c < index.size(); ++c) {
    EXPECT_EQ(index[c].name, whole.chapters[c].name);
    EXPECT_EQ(index[c].title, whole.chapters[c].title);
    EXPECT_EQ(index[c].intro, whole.chapters[c].intro);
    ASSERT_EQ(index[c].exercises.size(), whole.chapters[c].exercise_ids.size()) << index[c].name;
    for (std::size_t i = 0; i < index[c].exercises.size(); ++i) {
      const auto& [id, title] = index[c].exercises[i];
      const Exercise* alone = builtin_exercise(id);
      const Exercise* in_whole = whole.find(id);
      ASSERT_NE(alone, nullptr) << id;
      EXPECT_EQ(id, whole.chapters[c].exercise_ids[i]);
      EXPECT_EQ(title, in_whole->title);
      EXPECT_EQ(alone, builtin_exercise(id)) << id << ": its chapter is read once";
      for (std::uint64_t variant : {0, 7}) {
        auto a = instantiate(*alone, variant), b = instantiate(*in_whole, variant);
        ASSERT_TRUE(a && b) << id;
        EXPECT_EQ(instance_json(*a), instance_json(*b)) << id << " variant " << variant;
      }
      ++exercises;
    }
  }
  EXPECT_EQ(exercises, whole.exercises.size());
  EXPECT_EQ(builtin_exercise("no.such-exercise"), nullptr);
}

}  // namespace
}  // namespace derive
