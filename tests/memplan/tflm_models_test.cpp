// tflm-greedy reproduces the arena heads TensorFlow Lite Micro publishes for
// two real models, from buffer lists transcribed from the model files.
//
// Published: tensorflow/tflite-micro, tensorflow/lite/micro/
// memory_arena_threshold_test.cc (x86-64): keyword_scrambled.tflite head
// 672 bytes, test_conv_model head 7,744 bytes (../shared/models/README.md).
//
// The buffers: the tensors of subgraph 0 that TFLM plans (no buffer data,
// not variable, bytes > 0: micro_allocation_info.cc, InitializeAllocationInfo)
// in tensor order, then the kernels' scratch buffers in operator order, as
// MicroAllocator::CommitPlan adds them. Shapes and types as in the files
// (../shared/models/, sha256 prefixes in its README). Lifetimes by TFLM's
// rules: the subgraph input and output are created at step 0, operator i runs
// at step i + 1, creating its outputs and last-using its inputs; the output
// lives to the last step; a scratch buffer lives at its operator's step.
// The import engineer's test reads the same numbers from the files.
#include <gtest/gtest.h>

#include <vector>

#include "memplan/live_set.hpp"
#include "memplan/planner.hpp"
#include "memplan_test_support.hpp"

namespace derive::memplan {
namespace {

using testing::buffer;
using testing::scratch;

// test_conv_model.tflite (3ae4e2a60b44): QUANTIZE, CONV_2D, CONV_2D,
// MAX_POOL_2D, RESHAPE, FULLY_CONNECTED, DEQUANTIZE; int8 inside, float32 in
// and out. The reference kernels request no scratch.
std::vector<BufferRequest> test_conv_model_buffers() {
  return {
      buffer(1 * 16 * 16 * 1, 1, 2, "t0 conv2d_input_int8 [1,16,16,1] int8"),  // QUANTIZE out, read by conv 1
      buffer(1 * 14 * 14 * 16, 2, 3, "t8 conv2d/Relu [1,14,14,16] int8"),      // conv 1 out
      buffer(1 * 12 * 12 * 32, 3, 4, "t9 conv2d_1/Relu [1,12,12,32] int8"),    // conv 2 out
      buffer(1 * 6 * 6 * 32, 4, 5, "t10 max_pooling2d [1,6,6,32] int8"),       // pool out
      buffer(1 * 1152, 5, 6, "t11 flatten/Reshape [1,1152] int8"),             // reshape out
      buffer(1 * 10, 6, 7, "t12 Identity_int8 [1,10] int8"),                   // fully connected out
      buffer(1 * 16 * 16 * 1 * 4, 0, 1, "t13 conv2d_input [1,16,16,1] float32"),  // subgraph input
      buffer(1 * 10 * 4, 7, 7, "t14 Identity [1,10] float32"),                    // subgraph output
  };
}

TEST(TflmPublishedHeadsTest, TestConvModel) {
  const Result<Plan> plan = plan_buffers("tflm-greedy", test_conv_model_buffers());
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->checked);
  EXPECT_EQ(plan->arena_bytes, 7744);  // memory_arena_threshold_test.cc
  // By hand: the two largest, conv 2's 4608 B and conv 1's 3136 B, live
  // together at step 3 and go at 0 and 4608; everything else fits below or
  // beside them: 4608 + 3136 = 7744, which is also the live-set bound.
  const Result<LiveSetPeak> bound = live_set_lower_bound(test_conv_model_buffers());
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->bytes, 7744);
}

