// The TFLite importer on the shared real models (../shared/models/README.md)
// and on truncated and corrupted copies of them.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "derive/import/importer.hpp"
#include "derive/import/tflite.hpp"
#include "import/tflite/schema_ids.hpp"

namespace derive::import {
namespace {

const char* const kTfliteModels[] = {
    "hello_world_int8.tflite",
    "hello_world_float.tflite",
    "micro_speech_quantized.tflite",
    "audio_preprocessor_int8.tflite",
    "keyword_scrambled.tflite",
    "test_conv_model.tflite",
    "trained_lstm_int8.tflite",
    "kws.tflite",
    "ad01.tflite",
};

std::vector<std::uint8_t> read_model(const std::string& name) {
  std::ifstream in(std::string(DERIVE_MODELS_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

graph::Model open_or_fail(const std::string& name) {
  const auto bytes = read_model(name);
  auto model = open_model(bytes);
  EXPECT_TRUE(model.ok()) << name << ": " << (model.ok() ? "" : model.error().message);
  return model.ok() ? std::move(model).value() : graph::Model{};
}

TEST(TfliteImport, EverySharedModelOpensWithItsFileSize) {
  for (const char* name : kTfliteModels) {
    const auto bytes = read_model(name);
    ASSERT_TRUE(tflite::match(bytes)) << name;
    const graph::Model model = open_or_fail(name);
    EXPECT_EQ(model.format, "tflite") << name;
    EXPECT_EQ(model.file_bytes, static_cast<std::int64_t>(bytes.size())) << name;
    ASSERT_FALSE(model.subgraphs.empty()) << name;
    EXPECT_FALSE(graph::main_subgraph(model).operators.empty()) << name;
  }
}

// hello_world: the MLP 1 -> 16 -> 16 -> 1 (README of the shared models), three
// FULLY_CONNECTED layers whose weights are [out, in] matrices (TFLite's
// FULLY_CONNECTED filter layout) and whose biases have `out` elements.
TEST(TfliteImport, HelloWorldIsThreeFullyConnectedLayers) {
  for (const char* name : {"hello_world_int8.tflite", "hello_world_float.tflite"}) {
    const graph::Model model = open_or_fail(name);
    const graph::Subgraph& g = graph::main_subgraph(model);
    std::vector<const graph::Operator*> fc;
    for (const auto& op : g.operators) {
      if (op.kind == graph::OpKind::fully_connected) fc.push_back(&op);
    }
    ASSERT_EQ(fc.size(), 3u) << name;
    const std::int64_t widths[] = {1, 16, 16, 1};
    for (std::size_t layer = 0; layer < 3; ++layer) {
      const graph::Tensor& weights = g.tensors[static_cast<std::size_t>(fc[layer]->inputs[1])];
      EXPECT_EQ(weights.role, graph::TensorRole::constant) << name;
      EXPECT_EQ(weights.shape, (std::vector<std::int64_t>{widths[layer + 1], widths[layer]})) << name;
      const graph::Tensor& bias = g.tensors[static_cast<std::size_t>(fc[layer]->inputs[2])];
      EXPECT_EQ(bias.shape, (std::vector<std::int64_t>{widths[layer + 1]})) << name;
      // int8 weights take one byte each, float32 four; the stored bytes are the
      // buffer's length.
      const std::int64_t element_bytes = weights.dtype == graph::DType::int8 ? 1 : 4;
      EXPECT_EQ(weights.stored_bytes, widths[layer] * widths[layer + 1] * element_bytes) << name;
    }
  }
}

TEST(TfliteImport, CustomOpsAreNamedByTheirCustomCode) {
  const graph::Model model = open_or_fail("audio_preprocessor_int8.tflite");
  int signal_ops = 0;
  for (const auto& op : graph::main_subgraph(model).operators) {
    if (op.kind == graph::OpKind::custom) {
      EXPECT_EQ(op.op.rfind("Signal", 0), 0u) << op.op;
      ++signal_ops;
    }
  }
  EXPECT_GT(signal_ops, 0);
}

TEST(TfliteImport, KeywordScrambledHasSvdfWithVariableState) {
  const graph::Model model = open_or_fail("keyword_scrambled.tflite");
  const graph::Subgraph& g = graph::main_subgraph(model);
  int svdf = 0;
  for (const auto& op : g.operators) {
    if (op.kind != graph::OpKind::svdf) continue;
    ++svdf;
    EXPECT_GT(op.attributes.rank, 0);
  }
  EXPECT_GT(svdf, 0);
  std::int64_t variable_bytes = 0;
  for (const auto& t : g.tensors) {
    if (t.role != graph::TensorRole::variable) continue;
    auto bytes = graph::byte_length(t);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    variable_bytes += *bytes;
  }
  // tflite-micro memory_arena_threshold_test.cc: keyword_scrambled's variable
  // (state) buffers take 10,240 bytes.
  EXPECT_EQ(variable_bytes, 10240);
}

TEST(TfliteImport, NonModelsAreRefusedWithTheFormatsTried) {
  const std::vector<std::uint8_t> junk = {'n', 'o', 't', ' ', 'a', ' ', 'm', 'o', 'd', 'e', 'l'};
  auto model = open_model(junk);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message.find("tflite"), std::string::npos) << model.error().message;
}

// Every prefix length on a grid, and byte flips spread over the file: the
// importer returns an error or a valid model, never crashes (run under the
// asan preset this also catches out-of-bounds reads).
TEST(TfliteImport, TruncatedAndCorruptedModelsGiveErrorsNotCrashes) {
  for (const char* name : kTfliteModels) {
    const auto bytes = read_model(name);
    const std::size_t step = std::max<std::size_t>(1, bytes.size() / 97);
    for (std::size_t length = 0; length < bytes.size(); length += step) {
      const std::vector<std::uint8_t> prefix(bytes.begin(),
                                             bytes.begin() + static_cast<std::ptrdiff_t>(length));
      auto model = open_model(prefix);
      if (!model.ok()) {
        EXPECT_FALSE(model.error().message.empty());
      }
    }
    for (std::size_t at = 0; at < bytes.size(); at += step) {
      for (std::uint8_t flip : {std::uint8_t{0x01}, std::uint8_t{0x80}, std::uint8_t{0xff}}) {
        auto copy = bytes;
        copy[at] ^= flip;
        auto model = open_model(copy);
        if (model.ok()) {
          EXPECT_TRUE(graph::validate(*model).ok());
        }
      }
    }
  }
}

TEST(TfliteImport, TruncationErrorSaysWhere) {
  const auto bytes = read_model("kws.tflite");
  const std::vector<std::uint8_t> half(bytes.begin(),
                                       bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 2));
  auto model = open_model(half);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message.find("outside the file's"), std::string::npos) << model.error().message;
}

// A model read from bytes at an odd address (a caller's buffer need not be
// aligned) is the same model as from an aligned buffer.
TEST(TfliteImport, BytesAtAnOddAddressGiveTheSameModel) {
  for (const char* name : kTfliteModels) {
    const auto bytes = read_model(name);
    std::vector<std::uint8_t> shifted(bytes.size() + 1);
    std::memcpy(shifted.data() + 1, bytes.data(), bytes.size());
    auto aligned = open_model(bytes);
    auto odd = open_model(std::span<const std::uint8_t>(shifted.data() + 1, bytes.size()));
    ASSERT_TRUE(aligned.ok() && odd.ok()) << name;
    const graph::Subgraph& a = graph::main_subgraph(*aligned);
    const graph::Subgraph& b = graph::main_subgraph(*odd);
    ASSERT_EQ(a.tensors.size(), b.tensors.size()) << name;
    for (std::size_t i = 0; i < a.tensors.size(); ++i) {
      EXPECT_EQ(a.tensors[i].shape, b.tensors[i].shape) << name << " tensor " << i;
      EXPECT_EQ(a.tensors[i].stored_bytes, b.tensors[i].stored_bytes) << name << " tensor " << i;
    }
  }
}

// The class tflite_import_fuzz found: flatbuffers' verifier checks only the
// 4-byte length prefix of a vector, so an int64 vector (quantization
// zero_point) whose elements start 4 bytes off an 8-byte boundary passed it
// and was read misaligned. Here the first zero_point of a real model is
// pointed at such a vector appended to the file; the importer must refuse it.
TEST(TfliteImport, MisalignedInt64VectorIsRefused) {
  namespace fb = flatbuffers;
  namespace schema = tflite::schema;
  auto bytes = read_model("hello_world_int8.tflite");
  const auto* root = fb::GetRoot<fb::Table>(bytes.data());
  const auto* subgraphs =
      root->GetPointer<const fb::Vector<fb::Offset<fb::Table>>*>(schema::field(schema::kModelSubgraphs));
  const auto* tensors = subgraphs->Get(0)->GetPointer<const fb::Vector<fb::Offset<fb::Table>>*>(
      schema::field(schema::kSubgraphTensors));
  std::size_t field_at = 0;
  for (fb::uoffset_t i = 0; i < tensors->size() && field_at == 0; ++i) {
    const auto* q = tensors->Get(i)->GetPointer<const fb::Table*>(schema::field(schema::kTensorQuantization));
    if (q == nullptr) continue;
    const std::uint8_t* field = q->GetAddressOf(schema::field(schema::kQuantZeroPoint));
    if (field != nullptr) field_at = static_cast<std::size_t>(field - bytes.data());
  }
  ASSERT_NE(field_at, 0u) << "hello_world_int8 has a quantized tensor with zero points";

  bytes.resize((bytes.size() + 7) / 8 * 8);  // the length prefix on an 8-byte boundary
  const std::size_t vector_at = bytes.size();
  const std::uint32_t length = 1;
  const std::int64_t zero = 0;
  bytes.resize(vector_at + sizeof length + sizeof zero);
  std::memcpy(bytes.data() + vector_at, &length, sizeof length);
  std::memcpy(bytes.data() + vector_at + sizeof length, &zero, sizeof zero);  // 4 bytes off
  const auto relative = static_cast<std::uint32_t>(vector_at - field_at);
  std::memcpy(bytes.data() + field_at, &relative, sizeof relative);

  auto model = open_model(bytes);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message.find("zero_point"), std::string::npos) << model.error().message;
  EXPECT_NE(model.error().message.find("misaligned"), std::string::npos) << model.error().message;
}

}  // namespace
}  // namespace derive::import
