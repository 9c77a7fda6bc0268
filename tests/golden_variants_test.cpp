// Reference vectors of the variant generator: for every exercise, the
// parameters of a few variants, committed in tests/golden/variants.tsv. A
// change to a draw spec, the PRNG or its mapping to ranges moves the numbers
// behind a shared `?v=` link, so it fails here. When the change is deliberate
// (and its note says so), regenerate the file and commit it with the change:
//   DERIVE_WRITE_GOLDEN=1 ./build/dev/tests/derive_tests --gtest_filter='GoldenVariants.*'
// Each line: id <TAB> variant <TAB> name=value;name=value (declaration order,
// numbers in format_shortest, lists as [a,b], booleans as true/false).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "derive/number_format.hpp"
#include "golden/golden_file.hpp"

namespace derive {
namespace {

const std::uint64_t kVariants[] = {0, 1, 2, 3, 17, 1000};

std::string golden_path() { return std::string(DERIVE_SOURCE_DIR) + "/tests/golden/variants.tsv"; }

std::string text_of(const Value& v) {
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (v.is_number()) return format_shortest(v.number().to_double());
  std::string s = "[";
  for (std::size_t i = 0; i < v.list().size(); ++i)
    s += (i ? "," : "") + format_shortest(v.list()[i].to_double());
  return s + "]";
}

// The lines the current generator gives, in catalogue order.
std::vector<std::string> current_lines() {
  std::vector<std::string> lines;
  for (const Exercise& e : builtin_catalogue().exercises) {
    for (std::uint64_t variant : kVariants) {
      auto in = instantiate(e, variant);
      std::string line = e.id + "\t" + std::to_string(variant) + "\t";
      if (!in) {
        line += "error: " + in.error().message;
      } else {
        for (std::size_t i = 0; i < in->params.size(); ++i)
          line += (i ? ";" : "") + in->params[i].first + "=" + text_of(in->params[i].second);
      }
      lines.push_back(line);
    }
  }
  return lines;
}

TEST(GoldenVariants, ParametersOfEveryExerciseMatchTheReferenceVectors) {
  testing::expect_golden_lines(golden_path(), current_lines(), "exercises or variants were added or removed");
}

}  // namespace
}  // namespace derive
