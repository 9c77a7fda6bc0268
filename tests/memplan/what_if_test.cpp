// The what-ifs on small cases worked by hand (alignment 1 where sizes are not
// multiples of 16, so the arithmetic stays visible).
#include <gtest/gtest.h>

#include <vector>

#include "memplan/live_set.hpp"
#include "memplan/planner.hpp"
#include "memplan/what_if.hpp"
#include "memplan_test_support.hpp"

namespace derive::memplan {
namespace {

using testing::buffer;

std::int64_t arena(const std::vector<BufferRequest>& buffers, const char* planner = "tflm-greedy") {
  const Result<Plan> plan = plan_buffers(planner, buffers, PlanOptions{1});
  EXPECT_TRUE(plan.ok());
  EXPECT_TRUE(plan->checked);
  return plan->arena_bytes;
}

// ---- in-place depthwise -----------------------------------------------------------

// A depthwise convolution at step 1 reads a 1000-byte input and writes a
// 1000-byte output; the next layer reads it at step 2 and writes 50 bytes.
// Whole: input and output alive together at step 1, 2000 bytes (step 2:
// 1050). In place: the input's buffer holds the output too, plus TinyEngine's
// one-channel temporary (here 100 bytes: a 10 x 10 channel plane of int8):
// 1100 bytes at step 1, 1050 at step 2.
std::vector<BufferRequest> depthwise_chain() {
  return {buffer(1000, 0, 1, "input"), buffer(1000, 1, 2, "dw out"), buffer(50, 2, 3, "next")};
}

TEST(InPlaceDepthwiseTest, InputHoldsTheOutputPlusOneChannel) {
  EXPECT_EQ(arena(depthwise_chain()), 2000);
  const std::vector<InPlaceCandidate> candidates = {{0, 1, 1, 100}};
  const Result<InPlaceResult> result = apply_in_place_depthwise(depthwise_chain(), candidates);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->applied, 1u);
  EXPECT_TRUE(result->skipped.empty());
  ASSERT_EQ(result->buffers.size(), 3u);  // input (now to step 2), next, the temporary
  EXPECT_EQ(result->buffers[0].name, "input");
  EXPECT_EQ(result->buffers[0].last_use, 2);
  EXPECT_EQ(result->buffers[2].name, "dw out (in-place temporary)");
  EXPECT_TRUE(result->buffers[2].is_scratch);
  EXPECT_EQ(result->new_index, (std::vector<std::size_t>{0, 0, 1}));
  EXPECT_EQ(arena(result->buffers), 1000 + 100);
  EXPECT_EQ(arena(result->buffers, "best"), 1000 + 100);
}

// Two depthwise convolutions in a row both run in the first buffer.
TEST(InPlaceDepthwiseTest, AChainRunsInOneBuffer) {
  const std::vector<BufferRequest> buffers = {buffer(800, 0, 1, "a"), buffer(800, 1, 2, "b"),
                                              buffer(800, 2, 3, "c"), buffer(10, 3, 3, "d")};
  const std::vector<InPlaceCandidate> candidates = {{1, 2, 2, 50}, {0, 1, 1, 50}};  // any order
  const Result<InPlaceResult> result = apply_in_place_depthwise(buffers, candidates);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->applied, 2u);
  EXPECT_EQ(result->new_index, (std::vector<std::size_t>{0, 0, 0, 1}));
  EXPECT_EQ(result->buffers[0].last_use, 3);
  // Steps 1 and 2: 800 + 50; step 3: 800 + 10.
  EXPECT_EQ(arena(result->buffers), 850);
}

TEST(InPlaceDepthwiseTest, RefusesWhatIsUnsafeAndSaysWhy) {
  // The input is read again at step 4 (a residual connection).
  std::vector<BufferRequest> buffers = depthwise_chain();
  buffers[0].last_use = 4;
  std::vector<InPlaceCandidate> candidates = {{0, 1, 1, 100}};
  Result<InPlaceResult> result = apply_in_place_depthwise(buffers, candidates);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->applied, 0u);
  ASSERT_EQ(result->skipped.size(), 1u);
  EXPECT_EQ(
      result->skipped[0],
      "candidate 0: input \"input\" is read again at step 4, after the depthwise convolution at step 1");
  EXPECT_EQ(result->buffers.size(), 3u);

  // A larger output (a channel multiplier > 1 is not in place).
  buffers = depthwise_chain();
  buffers[1].bytes = 2000;
  result = apply_in_place_depthwise(buffers, candidates);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->skipped[0],
            "candidate 0: output \"dw out\" (2000 bytes) is larger than input \"input\" (1000 bytes)");

  // Offline-planned buffers stay where the model put them.
  buffers = depthwise_chain();
  buffers[1].offline_offset = 0;
  result = apply_in_place_depthwise(buffers, candidates);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->skipped[0], "candidate 0: an offline-planned buffer cannot be merged");

  // The step must be the one where input dies and output is born.
  candidates = {{0, 1, 2, 100}};
  result = apply_in_place_depthwise(depthwise_chain(), candidates);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(
      result->skipped[0],
      "candidate 0: input \"input\" is read again at step 1, after the depthwise convolution at step 2");

  candidates = {{0, 7, 1, 100}};
  result = apply_in_place_depthwise(depthwise_chain(), candidates);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "in-place candidate 0: buffer index out of range (3 buffers)");
}

