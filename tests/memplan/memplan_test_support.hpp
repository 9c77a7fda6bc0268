// Helpers for the memory-planning tests: short buffer constructors and a
// portable pseudo-random generator (SplitMix64 with our own mapping to
// ranges, so every platform draws the same buffer sets).
#pragma once

#include <cstdint>
#include <string>

#include "memplan/buffers.hpp"

namespace derive::memplan::testing {

inline BufferRequest buffer(std::int64_t bytes, int first_use, int last_use, std::string name = "") {
  BufferRequest request;
  request.name = std::move(name);
  request.bytes = bytes;
  request.first_use = first_use;
  request.last_use = last_use;
  return request;
}

inline BufferRequest offline(BufferRequest request, std::int64_t offset) {
  request.offline_offset = offset;
  return request;
}

inline BufferRequest scratch(BufferRequest request) {
  request.is_scratch = true;
  return request;
}

// SplitMix64 (Steele, Lea & Flood 2014).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [low, high] (modulo bias is irrelevant for test inputs).
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(int percent) { return between(1, 100) <= percent; }

 private:
  std::uint64_t state_;
};

}  // namespace derive::memplan::testing
