// The bounds on the text the web trainer hands the engine (src/exercise/web_api):
// accepted exactly at each bound, refused one byte past it, with a message that
// says what and how much. node tests/wasm/ checks the same through WebAssembly.
#include "derive/exercise/web_api.hpp"

#include <gtest/gtest.h>

#include <string>

namespace derive::web {
namespace {

bool is_error(const std::string& json) { return json.rfind("{\"error\": ", 0) == 0; }

std::string error(const std::string& message) { return "{\"error\": \"" + message + "\"}"; }

TEST(WebApi, LimitsAreReported) {
  EXPECT_EQ(limits_json(), "{\"field_bytes\": 4096, \"call_bytes\": 65536}");
}

TEST(WebApi, AnAnswerIsBoundedAt4KiB) {
  const std::string at(kMaxFieldBytes, '7');
  const std::string past(kMaxFieldBytes + 1, '7');
  // At the bound the grader reads it (and finds it too long to be an answer).
  const std::string graded = grade_json("llm.kv-cache", 0, at);
  EXPECT_FALSE(is_error(graded)) << graded;
  EXPECT_NE(graded.find("\"status\": \"unreadable\""), std::string::npos) << graded;
  EXPECT_EQ(grade_json("llm.kv-cache", 0, past),
            error("answer 1 is too long: 4097 bytes; at most 4096 bytes (4 KiB) are accepted"));
  EXPECT_EQ(check_json("llm.kv-cache", 0, "1\x1f" + past),
            error("answer 2 is too long: 4097 bytes; at most 4096 bytes (4 KiB) are accepted"));
}

TEST(WebApi, AllTheTextOfOneCallIsBoundedAt64KiB) {
  const std::string id = "llm.kv-cache";
  // Answers of at most 4 KiB each, joined, filling the call to the byte.
  auto joined_to = [&](std::size_t total) {
    std::string joined;
    while (id.size() + joined.size() < total) {
      if (!joined.empty()) joined += kAnswerSeparator;
      joined += std::string(std::min(kMaxFieldBytes, total - id.size() - joined.size()), '1');
    }
    return joined;
  };
  ASSERT_EQ(id.size() + joined_to(kMaxCallBytes).size(), kMaxCallBytes);
  EXPECT_FALSE(is_error(grade_json(id, 0, joined_to(kMaxCallBytes))));
  EXPECT_EQ(
      grade_json(id, 0, joined_to(kMaxCallBytes + 1)),
      error("the text of this call is too long: 65537 bytes; at most 65536 bytes (64 KiB) are accepted in "
            "one call"));
}

TEST(WebApi, IdsAndExpressionsAreBoundedAt4KiB) {
  EXPECT_EQ(show_json(std::string(kMaxFieldBytes + 1, 'x'), 0),
            error("the exercise id is too long: 4097 bytes; at most 4096 bytes (4 KiB) are accepted"));
  EXPECT_EQ(card_json(std::string(kMaxFieldBytes + 1, 'x'), 0),
            error("the exercise id is too long: 4097 bytes; at most 4096 bytes (4 KiB) are accepted"));
  const std::string unknown = show_json(std::string(kMaxFieldBytes, 'x'), 0);
  EXPECT_EQ(unknown.rfind("{\"error\": \"unknown exercise '", 0), 0u) << unknown;

  std::string sum = "1";
  while (sum.size() + 2 <= kMaxFieldBytes) sum += "+1";
  if (sum.size() < kMaxFieldBytes) sum += " ";
  ASSERT_EQ(sum.size(), kMaxFieldBytes);
  EXPECT_EQ(calc_json(sum), "{\"value\": 2048, \"unit\": \"\", \"text\": \"2048\"}");
  EXPECT_EQ(calc_json(sum + " "),
            error("the expression is too long: 4097 bytes; at most 4096 bytes (4 KiB) are accepted"));
}

}  // namespace
}  // namespace derive::web
