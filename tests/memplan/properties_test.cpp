// Properties every plan must have, on thousands of random buffer sets: each
// strategy's plan passes the independent checker, the live-set lower bound is
// at most every plan's arena, `best` is the smallest plan and never larger
// than tflm-greedy. And the checker itself must catch broken plans.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "memplan/check.hpp"
#include "memplan/live_set.hpp"
#include "memplan/planner.hpp"
#include "memplan_test_support.hpp"

namespace derive::memplan {
namespace {

using testing::buffer;
using testing::Random;

// Unstructured sets: any sizes (zero included), lifetimes anywhere from -1,
// sometimes an offline buffer (offline ones may collide with each other, as
// TFLM's metadata allows).
std::vector<BufferRequest> random_buffers(Random& random) {
  const int count = static_cast<int>(random.between(0, 40));
  std::vector<BufferRequest> buffers;
  for (int i = 0; i < count; ++i) {
    const int first = static_cast<int>(random.between(-1, 30));
    const int last = first + static_cast<int>(random.between(0, random.chance(20) ? 30 : 4));
    BufferRequest b =
        buffer(random.chance(5) ? 0 : random.between(1, 5000), first, last, "b" + std::to_string(i));
    if (random.chance(10)) b.offline_offset = random.between(0, 750) * (random.chance(80) ? 16 : 1);
    b.is_scratch = first == last && random.chance(50);
    buffers.push_back(b);
  }
  return buffers;
}

// Network-shaped sets: a chain of operators, each output read by the next
// operator and sometimes by a later one (a skip connection), with a scratch
// buffer now and then; sizes from a few layer shapes.
std::vector<BufferRequest> network_buffers(Random& random) {
  const int ops = static_cast<int>(random.between(2, 60));
  std::vector<BufferRequest> buffers;
  buffers.push_back(buffer(random.between(1, 64) * 1024, 0, 1, "input"));
  for (int op = 1; op <= ops; ++op) {
    const int last =
        op == ops ? op : std::min(ops, op + (random.chance(15) ? static_cast<int>(random.between(2, 6)) : 1));
    const std::int64_t channels = std::int64_t{8} << random.between(0, 5);
    const std::int64_t side = std::int64_t{4} << random.between(0, 4);
    buffers.push_back(buffer(channels * side * side, op, last, "op" + std::to_string(op)));
    if (random.chance(25)) buffers.push_back(testing::scratch(buffer(random.between(16, 4096), op, op)));
  }
  return buffers;
}

void expect_properties(const std::vector<BufferRequest>& buffers, const PlanOptions& options,
                       const std::string& what) {
  const Result<std::vector<Plan>> plans = plan_with_every_planner(buffers, options);
  ASSERT_TRUE(plans.ok()) << what << ": " << plans.error().message;
  const Result<LiveSetPeak> bound = live_set_lower_bound(buffers, options);
  ASSERT_TRUE(bound.ok()) << what;
  ASSERT_EQ(plans->size(), all_planners().size());
  std::int64_t smallest = plans->front().arena_bytes;
  for (const Plan& plan : *plans) {
    const CheckReport report = check_plan(buffers, options, plan.offsets, plan.arena_bytes);
    EXPECT_TRUE(plan.checked) << what << ", " << plan.planner << ": "
                              << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_LE(bound->bytes, plan.arena_bytes) << what << ", " << plan.planner;
    if (plan.planner != "best") smallest = std::min(smallest, plan.arena_bytes);
  }
  const Plan& tflm = plans->front();
  const Plan& best = plans->back();
  ASSERT_EQ(tflm.planner, "tflm-greedy");
  ASSERT_EQ(best.planner, "best");
  EXPECT_LE(best.arena_bytes, tflm.arena_bytes) << what;
  EXPECT_EQ(best.arena_bytes, smallest) << what;
}

TEST(PlannerPropertiesTest, RandomBufferSets) {
  Random random(20260101);
  for (int round = 0; round < 3000; ++round) {
    const std::vector<BufferRequest> buffers = random_buffers(random);
    const std::int64_t alignment = std::int64_t{1} << random.between(0, 6);
    expect_properties(buffers, PlanOptions{alignment}, "random set " + std::to_string(round));
    if (HasFailure()) return;
  }
}

TEST(PlannerPropertiesTest, NetworkShapedBufferSets) {
  Random random(7);
  for (int round = 0; round < 500; ++round) {
    expect_properties(network_buffers(random), PlanOptions{16}, "network " + std::to_string(round));
    if (HasFailure()) return;
  }
}

// The single-planner entry point gives what the all-planner one gives.
TEST(PlannerPropertiesTest, OnePlannerAtATimeAgreesWithAll) {
  Random random(99);
  for (int round = 0; round < 50; ++round) {
    const std::vector<BufferRequest> buffers = network_buffers(random);
    const Result<std::vector<Plan>> all = plan_with_every_planner(buffers);
    ASSERT_TRUE(all.ok());
    for (const Plan& expected : *all) {
      const Result<Plan> one = plan_buffers(expected.planner, buffers);
      ASSERT_TRUE(one.ok());
      EXPECT_EQ(one->offsets, expected.offsets) << expected.planner;
      EXPECT_EQ(one->strategy, expected.strategy) << expected.planner;
    }
  }
}

// `best` names the winning strategy; when nothing beats tflm-greedy it is
// tflm-greedy (the first of equal plans).
TEST(PlannerPropertiesTest, BestNamesItsStrategy) {
  const Result<Plan> single = plan_buffers("best", std::vector<BufferRequest>{buffer(100, 0, 3)});
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->planner, "best");
  EXPECT_EQ(single->strategy, "tflm-greedy");
  EXPECT_EQ(single->arena_bytes, 112);
}

// tflm-greedy worked by hand (alignment 1). Buffers: 0: 64 B, steps 0-1;
// 1: 64 B, 1-2; 2: 32 B, 2-2; 3: 48 B, 0-0. Order: 1, 0 (equal sizes, the
// later first), 3, 2.
//   1 goes at 0.
//   0 lives with 1 (step 1): the gap below 1 is empty, so 0 goes above it, at 64.
//   3 lives with 0 only: the gap [0, 64) below 0 holds 48 bytes: 3 at 0.
//   2 lives with 1 only: no gap below 1, so above it, at 64.
TEST(PlannerPropertiesTest, HandWorkedTflmGreedy) {
  const std::vector<BufferRequest> buffers = {buffer(64, 0, 1), buffer(64, 1, 2), buffer(32, 2, 2),
                                              buffer(48, 0, 0)};
  const Result<Plan> plan = plan_buffers("tflm-greedy", buffers, PlanOptions{1});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->offsets, (std::vector<std::int64_t>{64, 0, 64, 0}));
  EXPECT_EQ(plan->arena_bytes, 128);
}

