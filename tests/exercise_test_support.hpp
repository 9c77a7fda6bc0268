// Helpers for tests that need a small catalogue of their own, written inline, so
// that grader and lint tests do not depend on the shipped catalogue's wording.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "derive/exercise/exercise.hpp"

namespace derive::testing {

// Loads one chapter file; fails the test on any lint issue.
inline Catalogue load_clean(const std::string& toml, int lint_variants = 20) {
  LoadResult result = load_catalogue({{"test.toml", toml}}, lint_variants);
  for (const LintIssue& issue : result.issues) ADD_FAILURE() << issue.to_string();
  return std::move(result.catalogue);
}

inline Instance instance_of(const Catalogue& catalogue, const std::string& id, std::uint64_t variant = 0) {
  const Exercise* exercise = catalogue.find(id);
  EXPECT_NE(exercise, nullptr) << id;
  auto in = instantiate(*exercise, variant);
  EXPECT_TRUE(in.ok()) << (in.ok() ? "" : in.error().message);
  return std::move(in).value();
}

}  // namespace derive::testing
