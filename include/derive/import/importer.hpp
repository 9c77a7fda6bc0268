// One importer per model format, and the registry that picks one by the
// file's magic bytes. Each importer reads bytes it does not trust: every
// length and offset is checked and a bad file is an Error naming what is
// wrong and where ("tensor 17: buffer index 912 out of range (model has 40
// buffers)"), never a crash.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "derive/graph/model.hpp"
#include "derive/result.hpp"

namespace derive::import {

using Bytes = std::span<const std::uint8_t>;

struct Importer {
  // "tflite", "onnx": the model's format string.
  std::string_view format;
  // True when the bytes look like this format (magic bytes only, cheap).
  bool (*match)(Bytes bytes);
  // Reads the whole model. The result passes graph::validate.
  Result<graph::Model> (*open)(Bytes bytes);
};

// Every importer derive has, in the order match is tried.
std::span<const Importer> importers();

// The first importer whose match accepts the bytes, or nullptr.
const Importer* find_importer(Bytes bytes);

// Opens the bytes with the importer that matches them; an error names the
// formats tried when none does.
Result<graph::Model> open_model(Bytes bytes);

}  // namespace derive::import