// ---- the checker catches what it should ------------------------------------

std::vector<BufferRequest> two_alive_together() { return {buffer(32, 0, 2, "a"), buffer(16, 1, 3, "b")}; }

TEST(OverlapCheckerTest, AcceptsAValidPlan) {
  EXPECT_TRUE(check_plan(two_alive_together(), PlanOptions{16}, std::vector<std::int64_t>{0, 32}, 48).ok());
}

TEST(OverlapCheckerTest, CatchesBuffersSharingBytes) {
  const CheckReport report =
      check_plan(two_alive_together(), PlanOptions{16}, std::vector<std::int64_t>{0, 16}, 32);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0],
            "buffers 0 (\"a\") and 1 (\"b\") are both alive at steps 1..2 and share bytes 16..31");
}

TEST(OverlapCheckerTest, BuffersAliveAtDifferentStepsMayShare) {
  const std::vector<BufferRequest> buffers = {buffer(32, 0, 1), buffer(32, 2, 3)};
  EXPECT_TRUE(check_plan(buffers, PlanOptions{16}, std::vector<std::int64_t>{0, 0}, 32).ok());
  // ...but not when the last step of one is the first of the other (inclusive).
  const std::vector<BufferRequest> touching = {buffer(32, 0, 1), buffer(32, 1, 3)};
  EXPECT_FALSE(check_plan(touching, PlanOptions{16}, std::vector<std::int64_t>{0, 0}, 32).ok());
}

