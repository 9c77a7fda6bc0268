// TensorFlow Lite Micro's own planner test cases, replayed on tflm-greedy.
//
// Sources (tensorflow/tflite-micro, main branch as of 2023-2024):
// - tensorflow/lite/micro/memory_planner/greedy_memory_planner_test.cc:
//   buffers added straight to GreedyMemoryPlanner (sizes unaligned, so
//   alignment 1 here), with the offsets and maxima that file expects.
// - tensorflow/lite/micro/micro_allocator_test.cc: whole-model tests whose
//   tensors are float32 {2, 2, 3} (48 bytes, already a multiple of 16) built
//   by test_helpers.cc (BuildModelWithOfflinePlanning,
//   BuildSimpleModelWithBranch). Their lifetimes are derived in each test's
//   comment with TFLM's rules (micro_allocation_info.cc,
//   MarkAllocationLifetimes): subgraph inputs and outputs are created at step
//   0; operator i runs at step i + 1, creating its outputs and last-using
//   its inputs and outputs there; subgraph outputs live to the last step; an
//   input no one creates keeps first_use -1.
#include <gtest/gtest.h>

#include <vector>

#include "memplan/check.hpp"
#include "memplan/live_set.hpp"
#include "memplan/planner.hpp"
#include "memplan_test_support.hpp"

namespace derive::memplan {
namespace {

using testing::buffer;
using testing::offline;

// tflm-greedy's plan, after checking on the same case what every plan must
// satisfy: checked, at least the bound, best at most tflm-greedy.
Plan tflm(const std::vector<BufferRequest>& buffers, std::int64_t alignment) {
  const PlanOptions options{alignment};
  Result<Plan> plan = plan_buffers("tflm-greedy", buffers, options);
  EXPECT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_TRUE(plan->checked);
  const Result<std::vector<Plan>> all = plan_with_every_planner(buffers, options);
  const Result<LiveSetPeak> bound = live_set_lower_bound(buffers, options);
  EXPECT_TRUE(all.ok() && bound.ok());
  for (const Plan& other : *all) {
    EXPECT_TRUE(other.checked) << other.planner;
    EXPECT_LE(bound->bytes, other.arena_bytes) << other.planner;
  }
  EXPECT_LE(all->back().arena_bytes, plan->arena_bytes);
  return *plan;
}

// greedy_memory_planner_test.cc, TestGreedyBasics.
TEST(TflmGreedyPlannerTest, Basics) {
  const Plan plan = tflm({buffer(10, 0, 1), buffer(20, 2, 3)}, 1);
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{0, 0}));
  EXPECT_EQ(plan.arena_bytes, 20);
}

// greedy_memory_planner_test.cc, TestGreedyMedium.
TEST(TflmGreedyPlannerTest, Medium) {
  const Plan plan =
      tflm({buffer(10, 0, 1), buffer(20, 1, 2), buffer(30, 2, 3), buffer(40, 3, 4), buffer(50, 0, 1)}, 1);
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{50, 70, 40, 0, 0}));
  EXPECT_EQ(plan.arena_bytes, 90);
}

// greedy_memory_planner_test.cc, TestOverlapCase.
TEST(TflmGreedyPlannerTest, OverlapCase) {
  const Plan plan = tflm({buffer(100, 0, 1), buffer(50, 2, 3), buffer(20, 1, 2)}, 1);
  EXPECT_EQ(plan.arena_bytes, 120);
}

