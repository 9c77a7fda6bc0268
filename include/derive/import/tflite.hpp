// TensorFlow Lite flatbuffers (src/import/tflite/).
#pragma once

#include "derive/import/importer.hpp"

namespace derive::import::tflite {

// "TFL3" at byte offset 4 (the file_identifier of schema.fbs).
bool match(Bytes bytes);
Result<graph::Model> open(Bytes bytes);

}  // namespace derive::import::tflite