TEST(OverlapCheckerTest, AlignmentIsTheCheckersOwn) {
  // 20 bytes take 32 with 16-byte alignment: a buffer at 16 collides.
  const std::vector<BufferRequest> buffers = {buffer(20, 0, 0), buffer(16, 0, 0)};
  EXPECT_FALSE(check_plan(buffers, PlanOptions{16}, std::vector<std::int64_t>{0, 16}, 32).ok());
  EXPECT_TRUE(check_plan(buffers, PlanOptions{16}, std::vector<std::int64_t>{0, 32}, 48).ok());
}

TEST(OverlapCheckerTest, CatchesMisalignedAndNegativeOffsets) {
  const std::vector<BufferRequest> one = {buffer(16, 0, 0, "x")};
  CheckReport report = check_plan(one, PlanOptions{16}, std::vector<std::int64_t>{8}, 24);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems[0],
            "buffer 0 (\"x\") is at offset 8, which is not a non-negative multiple of 16");
  EXPECT_FALSE(check_plan(one, PlanOptions{16}, std::vector<std::int64_t>{-16}, 0).ok());
}

// A misaligned offline offset: TFLM places the next buffer flush against it.
TEST(OverlapCheckerTest, AMisalignedOfflinePlanMisalignsItsNeighbours) {
  const std::vector<BufferRequest> buffers = {testing::offline(buffer(8, 0, 1), 8), buffer(16, 0, 1)};
  const Result<Plan> plan = plan_buffers("tflm-greedy", buffers, PlanOptions{16});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->offsets, (std::vector<std::int64_t>{8, 24}));
  EXPECT_TRUE(plan->checked);
}

TEST(OverlapCheckerTest, CatchesAMovedOfflineBuffer) {
  const std::vector<BufferRequest> one = {testing::offline(buffer(16, 0, 0, "fixed"), 48)};
  const CheckReport report = check_plan(one, PlanOptions{16}, std::vector<std::int64_t>{0}, 16);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems[0], "buffer 0 (\"fixed\") is at offset 0, not at its offline offset 48");
}

TEST(OverlapCheckerTest, CatchesAWrongArenaAndAWrongCount) {
  EXPECT_FALSE(check_plan(two_alive_together(), PlanOptions{16}, std::vector<std::int64_t>{0, 32}, 64).ok());
  const CheckReport report =
      check_plan(two_alive_together(), PlanOptions{16}, std::vector<std::int64_t>{0}, 32);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems[0], "1 offsets for 2 buffers");
}

// Every strategy's plan, broken by moving one online buffer onto another it
// lives with, is rejected: the checker is not rubber-stamping.
TEST(OverlapCheckerTest, RejectsEveryPlanBrokenOnPurpose) {
  Random random(5);
  int broken = 0;
  for (int round = 0; round < 100; ++round) {
    const std::vector<BufferRequest> buffers = network_buffers(random);
    const Result<std::vector<Plan>> plans = plan_with_every_planner(buffers);
    ASSERT_TRUE(plans.ok());
    for (const Plan& plan : *plans) {
      for (std::size_t a = 0; a + 1 < buffers.size(); ++a) {
        const std::size_t b = a + 1;  // buffer a + 1 is alive with a at a's last step in these sets
        if (buffers[a].last_use < buffers[b].first_use || buffers[b].last_use < buffers[a].first_use)
          continue;
        std::vector<std::int64_t> offsets = plan.offsets;
        offsets[b] = offsets[a];
        std::int64_t arena = 0;
        for (std::size_t i = 0; i < buffers.size(); ++i) {
          arena = std::max(arena, offsets[i] + aligned_bytes(buffers[i].bytes, 16));
        }
        EXPECT_FALSE(check_plan(buffers, PlanOptions{16}, offsets, arena).ok()) << plan.planner;
        ++broken;
        break;
      }
    }
  }
  EXPECT_GT(broken, 500);
}

