// In-place depthwise convolution as TinyEngine runs it (what_if.hpp).
#include <algorithm>
#include <numeric>

#include "memplan/what_if.hpp"

namespace derive::memplan {
namespace {

std::string quoted(const BufferRequest& buffer, std::size_t index) {
  return buffer.name.empty() ? "buffer " + std::to_string(index) : "\"" + buffer.name + "\"";
}

}  // namespace

Result<InPlaceResult> apply_in_place_depthwise(std::span<const BufferRequest> buffers,
                                               std::span<const InPlaceCandidate> candidates) {
  if (Result<Problem> valid = make_problem(buffers, PlanOptions{1}); !valid.ok()) return valid.error();
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const InPlaceCandidate& candidate = candidates[c];
    if (candidate.input_buffer >= buffers.size() || candidate.output_buffer >= buffers.size()) {
      return make_error("in-place candidate " + std::to_string(c) + ": buffer index out of range (" +
                        std::to_string(buffers.size()) + " buffers)");
    }
    if (candidate.temp_bytes < 0 || candidate.temp_bytes > kMaxBufferBytes) {
      return make_error("in-place candidate " + std::to_string(c) +
                        ": temp_bytes must be from 0 to 2^46, got " + std::to_string(candidate.temp_bytes));
    }
  }

  // Merged buffers: representative[i] is the original buffer that now holds
  // buffer i's data (itself, or the input it was merged into).
  std::vector<std::size_t> representative(buffers.size());
  std::iota(representative.begin(), representative.end(), std::size_t{0});
  std::vector<BufferRequest> merged(buffers.begin(), buffers.end());
  std::vector<bool> removed(buffers.size(), false);
  std::vector<BufferRequest> temporaries;

  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return candidates[a].step < candidates[b].step; });

  InPlaceResult result;
  for (const std::size_t c : order) {
    const InPlaceCandidate& candidate = candidates[c];
    const std::size_t in = representative[candidate.input_buffer];
    const std::size_t out = candidate.output_buffer;
    const BufferRequest& input = merged[in];
    const BufferRequest& output = merged[out];
    const std::string name = "candidate " + std::to_string(c) + ": ";
    std::string why;
    if (in == out || removed[out]) {
      why = "the output is already merged into another buffer";
    } else if (input.offline_offset || output.offline_offset) {
      why = "an offline-planned buffer cannot be merged";
    } else if (input.last_use != candidate.step) {
      why = "input " + quoted(input, in) + " is read again at step " + std::to_string(input.last_use) +
            ", after the depthwise convolution at step " + std::to_string(candidate.step);
    } else if (output.first_use != candidate.step) {
      why = "output " + quoted(output, out) + " first lives at step " + std::to_string(output.first_use) +
            ", not at the convolution's step " + std::to_string(candidate.step);
    } else if (output.bytes > input.bytes) {
      why = "output " + quoted(output, out) + " (" + std::to_string(output.bytes) +
            " bytes) is larger than input " + quoted(input, in) + " (" + std::to_string(input.bytes) +
            " bytes)";
    }
    if (!why.empty()) {
      result.skipped.push_back(name + why);
      continue;
    }
    merged[in].last_use = output.last_use;
    removed[out] = true;
    for (std::size_t& r : representative) {
      if (r == out) r = in;
    }
    BufferRequest temp;
    temp.name =
        (output.name.empty() ? "buffer " + std::to_string(out) : output.name) + " (in-place temporary)";
    temp.bytes = candidate.temp_bytes;
    temp.first_use = candidate.step;
    temp.last_use = candidate.step;
    temp.is_scratch = true;
    temporaries.push_back(temp);
    ++result.applied;
  }

  std::vector<std::size_t> position(buffers.size(), 0);
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    if (removed[i]) continue;
    position[i] = result.buffers.size();
    result.buffers.push_back(merged[i]);
  }
  for (BufferRequest& temp : temporaries) result.buffers.push_back(std::move(temp));
  result.new_index.resize(buffers.size());
  for (std::size_t i = 0; i < buffers.size(); ++i) result.new_index[i] = position[representative[i]];
  return result;
}

}  // namespace derive::memplan
