// The importers derive has. A new format adds one line here.
#include <array>
#include <string>

#include "derive/import/importer.hpp"
#include "derive/import/onnx.hpp"
#include "derive/import/tflite.hpp"

namespace derive::import {

namespace {
constexpr std::array kImporters = {
    Importer{"tflite", &tflite::match, &tflite::open},
    // Last: ONNX has no magic bytes, only a well-formed first protobuf field.
    Importer{"onnx", &onnx::match, &onnx::open},
};
}  // namespace

std::span<const Importer> importers() { return kImporters; }

const Importer* find_importer(Bytes bytes) {
  for (const Importer& importer : kImporters) {
    if (importer.match(bytes)) return &importer;
  }
  return nullptr;
}

Result<graph::Model> open_model(Bytes bytes) {
  const Importer* importer = find_importer(bytes);
  if (importer == nullptr) {
    std::string formats;
    for (const Importer& known : kImporters)
      formats += (formats.empty() ? "" : ", ") + std::string(known.format);
    return make_error("not a model file derive can read (" + std::to_string(bytes.size()) +
                      " bytes; expected one of: " + formats + ")");
  }
  return importer->open(bytes);
}

}  // namespace derive::import
