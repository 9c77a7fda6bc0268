#include "memplan/buffers.hpp"

#include <string>

namespace derive::memplan {
namespace {

std::string describe(std::size_t index, const BufferRequest& buffer) {
  std::string text = "buffer " + std::to_string(index);
  if (!buffer.name.empty()) text += " (\"" + buffer.name + "\")";
  return text;
}

bool power_of_two(std::int64_t value) { return value > 0 && (value & (value - 1)) == 0; }

}  // namespace

std::int64_t aligned_bytes(std::int64_t bytes, std::int64_t alignment) {
  return (bytes + alignment - 1) / alignment * alignment;
}

Result<Problem> make_problem(std::span<const BufferRequest> buffers, const PlanOptions& options) {
  if (!power_of_two(options.alignment_bytes) || options.alignment_bytes > 4096) {
    return make_error("alignment_bytes must be a power of two from 1 to 4096, got " +
                      std::to_string(options.alignment_bytes));
  }
  if (buffers.size() > kMaxBuffers) {
    return make_error("too many buffers to plan: " + std::to_string(buffers.size()) + " (at most " +
                      std::to_string(kMaxBuffers) + ")");
  }
  Problem problem;
  problem.alignment = options.alignment_bytes;
  problem.sizes.reserve(buffers.size());
  problem.first_use.reserve(buffers.size());
  problem.last_use.reserve(buffers.size());
  problem.offline_offset.reserve(buffers.size());
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    const BufferRequest& buffer = buffers[i];
    if (buffer.bytes < 0 || buffer.bytes > kMaxBufferBytes) {
      return make_error(describe(i, buffer) + ": bytes must be from 0 to 2^46, got " +
                        std::to_string(buffer.bytes));
    }
    if (buffer.last_use < buffer.first_use) {
      return make_error(describe(i, buffer) + ": last_use " + std::to_string(buffer.last_use) +
                        " is before first_use " + std::to_string(buffer.first_use));
    }
    if (buffer.offline_offset && (*buffer.offline_offset < 0 || *buffer.offline_offset > kMaxBufferBytes)) {
      return make_error(describe(i, buffer) + ": offline_offset must be from 0 to 2^46, got " +
                        std::to_string(*buffer.offline_offset));
    }
    problem.sizes.push_back(aligned_bytes(buffer.bytes, options.alignment_bytes));
    problem.first_use.push_back(buffer.first_use);
    problem.last_use.push_back(buffer.last_use);
    problem.offline_offset.push_back(buffer.offline_offset ? *buffer.offline_offset : Problem::kOnline);
  }
  return problem;
}

}  // namespace derive::memplan
