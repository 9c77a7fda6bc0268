// The benchmarks that read the real models of ../shared/models/ (never
// copied into the repository). A checkout without them still runs every
// benchmark binary: those benchmarks are reported as skipped, with the path.
#pragma once

#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>

namespace derive::bench {

// The bytes of a shared model, or empty after state.SkipWithError when the
// file is missing (the caller then returns at once).
template <typename Bytes>
Bytes read_shared_model(benchmark::State& state, const std::string& name) {
  const std::string path = std::string(DERIVE_SOURCE_DIR) + "/../shared/models/" + name;
  std::ifstream in(path, std::ios::binary);
  Bytes bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (bytes.empty()) state.SkipWithError(("missing shared model " + path).c_str());
  return bytes;
}

}  // namespace derive::bench
