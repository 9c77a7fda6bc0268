#include "derive/prune.hpp"

#include <cmath>
#include <string>

#include "core/checks.hpp"
#include "derive/measure.hpp"

namespace derive {
namespace {

constexpr std::int64_t kTwoTo53 = std::int64_t{1} << 53;

// Reals in messages print as the shortest round-trip text ("1e+06").
constexpr checks::Checker check{};

// part / total for a part that must lie in [0, total].
Result<double> share(const char* fn, const char* part_name, std::int64_t total, std::int64_t part) {
  DERIVE_CHECK(check.at_least(fn, "total", total, 1));
  DERIVE_CHECK(check.at_least(fn, part_name, part, 0));
  DERIVE_CHECK(check.at_most(fn, part_name, part, "total", total));
  return static_cast<double>(part) / static_cast<double>(total);
}

Result<std::int64_t> nonzeros_in(const char* fn, std::int64_t total, double sparsity) {
  DERIVE_CHECK(check.at_least(fn, "total", total, 0));
  if (total > kTwoTo53) {
    return error_in(
        fn, "total must be <= 2^53 (9007199254740992) to be rounded exactly, got " + std::to_string(total));
  }
  DERIVE_CHECK(check.fraction(fn, "sparsity", sparsity));
  return std::llround(static_cast<double>(total) * (1.0 - sparsity));
}

}  // namespace

Result<double> sparsity(std::int64_t total, std::int64_t zeroed) {
  return share("sparsity", "zeroed", total, zeroed);
}

Result<double> density(std::int64_t total, std::int64_t nonzeros) {
  return share("density", "nonzeros", total, nonzeros);
}

Result<double> nm_sparsity(std::int64_t n, std::int64_t m) {
  DERIVE_CHECK(check.at_least("nm_sparsity", "m", m, 1));
  DERIVE_CHECK(check.at_least("nm_sparsity", "n", n, 0));
  if (n > m) {
    return make_error("nm_sparsity: n (weights kept per group) must be <= m (the group size " +
                      std::to_string(m) + "), got " + std::to_string(n));
  }
  return 1.0 - static_cast<double>(n) / static_cast<double>(m);
}

Result<std::int64_t> nonzeros(std::int64_t total, double sparsity) {
  return nonzeros_in("nonzeros", total, sparsity);
}

Result<std::int64_t> global_pruning_nonzeros(std::int64_t layers, std::int64_t params_per_layer,
                                             double sparsity) {
  const char* fn = "global_pruning_nonzeros";
  DERIVE_CHECK(check.at_least(fn, "layers", layers, 1));
  DERIVE_CHECK(check.at_least(fn, "params_per_layer", params_per_layer, 1));
  DERIVE_TRY(
      const std::int64_t total,
      checked_multiply(layers, params_per_layer, "global_pruning_nonzeros: layers * params_per_layer"));
  return nonzeros_in(fn, total, sparsity);
}

Result<Number> dense_bytes(std::int64_t total, double value_bytes) {
  DERIVE_CHECK(check.at_least("dense_bytes", "total", total, 0));
  DERIVE_CHECK(check.positive("dense_bytes", "value_bytes", value_bytes));
  auto bytes = tensor_bytes(total, value_bytes);
  if (!bytes.ok())
    return make_error("dense_bytes: total * value_bytes exceeds 2^63 - 1 and cannot be counted exactly");
  return bytes;
}

Result<Number> csr_bytes(std::int64_t total, double sparsity, double value_bytes, double index_bytes,
                         std::int64_t rows, double pointer_bytes) {
  const char* fn = "csr_bytes";
  DERIVE_TRY(const std::int64_t nnz, nonzeros_in(fn, total, sparsity));
  DERIVE_CHECK(check.positive(fn, "value_bytes", value_bytes));
  DERIVE_CHECK(check.non_negative(fn, "index_bytes", index_bytes));
  DERIVE_CHECK(check.at_least(fn, "rows", rows, 0));
  if (rows > total) {
    return make_error("csr_bytes: rows must be <= total (" + std::to_string(total) +
                      ": every row holds at least one entry), got " + std::to_string(rows));
  }
  DERIVE_CHECK(check.non_negative(fn, "pointer_bytes", pointer_bytes));
  const std::string overflow = "csr_bytes: the CSR size exceeds 2^63 - 1 bytes and cannot be counted exactly";
  // tensor_bytes needs a width > 0; a zero-width part simply adds nothing.
  Number bytes = Number::exact(0);
  auto entries = tensor_bytes(nnz, value_bytes + index_bytes);
  if (!entries.ok()) return make_error(overflow);
  bytes = *entries;
  if (rows > 0 && pointer_bytes > 0) {
    auto pointers = tensor_bytes(rows + 1, pointer_bytes);
    if (!pointers.ok()) return make_error(overflow);
    bytes = bytes + *pointers;
  }
  if (bytes.approximate()) return make_error(overflow);
  return bytes;
}

Result<double> obd_saliency(double weight, double hessian) {
  DERIVE_CHECK(check.finite("obd_saliency", "weight", weight));
  DERIVE_CHECK(check.finite("obd_saliency", "hessian", hessian));
  const double saliency = hessian * weight * weight / 2.0;
  if (!std::isfinite(saliency)) {
    return make_error("obd_saliency: hessian * weight^2 / 2 overflows a double for weight " +
                      check.text(weight) + " and hessian " + check.text(hessian));
  }
  return saliency;
}

}  // namespace derive
