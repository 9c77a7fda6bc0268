// A model of ../shared/models (DERIVE_MODELS_DIR) opened through the importer
// registry, for the graph tests; a missing or unreadable file fails the test
// and gives an empty Model (no subgraphs).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "derive/import/importer.hpp"

namespace derive::graph::testing {

inline Model open_shared(const std::string& name) {
  std::ifstream in(std::string(DERIVE_MODELS_DIR) + "/" + name, std::ios::binary);
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_FALSE(bytes.empty()) << name << " is missing from ../shared/models";
  auto model = import::open_model(bytes);
  EXPECT_TRUE(model.ok()) << name << ": " << (model.ok() ? "" : model.error().message);
  return model.ok() ? std::move(model).value() : Model{};
}

}  // namespace derive::graph::testing