// ---- patch-based inference ----------------------------------------------------------

// Two convolutions on an 8 x 8 int8 map, cut into 2 x 2 patches.
//   layer 0: 3x3, stride 1, pad 1: 8x8x4 -> 8x8x8, MACs 8*8*8 * 3*3*4 = 18432
//   layer 1: 3x3, stride 2, SAME pad: (4-1)*2 + 3 - 8 = 1 row in all, 0 on top:
//            8x8x8 -> 4x4x16, MACs 4*4*16 * 3*3*8 = 18432
// Buffers: input 256 B (steps 0-1), layer 0 out 512 B (1-2), layer 1 out
// 256 B (2-3), the next layer's output 64 B (3-3).
// Patch rows of the 4-row stage output: [0, 1] and [2, 3].
//   layer 1 needs layer-0 rows [0*2, 1*2 + 2] = [0, 4] and [4, 8] clipped to [4, 7]
//   layer 0 needs input rows [0-1, 4+1] clipped [0, 5] and [3, 8] clipped [3, 7]
// Columns alike. Largest layer-0 patch: 5 x 5 x 8 = 200 bytes.
// MACs patched: layer 0: 288 per position * (5 + 4)^2 = 23328; layer 1:
// 1152 per position * (2 + 2)^2 = 18432 (no halo: the stage output is cut
// exactly). Overhead 41760 / 36864 - 1 = 0.1328125.
std::vector<BufferRequest> two_conv_buffers() {
  return {buffer(256, 0, 1, "input"), buffer(512, 1, 2, "conv0"), buffer(256, 2, 3, "conv1"),
          buffer(64, 3, 3, "next")};
}

std::vector<PatchLayer> two_conv_stage() {
  PatchLayer conv0;
  conv0.input_buffer = 0;
  conv0.output_buffer = 1;
  conv0.step = 1;
  conv0.in_height = conv0.in_width = 8;
  conv0.out_height = conv0.out_width = 8;
  conv0.kernel_h = conv0.kernel_w = 3;
  conv0.pad_top = conv0.pad_left = 1;
  conv0.macs = 18432;
  PatchLayer conv1 = conv0;
  conv1.input_buffer = 1;
  conv1.output_buffer = 2;
  conv1.step = 2;
  conv1.out_height = conv1.out_width = 4;
  conv1.stride_h = conv1.stride_w = 2;
  conv1.pad_top = conv1.pad_left = 0;
  conv1.macs = 18432;
  return {conv0, conv1};
}

TEST(PatchBasedInferenceTest, TwoConvolutionsInTwoByTwoPatches) {
  const Result<PatchResult> result =
      patch_based_buffers(two_conv_buffers(), two_conv_stage(), PatchOptions{2, false});
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->layers.size(), 2u);
  EXPECT_EQ(result->layers[0].max_out_rows, 5);
  EXPECT_EQ(result->layers[0].max_out_cols, 5);
  EXPECT_EQ(result->layers[0].macs_patched, 23328);
  EXPECT_EQ(result->layers[1].max_out_rows, 2);
  EXPECT_EQ(result->layers[1].macs_patched, 18432);
  EXPECT_EQ(result->macs_whole, 36864);
  EXPECT_EQ(result->macs_patched, 41760);
  EXPECT_DOUBLE_EQ(result->mac_overhead, 41760.0 / 36864.0 - 1.0);

  const std::vector<BufferRequest>& patched = result->buffers;
  EXPECT_EQ(patched[1].bytes, 200);                 // one patch of conv0
  EXPECT_EQ(patched[2].bytes, 256);                 // the stage output, whole...
  EXPECT_EQ(patched[2].first_use, 1);               // ...filled from the stage's first step
  EXPECT_EQ(patched[0].last_use, 2);                // the input is read by the last patch
  EXPECT_EQ(arena(two_conv_buffers()), 256 + 512);  // layer by layer
  EXPECT_EQ(arena(patched), 256 + 200 + 256);       // steps 1 and 2
}

// Streamed from outside the arena, the input shrinks to its largest patch:
// 6 x 6 positions of 4 bytes.
TEST(PatchBasedInferenceTest, StreamedInputShrinksToAPatch) {
  const Result<PatchResult> result =
      patch_based_buffers(two_conv_buffers(), two_conv_stage(), PatchOptions{2, true});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->buffers[0].bytes, 6 * 6 * 4);
  EXPECT_EQ(result->buffers[0].last_use, 1);
  EXPECT_EQ(arena(result->buffers), 144 + 200 + 256);
}

