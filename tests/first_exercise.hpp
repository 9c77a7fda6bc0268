// The exercise docs/catalogue-format.md's tutorial writes
// (docs/examples/first-exercise.toml), and its answer worked out here from the
// layer's definition, for the tests of `derive author` and of authoring.hpp.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace derive::testing {

inline const std::string kFirstExercisePath =
    std::string(DERIVE_SOURCE_DIR) + "/docs/examples/first-exercise.toml";
inline const std::string kFirstExerciseId = "tutorial.dense-layer-memory";

inline std::string first_exercise_toml() {
  std::ifstream in(kFirstExercisePath, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A dense layer of n_in inputs and n_out outputs holds n_in·n_out weights and
// n_out biases; at `bits` bits a number takes bits/8 bytes; 1 KB = 1000 B.
inline double dense_layer_kb(double n_in, double n_out, double bits) {
  return (n_in * n_out + n_out) * bits / 8 / 1000;
}

// One line of the tutorial's file replaced, to break it on purpose.
inline std::string first_exercise_with(const std::string& line, const std::string& replacement) {
  std::string text = first_exercise_toml();
  const auto at = text.find(line);
  if (at == std::string::npos) return "";
  return text.replace(at, line.size(), replacement);
}

}  // namespace derive::testing
