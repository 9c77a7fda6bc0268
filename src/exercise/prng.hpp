// The variant generator's randomness: SplitMix64 (Steele, Lea & Flood 2014,
// "Fast splittable pseudorandom number generators"; the constants are Vigna's
// public-domain splitmix64.c) with our own mapping to indices and to [0, 1).
// std::uniform_*_distribution is not used because libstdc++ and libc++ map the
// same engine output to different values; this code gives variant N of an
// exercise the same numbers on every platform, native or WebAssembly.
#pragma once

#include <cstdint>
#include <string_view>

namespace derive {

class VariantRng {
 public:
  // Seeded from the exercise id (FNV-1a, 64 bit) and the variant number.
  VariantRng(std::string_view exercise_id, std::uint64_t variant);
  std::uint64_t next();
  // Uniform over 0 .. n-1 (REQUIRES: n >= 1), unbiased by rejection.
  std::uint64_t index(std::uint64_t n);
  // Uniform over [0, 1) with 53 random bits.
  double unit();

 private:
  std::uint64_t state_;
};

}  // namespace derive
