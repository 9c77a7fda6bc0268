// Buffer sets shaped like real TinyML networks, for the planner benchmark and
// the planner tests, with int8 activations and TFLM's lifetime rules
// (see NetworkBuilder):
// - MobileNetV2's inverted residual blocks (Sandler et al. 2018,
//   "MobileNetV2: Inverted Residuals and Linear Bottlenecks", Table 2:
//   expansion t, channels c, repeats n, stride s) at a chosen input
//   resolution, width multiplier and depth;
// - a U-Net (Ronneberger et al. 2015) with 4 levels: the encoder's outputs
//   stay alive until the decoder concatenates them, the long lifetimes that
//   make packing hard.
// TFLM's lifetime rules
// (subgraph input created at step 0; operator i at step i + 1 creates its
// outputs and last-uses its inputs; the output lives to the end). A residual
// block's input stays alive until its ADD, which is what makes planning
// non-trivial. Each convolution asks for a CMSIS-NN-style im2col scratch
// buffer (2 * in_channels * k * k bytes: arm_convolve_s8's int16 buffer),
// alive only while it runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "memplan/buffers.hpp"

namespace derive::memplan::bench {

struct NetworkShape {
  int resolution = 96;   // input height = width
  double width = 0.35;   // channel multiplier
  int depth_repeat = 1;  // each stage's block count times this
};

class NetworkBuilder {
 public:
  // The subgraph input.
  explicit NetworkBuilder(std::int64_t input_bytes) {
    buffers_.push_back(make("input", input_bytes, 0));
    current_ = 0;
  }
  // An operator reading `inputs` and writing one new buffer of out_bytes,
  // with an optional scratch buffer. Returns the output's index.
  std::size_t op(const std::string& name, std::vector<std::size_t> inputs, std::int64_t out_bytes,
                 std::int64_t scratch_bytes = 0) {
    ++step_;
    for (const std::size_t in : inputs) buffers_[in].last_use = step_;
    buffers_.push_back(make(name, out_bytes, step_));
    const std::size_t out = buffers_.size() - 1;
    if (scratch_bytes > 0) {
      BufferRequest scratch = make(name + " scratch", scratch_bytes, step_);
      scratch.is_scratch = true;
      buffers_.push_back(scratch);
    }
    current_ = out;
    return out;
  }
  std::size_t current() const { return current_; }
  int ops() const { return step_; }
  // The last output lives to the end of the subgraph.
  std::vector<BufferRequest> finish() {
    std::vector<BufferRequest> out = buffers_;
    out[current_].last_use = step_;
    return out;
  }

