#include "exercise/prng.hpp"

namespace derive {
namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

VariantRng::VariantRng(std::string_view exercise_id, std::uint64_t variant)
    : state_(fnv1a(exercise_id) ^ (variant * 0xd1342543de82ef95ULL)) {}

std::uint64_t VariantRng::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t VariantRng::index(std::uint64_t n) {
  // Reject the top partial block so every index is equally likely.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  std::uint64_t r;
  do {
    r = next();
  } while (r >= limit);
  return r % n;
}

double VariantRng::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

}  // namespace derive
