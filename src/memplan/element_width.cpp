// The same buffers at another integer width (what_if.hpp).
#include <string>

#include "memplan/what_if.hpp"

namespace derive::memplan {

Result<WidthResult> with_element_bits(std::span<const BufferRequest> buffers,
                                      std::span<const int> element_bits, int to_bits) {
  if (Result<Problem> valid = make_problem(buffers, PlanOptions{1}); !valid.ok()) return valid.error();
  if (element_bits.size() != buffers.size()) {
    return make_error(std::to_string(element_bits.size()) + " element widths for " +
                      std::to_string(buffers.size()) + " buffers");
  }
  if (to_bits < 1 || to_bits > 64)
    return make_error("to_bits must be from 1 to 64, got " + std::to_string(to_bits));
  WidthResult result;
  result.buffers.assign(buffers.begin(), buffers.end());
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    const int bits = element_bits[i];
    if (bits == 0) continue;
    if (bits < 0 || bits > 64) {
      return make_error("buffer " + std::to_string(i) +
                        ": element width must be from 1 to 64 bits (0: keep), got " + std::to_string(bits));
    }
    const std::int64_t stored_bits = buffers[i].bytes * 8;  // bytes <= 2^46: no overflow
    if (stored_bits % bits != 0) {
      return make_error("buffer " + std::to_string(i) + " (\"" + buffers[i].name +
                        "\"): " + std::to_string(buffers[i].bytes) + " bytes do not hold a whole number of " +
                        std::to_string(bits) + "-bit elements");
    }
    const std::int64_t elements = stored_bits / bits;
    // elements * to_bits <= 2^49 * 64: no overflow.
    const std::int64_t bytes = (elements * to_bits + 7) / 8;
    if (bytes > kMaxBufferBytes) {
      return make_error("buffer " + std::to_string(i) + ": " + std::to_string(bytes) + " bytes at " +
                        std::to_string(to_bits) + " bits is past the 2^46-byte limit");
    }
    if (bytes != buffers[i].bytes) {
      result.buffers[i].bytes = bytes;
      ++result.resized;
    }
  }
  if (result.resized > 0) {
    for (BufferRequest& buffer : result.buffers) {
      if (buffer.offline_offset) {
        buffer.offline_offset.reset();
        result.offline_plan_dropped = true;
      }
    }
  }
  return result;
}

}  // namespace derive::memplan
