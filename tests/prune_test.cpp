#include "derive/prune.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "engine_test_support.hpp"

namespace derive {
namespace {

using derive::testing::error_of;

constexpr std::int64_t kTwoTo53 = std::int64_t{1} << 53;

TEST(PruneSparsity, FractionZeroed) {
  EXPECT_DOUBLE_EQ(*sparsity(500'000, 350'000), 350'000.0 / 500'000.0);
  EXPECT_DOUBLE_EQ(*sparsity(10, 0), 0.0);
  EXPECT_DOUBLE_EQ(*sparsity(10, 10), 1.0);  // exactly at the limit
  EXPECT_EQ(error_of(sparsity(10, 11)), "sparsity: zeroed must be <= total (10), got 11");
  EXPECT_EQ(error_of(sparsity(0, 0)), "sparsity: total must be >= 1, got 0");
  EXPECT_EQ(error_of(sparsity(10, -1)), "sparsity: zeroed must be >= 0, got -1");
}

TEST(PruneSparsity, Density) {
  EXPECT_DOUBLE_EQ(*density(500'000, 150'000), 150'000.0 / 500'000.0);
  EXPECT_DOUBLE_EQ(*density(4, 4), 1.0);
  EXPECT_EQ(error_of(density(4, 5)), "density: nonzeros must be <= total (4), got 5");
  EXPECT_EQ(error_of(density(0, 0)), "density: total must be >= 1, got 0");
}

TEST(PruneSparsity, NmStructured) {
  EXPECT_DOUBLE_EQ(*nm_sparsity(2, 4), 0.5);   // 1 - 2/4
  EXPECT_DOUBLE_EQ(*nm_sparsity(1, 4), 0.75);  // 1 - 1/4
  EXPECT_DOUBLE_EQ(*nm_sparsity(4, 4), 0.0);   // n = m keeps everything
  EXPECT_DOUBLE_EQ(*nm_sparsity(0, 1), 1.0);
  EXPECT_EQ(error_of(nm_sparsity(5, 4)),
            "nm_sparsity: n (weights kept per group) must be <= m (the group size 4), got 5");
  EXPECT_EQ(error_of(nm_sparsity(0, 0)), "nm_sparsity: m must be >= 1, got 0");
  EXPECT_EQ(error_of(nm_sparsity(-1, 4)), "nm_sparsity: n must be >= 0, got -1");
}

TEST(PruneNonzeros, RoundsToNearest) {
  EXPECT_EQ(*nonzeros(500'000, 0.4), 300'000);    // 500000 * 0.6
  EXPECT_EQ(*nonzeros(1'000'000, 0.9), 100'000);  // the product is 99999.99999999999 in binary
  EXPECT_EQ(*nonzeros(10, 0.0), 10);
  EXPECT_EQ(*nonzeros(10, 1.0), 0);
  EXPECT_EQ(*nonzeros(10, 0.26), 7);  // 7.4 rounds down
  EXPECT_EQ(*nonzeros(10, 0.24), 8);  // 7.6 rounds up
  EXPECT_EQ(*nonzeros(3, 0.5), 2);    // 1.5: halves go away from zero
  EXPECT_EQ(*nonzeros(0, 0.5), 0);
  EXPECT_EQ(*nonzeros(kTwoTo53, 0.0), kTwoTo53);
}

TEST(PruneNonzeros, RejectsBadInput) {
  EXPECT_EQ(error_of(nonzeros(10, 1.5)), "nonzeros: sparsity must be a number in [0, 1], got 1.5");
  EXPECT_EQ(error_of(nonzeros(10, -0.1)), "nonzeros: sparsity must be a number in [0, 1], got -0.1");
  EXPECT_EQ(error_of(nonzeros(10, std::numeric_limits<double>::quiet_NaN())),
            "nonzeros: sparsity must be a number in [0, 1], got nan");
  EXPECT_EQ(error_of(nonzeros(-1, 0.5)), "nonzeros: total must be >= 0, got -1");
  EXPECT_EQ(error_of(nonzeros(kTwoTo53 + 1, 0.5)),
            "nonzeros: total must be <= 2^53 (9007199254740992) to be rounded exactly, got 9007199254740993");
}

TEST(PruneNonzeros, GlobalDependsOnlyOnTheTotal) {
  EXPECT_EQ(*global_pruning_nonzeros(10, 50'000, 0.4), 300'000);  // 10 * 50000 * (1 - 0.4)
  EXPECT_EQ(*global_pruning_nonzeros(10, 50'000, 0.4), *global_pruning_nonzeros(5, 100'000, 0.4));
  EXPECT_EQ(*global_pruning_nonzeros(1, 1, 1.0), 0);
  EXPECT_EQ(error_of(global_pruning_nonzeros(0, 50'000, 0.4)),
            "global_pruning_nonzeros: layers must be >= 1, got 0");
  EXPECT_EQ(error_of(global_pruning_nonzeros(10, 0, 0.4)),
            "global_pruning_nonzeros: params_per_layer must be >= 1, got 0");
  EXPECT_EQ(error_of(global_pruning_nonzeros(10, 50'000, 2.0)),
            "global_pruning_nonzeros: sparsity must be a number in [0, 1], got 2");
  EXPECT_EQ(
      error_of(global_pruning_nonzeros(std::int64_t{1} << 62, 2, 0.5)),
      "global_pruning_nonzeros: layers * params_per_layer exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(PruneStorage, Dense) {
  EXPECT_EQ(dense_bytes(1'000'000, 4)->exact_value(), 4'000'000);
  EXPECT_DOUBLE_EQ(dense_bytes(3, 0.5)->to_double(), 1.5);
  EXPECT_EQ(error_of(dense_bytes(10, 0)), "dense_bytes: value_bytes must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(dense_bytes(-1, 4)), "dense_bytes: total must be >= 0, got -1");
  EXPECT_EQ(error_of(dense_bytes(std::int64_t{1} << 62, 2)),
            "dense_bytes: total * value_bytes exceeds 2^63 - 1 and cannot be counted exactly");
}

TEST(PruneStorage, CsrWithoutRowPointers) {
  // 10% of 1e6 survive; each stores a 4 B value and a 4 B column index.
  Result<Number> bytes = csr_bytes(1'000'000, 0.9, 4, 4);
  ASSERT_TRUE(bytes.ok());
  ASSERT_TRUE(bytes->is_exact());
  EXPECT_EQ(bytes->exact_value(), 100'000 * (4 + 4));
  // At 50% sparsity value + index per non-zero costs as much as dense FP32.
  EXPECT_EQ(csr_bytes(1000, 0.5, 4, 4)->exact_value(), dense_bytes(1000, 4)->exact_value());
  EXPECT_EQ(csr_bytes(1000, 1.0, 4, 4)->exact_value(), 0);
}

TEST(PruneStorage, CsrWithRowPointers) {
  // A 1000 x 1000 matrix: 1001 row pointers of 4 B are added.
  EXPECT_EQ(csr_bytes(1'000'000, 0.9, 4, 4, 1000)->exact_value(), 100'000 * 8 + 1001 * 4);
  EXPECT_EQ(csr_bytes(1'000'000, 0.9, 4, 4, 1000, 8)->exact_value(), 100'000 * 8 + 1001 * 8);
  EXPECT_EQ(csr_bytes(1'000'000, 0.9, 4, 4, 1000, 0)->exact_value(), 100'000 * 8);
  // FP16 values with 2 B indices and 2 B pointers.
  EXPECT_EQ(csr_bytes(100, 0.5, 2, 2, 10, 2)->exact_value(), 50 * 4 + 11 * 2);
  EXPECT_DOUBLE_EQ(csr_bytes(3, 0.0, 0.5, 0, 0)->to_double(), 1.5);
  EXPECT_EQ(csr_bytes(4, 0.0, 1, 1, 4)->exact_value(), 4 * 2 + 5 * 4);  // rows == total, the limit
}

TEST(PruneStorage, CsrRejectsBadInput) {
  EXPECT_EQ(error_of(csr_bytes(4, 0.0, 1, 1, 5)),
            "csr_bytes: rows must be <= total (4: every row holds at least one entry), got 5");
  EXPECT_EQ(error_of(csr_bytes(4, 0.0, 1, 1, -1)), "csr_bytes: rows must be >= 0, got -1");
  EXPECT_EQ(error_of(csr_bytes(4, 1.2, 1, 1)), "csr_bytes: sparsity must be a number in [0, 1], got 1.2");
  EXPECT_EQ(error_of(csr_bytes(4, 0.5, 0, 1)), "csr_bytes: value_bytes must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(csr_bytes(4, 0.5, 4, -1)),
            "csr_bytes: index_bytes must be a finite number >= 0, got -1");
  EXPECT_EQ(error_of(csr_bytes(4, 0.5, 4, 4, 2, -4)),
            "csr_bytes: pointer_bytes must be a finite number >= 0, got -4");
  EXPECT_EQ(error_of(csr_bytes(-4, 0.5, 4, 4)), "csr_bytes: total must be >= 0, got -4");
}

TEST(PruneSaliency, ObdIsHalfHessianTimesWeightSquared) {
  EXPECT_DOUBLE_EQ(*obd_saliency(0.4, 5.0), 5.0 * 0.4 * 0.4 / 2.0);
  EXPECT_DOUBLE_EQ(*obd_saliency(-0.4, 5.0), *obd_saliency(0.4, 5.0));  // sign of w does not matter
  EXPECT_DOUBLE_EQ(*obd_saliency(0.0, 5.0), 0.0);
  EXPECT_DOUBLE_EQ(*obd_saliency(2.0, -1.0), -2.0);  // accepted: away from a minimum
  EXPECT_EQ(error_of(obd_saliency(std::numeric_limits<double>::infinity(), 1.0)),
            "obd_saliency: weight must be a finite number, got inf");
  EXPECT_EQ(error_of(obd_saliency(1.0, std::numeric_limits<double>::quiet_NaN())),
            "obd_saliency: hessian must be a finite number, got nan");
  EXPECT_EQ(error_of(obd_saliency(1e200, 1e200)),
            "obd_saliency: hessian * weight^2 / 2 overflows a double for weight 1e+200 and hessian 1e+200");
}

}  // namespace
}  // namespace derive
