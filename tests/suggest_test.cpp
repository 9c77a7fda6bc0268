// The bounded "did you mean" search every layer suggests names with.
#include "derive/text/suggest.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace derive::text {
namespace {

// The band and the early exit give the same distances as the full table
// whenever the distance is within the limit.
std::size_t full_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

TEST(Suggest, BoundedDistanceAgreesWithTheFullTable) {
  std::mt19937 rng(7);
  auto word = [&] {
    std::string w(rng() % 12, 'a');
    for (char& c : w) c = static_cast<char>('a' + rng() % 3);
    return w;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string a = word(), b = word();
    const std::size_t limit = rng() % 6;
    const std::size_t full = full_distance(a, b);
    EXPECT_EQ(edit_distance(a, b, limit), full <= limit ? full : limit + 1) << a << " " << b << " " << limit;
  }
  EXPECT_EQ(edit_distance("Bits", "bitz", 2, true), 1u);
  EXPECT_EQ(edit_distance("Bits", "bitz", 2, false), 2u);
}

TEST(Suggest, NearestFirstThenFragments) {
  const std::vector<std::string_view> ids = {"llm.kv-cache", "llm.gqa-reduction", "quant.levels"};
  EXPECT_EQ(nearest("llm.kv-cach", ids, {3, 3, false, false}), std::vector<std::string_view>{"llm.kv-cache"});
  EXPECT_EQ(nearest("kv-cache", ids, {2, 3, false, true}), std::vector<std::string_view>{"llm.kv-cache"});
  EXPECT_TRUE(nearest("kv-cache", ids, {2, 3, false, false}).empty());
  EXPECT_TRUE(nearest("llm.kv-cache", ids, {3, 3, false, false}).empty());  // equal is not a suggestion
  EXPECT_EQ(nearest("c", {"C", "d"}, {1, 1, true, false}), std::vector<std::string_view>{"C"});
}

// A pasted megabyte against 100 ids finds nothing near, at every limit: the
// length difference alone exceeds a small limit, and at a limit of a third of
// the typed length no id is within it. How long this takes is measured by
// bench/suggest_bench.cpp (BM_NearestHugeInput), not asserted here.
TEST(Suggest, HugeInputFindsNothing) {
  const std::string huge(1'400'000, 'x');
  std::vector<std::string> names;
  for (int i = 0; i < 100; ++i) names.push_back("chapter.exercise-" + std::to_string(i));
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  for (const std::size_t limit : {std::size_t{2}, huge.size() / 3}) {
    EXPECT_TRUE(nearest(huge, candidates, {limit, 3, false, true}).empty());
  }
  const std::string near_miss = std::string(40, 'x') + names[7];
  EXPECT_TRUE(nearest(near_miss, candidates, {near_miss.size() / 3, 3, false, true}).empty());
  // The band of the distance is cut at the limit: beyond it the answer is limit + 1.
  EXPECT_EQ(edit_distance(huge, names[0], 2, false), 3u);
}

}  // namespace
}  // namespace derive::text