// greedy_memory_planner_test.cc, TestPersonDetectionModel: "These buffer sizes
// and time ranges are taken from the 250KB MobileNet model used in the person
// detection example." TFLM asserts only that the plan has no overlap and is
// smaller than the sum of all buffers, 241,027 bytes.
TEST(TflmGreedyPlannerTest, PersonDetectionModel) {
  const std::vector<BufferRequest> buffers = {
      buffer(9216, 0, 29),  buffer(3, 28, 29),    buffer(256, 27, 28),  buffer(2304, 26, 27),
      buffer(2304, 25, 26), buffer(2304, 24, 25), buffer(1152, 23, 24), buffer(4608, 22, 23),
      buffer(4608, 21, 22), buffer(4608, 20, 21), buffer(4608, 19, 20), buffer(4608, 18, 19),
      buffer(4608, 17, 18), buffer(4608, 16, 17), buffer(4608, 15, 16), buffer(4608, 14, 15),
      buffer(4608, 13, 14), buffer(4608, 12, 13), buffer(2304, 11, 12), buffer(9216, 10, 11),
      buffer(9216, 9, 10),  buffer(9216, 8, 9),   buffer(4608, 7, 8),   buffer(18432, 6, 7),
      buffer(18432, 5, 6),  buffer(18432, 4, 5),  buffer(9216, 3, 4),   buffer(36864, 2, 3),
      buffer(18432, 1, 2),  buffer(18432, 0, 1)};
  std::int64_t sum = 0;
  for (const BufferRequest& b : buffers) sum += b.bytes;
  EXPECT_EQ(sum, 241027);  // the figure in TFLM's comment
  const Plan plan = tflm(buffers, 1);
  EXPECT_LT(plan.arena_bytes, 241027);
  // At step 2 buffers 0, 27 and 28 are alive: 9216 + 36864 + 18432 bytes.
  const Result<LiveSetPeak> bound = live_set_lower_bound(buffers, PlanOptions{1});
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->bytes, 9216 + 36864 + 18432);
  EXPECT_EQ(bound->step, 2);
  EXPECT_GE(plan.arena_bytes, bound->bytes);
}

// micro_allocator_test.cc, TestAllocationForModelsWithBranches and
// OfflinePlannerBranchesAllOnline (metadata all -1: the same plan).
// test_helpers.cc, BuildSimpleModelWithBranch: n0: t0 -> t1; n1: t0 -> t2;
// n2: t1, t2 -> t3; subgraph input t0, output t3. Lifetimes: t0 [0, 2],
// t1 [1, 3], t2 [2, 3], t3 [0 -> 3 when n2 creates it, 3].
// Expected: t0 at 0, t1 at 96, t2 at 48, t3 at 0. The four sizes are equal,
// so only TFLM's tie rule (the later-added buffer first) gives t1 96 and t2 48;
// placing in order of addition would give t1 48 and t2 96.
TEST(TflmGreedyPlannerTest, ModelWithBranches) {
  const Plan plan = tflm({buffer(48, 0, 2), buffer(48, 1, 3), buffer(48, 2, 3), buffer(48, 3, 3)}, 16);
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{0, 96, 48, 0}));
}

// micro_allocator_test.cc, OfflinePlannerBasic: all four tensors offline at
// 0, 48, 0, 48. n0: t0 -> t1; n1: t1 -> t2; n2: t2 -> t3; input t0, output t3.
// Lifetimes t0 [0, 1], t1 [1, 2], t2 [2, 3], t3 [3, 3].
TEST(TflmGreedyPlannerTest, OfflinePlannerBasic) {
  const Plan plan = tflm({offline(buffer(48, 0, 1), 0), offline(buffer(48, 1, 2), 48),
                          offline(buffer(48, 2, 3), 0), offline(buffer(48, 3, 3), 48)},
                         16);
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{0, 48, 0, 48}));
}

// micro_allocator_test.cc, OfflinePlannerOverlappingAllocation: offsets
// t0 0, t1 0, t2 48, t3 online. n0: t0, t1 -> t2; n1: t2 -> t3; subgraph
// inputs t0 and t1 (both inputs of n0), output t3. Lifetimes t0 [0, 1],
// t1 [0, 1], t2 [1, 2], t3 [2, 2]. Expected t3 at 0. t0 and t1 share bytes
// while both alive: the offline plan says so, and the checker reports the pair
// apart without failing the plan.
TEST(TflmGreedyPlannerTest, OfflinePlannerOverlappingAllocation) {
  const std::vector<BufferRequest> buffers = {offline(buffer(48, 0, 1), 0), offline(buffer(48, 0, 1), 0),
                                              offline(buffer(48, 1, 2), 48), buffer(48, 2, 2)};
  const Plan plan = tflm(buffers, 16);
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{0, 0, 48, 0}));
  const CheckReport report = check_plan(buffers, PlanOptions{16}, plan.offsets, plan.arena_bytes);
  EXPECT_TRUE(report.ok());
  ASSERT_EQ(report.offline_overlaps.size(), 1u);
  EXPECT_EQ(report.offline_overlaps[0], (std::pair<std::size_t, std::size_t>{0, 1}));
}