// keyword_scrambled.tflite (2335faf0a066): QUANTIZE, then SVDF and
// FULLY_CONNECTED alternating (SVDF x4 with 64 filters, FC, ...), three SVDF
// with 32 filters, FC, SOFTMAX, QUANTIZE; int16 input, int32 output. The
// seven SVDF states are variable tensors (4 x 1024 + 3 x 2048 = 10,240 bytes:
// TFLM's published variable size) and live in the tail, not here. Each int8
// SVDF asks for two scratch buffers (svdf_common.cc, PrepareSvdf:
// batch * num_filters * 4 and batch * num_units * 4 bytes; rank 1, so
// num_units = num_filters): 256 + 256 bytes for 64 filters, 128 + 128 for 32.
std::vector<BufferRequest> keyword_scrambled_buffers() {
  std::vector<BufferRequest> buffers = {
      buffer(96, 1, 2, "t0 quantize out [1,96] int8"),
      buffer(64, 2, 3, "t5 svdf 1 out [1,64]"),
      buffer(16, 3, 4, "t8 fc out [1,16]"),
      buffer(64, 4, 5, "t13 svdf 2 out"),
      buffer(16, 5, 6, "t16 fc out"),
      buffer(64, 6, 7, "t21 svdf 3 out"),
      buffer(16, 7, 8, "t24 fc out"),
      buffer(64, 8, 9, "t29 svdf 4 out"),
      buffer(16, 9, 10, "t32 fc out"),
      buffer(32, 10, 11, "t37 svdf 5 out [1,32]"),
      buffer(32, 11, 12, "t42 svdf 6 out"),
      buffer(32, 12, 13, "t47 svdf 7 out"),
      buffer(2, 13, 14, "t50 fc out [1,2] int8"),
      buffer(4, 14, 15, "t51 softmax out [1,2] int16"),
      buffer(192, 0, 1, "t52 input [1,96] int16"),
      buffer(8, 15, 15, "t53 output [1,2] int32"),
  };
  const int svdf_steps[] = {2, 4, 6, 8, 10, 11, 12};  // operators 1, 3, 5, 7, 9, 10, 11
  const int svdf_filters[] = {64, 64, 64, 64, 32, 32, 32};
  for (int k = 0; k < 7; ++k) {
    const int step = svdf_steps[k];
    buffers.push_back(scratch(buffer(svdf_filters[k] * 4, step, step, "svdf scratch")));
    buffers.push_back(scratch(buffer(svdf_filters[k] * 4, step, step, "svdf scratch output")));
  }
  return buffers;
}

TEST(TflmPublishedHeadsTest, KeywordScrambled) {
  const Result<Plan> plan = plan_buffers("tflm-greedy", keyword_scrambled_buffers());
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->checked);
  EXPECT_EQ(plan->arena_bytes, 672);  // memory_arena_threshold_test.cc
  // By hand: at step 2 the quantize output (96 B), the first SVDF's output
  // (64 B) and its two 256-byte scratch buffers are alive: 672 bytes.
  const Result<LiveSetPeak> bound = live_set_lower_bound(keyword_scrambled_buffers());
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->bytes, 96 + 64 + 256 + 256);
  EXPECT_EQ(bound->step, 2);
  // Without the scratch buffers the tensors alone need less (the README's
  // "tensors alone give less").
  std::vector<BufferRequest> tensors = keyword_scrambled_buffers();
  tensors.resize(16);
  const Result<Plan> tensors_only = plan_buffers("tflm-greedy", tensors);
  ASSERT_TRUE(tensors_only.ok());
  EXPECT_LT(tensors_only->arena_bytes, 672);
}

// Every planner reaches the bound on both models: nothing to gain over TFLM.
TEST(TflmPublishedHeadsTest, EveryPlannerIsValidOnBoth) {
  for (const auto& buffers : {test_conv_model_buffers(), keyword_scrambled_buffers()}) {
    const Result<std::vector<Plan>> plans = plan_with_every_planner(buffers);
    ASSERT_TRUE(plans.ok());
    for (const Plan& plan : *plans) EXPECT_TRUE(plan.checked) << plan.planner;
    EXPECT_EQ(plans->back().arena_bytes, plans->front().arena_bytes);
  }
}

}  // namespace
}  // namespace derive::memplan
