// TFLM's published arena heads, derived from the model files: import, TFLM's
// lifetime rules (graph/lifetimes.hpp), then tflm-greedy.
// Published: tensorflow/tflite-micro tensorflow/lite/micro/
// memory_arena_threshold_test.cc (x86-64): keyword_scrambled head 672 bytes
// (SVDF scratch included), test_conv_model head 7,744 bytes.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "derive/graph/lifetimes.hpp"
#include "derive/import/importer.hpp"
#include "memplan/live_set.hpp"
#include "memplan/planner.hpp"

namespace derive::graph {
namespace {

std::vector<memplan::BufferRequest> requests_of(const std::string& name) {
  std::ifstream in(std::string(DERIVE_MODELS_DIR) + "/" + name, std::ios::binary);
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto model = import::open_model(bytes);
  EXPECT_TRUE(model.ok()) << name << ": " << (model.ok() ? "" : model.error().message);
  if (!model.ok()) return {};
  auto requests = tflm_buffer_requests(*model);
  EXPECT_TRUE(requests.ok()) << name << ": " << (requests.ok() ? "" : requests.error().message);
  return requests.ok() ? *requests : std::vector<memplan::BufferRequest>{};
}

std::int64_t tflm_head(const std::vector<memplan::BufferRequest>& requests) {
  auto plan = memplan::plan_buffers("tflm-greedy", requests);
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
  if (!plan.ok()) return -1;
  EXPECT_TRUE(plan->checked);
  return plan->arena_bytes;
}

TEST(TfliteLifetimes, KeywordScrambledHeadIsTflmsFromTheFile) {
  const auto requests = requests_of("keyword_scrambled.tflite");
  EXPECT_EQ(tflm_head(requests), 672);
  // Without the SVDF scratch buffers the tensors alone need less.
  std::vector<memplan::BufferRequest> tensors_only;
  for (const auto& r : requests) {
    if (!r.is_scratch) tensors_only.push_back(r);
  }
  EXPECT_LT(tflm_head(tensors_only), 672);
}

TEST(TfliteLifetimes, TestConvModelHeadIsTflmsFromTheFile) {
  EXPECT_EQ(tflm_head(requests_of("test_conv_model.tflite")), 7744);
}

// On every shared model: every plan checked, the bound below every plan,
// best no larger than tflm-greedy.
TEST(TfliteLifetimes, PlannerPropertiesOnEverySharedModel) {
  for (const char* name :
       {"hello_world_int8.tflite", "hello_world_float.tflite", "micro_speech_quantized.tflite",
        "audio_preprocessor_int8.tflite", "keyword_scrambled.tflite", "test_conv_model.tflite",
        "trained_lstm_int8.tflite", "kws.tflite", "ad01.tflite"}) {
    const auto requests = requests_of(name);
    ASSERT_FALSE(requests.empty()) << name;
    auto plans = memplan::plan_with_every_planner(requests);
    ASSERT_TRUE(plans.ok()) << name << ": " << plans.error().message;
    auto bound = memplan::live_set_lower_bound(requests);
    ASSERT_TRUE(bound.ok()) << name;
    std::int64_t greedy = -1;
    std::int64_t best = -1;
    for (const auto& plan : *plans) {
      EXPECT_TRUE(plan.checked) << name << " " << plan.planner;
      EXPECT_LE(bound->bytes, plan.arena_bytes) << name << " " << plan.planner;
      if (plan.planner == "tflm-greedy") greedy = plan.arena_bytes;
      if (plan.planner == "best") best = plan.arena_bytes;
    }
    EXPECT_GT(greedy, 0) << name;
    EXPECT_LE(best, greedy) << name;
  }
}

}  // namespace
}  // namespace derive::graph
