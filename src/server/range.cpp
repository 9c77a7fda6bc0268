#include "server/range.hpp"

#include <algorithm>
#include <limits>
#include <optional>

namespace derive::server {
namespace {

constexpr std::uint64_t kPastTheEnd = std::numeric_limits<std::uint64_t>::max();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// 1*DIGIT; saturates at kPastTheEnd instead of overflowing. nullopt when
// `text` is empty or holds anything but digits.
std::optional<std::uint64_t> parse_position(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    value = value > (kPastTheEnd - digit) / 10 ? kPastTheEnd : value * 10 + digit;
  }
  return value;
}

// One range-spec (int-range or suffix-range), resolved against `size`.
// nullopt: a syntax error (the whole header is then ignored). A range with
// length 0 is syntactically fine but unsatisfiable.
std::optional<ByteRange> parse_spec(std::string_view spec, std::uint64_t size) {
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const std::string_view left = spec.substr(0, dash), right = spec.substr(dash + 1);
  if (left.empty()) {  // suffix-range: the last N bytes
    const auto suffix = parse_position(right);
    if (!suffix) return std::nullopt;
    const std::uint64_t length = std::min(*suffix, size);
    return ByteRange{size - length, length};
  }
  const auto first = parse_position(left);
  if (!first) return std::nullopt;
  std::uint64_t last = kPastTheEnd;
  if (!right.empty()) {
    const auto parsed = parse_position(right);
    if (!parsed || *parsed < *first) return std::nullopt;  // last-pos < first-pos is invalid
    last = *parsed;
  }
  if (*first >= size) return ByteRange{*first, 0};  // unsatisfiable
  last = std::min(last, size - 1);
  return ByteRange{*first, last - *first + 1};
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
           return lower(x) == lower(y);
         });
}

}  // namespace

RangeDecision decide_range(std::string_view header, std::uint64_t size) {
  RangeDecision whole;
  header = trim_ows(header);
  const auto equals = header.find('=');
  if (size == 0 || equals == std::string_view::npos || !iequals(trim_ows(header.substr(0, equals)), "bytes"))
    return whole;

  std::vector<ByteRange> ranges;
  std::size_t specs = 0;
  std::string_view rest = header.substr(equals + 1);
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view element = trim_ows(rest.substr(0, comma));
    if (!element.empty()) {  // the list rule allows empty elements
      if (++specs > kMaxRanges) return whole;
      const auto range = parse_spec(element, size);
      if (!range) return whole;
      if (range->length > 0) ranges.push_back(*range);
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (specs == 0) return whole;
  if (ranges.empty()) return RangeDecision{RangeDecision::Kind::Unsatisfiable, {}};

  std::sort(ranges.begin(), ranges.end(),
            [](const ByteRange& a, const ByteRange& b) { return a.first < b.first; });
  std::vector<ByteRange> merged;
  for (const ByteRange& r : ranges) {
    // Every range ends at most at `size`, so these sums cannot overflow.
    if (!merged.empty() && r.first <= merged.back().first + merged.back().length) {
      ByteRange& last = merged.back();
      last.length = std::max(last.first + last.length, r.first + r.length) - last.first;
    } else {
      merged.push_back(r);
    }
  }
  return RangeDecision{RangeDecision::Kind::Partial, std::move(merged)};
}

bool if_range_allows(std::string_view if_range, std::string_view etag) {
  if_range = trim_ows(if_range);
  // A weak tag ("W/...") or a date can never pass the strong comparison.
  return if_range.size() >= 2 && if_range.front() == '"' && if_range == etag;
}

}  // namespace derive::server
