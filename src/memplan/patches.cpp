// Patch-based inference of the first layers, as MCUNetV2 runs it
// (what_if.hpp). The stage output is cut into P x P patches of near-equal
// size (rows floor(i * H / P) to floor((i + 1) * H / P) - 1, and the same for
// columns). Each patch's region is carried back through the stage, layer by
// layer: output rows [a, b] of a layer need input rows
// [a * stride - pad, b * stride - pad + (kernel - 1) * dilation], clipped to the
// input (rows outside it are padding, not computed). Rows and columns are
// independent, so a layer computes sum(rows) * sum(cols) output positions over
// all patches, against out_height * out_width when it runs whole.
#include <algorithm>
#include <string>

#include "memplan/what_if.hpp"

namespace derive::memplan {
namespace {

struct Range {
  std::int64_t first;
  std::int64_t last;  // inclusive
  std::int64_t length() const { return last - first + 1; }
};

std::string layer_name(std::size_t j) { return "patch stage layer " + std::to_string(j); }

Status check_layer(const PatchLayer& layer, std::size_t j, std::size_t buffer_count) {
  const std::string name = layer_name(j);
  if (layer.input_buffer >= buffer_count || layer.output_buffer >= buffer_count) {
    return make_error(name + ": buffer index out of range (" + std::to_string(buffer_count) + " buffers)");
  }
  const int dims[] = {layer.in_height, layer.in_width, layer.out_height, layer.out_width,  layer.kernel_h,
                      layer.kernel_w,  layer.stride_h, layer.stride_w,   layer.dilation_h, layer.dilation_w};
  for (const int d : dims) {
    if (d < 1 || d > (1 << 20)) {
      return make_error(name + ": sizes, kernels, strides and dilations must be from 1 to 2^20");
    }
  }
  if (layer.pad_top < 0 || layer.pad_left < 0 || layer.pad_top > (1 << 20) || layer.pad_left > (1 << 20)) {
    return make_error(name + ": padding must be from 0 to 2^20");
  }
  const std::int64_t positions = std::int64_t{layer.out_height} * layer.out_width;
  if (layer.macs < 0 || layer.macs % positions != 0) {
    return make_error(name + ": macs (" + std::to_string(layer.macs) +
                      ") must be a non-negative multiple of " + "out_height * out_width (" +
                      std::to_string(positions) + ")");
  }
  return {};
}

// The bytes one spatial position of `buffer` holds (all channels), when the
// buffer is a height x width feature map.
Result<std::int64_t> bytes_per_position(const BufferRequest& buffer, int height, int width,
                                        const std::string& what) {
  const std::int64_t positions = std::int64_t{height} * width;
  if (buffer.bytes % positions != 0) {
    return make_error(what + ": buffer \"" + buffer.name + "\" has " + std::to_string(buffer.bytes) +
                      " bytes, not a multiple of its " + std::to_string(height) + " x " +
                      std::to_string(width) + " positions");
  }
  return buffer.bytes / positions;
}

// Patch p of P along an axis of n positions.
Range split(std::int64_t n, std::int64_t p, std::int64_t patches) {
  return {p * n / patches, (p + 1) * n / patches - 1};
}

// The input range a layer's output range needs, along one axis.
Range needed(Range out, int kernel, int stride, int dilation, int pad, int in_size) {
  const std::int64_t first = out.first * stride - pad;
  const std::int64_t last = out.last * stride - pad + std::int64_t{kernel - 1} * dilation;
  return {std::max<std::int64_t>(first, 0), std::min<std::int64_t>(last, in_size - 1)};
}

Result<std::int64_t> multiply(std::int64_t a, std::int64_t b, const std::string& what) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) return make_error(what + ": the MAC count overflows 64 bits");
  return product;
}

Result<std::int64_t> add(std::int64_t a, std::int64_t b, const std::string& what) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return make_error(what + ": the MAC count overflows 64 bits");
  return sum;
}

}  // namespace

