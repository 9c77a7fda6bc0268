// TensorFlow Lite GPU delegate's own memory-management test cases, replayed
// on our ports of its strategies.
//
// Source: tensorflow/tensorflow, tensorflow/lite/delegates/gpu/common/
// memory_management_test.cc, TEST(Model, ChainRecords) and
// TEST(Model, ComplexRecords). The delegate's usage records are
// {size, first_task, last_task} with inclusive tasks, as our buffers. For the
// shared-object strategies the file expects object ids and object sizes; our
// planners return offsets, with objects laid end to end in id order
// (ObjectsToOffsets), so each expected offset below is the sum of the sizes
// of the objects before the buffer's object, written out in the comment.
#include <gtest/gtest.h>

#include <vector>

#include "memplan/planner.hpp"
#include "memplan_test_support.hpp"

namespace derive::memplan {
namespace {

using testing::buffer;

// Sizes are multiples of 8 and the delegate aligns nothing here: alignment 1.
Plan plan_with(const char* planner, const std::vector<BufferRequest>& buffers) {
  Result<Plan> plan = plan_buffers(planner, buffers, PlanOptions{1});
  EXPECT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_TRUE(plan->checked) << planner;
  // And on the same case: best is at most tflm-greedy and this plan.
  const Result<Plan> best = plan_buffers("best", buffers, PlanOptions{1});
  const Result<Plan> tflm = plan_buffers("tflm-greedy", buffers, PlanOptions{1});
  EXPECT_TRUE(best.ok() && tflm.ok());
  EXPECT_LE(best->arena_bytes, tflm->arena_bytes);
  EXPECT_LE(best->arena_bytes, plan->arena_bytes);
  return *plan;
}

std::vector<BufferRequest> chain_records() {
  return {buffer(16, 0, 1), buffer(8, 1, 2), buffer(64, 2, 3), buffer(32, 3, 4), buffer(8, 4, 5)};
}

std::vector<BufferRequest> complex_records() {
  return {buffer(32, 0, 1), buffer(32, 1, 4), buffer(8, 2, 5), buffer(16, 3, 5), buffer(8, 4, 5),
          buffer(64, 5, 7), buffer(8, 6, 8),  buffer(8, 7, 8), buffer(16, 8, 9)};
}

// ChainRecords: every shared-object strategy expects object ids 0,1,0,1,0 and
// sizes 64, 32: offsets 0, 64, 0, 64, 0. GREEDY_BY_SIZE offsets: the same,
// total 96.
TEST(GpuDelegateStrategiesTest, ChainRecords) {
  const std::vector<std::int64_t> expected = {0, 64, 0, 64, 0};
  for (const char* planner : {"greedy-by-size", "shared-objects-in-order", "shared-objects-by-size",
                              "shared-objects-by-breadth", "min-cost-flow"}) {
    const Plan plan = plan_with(planner, chain_records());
    EXPECT_EQ(plan.offsets, expected) << planner;
    EXPECT_EQ(plan.arena_bytes, 96) << planner;
  }
}

// ComplexRecords, GREEDY_BY_SIZE offsets: 0, 32, 80, 64, 88, 0, 64, 72, 0; total 96.
TEST(GpuDelegateStrategiesTest, ComplexRecordsGreedyBySizeOffsets) {
  const Plan plan = plan_with("greedy-by-size", complex_records());
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{0, 32, 80, 64, 88, 0, 64, 72, 0}));
  EXPECT_EQ(plan.arena_bytes, 96);
}

// ComplexRecords, the shared-object strategies. Expected ids and sizes from
// the file; offsets are each object's start, the sizes of the objects before it.
TEST(GpuDelegateStrategiesTest, ComplexRecordsSharedObjects) {
  struct Case {
    const char* planner;
    std::vector<std::int64_t> offsets;
    std::int64_t arena;
  };
  const Case cases[] = {
      // GREEDY_IN_ORDER: ids 0,1,0,2,3,1,3,2,0; sizes 32, 64, 16, 8: starts 0, 32, 96, 112.
      {"shared-objects-in-order", {0, 32, 0, 96, 112, 32, 112, 96, 0}, 32 + 64 + 16 + 8},
      // GREEDY_BY_BREADTH: ids 0,4,2,1,3,0,2,3,1; sizes 64, 16, 8, 8, 32: starts 0, 64, 80, 88, 96.
      {"shared-objects-by-breadth", {0, 96, 80, 64, 88, 0, 80, 88, 64}, 64 + 16 + 8 + 8 + 32},
      // GREEDY_BY_SIZE (objects, distance priority): ids 1,0,2,1,3,0,1,2,0; sizes 64, 32, 8, 8: starts 0, 64,
      // 96, 104.
      {"shared-objects-by-size", {64, 0, 96, 64, 104, 0, 64, 96, 0}, 64 + 32 + 8 + 8},
      // MINCOSTFLOW: ids 0,1,2,0,3,1,3,2,0; sizes 32, 64, 8, 8: starts 0, 32, 96, 104.
      {"min-cost-flow", {0, 32, 96, 0, 104, 32, 104, 96, 0}, 32 + 64 + 8 + 8},
  };
  for (const Case& c : cases) {
    const Plan plan = plan_with(c.planner, complex_records());
    EXPECT_EQ(plan.offsets, c.offsets) << c.planner;
    EXPECT_EQ(plan.arena_bytes, c.arena) << c.planner;
  }
}

}  // namespace
}  // namespace derive::memplan
