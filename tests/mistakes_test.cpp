// The named mistakes of the shipped catalogue, on variants 0..100 of every
// exercise: the wrong value a mistake produces, typed as a learner would type it
// (at the precision the question asks for), is graded wrong and diagnosed with
// that mistake's own message; where two mistakes give the same number both are
// named; and a mistake never speaks where its value is the right answer.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/grader.hpp"
#include "derive/number_format.hpp"
#include "exercise/diagnosis.hpp"
#include "exercise/precision.hpp"

namespace derive {
namespace {

constexpr std::uint64_t kLastVariant = 100;

// What a learner who made the slip types: the slip's value at the requested
// precision, or in full where the answer is a whole count (a slip need not be
// whole: 1/P² for a factor P²).
std::string typed_form(const Precision& precision, double value) {
  if (precision.kind == Precision::Kind::Exact) return format_shortest(value);
  return format_at_precision(precision, value);
}

std::optional<double> slip_value(const Mistake& m, const Instance& in) {
  auto wrong = m.answer.evaluate(in.env);
  if (!wrong || !wrong->is_number()) return std::nullopt;
  const double w = wrong->number().to_double();
  if (!std::isfinite(w)) return std::nullopt;
  return w;
}

TEST(NamedMistakes, EachIsDiagnosedWithItsOwnMessageOnVariantsZeroToHundred) {
  for (const Exercise& e : builtin_catalogue().exercises) {
    // How often each mistake could be told apart from the answer and was named.
    std::map<std::size_t, int> diagnosed;
    for (std::uint64_t v = 0; v <= kLastVariant; ++v) {
      auto in = instantiate(e, v);
      ASSERT_TRUE(in.ok()) << in.error().message;
      for (std::size_t k = 0; k < e.mistakes.size(); ++k) {
        const Mistake& m = e.mistakes[k];
        auto says = m.says.render(in->env);
        ASSERT_TRUE(says.ok()) << e.id << " variant " << v << " mistake " << m.answer.text();
        Verdict verdict;
        if (e.symbolic) {
          verdict = check(*in, {m.answer.text()});
        } else {
          const auto w = slip_value(m, *in);
          if (!w) continue;
          const AnswerPart& part = e.parts[m.part];
          const double answer = in->answers[m.part].number().to_double();
          if (within_precision(part.precision, answer, *w)) continue;  // the slip is harmless here
          std::vector<std::string> typed;
          for (std::size_t i = 0; i < e.parts.size(); ++i) {
            const double right = in->answers[i].number().to_double();
            typed.push_back(i == m.part ? typed_form(part.precision, *w)
                                        : format_at_precision(e.parts[i].precision, right));
          }
          // Rounded to the precision asked, a slip this close is the answer.
          if (within_precision(part.precision, answer, std::strtod(typed[m.part].c_str(), nullptr))) continue;
          verdict = check(*in, typed);
        }
        EXPECT_EQ(verdict.status, Verdict::Status::Incorrect)
            << e.id << " variant " << v << " mistake " << m.answer.text() << ": " << verdict.feedback;
        ASSERT_TRUE(verdict.diagnosis.has_value())
            << e.id << " variant " << v << " mistake " << m.answer.text() << ": " << verdict.feedback;
        EXPECT_NE(verdict.diagnosis->find(*says), std::string::npos)
            << e.id << " variant " << v << " mistake " << m.answer.text() << "\n  expected: " << *says
            << "\n  got: " << *verdict.diagnosis;
        ++diagnosed[k];
      }
    }
    // A mistake that never differs from the answer (or never evaluates) is dead.
    for (std::size_t k = 0; k < e.mistakes.size(); ++k) {
      EXPECT_GT(diagnosed[k], 0) << e.id << ": mistake " << e.mistakes[k].answer.text()
                                 << " is never told apart from the answer on variants 0.." << kLastVariant;
    }
  }
}

TEST(NamedMistakes, TwoMistakesOnTheSameNumberAreBothNamed) {
  // count.ffn-macs: counting FLOPs instead of MACs and counting both
  // projections of the FFN give the same number, 2·d·4d; the learner hears both.
  const Exercise* e = builtin_catalogue().find("count.ffn-macs");
  ASSERT_NE(e, nullptr);
  for (std::uint64_t v = 0; v <= 20; ++v) {
    auto in = instantiate(*e, v);
    ASSERT_TRUE(in.ok());
    const double d = in->env.at("d_model").number().to_double();
    const double hidden = in->env.at("expansion").number().to_double() * d;
    Verdict verdict = check(*in, {format_shortest(2 * d * hidden)});
    ASSERT_TRUE(verdict.diagnosis.has_value()) << verdict.feedback;
    EXPECT_NE(verdict.diagnosis->find("That counts FLOPs"), std::string::npos) << *verdict.diagnosis;
    EXPECT_NE(verdict.diagnosis->find("not the way back down"), std::string::npos) << *verdict.diagnosis;
  }
}

TEST(NamedMistakes, AMistakeEqualToTheAnswerIsNeverReported) {
  for (const Exercise& e : builtin_catalogue().exercises) {
    if (e.symbolic) continue;
    for (std::uint64_t v = 0; v <= kLastVariant; ++v) {
      auto in = instantiate(e, v);
      ASSERT_TRUE(in.ok());
      for (const Mistake& m : e.mistakes) {
        const auto w = slip_value(m, *in);
        const double answer = in->answers[m.part].number().to_double();
        if (!w || !within_precision(e.parts[m.part].precision, answer, *w)) continue;
        // Asked directly about that value, the diagnosis must not blame this slip.
        auto diagnosis = diagnose(*in, m.part, *w);
        auto says = m.says.render(in->env);
        ASSERT_TRUE(says.ok());
        if (diagnosis) EXPECT_EQ(diagnosis->find(*says), std::string::npos) << e.id << " variant " << v;
      }
    }
  }
}

}  // namespace
}  // namespace derive
