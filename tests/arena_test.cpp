// First-fit arena placement and the live-set bound of derive/arena.hpp.
#include "derive/arena.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace derive {
namespace {

using List = std::vector<double>;

// tensorflow/lite/micro/memory_planner/greedy_memory_planner_test.cc,
// TestGreedyMedium: five buffers (size, first, last) = (10, 0, 1), (20, 1, 2),
// (30, 2, 3), (40, 3, 4), (50, 0, 1); TFLM expects these offsets.
TEST(Arena, FirstFitGivesTheOffsetsOfTflmsOwnTest) {
  const List sizes = {10, 20, 30, 40, 50}, first = {0, 1, 2, 3, 0}, last = {1, 2, 3, 4, 1};
  EXPECT_EQ(*first_fit_offsets(sizes, first, last), (List{50, 70, 40, 0, 0}));
  // The highest end is buffer 1's, 70 + 20.
  EXPECT_EQ(*first_fit_arena_bytes(sizes, first, last), 90);
  // Alive at step 1: 10 + 20 + 50 = 80; at 2: 20 + 30 = 50; at 3: 30 + 40 = 70.
  EXPECT_EQ(*live_set_peak_bytes(sizes, first, last), 80);
}

// A chain with a skip: t1 lives from step 0 to 3. Sizes 8, 2, 8, 2, 8 are
// placed largest first with the later of equal sizes first: t4 (8) at 0, t2
// (8, steps 1-2, not alive with t4) at 0, t0 (8, step 0) at 0, then t3 (2,
// steps 2-3) after t4 and t2 at 8, and t1 (2, steps 0-3) after t0, t2, t3 and
// t4 at 10. The bound is 8 + 2 + 2 = 12 at step 2 or 3, so first fit leaves a
// 0-byte gap here; the order matters where it does not.
TEST(Arena, ChainWithASkipConnection) {
  const List first = {0, 0, 1, 2, 3}, last = {0, 3, 2, 3, 3};
  const List sizes = {8, 2, 8, 2, 8};
  EXPECT_EQ(*first_fit_offsets(sizes, first, last), (List{0, 10, 0, 8, 0}));
  EXPECT_EQ(*first_fit_arena_bytes(sizes, first, last), 12);
  EXPECT_EQ(*live_set_peak_bytes(sizes, first, last), 12);
}

// Buffer 0 (2 B, steps 0-1) is alive with buffer 1 (4 B, step 0) and with
// buffer 2 (4 B, step 1), which never meet: buffer 2 goes first at 0, buffer 1
// shares offset 0 with it, and buffer 0 goes above both, at 4.
TEST(Arena, BuffersThatNeverMeetShareBytes) {
  const List sizes = {2, 4, 4}, first = {0, 0, 1}, last = {1, 0, 1};
  EXPECT_EQ(*first_fit_offsets(sizes, first, last), (List{4, 0, 0}));
  EXPECT_EQ(*first_fit_arena_bytes(sizes, first, last), 6);
  EXPECT_EQ(*live_set_peak_bytes(sizes, first, last), 6);
}

// The same chain with sizes 8, 6, 2, 4, 6: t0 (8) at 0; t4 (6) at 0 (never
// alive with t0); t1 (6, steps 0-3) above both, at 8; t3 (4, steps 2-3) finds
// only 2 free bytes between t4's end (6) and t1 (8), so it goes to 14; t2 (2,
// steps 1-2) fits below t1 at 0. The arena ends at 14 + 4 = 18, while the most
// alive at one step is t1 + t3 + t4 = 16: first fit leaves a gap.
TEST(Arena, FirstFitCanLeaveAGapAboveTheBound) {
  const List first = {0, 0, 1, 2, 3}, last = {0, 3, 2, 3, 3};
  const List sizes = {8, 6, 2, 4, 6};
  EXPECT_EQ(*first_fit_offsets(sizes, first, last), (List{0, 8, 0, 14, 0}));
  EXPECT_EQ(*first_fit_arena_bytes(sizes, first, last), 18);
  EXPECT_EQ(*live_set_peak_bytes(sizes, first, last), 16);
}

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
