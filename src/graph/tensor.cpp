#include "derive/graph/tensor.hpp"

#include <string>

namespace derive::graph {

std::string_view dtype_name(DType dtype) {
  switch (dtype) {
    case DType::unknown:
      return "unknown";
    case DType::float16:
      return "float16";
    case DType::bfloat16:
      return "bfloat16";
    case DType::float32:
      return "float32";
    case DType::float64:
      return "float64";
    case DType::int4:
      return "int4";
    case DType::int8:
      return "int8";
    case DType::int16:
      return "int16";
    case DType::int32:
      return "int32";
    case DType::int64:
      return "int64";
    case DType::uint8:
      return "uint8";
    case DType::uint16:
      return "uint16";
    case DType::uint32:
      return "uint32";
    case DType::uint64:
      return "uint64";
    case DType::boolean:
      return "bool";
    case DType::complex64:
      return "complex64";
    case DType::complex128:
      return "complex128";
    case DType::string:
      return "string";
    case DType::resource:
      return "resource";
    case DType::variant:
      return "variant";
  }
  return "unknown";
}

std::optional<std::int64_t> dtype_bits(DType dtype) {
  switch (dtype) {
    case DType::int4:
      return 4;
    case DType::int8:
    case DType::uint8:
    case DType::boolean:
      return 8;
    case DType::float16:
    case DType::bfloat16:
    case DType::int16:
    case DType::uint16:
      return 16;
    case DType::float32:
    case DType::int32:
    case DType::uint32:
      return 32;
    case DType::float64:
    case DType::int64:
    case DType::uint64:
    case DType::complex64:
      return 64;
    case DType::complex128:
      return 128;
    case DType::unknown:
    case DType::string:
    case DType::resource:
    case DType::variant:
      return std::nullopt;
  }
  return std::nullopt;
}

namespace {
constexpr std::int64_t kMaxElements = std::int64_t{1} << 62;
}

Result<std::int64_t> element_count(const Tensor& tensor) {
  std::int64_t count = 1;
  for (std::size_t axis = 0; axis < tensor.shape.size(); ++axis) {
    const std::int64_t dim = tensor.shape[axis];
    if (dim < 0) {
      return make_error("tensor '" + tensor.name + "': dimension " + std::to_string(axis) + " is " +
                        std::to_string(dim) + ", expected a known size >= 0");
    }
    if (dim != 0 && count > kMaxElements / dim) {
      return make_error("tensor '" + tensor.name + "': element count overflows 2^62");
    }
    count *= dim;
  }
  return count;
}

Result<std::int64_t> byte_length(const Tensor& tensor) {
  const auto bits = dtype_bits(tensor.dtype);
  if (!bits) {
    return make_error("tensor '" + tensor.name + "': type " + std::string(dtype_name(tensor.dtype)) +
                      " has no fixed element size");
  }
  DERIVE_TRY(const std::int64_t count, element_count(tensor));
  if (*bits < 8) return (count * *bits + 7) / 8;
  const std::int64_t element_bytes = *bits / 8;
  if (count > kMaxElements / element_bytes) {
    return make_error("tensor '" + tensor.name + "': byte length overflows 2^62");
  }
  return count * element_bytes;
}

}  // namespace derive::graph