Result<PatchResult> patch_based_buffers(std::span<const BufferRequest> buffers,
                                        std::span<const PatchLayer> stage, const PatchOptions& options) {
  if (Result<Problem> valid = make_problem(buffers, PlanOptions{1}); !valid.ok()) return valid.error();
  if (stage.empty()) return make_error("the patch stage has no layers");
  for (std::size_t j = 0; j < stage.size(); ++j) {
    DERIVE_CHECK(check_layer(stage[j], j, buffers.size()));
    if (j == 0) continue;
    const PatchLayer& before = stage[j - 1];
    if (stage[j].input_buffer != before.output_buffer) {
      return make_error(layer_name(j) + ": its input is not layer " + std::to_string(j - 1) +
                        "'s output (the patch stage must be a chain)");
    }
    if (stage[j].step <= before.step) {
      return make_error(layer_name(j) + ": step " + std::to_string(stage[j].step) + " is not after layer " +
                        std::to_string(j - 1) + "'s step " + std::to_string(before.step));
    }
    if (stage[j].in_height != before.out_height || stage[j].in_width != before.out_width) {
      return make_error(layer_name(j) + ": input " + std::to_string(stage[j].in_height) + " x " +
                        std::to_string(stage[j].in_width) + " is not layer " + std::to_string(j - 1) +
                        "'s output " + std::to_string(before.out_height) + " x " +
                        std::to_string(before.out_width));
    }
    // The buffer between two stage layers exists only as patches: nothing
    // outside the stage may read it.
    const BufferRequest& between = buffers[before.output_buffer];
    if (between.last_use > stage[j].step) {
      return make_error("buffer \"" + between.name + "\" is used at step " +
                        std::to_string(between.last_use) + ", after the patch stage reads it at step " +
                        std::to_string(stage[j].step) +
                        ": a branch leaves the stage (a residual connection?), so it cannot be patched");
    }
  }
  const PatchLayer& last = stage.back();
  const int patches = options.patches_per_side;
  if (patches < 1 || patches > std::min(last.out_height, last.out_width)) {
    return make_error("patches_per_side must be from 1 to " +
                      std::to_string(std::min(last.out_height, last.out_width)) + " (the stage output is " +
                      std::to_string(last.out_height) + " x " + std::to_string(last.out_width) + "), got " +
                      std::to_string(patches));
  }
  const BufferRequest& input = buffers[stage.front().input_buffer];
  if (options.stream_input && input.last_use > stage.front().step) {
    return make_error("buffer \"" + input.name + "\" cannot be streamed: it is used again at step " +
                      std::to_string(input.last_use) + ", after the patch stage reads it");
  }

  // rows[j][p], cols[j][p]: layer j's output range for patch row/column p;
  // index stage.size() holds the stage input's ranges.
  const std::size_t k = stage.size();
  std::vector<std::vector<Range>> rows(k + 1), cols(k + 1);
  for (int p = 0; p < patches; ++p) {
    Range r = split(last.out_height, p, patches);
    Range c = split(last.out_width, p, patches);
    for (std::size_t j = k; j-- > 0;) {
      rows[j].push_back(r);
      cols[j].push_back(c);
      const PatchLayer& layer = stage[j];
      r = needed(r, layer.kernel_h, layer.stride_h, layer.dilation_h, layer.pad_top, layer.in_height);
      c = needed(c, layer.kernel_w, layer.stride_w, layer.dilation_w, layer.pad_left, layer.in_width);
      if (r.length() < 1 || c.length() < 1) {
        return make_error(layer_name(j) +
                          ": a patch needs no input (padding larger than the kernel reaches?)");
      }
    }
    rows[k].push_back(r);
    cols[k].push_back(c);
  }
  auto max_length = [](const std::vector<Range>& ranges) {
    std::int64_t longest = 0;
    for (const Range& range : ranges) longest = std::max(longest, range.length());
    return longest;
  };
  auto total_length = [](const std::vector<Range>& ranges) {
    std::int64_t total = 0;
    for (const Range& range : ranges) total += range.length();
    return total;
  };

  PatchResult result;
  result.buffers.assign(buffers.begin(), buffers.end());
  for (std::size_t j = 0; j < k; ++j) {
    const PatchLayer& layer = stage[j];
    PatchLayerTiles tiles;
    tiles.max_out_rows = static_cast<int>(max_length(rows[j]));
    tiles.max_out_cols = static_cast<int>(max_length(cols[j]));
    tiles.macs_whole = layer.macs;
    const std::int64_t per_position = layer.macs / (std::int64_t{layer.out_height} * layer.out_width);
    DERIVE_TRY(const std::int64_t positions,
               multiply(total_length(rows[j]), total_length(cols[j]), layer_name(j)));
    DERIVE_TRY(tiles.macs_patched, multiply(per_position, positions, layer_name(j)));
    DERIVE_TRY(result.macs_whole, add(result.macs_whole, tiles.macs_whole, "the patch stage"));
    DERIVE_TRY(result.macs_patched, add(result.macs_patched, tiles.macs_patched, "the patch stage"));
    result.layers.push_back(tiles);

    BufferRequest& out = result.buffers[layer.output_buffer];
    if (j + 1 < k) {
      DERIVE_TRY(const std::int64_t each,
                 bytes_per_position(out, layer.out_height, layer.out_width, layer_name(j)));
      out.bytes = each * tiles.max_out_rows * tiles.max_out_cols;
    } else {
      out.first_use = std::min(out.first_use, stage.front().step);
    }
  }
  BufferRequest& in = result.buffers[stage.front().input_buffer];
  if (options.stream_input) {
    DERIVE_TRY(const std::int64_t each, bytes_per_position(in, stage.front().in_height,
                                                           stage.front().in_width, layer_name(0) + " input"));
    in.bytes = each * max_length(rows[k]) * max_length(cols[k]);
  } else {
    in.last_use = std::max(in.last_use, last.step);
  }
  result.mac_overhead =
      result.macs_whole == 0
          ? 0.0
          : static_cast<double>(result.macs_patched) / static_cast<double>(result.macs_whole) - 1.0;
  return result;
}

}  // namespace derive::memplan