// micro_allocator_test.cc, OfflinePlannerOfflineOnline: offsets t0 0, t1 48,
// t2 online, t3 0, t4 online. n0: t0, t1 -> t2; n1: t2 -> t3, t4; inputs t0,
// t1; outputs t3, t4. Lifetimes t0 [0, 1], t1 [0, 1], t2 [1, 2], t3 [2, 2],
// t4 [2, 2]. Expected t2 at 96, t4 at 48.
TEST(TflmGreedyPlannerTest, OfflinePlannerOfflineOnline) {
  const Plan plan = tflm({offline(buffer(48, 0, 1), 0), offline(buffer(48, 0, 1), 48), buffer(48, 1, 2),
                          offline(buffer(48, 2, 2), 0), buffer(48, 2, 2)},
                         16);
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{0, 48, 96, 0, 48}));
}

// micro_allocator_test.cc, TestOperatorInputsNotInSubgraphInputs: offsets
// t0 0, t1 0, t2 0, t3 48, t4 online; only t0 is a subgraph input. n0: t0, t1,
// t2 -> t3; n1: t3 -> t4; output t4. Lifetimes t0 [0, 1], t1 and t2 [-1, 1]
// (no one creates them), t3 [1, 2], t4 [2, 2]. Expected t4 at 0.
TEST(TflmGreedyPlannerTest, OperatorInputsNotInSubgraphInputs) {
  const Plan plan = tflm({offline(buffer(48, 0, 1), 0), offline(buffer(48, -1, 1), 0),
                          offline(buffer(48, -1, 1), 0), offline(buffer(48, 1, 2), 48), buffer(48, 2, 2)},
                         16);
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{0, 0, 0, 48, 0}));
}

// micro_allocator_test.cc, TestTypicalFirstOpAndSecondOpWithScratchTensors:
// offsets t0..t3 0, t4 48, t5 online. n0: t0 -> t1; n1: t1, t2, t3 -> t4;
// n2: t4 -> t5; input t0, output t5. Lifetimes t0 [0, 1], t1 [1, 2], t2 and
// t3 [-1, 2], t4 [2, 3], t5 [3, 3]. Expected t5 at 0.
TEST(TflmGreedyPlannerTest, FirstOpAndSecondOpWithScratchTensors) {
  const Plan plan =
      tflm({offline(buffer(48, 0, 1), 0), offline(buffer(48, 1, 2), 0), offline(buffer(48, -1, 2), 0),
            offline(buffer(48, -1, 2), 0), offline(buffer(48, 2, 3), 48), buffer(48, 3, 3)},
           16);
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{0, 0, 0, 0, 48, 0}));
}

// TFLM's TestSmallScratch checks the planner's own bookkeeping limit (the
// number of buffers its scratch space holds); derive has no such limit below
// kMaxBuffers, so there is nothing to replay. What TFLM's planner does align
// is nothing: sizes reach it aligned. With 16-byte alignment a 10-byte and a
// 20-byte buffer alive together take 16 + 32 bytes.
TEST(TflmGreedyPlannerTest, SizesAreAlignedBeforePlanning) {
  const Plan plan = tflm({buffer(10, 0, 1), buffer(20, 0, 1)}, 16);
  EXPECT_EQ(plan.offsets, (std::vector<std::int64_t>{32, 0}));
  EXPECT_EQ(plan.arena_bytes, 48);
}

}  // namespace
}  // namespace derive::memplan
