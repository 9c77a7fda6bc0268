// Byte ranges of a representation: the Range and If-Range request headers
// (RFC 9110, sections 14.1 to 14.4, and 13.1.5), decided without a socket.
//
// A static server must answer ranges itself and bound them: a range is only
// ever a slice of the one representation being sent, so whatever a client
// asks for, no byte outside [0, size) can be named, and the slices a reply
// carries never overlap.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace derive::server {

// At most this many ranges in one header; a longer list is ignored (RFC 9110
// 14.2 lets a server ignore a Range that looks like a denial-of-service, and
// the whole file is the one answer that can never amplify).
inline constexpr std::size_t kMaxRanges = 16;

struct ByteRange {
  std::uint64_t first = 0;   // offset of the first byte
  std::uint64_t length = 0;  // > 0
};

struct RangeDecision {
  enum class Kind {
    Whole,          // no usable Range: send the whole representation (200)
    Partial,        // send `ranges` (206)
    Unsatisfiable,  // 416 with Content-Range: bytes */size
  };
  Kind kind = Kind::Whole;
  // For Partial: sorted by offset, non-empty, inside [0, size), neither
  // overlapping nor adjacent (overlapping or touching ranges are merged, so
  // the total never exceeds `size`).
  std::vector<ByteRange> ranges;
};

// REQUIRES: nothing; any header text is judged.
// `header` is the Range field value ("bytes=0-99, -50"). An absent or empty
// header, a unit other than bytes, a syntax error, more than kMaxRanges
// ranges or an empty representation give Whole. A list with no satisfiable
// range gives Unsatisfiable; unsatisfiable members of a list that has others
// are dropped. Positions too large for 64 bits stand for "past the end".
RangeDecision decide_range(std::string_view header, std::uint64_t size);

// True when an If-Range value lets the Range apply: it must be an entity tag
// equal to `etag` by the strong comparison (RFC 9110 13.1.5). Our responses
// carry no Last-Modified, so an HTTP-date never matches, and neither does a
// weak tag. `etag` is quoted, as sent in the ETag header.
bool if_range_allows(std::string_view if_range, std::string_view etag);

}  // namespace derive::server
