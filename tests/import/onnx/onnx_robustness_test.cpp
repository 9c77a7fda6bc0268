// Truncated and corrupted copies of every shared ONNX model: each must give
// a result or an error, never a crash, a hang or an allocation the size of a
// lie (run it under the asan preset to see the last).
#include <gtest/gtest.h>

#include <random>

#include "onnx_test_support.hpp"

namespace derive::onnx {
namespace {

// Decodes and infers; returns whether it succeeded (errors are fine).
bool survive(const std::string& bytes) {
  auto model = decode_model(bytes);
  if (!model.ok()) {
    EXPECT_FALSE(model.error().message.empty());
    return false;
  }
  auto graph = infer_shapes(*model);
  if (!graph.ok()) {
    EXPECT_FALSE(graph.error().message.empty());
  }
  return graph.ok();
}

TEST(OnnxRobustness, TruncationAtManyLengthsGivesErrors) {
  for (const auto& name : testing::shared_onnx_models()) {
    SCOPED_TRACE(name);
    const std::string bytes = testing::read_shared_model(name);
    ASSERT_FALSE(bytes.empty());
    ASSERT_TRUE(survive(bytes));
    // Every length in the first 512 bytes, then 400 lengths spread over the rest.
    std::size_t errors = 0, tried = 0;
    for (std::size_t length = 0; length < bytes.size();
         length += length < 512 ? 1 : std::max<std::size_t>(1, bytes.size() / 400)) {
      ++tried;
      if (!survive(bytes.substr(0, length))) ++errors;
    }
    // A cut inside the graph always breaks a length; a cut at a field boundary
    // after the graph may leave a valid model, so not every cut is an error.
    EXPECT_GT(errors, tried * 9 / 10);
  }
}

TEST(OnnxRobustness, ByteFlipsNeverCrash) {
  std::mt19937 random(20261202);
  for (const auto& name : testing::shared_onnx_models()) {
    SCOPED_TRACE(name);
    const std::string bytes = testing::read_shared_model(name);
    std::uniform_int_distribution<std::size_t> position(0, bytes.size() - 1);
    std::uniform_int_distribution<int> value(0, 255);
    for (int trial = 0; trial < 500; ++trial) {
      std::string corrupted = bytes;
      const int flips = 1 + trial % 4;
      for (int k = 0; k < flips; ++k) corrupted[position(random)] = static_cast<char>(value(random));
      (void)survive(corrupted);
    }
    // Each byte set to 0xFF in turn over the first 1 KB (lengths and keys at their largest).
    for (std::size_t i = 0; i < std::min<std::size_t>(bytes.size(), 1024); ++i) {
      std::string corrupted = bytes;
      corrupted[i] = static_cast<char>(0xFF);
      (void)survive(corrupted);
    }
  }
}

}  // namespace
}  // namespace derive::onnx
