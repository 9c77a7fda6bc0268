// derive/arena.hpp's first_fit_offsets (the expression language's copy of
// TFLM's rule, for the exercises) against memplan's tflm-greedy planner: the
// same offsets on random online buffer sets.
#include <gtest/gtest.h>

#include <vector>

#include "derive/arena.hpp"
#include "memplan/planner.hpp"
#include "memplan_test_support.hpp"

namespace derive::memplan {
namespace {

TEST(CoreFirstFit, SameOffsetsAsTheTflmGreedyPlanner) {
  testing::Random random(20261202);
  for (int round = 0; round < 500; ++round) {
    const int n = static_cast<int>(random.between(1, 9));
    std::vector<BufferRequest> buffers;
    std::vector<double> sizes, first, last;
    for (int i = 0; i < n; ++i) {
      const int from = static_cast<int>(random.between(0, 6));
      const int to = from + static_cast<int>(random.between(0, 4));
      // Small sizes make equal sizes, and so the tie rule, common.
      const std::int64_t bytes = random.between(1, 6) * 16;
      buffers.push_back(testing::buffer(bytes, from, to));
      sizes.push_back(static_cast<double>(bytes));
      first.push_back(from);
      last.push_back(to);
    }
    const Result<Plan> plan = plan_buffers("tflm-greedy", buffers, PlanOptions{1});
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    const Result<std::vector<double>> offsets = first_fit_offsets(sizes, first, last);
    ASSERT_TRUE(offsets.ok()) << offsets.error().message;
    std::vector<double> expected(plan->offsets.begin(), plan->offsets.end());
    EXPECT_EQ(*offsets, expected) << "round " << round;
    EXPECT_EQ(*first_fit_arena_bytes(sizes, first, last), static_cast<double>(plan->arena_bytes))
        << "round " << round;
  }
}

}  // namespace
}  // namespace derive::memplan
