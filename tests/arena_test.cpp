// First-fit arena placement and the live-set bound of derive/arena.hpp.
#include "derive/arena.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace derive {
namespace {

using List = std::vector<double>;

// One buffer set, the offsets first fit must give, the arena they need and the
// live-set bound, each worked out by hand in the comment above the case.
struct ArenaCase {
  const char* name;
  List sizes, first, last;
  List offsets;
  double arena;
  double live_peak;
};

const ArenaCase kArenaCases[] = {
    // tensorflow/lite/micro/memory_planner/greedy_memory_planner_test.cc,
    // TestGreedyMedium: five buffers (size, first, last) = (10, 0, 1), (20, 1, 2),
    // (30, 2, 3), (40, 3, 4), (50, 0, 1); TFLM expects these offsets. The highest
    // end is buffer 1's, 70 + 20. Alive at step 1: 10 + 20 + 50 = 80; at 2:
    // 20 + 30 = 50; at 3: 30 + 40 = 70.
    {"TflmsOwnTestGreedyMedium",
     {10, 20, 30, 40, 50},
     {0, 1, 2, 3, 0},
     {1, 2, 3, 4, 1},
     {50, 70, 40, 0, 0},
     90,
     80},
    // A chain with a skip: t1 lives from step 0 to 3. Sizes 8, 2, 8, 2, 8 are
    // placed largest first with the later of equal sizes first: t4 (8) at 0, t2
    // (8, steps 1-2, not alive with t4) at 0, t0 (8, step 0) at 0, then t3 (2,
    // steps 2-3) after t4 and t2 at 8, and t1 (2, steps 0-3) after t0, t2, t3 and
    // t4 at 10. The bound is 8 + 2 + 2 = 12 at step 2 or 3, so first fit leaves a
    // 0-byte gap here; the order matters where it does not.
    {"ChainWithASkipConnection", {8, 2, 8, 2, 8}, {0, 0, 1, 2, 3}, {0, 3, 2, 3, 3}, {0, 10, 0, 8, 0}, 12, 12},
    // Buffer 0 (2 B, steps 0-1) is alive with buffer 1 (4 B, step 0) and with
    // buffer 2 (4 B, step 1), which never meet: buffer 2 goes first at 0, buffer 1
    // shares offset 0 with it, and buffer 0 goes above both, at 4.
    {"BuffersThatNeverMeetShareBytes", {2, 4, 4}, {0, 0, 1}, {1, 0, 1}, {4, 0, 0}, 6, 6},
    // The same chain with sizes 8, 6, 2, 4, 6: t0 (8) at 0; t4 (6) at 0 (never
    // alive with t0); t1 (6, steps 0-3) above both, at 8; t3 (4, steps 2-3) finds
    // only 2 free bytes between t4's end (6) and t1 (8), so it goes to 14; t2 (2,
    // steps 1-2) fits below t1 at 0. The arena ends at 14 + 4 = 18, while the most
    // alive at one step is t1 + t3 + t4 = 16: first fit leaves a gap.
    {"FirstFitCanLeaveAGapAboveTheBound",
     {8, 6, 2, 4, 6},
     {0, 0, 1, 2, 3},
     {0, 3, 2, 3, 3},
     {0, 8, 0, 14, 0},
     18,
     16},
};

class ArenaCases : public ::testing::TestWithParam<ArenaCase> {};

TEST_P(ArenaCases, OffsetsArenaAndBound) {
  const ArenaCase& c = GetParam();
  EXPECT_EQ(*first_fit_offsets(c.sizes, c.first, c.last), c.offsets);
  EXPECT_EQ(*first_fit_arena_bytes(c.sizes, c.first, c.last), c.arena);
  EXPECT_EQ(*live_set_peak_bytes(c.sizes, c.first, c.last), c.live_peak);
}

INSTANTIATE_TEST_SUITE_P(Arena, ArenaCases, ::testing::ValuesIn(kArenaCases),
                         [](const ::testing::TestParamInfo<ArenaCase>& info) { return info.param.name; });

TEST(Arena, RefusesMalformedBuffers) {
  EXPECT_FALSE(first_fit_offsets({}, {}, {}).ok());
  EXPECT_FALSE(first_fit_offsets({1, 2}, {0}, {0, 1}).ok());
  EXPECT_FALSE(first_fit_offsets({std::numeric_limits<double>::infinity()}, {0}, {0}).ok());
  EXPECT_FALSE(first_fit_offsets({-1}, {0}, {0}).ok());
  const auto backwards = live_set_peak_bytes({4}, {2}, {1});
  ASSERT_FALSE(backwards.ok());
  EXPECT_NE(backwards.error().message.find("ends (step 1) before it starts (step 2)"), std::string::npos)
      << backwards.error().message;
}

}  // namespace
}  // namespace derive
