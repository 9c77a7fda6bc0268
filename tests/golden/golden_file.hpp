// A reviewed table kept in a file (tests/golden/*.tsv) and checked line by
// line: the helper of the golden tests. With DERIVE_WRITE_GOLDEN=1 in the
// environment the file is rewritten from `actual` and the test is skipped,
// so the change can be reviewed in the diff and committed.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace derive::testing {

inline void expect_golden_lines(const std::string& path, const std::vector<std::string>& actual,
                                const std::string& when_sizes_differ) {
  if (const char* write = std::getenv("DERIVE_WRITE_GOLDEN"); write && std::string(write) == "1") {
    std::ofstream out(path);
    for (const std::string& line : actual) out << line << "\n";
    ASSERT_TRUE(out.good()) << "could not write " << path;
    GTEST_SKIP() << "wrote " << actual.size() << " lines to " << path << ": review and commit them";
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << path << " is missing; see the comment at the top of the test";
  std::vector<std::string> expected;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) expected.push_back(line);
  // One failure per differing line, so the moved entry is named.
  ASSERT_EQ(actual.size(), expected.size()) << when_sizes_differ;
  for (std::size_t i = 0; i < actual.size(); ++i) EXPECT_EQ(actual[i], expected[i]);
}

}  // namespace derive::testing
