// Chosen parameter values as text (derive/exercise/given.hpp) and the web
// exports that build a card from them (card_with_json, check_with_json,
// grade_with_json): the address `#/ex/ID?p=...` of "practise on this layer".
#include "derive/exercise/given.hpp"

#include <gtest/gtest.h>

#include <string>

#include "derive/exercise/web_api.hpp"

namespace derive {
namespace {

std::string error_of(std::string_view text) {
  auto given = parse_given(text);
  return given ? "" : given.error().message;
}

TEST(Given, ReadsCountsDecimalsAndBooleans) {
  auto given = parse_given("kernel:3,ratio:0.5,bias:false");
  ASSERT_TRUE(given) << given.error().message;
  ASSERT_EQ(given->size(), 3u);
  EXPECT_EQ((*given)[0].first, "kernel");
  EXPECT_TRUE((*given)[0].second == Value::integer(3));
  EXPECT_TRUE((*given)[1].second == Value::real(0.5));
  EXPECT_TRUE((*given)[2].second == Value(false));
  EXPECT_TRUE(parse_given("")->empty());
}

TEST(Given, TextReadsBackToTheSameValues) {
  const GivenParams values = {
      {"kernel", Value::integer(5)}, {"scale", Value::real(0.1)}, {"bias", Value(true)}};
  EXPECT_EQ(given_text(values), "kernel:5,scale:0.1,bias:true");
  auto back = parse_given(given_text(values));
  ASSERT_TRUE(back);
  EXPECT_TRUE(*back == values);
}

TEST(Given, MalformedPairsSayWhatIsExpected) {
  EXPECT_EQ(error_of("kernel=3"), "'kernel=3' is not name:value (as in kernel:3)");
  EXPECT_EQ(error_of(":3"), "':3' is not name:value (as in kernel:3)");
  EXPECT_EQ(error_of("kernel:3,,bias:true"), "'' is not name:value (as in kernel:3)");
  EXPECT_EQ(error_of("kernel:three"), "parameter 'kernel': 'three' is not a number or true/false");
  EXPECT_EQ(error_of("kernel:"), "parameter 'kernel': '' is not a number or true/false");
  EXPECT_EQ(error_of("kernel:inf"), "parameter 'kernel': 'inf' is not a number or true/false");
  EXPECT_EQ(error_of("kernel:0x10"), "parameter 'kernel': '0x10' is not a number or true/false");
  EXPECT_EQ(error_of("kernel: 3"), "parameter 'kernel': ' 3' is not a number or true/false");
  EXPECT_EQ(error_of("kernel:3,kernel:5"), "parameter 'kernel' is given twice");
}

bool has(const std::string& json, const std::string& part) { return json.find(part) != std::string::npos; }

TEST(GivenCard, TheCardCarriesItsValuesAndGradesWithThem) {
  // kws.tflite's pointwise layers: 1x1, 64 -> 64 channels. A 3x3 one of 64 ->
  // 64 channels with a bias has 3*3*64*64 + 64 = 36,928 parameters.
  const std::string given = "kernel:3,in_channels:64,out_channels:64,bias:true";
  const std::string card = web::card_with_json("count.conv-params", given);
  EXPECT_TRUE(has(card, "\"given\": \"" + given + "\"")) << card;
  EXPECT_TRUE(has(card, "64 input channels")) << card;
  EXPECT_TRUE(has(web::grade_with_json("count.conv-params", given, "36928"), "\"status\": \"correct\""));
  EXPECT_TRUE(has(web::grade_with_json("count.conv-params", given, "36864"), "\"status\": \"incorrect\""));
  EXPECT_TRUE(has(web::check_with_json("count.conv-params", given, "36928"), "\"correct\": true"));
  // A drawn card has no "given".
  EXPECT_FALSE(has(web::card_json("count.conv-params", 3), "\"given\""));
}

TEST(GivenCard, DerivedParametersAreLeftOutOfTheGivenText) {
  // conv-macs computes out_width from out_height: "given" must not hold it,
  // or passing it back to grade_with_json would be refused.
  const std::string given = "kernel:3,in_channels:16,out_channels:32,out_height:12";
  const std::string card = web::card_with_json("count.conv-macs", given);
  EXPECT_TRUE(has(card, "\"given\": \"" + given + "\"")) << card;
  EXPECT_TRUE(has(card, "\"out_width\": 12")) << card;
  // 3*3*16*32*12*12 = 663,552 MACs = 0.66 MMACs.
  EXPECT_TRUE(has(web::grade_with_json("count.conv-macs", given, "0.66"), "\"status\": \"correct\""));
}

TEST(GivenCard, ErrorsAreTheEnginesMessages) {
  const std::string unknown = web::card_with_json("count.conv-params", "channels:3");
  EXPECT_TRUE(has(unknown, "{\"error\": \"exercise 'count.conv-params' has no parameter 'channels'"))
      << unknown;
  EXPECT_EQ(web::card_with_json("count.conv-params", "kernel"),
            "{\"error\": \"'kernel' is not name:value (as in kernel:3)\"}");
  EXPECT_TRUE(has(web::grade_with_json("nope.nope", "", "1"), "unknown exercise 'nope.nope'"));
  const std::string long_given(web::kMaxFieldBytes + 1, 'k');
  EXPECT_EQ(web::card_with_json("count.conv-params", long_given),
            "{\"error\": \"the parameter values is too long: 4097 bytes; at most 4096 bytes (4 KiB) are "
            "accepted\"}");
}

}  // namespace
}  // namespace derive
