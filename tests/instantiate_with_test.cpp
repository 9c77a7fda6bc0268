// instantiate_with: a question with chosen parameter values (a real layer's
// shapes) instead of drawn ones, for the analyzer's "practise on this layer"
// and the catalogue's real variants.
#include <gtest/gtest.h>

#include "derive/exercise/exercise.hpp"

namespace derive {
namespace {

const Exercise& exercise(std::string_view id) {
  const Exercise* e = builtin_catalogue().find(id);
  EXPECT_NE(e, nullptr) << id;
  return *e;
}

using Given = std::vector<std::pair<std::string, Value>>;

TEST(InstantiateWith, ChosenValuesGiveTheirOwnAnswer) {
  // A 5x5 convolution from 24 to 40 channels with a bias: 5*5*24 weights per
  // filter, 40 filters, 40 biases.
  const Given given = {{"kernel", Value::integer(5)},
                       {"in_channels", Value::integer(24)},
                       {"out_channels", Value::integer(40)}};
  auto in = instantiate_with(exercise("count.conv-params"), given);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_TRUE(in->chosen);
  ASSERT_EQ(in->answers.size(), 1u);
  EXPECT_DOUBLE_EQ(in->answers[0].number().to_double(), 5.0 * 5 * 24 * 40 + 40);
  EXPECT_NE(in->prompt.find("24 input"), std::string::npos) << in->prompt;
}

TEST(InstantiateWith, UngivenParametersKeepTheirCanonicalValues) {
  const Exercise& e = exercise("count.conv-params");
  auto canonical = instantiate(e, 0);
  auto in = instantiate_with(e, {{"out_channels", Value::integer(7)}});
  ASSERT_TRUE(canonical && in);
  ASSERT_EQ(in->params.size(), canonical->params.size());
  EXPECT_FALSE(in->answers[0] == canonical->answers[0]);
  for (std::size_t i = 0; i < in->params.size(); ++i) {
    if (in->params[i].first == "out_channels") continue;
    EXPECT_EQ(in->params[i].first, canonical->params[i].first);
    EXPECT_TRUE(in->params[i].second == canonical->params[i].second) << in->params[i].first;
  }
}

TEST(InstantiateWith, TheSeedNoteIsLeftOutEvenWithTheCanonicalNumbers) {
  // The note corrects a published version that uses the canonical numbers;
  // a chosen instance is not that question, whatever its numbers.
  const Exercise& e = exercise("count.conv-params");
  ASSERT_FALSE(e.seed_note.empty());
  auto canonical = instantiate(e, 0);
  auto in = instantiate_with(e, {});
  ASSERT_TRUE(canonical && in);
  EXPECT_EQ(in->answers[0].number().to_double(), canonical->answers[0].number().to_double());
  EXPECT_GT(canonical->explanation.size(), in->explanation.size());
  EXPECT_EQ(canonical->explanation.rfind(in->explanation, 0), 0u);
}

TEST(InstantiateWith, AnUnknownNameListsTheKnownOnes) {
  auto in = instantiate_with(exercise("count.conv-params"), {{"channels", Value::integer(3)}});
  ASSERT_FALSE(in);
  EXPECT_NE(in.error().message.find("no parameter 'channels'"), std::string::npos) << in.error().message;
  EXPECT_NE(in.error().message.find("in_channels"), std::string::npos) << in.error().message;
}

TEST(InstantiateWith, AValueOfTheWrongKindIsRefused) {
  auto in =
      instantiate_with(exercise("count.conv-params"), {{"kernel", Value(NumberList{Number::exact(3)})}});
  ASSERT_FALSE(in);
  EXPECT_NE(in.error().message.find("takes a number, not a list"), std::string::npos) << in.error().message;
}

TEST(InstantiateWith, DerivedParametersAreComputedNotGiven) {
  // Every derived parameter of the catalogue is refused when given, and
  // computed when not.
  int derived = 0;
  for (const Exercise& e : builtin_catalogue().exercises) {
    for (const ParamDef& p : e.params) {
      if (p.draw.kind != DrawSpec::Kind::Derived) continue;
      ++derived;
      auto given = instantiate_with(e, {{p.name, p.canonical}});
      ASSERT_FALSE(given) << e.id << " " << p.name;
      EXPECT_NE(given.error().message.find("computed from the others"), std::string::npos)
          << given.error().message;
      auto computed = instantiate_with(e, {});
      ASSERT_TRUE(computed) << e.id << ": " << computed.error().message;
    }
  }
  EXPECT_GT(derived, 0) << "the catalogue has no derived parameter: this test checks nothing";
}

TEST(InstantiateWith, ValuesThatBreakARequirementQuoteIt) {
  // prune.sparsity requires fewer zeroed weights than weights.
  auto in = instantiate_with(exercise("prune.sparsity"),
                             {{"total", Value::integer(100)}, {"zeroed", Value::integer(100)}});
  ASSERT_FALSE(in);
  EXPECT_NE(in.error().message.find("prune.sparsity with the given parameters"), std::string::npos)
      << in.error().message;
  EXPECT_NE(in.error().message.find("zeroed < total"), std::string::npos) << in.error().message;
}

TEST(InstantiateWith, ValuesThatMakeATextUntrueAreRefused) {
  // conv-params' remark says a depthwise-separable block has fewer weights:
  // 3*3*64 + 64*64 = 4,672 < 36,864 for a 3x3 kernel, but for a 1x1 kernel
  // 64 + 64*64 = 4,160 is more than the 4,096 weights of the layer.
  const Given one_by_one = {{"kernel", Value::integer(1)},
                            {"in_channels", Value::integer(64)},
                            {"out_channels", Value::integer(64)}};
  auto in = instantiate_with(exercise("count.conv-params"), one_by_one);
  ASSERT_FALSE(in);
  EXPECT_NE(in.error().message.find("\"dw + pw < weights\", which is not true of these values"),
            std::string::npos)
      << in.error().message;
  Given three_by_three = one_by_one;
  three_by_three[0].second = Value::integer(3);
  EXPECT_TRUE(instantiate_with(exercise("count.conv-params"), three_by_three));
}

}  // namespace
}  // namespace derive