// One patch is the whole map: no change in MACs, and the buffers only stay
// alive longer.
TEST(PatchBasedInferenceTest, OnePatchIsLayerByLayer) {
  const Result<PatchResult> result =
      patch_based_buffers(two_conv_buffers(), two_conv_stage(), PatchOptions{1, false});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->macs_patched, result->macs_whole);
  EXPECT_EQ(result->mac_overhead, 0.0);
  EXPECT_EQ(result->buffers[1].bytes, 512);
}

TEST(PatchBasedInferenceTest, ErrorsNameTheProblem) {
  std::vector<BufferRequest> buffers = two_conv_buffers();
  buffers[1].last_use = 3;  // conv0's output also feeds a later layer
  Result<PatchResult> result = patch_based_buffers(buffers, two_conv_stage(), PatchOptions{2, false});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(
      result.error().message,
      "buffer \"conv0\" is used at step 3, after the patch stage reads it at step 2: a branch leaves the "
      "stage (a residual connection?), so it cannot be patched");

  result = patch_based_buffers(two_conv_buffers(), two_conv_stage(), PatchOptions{5, false});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "patches_per_side must be from 1 to 4 (the stage output is 4 x 4), got 5");

  std::vector<PatchLayer> stage = two_conv_stage();
  stage[1].input_buffer = 0;
  result = patch_based_buffers(two_conv_buffers(), stage, PatchOptions{2, false});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "patch stage layer 1: its input is not layer 0's output (the patch stage must be a chain)");

  stage = two_conv_stage();
  stage[0].macs = 1000;
  result = patch_based_buffers(two_conv_buffers(), stage, PatchOptions{2, false});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(
      result.error().message,
      "patch stage layer 0: macs (1000) must be a non-negative multiple of out_height * out_width (64)");

  buffers = two_conv_buffers();
  buffers[1].bytes = 500;  // not 8 x 8 positions of whole bytes
  result = patch_based_buffers(buffers, two_conv_stage(), PatchOptions{2, false});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "patch stage layer 0: buffer \"conv0\" has 500 bytes, not a multiple of its 8 x 8 positions");
}

// ---- another integer width ------------------------------------------------------------

TEST(ElementWidthTest, Int8ToInt4PacksTwoPerByte) {
  const std::vector<BufferRequest> buffers = {buffer(1000, 0, 1), buffer(7, 1, 2), buffer(64, 1, 1)};
  const std::vector<int> bits = {8, 8, 0};  // the third is a scratch buffer: unchanged
  const Result<WidthResult> result = with_element_bits(buffers, bits, 4);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->buffers[0].bytes, 500);
  EXPECT_EQ(result->buffers[1].bytes, 4);  // 7 elements: 28 bits, 4 bytes
  EXPECT_EQ(result->buffers[2].bytes, 64);
  EXPECT_EQ(result->resized, 2u);
  EXPECT_FALSE(result->offline_plan_dropped);
}

TEST(ElementWidthTest, Int16ToInt8AndFloatToInt8) {
  const std::vector<BufferRequest> buffers = {buffer(10, 0, 1), buffer(40, 0, 1)};
  const std::vector<int> bits = {16, 32};
  const Result<WidthResult> result = with_element_bits(buffers, bits, 8);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->buffers[0].bytes, 5);
  EXPECT_EQ(result->buffers[1].bytes, 10);
}

TEST(ElementWidthTest, DropsAnOfflinePlanMadeForOtherSizes) {
  const std::vector<BufferRequest> buffers = {testing::offline(buffer(32, 0, 1), 0), buffer(32, 0, 1)};
  const std::vector<int> bits = {0, 8};
  const Result<WidthResult> result = with_element_bits(buffers, bits, 4);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->offline_plan_dropped);
  EXPECT_FALSE(result->buffers[0].offline_offset.has_value());
}

TEST(ElementWidthTest, ErrorsNameTheBuffer) {
  const std::vector<BufferRequest> buffers = {buffer(3, 0, 1, "odd")};
  Result<WidthResult> result = with_element_bits(buffers, std::vector<int>{16}, 8);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "buffer 0 (\"odd\"): 3 bytes do not hold a whole number of 16-bit elements");
  result = with_element_bits(buffers, std::vector<int>{}, 8);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "0 element widths for 1 buffers");
  result = with_element_bits(buffers, std::vector<int>{8}, 0);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "to_bits must be from 1 to 64, got 0");
}

// The rescaled list plans like any other: int8 -> int4 halves a chain's arena.
TEST(ElementWidthTest, HalvesAChainsArena) {
  const std::vector<BufferRequest> buffers = {buffer(1024, 0, 1), buffer(2048, 1, 2), buffer(512, 2, 3)};
  const Result<WidthResult> result = with_element_bits(buffers, std::vector<int>{8, 8, 8}, 4);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(arena(buffers), 1024 + 2048);
  EXPECT_EQ(arena(result->buffers), (1024 + 2048) / 2);
}

}  // namespace
}  // namespace derive::memplan