 private:
  static BufferRequest make(const std::string& name, std::int64_t bytes, int step) {
    BufferRequest b;
    b.name = name;
    b.bytes = bytes;
    b.first_use = step;
    b.last_use = step;
    return b;
  }
  std::vector<BufferRequest> buffers_;
  std::size_t current_ = 0;
  int step_ = 0;
};

inline std::int64_t scaled_channels(int channels, double width) {
  const auto c = static_cast<std::int64_t>(channels * width + 0.5);
  return c < 8 ? 8 : (c + 7) / 8 * 8;  // MobileNet rounds channels to multiples of 8
}

inline std::vector<BufferRequest> mobilenet_v2_buffers(const NetworkShape& shape, int* op_count = nullptr) {
  struct Stage {
    int t, c, n, s;
  };
  const Stage stages[] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                          {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
  std::int64_t side = shape.resolution;
  NetworkBuilder net(side * side * 3);
  std::int64_t channels = scaled_channels(32, shape.width);
  side = (side + 1) / 2;
  net.op("stem conv 3x3/2", {net.current()}, side * side * channels, 2 * 3 * 9);
  int block = 0;
  for (const Stage& stage : stages) {
    const std::int64_t out_channels = scaled_channels(stage.c, shape.width);
    for (int repeat = 0; repeat < stage.n * shape.depth_repeat; ++repeat, ++block) {
      const int stride = repeat == 0 ? stage.s : 1;
      const std::size_t block_input = net.current();
      const std::string id = "block " + std::to_string(block);
      const std::int64_t expanded = channels * stage.t;
      if (stage.t != 1) net.op(id + " expand 1x1", {block_input}, side * side * expanded);
      const std::int64_t out_side = (side + stride - 1) / stride;
      net.op(id + " depthwise 3x3/" + std::to_string(stride), {net.current()},
             out_side * out_side * expanded);
      net.op(id + " project 1x1", {net.current()}, out_side * out_side * out_channels);
      if (stride == 1 && channels == out_channels) {
        net.op(id + " add", {net.current(), block_input}, out_side * out_side * out_channels);
      }
      side = out_side;
      channels = out_channels;
    }
  }
  const std::int64_t last = scaled_channels(1280, shape.width > 1.0 ? shape.width : 1.0);
  net.op("head conv 1x1", {net.current()}, side * side * last);
  net.op("average pool", {net.current()}, last);
  net.op("fully connected", {net.current()}, 1000, 2 * last);
  if (op_count != nullptr) *op_count = net.ops();
  return net.finish();
}

// A U-Net with `levels` resolution levels and `convs` 3x3 convolutions per
// level, `base` channels at full resolution (doubled per level down).
inline std::vector<BufferRequest> unet_buffers(int resolution, int base, int levels, int convs,
                                               int* op_count = nullptr) {
  std::int64_t side = resolution;
  std::int64_t channels = base;
  NetworkBuilder net(side * side * 3);
  std::int64_t in_channels = 3;
  std::vector<std::size_t> skips;
  std::vector<std::int64_t> skip_channels;
  auto conv = [&](const std::string& name) {
    net.op(name, {net.current()}, side * side * channels, 2 * in_channels * 9);
    in_channels = channels;
  };
  for (int level = 0; level < levels; ++level) {
    for (int c = 0; c < convs; ++c) conv("down " + std::to_string(level) + " conv " + std::to_string(c));
    skips.push_back(net.current());
    skip_channels.push_back(channels);
    side /= 2;
    net.op("down " + std::to_string(level) + " max pool", {net.current()}, side * side * channels);
    channels *= 2;
  }
  for (int c = 0; c < convs; ++c) conv("bottom conv " + std::to_string(c));
  for (int level = levels - 1; level >= 0; --level) {
    side *= 2;
    channels /= 2;
    net.op("up " + std::to_string(level) + " transpose conv", {net.current()}, side * side * channels);
    net.op("up " + std::to_string(level) + " concat", {net.current(), skips[static_cast<std::size_t>(level)]},
           side * side * (channels + skip_channels[static_cast<std::size_t>(level)]));
    in_channels = channels + skip_channels[static_cast<std::size_t>(level)];
    for (int c = 0; c < convs; ++c) conv("up " + std::to_string(level) + " conv " + std::to_string(c));
  }
  net.op("head conv 1x1", {net.current()}, side * side * 2);
  if (op_count != nullptr) *op_count = net.ops();
  return net.finish();
}

// Irregular buffer sets for judging plan quality: 10 to 60 buffers of 16 B to
// 8 KB, lifetimes of 1 to 5 steps (now and then 10 to 30) starting anywhere
// in 40 steps. SplitMix64 from `seed`, so every platform draws the same sets.
inline std::vector<BufferRequest> irregular_buffers(std::uint64_t seed) {
  auto next = [&seed]() {
    std::uint64_t z = (seed += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  auto between = [&](std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
  };
  std::vector<BufferRequest> buffers(static_cast<std::size_t>(between(10, 60)));
  for (BufferRequest& b : buffers) {
    b.bytes = between(1, 512) * 16;
    b.first_use = static_cast<int>(between(0, 40));
    b.last_use = b.first_use + static_cast<int>(between(1, 100) <= 10 ? between(10, 30) : between(0, 4));
  }
  return buffers;
}

}  // namespace derive::memplan::bench
