// The `derive schedule` document and its pieces.
#include "derive/review/schedule_json.hpp"

#include "derive/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

namespace derive::review {
namespace {

TEST(ScheduleJson, RatingListIsCommaSeparated) {
  const auto list = parse_rating_list("good, Again ,easy");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, (std::vector<Rating>{Rating::good, Rating::again, Rating::easy}));
  EXPECT_FALSE(parse_rating_list("").ok());
  EXPECT_FALSE(parse_rating_list("good,").ok());
  const auto bad = parse_rating_list("good,meh");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("\"meh\""), std::string::npos);
}

// 12 significant figures: the same bytes natively and in the wasm build,
// whose exp and pow may differ in the last bit.
TEST(ScheduleJson, NumbersHaveTwelveSignificantFigures) {
  EXPECT_EQ(JsonWriter().real(2.3065).take(), "2.3065");
  EXPECT_EQ(JsonWriter().real(0.1 + 0.2).take(), "0.3");
  EXPECT_EQ(JsonWriter().real(10.964332335820703).take(), "10.9643323358");
  EXPECT_EQ(JsonWriter().real(36500.0).take(), "36500");
  EXPECT_EQ(JsonWriter().real(1e-3).take(), "0.001");
}

TEST(ScheduleJson, OneNewCardReviewedGood) {
  // S0(good) = 2.3065, D0(good) = 2.118103970459015, I = round(2.3065) = 2.
  EXPECT_EQ(*schedule_json("good", 0.9),
            "{\"reviews\": [{\"rating\": \"good\", \"elapsed_days\": 0, \"stability\": 2.3065, "
            "\"difficulty\": " +
                JsonWriter().real(6.4133 - std::exp(2 * 0.8334) + 1).take() + ", \"interval_days\": 2}]}");
}

TEST(ScheduleJson, ErrorsAsJson) {
  EXPECT_EQ(schedule_json_or_error("good", 1.0).rfind("{\"error\": \"desired retention", 0), 0u);
  // An error message is a JSON string, escaped by the one writer.
  EXPECT_EQ(schedule_json_or_error("meh", 0.9).rfind("{\"error\": \"", 0), 0u);
}

}  // namespace
}  // namespace derive::review
