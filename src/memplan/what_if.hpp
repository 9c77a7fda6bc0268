// What-ifs TinyML engineers weigh before they change a model or a runtime, as
// rewrites of a buffer list: plan the rewritten list with any planner to get
// the new arena. The layer facts come from the caller (the analyzer fills
// them from a graph); every field says exactly what it must hold.
//
// - In-place depthwise convolution (TinyEngine: Lin et al. 2020, "MCUNet:
//   Tiny Deep Learning on IoT Devices", NeurIPS, sec. 3.2; figure 10 of Lin
//   et al. 2023, "Tiny Machine Learning: Progress and Futures", IEEE Circuits
//   and Systems Magazine): a depthwise convolution filters each channel
//   alone, so once channel c's output is computed, channel c of the input is
//   dead; TinyEngine keeps the first output channel in a temporary buffer and
//   writes each following output channel over the input channel before it.
//   Activation memory falls from input + output to input + one output
//   channel.
// - Patch-based inference (MCUNetV2: Lin et al. 2021, "MCUNetV2:
//   Memory-Efficient Patch-based Inference for Tiny Deep Learning", NeurIPS,
//   sec. 3.1): the first k layers run P x P times, each time on one spatial
//   patch of the stage's output and the part of each earlier feature map it
//   depends on (its receptive field), so those layers' buffers shrink to one
//   patch; the stage output is assembled whole. Neighbouring patches'
//   receptive fields overlap (the halo), and the overlap is computed again
//   for every patch: the MAC overhead.
// - Another integer width: the same model with activations of another bit
//   width, every buffer rescaled by bits per element.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "memplan/buffers.hpp"

namespace derive::memplan {

// ---- in-place depthwise convolution -------------------------------------------

// One depthwise convolution that could run in place.
struct InPlaceCandidate {
  std::size_t input_buffer = 0;   // index of the convolution's activation input
  std::size_t output_buffer = 0;  // index of its output
  int step = 0;                   // the step at which it runs
  // TinyEngine's temporary buffer: one channel of the output,
  // out_height * out_width * bytes per element.
  std::int64_t temp_bytes = 0;
};

struct InPlaceResult {
  // The rewritten list: each applied candidate's output merged into its input
  // (one buffer, the input's name, size and first use, the output's last use)
  // plus a scratch buffer of temp_bytes at the step. Every other buffer as
  // before, in the same order; the temporaries at the end.
  std::vector<BufferRequest> buffers;
  // new_index[i]: where original buffer i is in `buffers` (a merged output
  // maps to its input's buffer).
  std::vector<std::size_t> new_index;
  std::size_t applied = 0;
  // One line per candidate not applied, saying why ("candidate 2: input
  // \"conv1\" is read again at step 9, after the depthwise convolution at step 4").
  std::vector<std::string> skipped;
};

// Applies every candidate that is safe, in order of step (a chain of
// depthwise convolutions can all run in place on one buffer). A candidate is
// safe when the input's last use is the convolution's step (nothing reads it
// afterwards), the output's first use is that step, the output is no larger
// than the input (TinyEngine writes output channel c over input channel c - 1:
// same channel count, and stride or padding cannot make a channel plane
// larger), and neither is offline-planned.
// An error only if an index is out of range or a request is invalid.
Result<InPlaceResult> apply_in_place_depthwise(std::span<const BufferRequest> buffers,
                                               std::span<const InPlaceCandidate> candidates);

// ---- patch-based inference ----------------------------------------------------------

// One layer of the patch stage. The stage is a chain: layer j's input buffer
// is layer j - 1's output buffer. Sizes are spatial: the batch is 1 and the
// channel count is taken from the buffer (bytes / (height * width)).
struct PatchLayer {
  std::size_t input_buffer = 0;
  std::size_t output_buffer = 0;
  int step = 0;  // the step at which the layer runs; increasing along the stage
  int in_height = 0, in_width = 0;
  int out_height = 0, out_width = 0;
  // The receptive field of one output position: kernel, stride and dilation
  // per axis, and the rows and columns of padding added before the first
  // input row and column (TFLite SAME padding: the importer computes
  // max(0, (out - 1) * stride + (kernel - 1) * dilation + 1 - in) / 2; 1x1
  // convolutions and element-wise layers: kernel 1, stride 1, padding 0).
  int kernel_h = 1, kernel_w = 1;
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  int pad_top = 0, pad_left = 0;
  // The layer's multiply-accumulates when it runs whole. Per output position
  // they must be equal (true of convolutions, depthwise convolutions, pooling
  // and element-wise layers), so macs must be a multiple of
  // out_height * out_width.
  std::int64_t macs = 0;
};

struct PatchOptions {
  int patches_per_side = 2;  // P: the stage output is cut into P x P patches
  // The stage input stays whole in SRAM (TFLM writes the model input into the
  // arena before it runs), unless the caller streams it patch by patch from
  // elsewhere (a camera or flash): then it shrinks to the largest patch too.
  bool stream_input = false;
};

struct PatchLayerTiles {
  int max_out_rows = 0;  // the largest patch of this layer's output
  int max_out_cols = 0;
  std::int64_t macs_whole = 0;
  std::int64_t macs_patched = 0;  // over all P x P patches, halo included
};

struct PatchResult {
  // The rewritten list: every stage output but the last shrinks to its
  // largest patch; the stage's final output is whole and alive from the
  // stage's first step (patches fill it in turn); the stage input is whole
  // and alive to the stage's last step (the last patch reads it last),
  // unless streamed. Other buffers unchanged, same order.
  std::vector<BufferRequest> buffers;
  std::vector<PatchLayerTiles> layers;
  std::int64_t macs_whole = 0;    // the stage's MACs run layer by layer
  std::int64_t macs_patched = 0;  // run patch by patch
  // macs_patched / macs_whole - 1: MCUNetV2's computation overhead of the
  // halo. Below 0 when a stride larger than its kernel leaves rows or columns
  // of an earlier map that no patch needs (run whole, they are computed anyway).
  double mac_overhead = 0.0;
};

// REQUIRES: a non-empty chain as described; every output buffer but the last
// used only inside the stage (a branch leaving the stage, such as a residual
// skip, cannot be patched: an error names the buffer); patches_per_side from
// 1 to the stage output's smaller side.
Result<PatchResult> patch_based_buffers(std::span<const BufferRequest> buffers,
                                        std::span<const PatchLayer> stage, const PatchOptions& options);

// ---- another integer width --------------------------------------------------------

struct WidthResult {
  std::vector<BufferRequest> buffers;  // resized; same order
  std::size_t resized = 0;
  // Offline offsets were made for the old sizes: they are dropped from every
  // buffer (the list is planned online) when any buffer changes size.
  bool offline_plan_dropped = false;
};

// Each buffer i with element_bits[i] > 0 holds bytes * 8 / element_bits[i]
// elements; it becomes ceil(elements * to_bits / 8) bytes (sub-byte elements
// packed, as TFLite packs int4). Buffers with element_bits 0 keep their size
// (scratch buffers, whose size the kernel decides; float tensors the
// caller does not want to change).
// REQUIRES: element_bits.size() == buffers.size(); every nonzero entry and
// to_bits from 1 to 64; bytes * 8 a multiple of element_bits[i].
Result<WidthResult> with_element_bits(std::span<const BufferRequest> buffers,
                                      std::span<const int> element_bits, int to_bits);

}  // namespace derive::memplan