// ---- errors name the input ---------------------------------------------------

TEST(PlanErrorsTest, NameTheBufferAndTheRule) {
  Result<Plan> plan =
      plan_buffers("tflm-greedy", std::vector<BufferRequest>{buffer(8, 0, 0), buffer(8, 5, 2, "conv")});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().message, "buffer 1 (\"conv\"): last_use 2 is before first_use 5");
  plan = plan_buffers("tflm-greedy", std::vector<BufferRequest>{buffer(-1, 0, 0)});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().message, "buffer 0: bytes must be from 0 to 2^46, got -1");
  plan = plan_buffers("tflm-greedy", std::vector<BufferRequest>{testing::offline(buffer(8, 0, 0), -16)});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().message, "buffer 0: offline_offset must be from 0 to 2^46, got -16");
  plan = plan_buffers("tflm-greedy", std::vector<BufferRequest>{}, PlanOptions{24});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().message, "alignment_bytes must be a power of two from 1 to 4096, got 24");
}

TEST(PlanErrorsTest, UnknownPlannerListsTheKnownOnes) {
  const Result<Plan> plan = plan_buffers("greedy", std::vector<BufferRequest>{});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(
      plan.error().message,
      "unknown planner \"greedy\" (known: tflm-greedy, greedy-by-size, greedy-by-breadth, "
      "shared-objects-in-order, shared-objects-by-size, shared-objects-by-breadth, min-cost-flow, best)");
}

// min-cost-flow takes at most 128 online buffers: asked for directly it says
// so; the all-planner list and `best` leave it out.
TEST(PlanErrorsTest, MinCostFlowHasABufferLimit) {
  std::vector<BufferRequest> buffers;
  for (int i = 0; i < 129; ++i) buffers.push_back(buffer(64, i, i + 1));
  const Result<Plan> plan = plan_buffers("min-cost-flow", buffers);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().message,
            "min-cost-flow plans at most 128 buffers that are not offline-planned; these buffers have 129 "
            "(choose another planner)");
  const Result<std::vector<Plan>> plans = plan_with_every_planner(buffers);
  ASSERT_TRUE(plans.ok());
  EXPECT_EQ(plans->size(), all_planners().size() - 1);
  for (const Plan& p : *plans) EXPECT_NE(p.planner, "min-cost-flow");
  EXPECT_EQ(plans->back().arena_bytes, 128);
  buffers.pop_back();
  EXPECT_TRUE(plan_buffers("min-cost-flow", buffers).ok());
}

TEST(PlanErrorsTest, NoBuffersIsAnEmptyArena) {
  for (const Planner* planner : all_planners()) {
    const Result<Plan> plan = plan_buffers(*planner, std::vector<BufferRequest>{});
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->arena_bytes, 0);
    EXPECT_TRUE(plan->checked);
  }
}

// Extremes: the largest allowed sizes and steps do not overflow.
TEST(PlanErrorsTest, LargestSizesAndStepsPlan) {
  const std::int64_t huge = kMaxBufferBytes;
  const int far = std::numeric_limits<int>::max();
  const std::vector<BufferRequest> buffers = {buffer(huge, far - 1, far), buffer(huge, far, far),
                                              buffer(huge, std::numeric_limits<int>::min(), far)};
  const Result<std::vector<Plan>> plans = plan_with_every_planner(buffers);
  ASSERT_TRUE(plans.ok());
  for (const Plan& plan : *plans) {
    EXPECT_TRUE(plan.checked) << plan.planner;
    EXPECT_EQ(plan.arena_bytes, 3 * huge) << plan.planner;
  }
}

}  // namespace
}  // namespace derive::memplan
