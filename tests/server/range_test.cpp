// decide_range and if_range_allows (RFC 9110 14.1-14.4, 13.1.5): what a
// client may ask for, and that no answer ever leaves [0, size).
#include "server/range.hpp"

#include <gtest/gtest.h>

#include <string>

namespace derive::server {
namespace {

using Kind = RangeDecision::Kind;

std::string describe(const RangeDecision& d) {
  if (d.kind == Kind::Whole) return "whole";
  if (d.kind == Kind::Unsatisfiable) return "unsatisfiable";
  std::string text;
  for (const ByteRange& r : d.ranges)
    text += (text.empty() ? "" : ",") + std::to_string(r.first) + "+" + std::to_string(r.length);
  return text;
}

std::string decide(std::string_view header, std::uint64_t size) {
  return describe(decide_range(header, size));
}

TEST(Range, SingleRangesAtTheirBoundaries) {
  EXPECT_EQ(decide("bytes=0-0", 10), "0+1");
  EXPECT_EQ(decide("bytes=0-9", 10), "0+10");           // exactly the last byte
  EXPECT_EQ(decide("bytes=0-10", 10), "0+10");          // one past: clamped
  EXPECT_EQ(decide("bytes=9-", 10), "9+1");             // the last byte
  EXPECT_EQ(decide("bytes=10-", 10), "unsatisfiable");  // one past the end
  EXPECT_EQ(decide("bytes=3-5", 10), "3+3");
  EXPECT_EQ(decide("bytes=-1", 10), "9+1");
  EXPECT_EQ(decide("bytes=-10", 10), "0+10");
  EXPECT_EQ(decide("bytes=-11", 10), "0+10");  // a suffix longer than the file is the file
  EXPECT_EQ(decide("bytes=-0", 10), "unsatisfiable");
}

// The probe's requests on the 344,209-byte derive.wasm: nothing past the end.
TEST(Range, ThePositionsOfTheProbeStayInsideTheFile) {
  constexpr std::uint64_t kWasm = 344209;
  EXPECT_EQ(decide("bytes=0-999999", kWasm), "0+344209");
  EXPECT_EQ(decide("bytes=999999-", kWasm), "unsatisfiable");
  EXPECT_EQ(decide("bytes=0-99999999999999999999999", kWasm), "0+344209");  // past 2^64: past the end
  EXPECT_EQ(decide("bytes=99999999999999999999999-", kWasm), "unsatisfiable");
  EXPECT_EQ(decide("bytes=-99999999999999999999999", kWasm), "0+344209");
}

TEST(Range, OverlappingAndAdjacentRangesMerge) {
  EXPECT_EQ(decide("bytes=0-4,2-8", 10), "0+9");
  EXPECT_EQ(decide("bytes=0-4,5-8", 10), "0+9");       // adjacent
  EXPECT_EQ(decide("bytes=0-3,5-8", 10), "0+4,5+4");   // a gap of one byte stays
  EXPECT_EQ(decide("bytes=5-8,0-3", 10), "0+4,5+4");   // sorted
  EXPECT_EQ(decide("bytes=0-,0-,0-,0-", 10), "0+10");  // the same file many times is one file
  EXPECT_EQ(decide("bytes=-5,0-9", 10), "0+10");
  EXPECT_EQ(decide("bytes=0-1,20-30", 10), "0+2");  // unsatisfiable members are dropped
  EXPECT_EQ(decide("bytes=20-30,40-", 10), "unsatisfiable");
}

TEST(Range, TheTotalNeverExceedsTheFile) {
  std::string many = "bytes=0-";
  for (std::size_t i = 1; i < kMaxRanges; ++i) many += ",0-";
  const RangeDecision d = decide_range(many, 1000);
  ASSERT_EQ(d.kind, Kind::Partial);
  EXPECT_EQ(d.ranges.size(), 1u);
  EXPECT_EQ(d.ranges[0].length, 1000u);
}

TEST(Range, ListLengthLimit) {
  std::string at_limit = "bytes=0-0";
  for (std::size_t i = 1; i < kMaxRanges; ++i)
    at_limit += "," + std::to_string(2 * i) + "-" + std::to_string(2 * i);
  EXPECT_EQ(decide_range(at_limit, 1000).ranges.size(), kMaxRanges);
  EXPECT_EQ(decide(at_limit + ",900-900", 1000), "whole");  // one past the limit: ignored
  EXPECT_EQ(decide("bytes=0-0,,,, ,1-1", 10), "0+2");       // empty list elements do not count
}

TEST(Range, WhatIsIgnored) {
  EXPECT_EQ(decide("", 10), "whole");
  EXPECT_EQ(decide("bytes=", 10), "whole");
  EXPECT_EQ(decide("bytes=,", 10), "whole");
  EXPECT_EQ(decide("items=0-1", 10), "whole");  // another unit
  EXPECT_EQ(decide("bytes 0-1", 10), "whole");
  EXPECT_EQ(decide("bytes=5-3", 10), "whole");  // last before first: invalid
  EXPECT_EQ(decide("bytes=a-3", 10), "whole");
  EXPECT_EQ(decide("bytes=0-1,x", 10), "whole");  // one bad member spoils the header
  EXPECT_EQ(decide("bytes=--1", 10), "whole");
  EXPECT_EQ(decide("bytes=+1-2", 10), "whole");
  EXPECT_EQ(decide("bytes=0-1", 0), "whole");  // an empty file has no ranges
}

TEST(Range, UnitIsCaseInsensitiveAndSpacesAreOptional) {
  EXPECT_EQ(decide("Bytes=0-1", 10), "0+2");
  EXPECT_EQ(decide("BYTES = 0-1 , 3-4 ", 10), "0+2,3+2");
}

TEST(IfRange, OnlyTheSameStrongTag) {
  EXPECT_TRUE(if_range_allows("\"abc\"", "\"abc\""));
  EXPECT_TRUE(if_range_allows(" \"abc\" ", "\"abc\""));
  EXPECT_FALSE(if_range_allows("\"abd\"", "\"abc\""));
  EXPECT_FALSE(if_range_allows("W/\"abc\"", "\"abc\""));  // weak never passes
  EXPECT_FALSE(if_range_allows("Wed, 21 Oct 2015 07:28:00 GMT", "\"abc\""));
  EXPECT_FALSE(if_range_allows("", "\"abc\""));
}

}  // namespace
}  // namespace derive::server
