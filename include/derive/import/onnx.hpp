// ONNX protobuf models (src/import/onnx/, docs/analyzer-onnx.md).
#pragma once

#include "derive/import/importer.hpp"

namespace derive::import::onnx {

// The bytes begin with a well-formed ModelProto field (ONNX has no magic).
bool match(Bytes bytes);
// Decodes, infers shapes, folds constants and returns the graph IR: folded
// nodes (Constant, ConstantOfShape, shape computations, ops over weights
// only) become constant tensors, not operators.
Result<graph::Model> open(Bytes bytes);

}  // namespace derive::import::onnx
