// Pruning arithmetic: sparsity, surviving weights, sparse storage, saliency.
//
// Sparsity is the fraction of weights that are zero (0..1); density = 1 - sparsity.
// Counts are exact 64-bit integers; byte sizes are Numbers, exact when whole.
#pragma once

#include <cstdint>

#include "derive/number.hpp"
#include "derive/result.hpp"

namespace derive {

// zeroed / total. REQUIRES: total >= 1, 0 <= zeroed <= total.
Result<double> sparsity(std::int64_t total, std::int64_t zeroed);
// nonzeros / total. REQUIRES: total >= 1, 0 <= nonzeros <= total.
Result<double> density(std::int64_t total, std::int64_t nonzeros);

// Sparsity of N:M structured sparsity, where N of every M consecutive weights are
// kept: 1 - n/m (Mishra et al., 2021, "Accelerating Sparse Deep Neural Networks";
// NVIDIA Ampere sparse tensor cores support 2:4). REQUIRES: m >= 1, 0 <= n <= m.
Result<double> nm_sparsity(std::int64_t n, std::int64_t m);

// Weights left after pruning `total` weights to `sparsity`: total * (1 - sparsity)
// rounded to the nearest whole number, halves away from zero (std::llround). A
// pruner zeroes whole weights, so the exact product is rarely meant literally;
// rounding also absorbs binary noise such as 1e6 * (1 - 0.9) = 99999.99999999999.
// REQUIRES: 0 <= total <= 2^53 (so the product is exact enough in a double),
// sparsity finite in [0, 1].
Result<std::int64_t> nonzeros(std::int64_t total, double sparsity);

// Global magnitude pruning ranks all layers' weights against one threshold, so
// the number that survive depends only on the total: nonzeros(layers *
// params_per_layer, sparsity). How they spread over layers is not determined.
Result<std::int64_t> global_pruning_nonzeros(std::int64_t layers, std::int64_t params_per_layer,
                                             double sparsity);

// Dense storage: total * value_bytes. REQUIRES: total >= 0, value_bytes > 0.
Result<Number> dense_bytes(std::int64_t total, double value_bytes);

// Compressed sparse row storage (Saad, 2003, "Iterative Methods for Sparse
// Linear Systems", 2nd ed., sec. 3.4): a value and a column index per non-zero,
// plus a row-pointer array of rows + 1 entries:
//   nnz * (value_bytes + index_bytes) + (rows > 0 ? (rows + 1) * pointer_bytes : 0)
// with nnz = nonzeros(total, sparsity). rows = 0 leaves the row pointers out, as
// many textbook exercises do; the true CSR size needs them.
// REQUIRES: value_bytes > 0, index_bytes >= 0, pointer_bytes >= 0, 0 <= rows <= total.
Result<Number> csr_bytes(std::int64_t total, double sparsity, double value_bytes, double index_bytes,
                         std::int64_t rows = 0, double pointer_bytes = 4.0);

// Optimal Brain Damage saliency (LeCun, Denker & Solla, 1990, eq. 6): the
// predicted increase of the loss when the weight is set to zero, from a
// second-order Taylor expansion with a diagonal Hessian: s = h_kk * w_k^2 / 2.
// OBD assumes training has reached a minimum, where h_kk >= 0; a negative
// Hessian entry is accepted and gives a negative saliency.
// REQUIRES: weight and hessian finite.
Result<double> obd_saliency(double weight, double hessian);

}  // namespace derive
