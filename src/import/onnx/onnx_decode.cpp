// Decoding an ONNX ModelProto with protozero (header-only, Debian's
// libprotozero-dev). protozero reports malformed input by throwing, and the
// WebAssembly build has no exceptions, so every message is first walked by
// check_fields below, which accepts exactly what protozero's pbf_reader::next()
// and skip() accept (protozero 1.7.1, pbf_reader.hpp and varint.hpp): after
// that walk protozero cannot throw on the message, and every field's wire
// type is compared before a getter is called (a mismatch is an assertion in
// protozero, so it is an error here).
#include <protozero/pbf_reader.hpp>

#include <cstring>
#include <limits>

#include "import/onnx/onnx_fields.hpp"
#include "import/onnx/onnx_model.hpp"

namespace derive::onnx {
namespace {

using protozero::pbf_wire_type;

// A varint as protozero's decode_varint reads it: at most 10 bytes, the
// tenth without a continuation bit.
bool read_varint(const char*& p, const char* end, std::uint64_t& value) {
  value = 0;
  for (int shift = 0, count = 0; count < 10; ++count, shift += 7) {
    if (p == end) return false;
    const auto byte = static_cast<std::uint8_t>(*p++);
    value |= static_cast<std::uint64_t>(byte & 0x7FU) << shift;
    if ((byte & 0x80U) == 0) return true;
  }
  return false;
}

// Counts the varints of a packed field, or -1 if one is cut off or too long.
std::int64_t count_varints(std::string_view bytes) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  std::int64_t count = 0;
  std::uint64_t ignored = 0;
  while (p != end) {
    if (!read_varint(p, end, ignored)) return -1;
    ++count;
  }
  return count;
}

const char* wire_type_name(pbf_wire_type type) {
  switch (type) {
    case pbf_wire_type::varint:
      return "varint";
    case pbf_wire_type::fixed64:
      return "fixed64";
    case pbf_wire_type::length_delimited:
      return "length-delimited";
    case pbf_wire_type::fixed32:
      return "fixed32";
    default:
      return "unknown";
  }
}

bool is_integer_type(std::int32_t data_type) {
  using field::DataType;
  switch (static_cast<DataType>(data_type)) {
    case DataType::kUint8:
    case DataType::kInt8:
    case DataType::kUint16:
    case DataType::kInt16:
    case DataType::kInt32:
    case DataType::kInt64:
    case DataType::kBool:
    case DataType::kUint32:
    case DataType::kUint64:
      return true;
    default:
      return false;
  }
}

// Reads the little-endian integer element `index` of raw_data.
std::int64_t raw_integer(std::string_view raw, std::int32_t data_type, std::int64_t index) {
  const int bytes = data_type_bits(data_type) / 8;
  std::uint64_t value = 0;
  for (int b = bytes - 1; b >= 0; --b)
    value = (value << 8) | static_cast<std::uint8_t>(raw[static_cast<std::size_t>(index * bytes + b)]);
  using field::DataType;
  switch (static_cast<DataType>(data_type)) {
    case DataType::kInt8:
      return static_cast<std::int8_t>(value);
    case DataType::kInt16:
      return static_cast<std::int16_t>(value);
    case DataType::kInt32:
      return static_cast<std::int32_t>(value);
    default:
      return static_cast<std::int64_t>(value);
  }
}

// The typed field onnx.proto's TensorProto assigns to each data type (its
// comments on float_data, int32_data, string_data, int64_data, double_data and
// uint64_data); 0 for a type with none (UNDEFINED, or one this reader does not
// know). A file that stores a tensor's values in another field is malformed:
// its values would not be the tensor's elements.
std::uint32_t typed_field_of(std::int32_t data_type) {
  using field::DataType;
  switch (static_cast<DataType>(data_type)) {
    case DataType::kFloat:
    case DataType::kComplex64:
      return field::kTensorFloatData;
    case DataType::kDouble:
    case DataType::kComplex128:
      return field::kTensorDoubleData;
    case DataType::kInt64:
      return field::kTensorInt64Data;
    case DataType::kUint32:
    case DataType::kUint64:
      return field::kTensorUint64Data;
    case DataType::kString:
      return field::kTensorStringData;
    case DataType::kUndefined:
      return 0;
    default:  // INT32, INT16, INT8, UINT16, UINT8, BOOL, FLOAT16, BFLOAT16, FLOAT8*, (U)INT4
      return data_type > 0 && data_type <= static_cast<std::int32_t>(DataType::kInt4)
                 ? field::kTensorInt32Data
                 : 0;
  }
}

const char* typed_field_name(std::uint32_t tag) {
  switch (tag) {
    case field::kTensorFloatData:
      return "float_data";
    case field::kTensorDoubleData:
      return "double_data";
    case field::kTensorInt32Data:
      return "int32_data";
    case field::kTensorInt64Data:
      return "int64_data";
    case field::kTensorUint64Data:
      return "uint64_data";
    default:
      return "string_data";
  }
}

class Decoder {
 public:
  explicit Decoder(std::string_view file) : file_(file) {}

  Result<Model> model() {
    Model model;
    bool have_opset = false;
    bool have_graph = false;
    DERIVE_TRY(auto reader, open(file_, "ModelProto"));
    while (reader.next()) {
      switch (reader.tag()) {
        case field::kModelIrVersion:
          DERIVE_CHECK(expect(reader, pbf_wire_type::varint, "ModelProto", "ir_version"));
          model.ir_version = reader.get_int64();
          break;
        case field::kModelProducerName:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, "ModelProto", "producer_name"));
          model.producer_name = reader.get_string();
          break;
        case field::kModelProducerVersion:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, "ModelProto", "producer_version"));
          model.producer_version = reader.get_string();
          break;
        case field::kModelGraph: {
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, "ModelProto", "graph"));
          DERIVE_TRY(model.graph, graph(view(reader)));
          have_graph = true;
          break;
        }
        case field::kModelOpsetImport: {
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, "ModelProto", "opset_import"));
          DERIVE_TRY(auto entry, opset(view(reader)));
          if (entry.first.empty() || entry.first == "ai.onnx") {
            model.opset = entry.second;
            have_opset = true;
          }
          break;
        }
        default:
          reader.skip();
      }
    }
    if (!have_graph)
      return make_error("ModelProto has no graph (field 7): not an ONNX model, or an empty one");
    if (!have_opset)
      return make_error(
          "ModelProto imports no version of the default operator set (no opset_import with domain \"\" or "
          "\"ai.onnx\")");
    if (model.opset < 1)
      return make_error("ModelProto: default opset version " + std::to_string(model.opset) +
                        " is not a valid version (expected >= 1)");
    return model;
  }

 private:
  std::string at(const char* p) const { return " at byte " + std::to_string(p - file_.data()); }

  // Walks the fields of one message as protozero would, returning an error
  // for anything protozero would throw on.
  Status check_fields(std::string_view bytes, const std::string& what) const {
    const char* p = bytes.data();
    const char* end = p + bytes.size();
    while (p != end) {
      const char* start = p;
      std::uint64_t key = 0;
      if (!read_varint(p, end, key)) return make_error(what + ": field key cut off or too long" + at(start));
      const auto tag = static_cast<std::uint32_t>(key) >> 3U;
      if (tag == 0 || (tag >= 19000 && tag <= 19999))
        return make_error(what + ": invalid field number " + std::to_string(tag) + at(start));
      std::uint64_t skip = 0;
      switch (key & 7U) {
        case 0:
          if (!read_varint(p, end, skip))
            return make_error(what + ": field " + std::to_string(tag) + ": varint cut off or too long" +
                              at(start));
          continue;
        case 1:
          skip = 8;
          break;
        case 2:
          if (!read_varint(p, end, skip))
            return make_error(what + ": field " + std::to_string(tag) + ": length cut off" + at(start));
          break;
        case 5:
          skip = 4;
          break;
        default:
          return make_error(what + ": field " + std::to_string(tag) + " has wire type " +
                            std::to_string(key & 7U) + " (groups and unknown types are not ONNX)" +
                            at(start));
      }
      if (skip > static_cast<std::uint64_t>(end - p))
        return make_error(what + ": field " + std::to_string(tag) + " claims " + std::to_string(skip) +
                          " bytes but only " + std::to_string(end - p) + " remain in the message" +
                          at(start));
      p += skip;
    }
    return {};
  }

  Result<protozero::pbf_reader> open(std::string_view bytes, const std::string& what) const {
    DERIVE_CHECK(check_fields(bytes, what));
    return protozero::pbf_reader{bytes.data(), bytes.size()};
  }

  static std::string_view view(protozero::pbf_reader& reader) {
    const auto v = reader.get_view();
    return {v.data(), v.size()};
  }

  Status expect(const protozero::pbf_reader& reader, pbf_wire_type type, const std::string& what,
                const char* field_name) const {
    if (reader.wire_type() == type) return {};
    return make_error(what + ": field " + field_name + " (" + std::to_string(reader.tag()) +
                      ") has wire type " + wire_type_name(reader.wire_type()) + ", expected " +
                      wire_type_name(type));
  }

  // A repeated integer field, packed (one length-delimited field) or not
  // (one varint per value): onnx.proto's proto2 fields may be either.
  Status varints(protozero::pbf_reader& reader, std::vector<std::int64_t>& out, const std::string& what,
                 const char* field_name) const {
    if (reader.wire_type() == pbf_wire_type::varint) {
      out.push_back(reader.get_int64());
      return {};
    }
    DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, field_name));
    const auto packed = reader.get_view();
    if (count_varints({packed.data(), packed.size()}) < 0)
      return make_error(what + ": packed " + field_name + ": a value is cut off" + at(packed.data()));
    // Decoding the checked bytes with protozero's own varint reader.
    const char* p = packed.data();
    const char* end = p + packed.size();
    while (p != end) out.push_back(static_cast<std::int64_t>(protozero::decode_varint(&p, end)));
    return {};
  }

  Result<std::pair<std::string, std::int64_t>> opset(std::string_view bytes) const {
    DERIVE_TRY(auto reader, open(bytes, "OperatorSetIdProto"));
    std::pair<std::string, std::int64_t> entry;
    while (reader.next()) {
      if (reader.tag() == field::kOpsetDomain) {
        DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, "OperatorSetIdProto", "domain"));
        entry.first = reader.get_string();
      } else if (reader.tag() == field::kOpsetVersion) {
        DERIVE_CHECK(expect(reader, pbf_wire_type::varint, "OperatorSetIdProto", "version"));
        entry.second = reader.get_int64();
      } else {
        reader.skip();
      }
    }
    return entry;
  }

  Result<Graph> graph(std::string_view bytes) const {
    Graph graph;
    DERIVE_TRY(auto reader, open(bytes, "GraphProto"));
    while (reader.next()) {
      const std::string where = "GraphProto";
      switch (reader.tag()) {
        case field::kGraphNode: {
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, where, "node"));
          DERIVE_TRY(auto n, node(view(reader), graph.nodes.size()));
          graph.nodes.push_back(std::move(n));
          break;
        }
        case field::kGraphName:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, where, "name"));
          graph.name = reader.get_string();
          break;
        case field::kGraphInitializer: {
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, where, "initializer"));
          DERIVE_TRY(auto t,
                     tensor(view(reader), "initializer " + std::to_string(graph.initializers.size())));
          graph.initializers.push_back(std::move(t));
          break;
        }
        case field::kGraphSparseInitializer:
          return make_error("GraphProto: sparse_initializer is not supported (sparse weights)");
        case field::kGraphInput:
        case field::kGraphOutput:
        case field::kGraphValueInfo: {
          const auto tag = reader.tag();
          auto& list = tag == field::kGraphInput    ? graph.inputs
                       : tag == field::kGraphOutput ? graph.outputs
                                                    : graph.value_info;
          const char* list_name = tag == field::kGraphInput    ? "input"
                                  : tag == field::kGraphOutput ? "output"
                                                               : "value_info";
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, where, list_name));
          DERIVE_TRY(auto v, value_info(view(reader), std::string("graph ") + list_name + " " +
                                                          std::to_string(list.size())));
          list.push_back(std::move(v));
          break;
        }
        default:
          reader.skip();
      }
    }
    return graph;
  }

  Result<Node> node(std::string_view bytes, std::size_t index) const {
    Node node;
    const std::string what = "node " + std::to_string(index);
    DERIVE_TRY(auto reader, open(bytes, what));
    while (reader.next()) {
      switch (reader.tag()) {
        case field::kNodeInput:
        case field::kNodeOutput: {
          const bool input = reader.tag() == field::kNodeInput;
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, input ? "input" : "output"));
          (input ? node.inputs : node.outputs).push_back(reader.get_string());
          break;
        }
        case field::kNodeName:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "name"));
          node.name = reader.get_string();
          break;
        case field::kNodeOpType:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "op_type"));
          node.op_type = reader.get_string();
          break;
        case field::kNodeDomain:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "domain"));
          node.domain = reader.get_string();
          break;
        case field::kNodeAttribute: {
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "attribute"));
          DERIVE_TRY(auto a,
                     attribute(view(reader), what + " attribute " + std::to_string(node.attributes.size())));
          node.attributes.push_back(std::move(a));
          break;
        }
        default:
          reader.skip();
      }
    }
    if (node.op_type.empty()) return make_error(what + " (\"" + node.name + "\") has no op_type");
    return node;
  }

  Result<Attribute> attribute(std::string_view bytes, const std::string& what) const {
    Attribute a;
    DERIVE_TRY(auto reader, open(bytes, what));
    while (reader.next()) {
      switch (reader.tag()) {
        case field::kAttrName:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "name"));
          a.name = reader.get_string();
          break;
        case field::kAttrType:
          DERIVE_CHECK(expect(reader, pbf_wire_type::varint, what, "type"));
          a.type = reader.get_int32();
          break;
        case field::kAttrF:
          DERIVE_CHECK(expect(reader, pbf_wire_type::fixed32, what, "f"));
          a.f = reader.get_float();
          break;
        case field::kAttrI:
          DERIVE_CHECK(expect(reader, pbf_wire_type::varint, what, "i"));
          a.i = reader.get_int64();
          break;
        case field::kAttrS:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "s"));
          a.s = reader.get_string();
          break;
        case field::kAttrT: {
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "t"));
          DERIVE_TRY(auto t, tensor(view(reader), what + " tensor"));
          a.t = std::move(t);
          break;
        }
        case field::kAttrG:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "g"));
          a.has_graph = true;
          reader.skip();
          break;
        case field::kAttrFloats:
          if (reader.wire_type() == pbf_wire_type::fixed32) {
            a.floats.push_back(reader.get_float());
          } else {
            DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "floats"));
            const auto packed = reader.get_view();
            if (packed.size() % 4 != 0)
              return make_error(what + ": packed floats of " + std::to_string(packed.size()) +
                                " bytes (not a multiple of 4)" + at(packed.data()));
            for (std::size_t k = 0; k < packed.size(); k += 4) {
              float f = 0;
              std::memcpy(&f, packed.data() + k, 4);  // little-endian on every target we build for
              a.floats.push_back(f);
            }
          }
          break;
        case field::kAttrInts:
          DERIVE_CHECK(varints(reader, a.ints, what, "ints"));
          break;
        case field::kAttrStrings:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "strings"));
          a.strings.push_back(reader.get_string());
          break;
        default:
          reader.skip();
      }
    }
    if (a.name.empty()) return make_error(what + " has no name");
    return a;
  }

  Result<ValueInfo> value_info(std::string_view bytes, const std::string& what) const {
    ValueInfo v;
    DERIVE_TRY(auto reader, open(bytes, what));
    while (reader.next()) {
      if (reader.tag() == field::kValueInfoName) {
        DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "name"));
        v.name = reader.get_string();
      } else if (reader.tag() == field::kValueInfoType) {
        DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "type"));
        DERIVE_TRY(auto type, open(view(reader), what + " TypeProto"));
        while (type.next()) {
          if (type.tag() != field::kTypeTensorType) {
            type.skip();
            continue;
          }
          DERIVE_CHECK(expect(type, pbf_wire_type::length_delimited, what, "tensor_type"));
          DERIVE_CHECK(tensor_type(view(type), what, v));
        }
      } else {
        reader.skip();
      }
    }
    return v;
  }

  Status tensor_type(std::string_view bytes, const std::string& what, ValueInfo& v) const {
    DERIVE_TRY(auto reader, open(bytes, what + " TypeProto.Tensor"));
    while (reader.next()) {
      if (reader.tag() == field::kTensorTypeElemType) {
        DERIVE_CHECK(expect(reader, pbf_wire_type::varint, what, "elem_type"));
        v.elem_type = reader.get_int32();
      } else if (reader.tag() == field::kTensorTypeShape) {
        DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "shape"));
        v.has_shape = true;
        v.dims.clear();
        v.dim_params.clear();
        DERIVE_TRY(auto shape, open(view(reader), what + " TensorShapeProto"));
        while (shape.next()) {
          if (shape.tag() != field::kShapeDim) {
            shape.skip();
            continue;
          }
          DERIVE_CHECK(expect(shape, pbf_wire_type::length_delimited, what, "dim"));
          const std::string dim_what = what + " dim " + std::to_string(v.dims.size());
          DERIVE_TRY(auto dim, open(view(shape), dim_what));
          std::int64_t value = -1;
          std::string param;
          while (dim.next()) {
            if (dim.tag() == field::kDimValue) {
              DERIVE_CHECK(expect(dim, pbf_wire_type::varint, dim_what, "dim_value"));
              value = dim.get_int64();
              if (value < 0)
                return make_error(dim_what + ": dim_value " + std::to_string(value) + " is negative");
            } else if (dim.tag() == field::kDimParam) {
              DERIVE_CHECK(expect(dim, pbf_wire_type::length_delimited, dim_what, "dim_param"));
              param = dim.get_string();
            } else {
              dim.skip();
            }
          }
          v.dims.push_back(value);
          v.dim_params.push_back(std::move(param));
        }
      } else {
        reader.skip();
      }
    }
    return {};
  }

  Result<TensorData> tensor(std::string_view bytes, const std::string& what) const {
    TensorData t;
    DERIVE_TRY(auto reader, open(bytes, what));
    std::optional<std::string_view> raw;
    std::vector<std::int64_t> ints;  // typed integer values, first kMaxFoldedElements only
    bool typed = false;
    std::uint32_t typed_field = 0;  // the tag of the typed *_data field seen, 0 for none
    bool mixed_fields = false;      // values in two different typed fields
    std::vector<double> reals;      // typed or raw float values, first kMaxFoldedElements only
    auto keep_real = [&](double value) {
      if (!t.first_value) t.first_value = value;
      if (static_cast<std::int64_t>(reals.size()) < kMaxFoldedElements) reals.push_back(value);
    };
    // Reads the little-endian float or double `index` of `data`.
    auto real_at = [](const char* data, std::size_t width, std::size_t index) {
      if (width == 4) {
        float f = 0;
        std::memcpy(&f, data + index * 4, 4);  // little-endian on every target we build for
        return static_cast<double>(f);
      }
      double d = 0;
      std::memcpy(&d, data + index * 8, 8);
      return d;
    };
    auto keep = [&](std::int64_t value) {
      if (!t.first_value) t.first_value = static_cast<double>(value);
      if (static_cast<std::int64_t>(ints.size()) < kMaxFoldedElements) ints.push_back(value);
    };
    while (reader.next()) {
      const std::uint32_t tag = reader.tag();
      if (tag == field::kTensorFloatData || tag == field::kTensorDoubleData ||
          tag == field::kTensorInt32Data || tag == field::kTensorInt64Data ||
          tag == field::kTensorUint64Data || tag == field::kTensorStringData) {
        if (typed_field != 0 && typed_field != tag) mixed_fields = true;
        typed_field = tag;
      }
      switch (tag) {
        case field::kTensorDims:
          DERIVE_CHECK(varints(reader, t.dims, what, "dims"));
          break;
        case field::kTensorDataType:
          DERIVE_CHECK(expect(reader, pbf_wire_type::varint, what, "data_type"));
          t.data_type = reader.get_int32();
          break;
        case field::kTensorName:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "name"));
          t.name = reader.get_string();
          break;
        case field::kTensorRawData:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "raw_data"));
          raw = view(reader);
          break;
        case field::kTensorFloatData:
        case field::kTensorDoubleData: {
          const bool is_float = reader.tag() == field::kTensorFloatData;
          const std::size_t width = is_float ? 4 : 8;
          const auto single = is_float ? pbf_wire_type::fixed32 : pbf_wire_type::fixed64;
          typed = true;
          if (reader.wire_type() == single) {
            keep_real(is_float ? static_cast<double>(reader.get_float()) : reader.get_double());
            ++t.stored_elements;
            break;
          }
          DERIVE_CHECK(
              expect(reader, pbf_wire_type::length_delimited, what, is_float ? "float_data" : "double_data"));
          const auto packed = reader.get_view();
          if (packed.size() % width != 0)
            return make_error(what + ": packed " + (is_float ? "float_data" : "double_data") + " of " +
                              std::to_string(packed.size()) + " bytes is not a multiple of " +
                              std::to_string(width) + at(packed.data()));
          for (std::size_t k = 0;
               k < packed.size() / width && k < static_cast<std::size_t>(kMaxFoldedElements); ++k)
            keep_real(real_at(packed.data(), width, k));
          t.stored_elements += static_cast<std::int64_t>(packed.size() / width);
          break;
        }
        case field::kTensorInt32Data:
        case field::kTensorInt64Data:
        case field::kTensorUint64Data: {
          const char* name = reader.tag() == field::kTensorInt32Data   ? "int32_data"
                             : reader.tag() == field::kTensorInt64Data ? "int64_data"
                                                                       : "uint64_data";
          const bool is_int32 = reader.tag() == field::kTensorInt32Data;
          typed = true;
          if (reader.wire_type() == pbf_wire_type::varint) {
            const auto value = reader.get_int64();
            keep(is_int32 ? static_cast<std::int32_t>(value) : value);
            ++t.stored_elements;
            break;
          }
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, name));
          const auto packed = reader.get_view();
          const std::int64_t count = count_varints({packed.data(), packed.size()});
          if (count < 0)
            return make_error(what + ": packed " + name + ": a value is cut off" + at(packed.data()));
          const char* p = packed.data();
          const char* end = p + packed.size();
          for (std::int64_t k = 0; k < count && k < kMaxFoldedElements; ++k) {
            const auto value = static_cast<std::int64_t>(protozero::decode_varint(&p, end));
            keep(is_int32 ? static_cast<std::int32_t>(value) : value);
          }
          t.stored_elements += count;
          break;
        }
        case field::kTensorStringData:
          DERIVE_CHECK(expect(reader, pbf_wire_type::length_delimited, what, "string_data"));
          typed = true;
          ++t.stored_elements;
          reader.skip();
          break;
        case field::kTensorDataLocation:
          DERIVE_CHECK(expect(reader, pbf_wire_type::varint, what, "data_location"));
          t.external = reader.get_int32() == 1;
          break;
        case field::kTensorSegment:
          return make_error(what + ": segmented tensors (TensorProto.segment) are not supported");
        default:
          reader.skip();
      }
    }
    const std::string label = what + (t.name.empty() ? "" : " '" + t.name + "'");
    std::int64_t elements = 1;
    for (const auto d : t.dims) {
      if (d < 0) return make_error(label + ": dimension " + std::to_string(d) + " is negative");
      // Bounded so that elements * 128 bits (complex128) cannot overflow.
      if (d != 0 && elements > (std::int64_t{1} << 56) / d)
        return make_error(label + ": the dims multiply past 2^56 elements");
      elements *= d;
    }
    const int bits = data_type_bits(t.data_type);
    if (bits == 0 && t.data_type != static_cast<std::int32_t>(field::DataType::kString))
      return make_error(label + ": data_type " + std::to_string(t.data_type) +
                        " is not a TensorProto.DataType this reader knows");
    if (raw && typed) return make_error(label + ": holds both raw_data and a typed *_data field");
    if (mixed_fields) return make_error(label + ": holds its values in two different typed *_data fields");
    if (typed && typed_field != typed_field_of(t.data_type))
      return make_error(
          label + ": holds " + data_type_name(t.data_type) + " values in " + typed_field_name(typed_field) +
          ", but onnx.proto stores them in " +
          (typed_field_of(t.data_type) ? typed_field_name(typed_field_of(t.data_type)) : "no typed field"));
    if (t.external) {
      t.stored_elements = elements;
    } else if (raw) {
      if (bits == 0) return make_error(label + ": a string tensor cannot use raw_data");
      const std::int64_t needed = (elements * bits + 7) / 8;
      if (static_cast<std::int64_t>(raw->size()) != needed)
        return make_error(label + ": raw_data holds " + std::to_string(raw->size()) + " bytes, but " +
                          std::to_string(elements) + " elements of " + data_type_name(t.data_type) +
                          " need " + std::to_string(needed) + at(raw->data()));
      t.stored_elements = elements;
      if (is_integer_type(t.data_type)) {
        for (std::int64_t k = 0; k < elements && k < kMaxFoldedElements; ++k)
          keep(raw_integer(*raw, t.data_type, k));
      } else if (t.data_type == static_cast<std::int32_t>(field::DataType::kFloat) ||
                 t.data_type == static_cast<std::int32_t>(field::DataType::kDouble)) {
        const std::size_t width = static_cast<std::size_t>(bits / 8);
        for (std::int64_t k = 0; k < elements && k < kMaxFoldedElements; ++k)
          keep_real(real_at(raw->data(), width, static_cast<std::size_t>(k)));
      }
    } else {
      // Complex numbers take two typed values per element.
      const bool complex = t.data_type == static_cast<std::int32_t>(field::DataType::kComplex64) ||
                           t.data_type == static_cast<std::int32_t>(field::DataType::kComplex128);
      const std::int64_t values = complex ? elements * 2 : elements;
      if (t.stored_elements != values)
        return make_error(label + ": holds " + std::to_string(t.stored_elements) + " values, but dims say " +
                          std::to_string(values) + " (" + data_type_name(t.data_type) + ")");
      t.stored_elements = elements;
    }
    t.stored_bytes = (elements * bits + 7) / 8;
    const bool real = t.data_type == static_cast<std::int32_t>(field::DataType::kFloat) ||
                      t.data_type == static_cast<std::int32_t>(field::DataType::kDouble);
    if (real && elements <= kMaxFoldedElements && !t.external) t.real_values = std::move(reals);
    if (is_integer_type(t.data_type) && elements <= kMaxFoldedElements && !t.external)
      t.int_values = std::move(ints);
    return t;
  }

  std::string_view file_;
};

}  // namespace

const Attribute* Node::attribute(std::string_view attribute_name) const {
  for (const auto& a : attributes)
    if (a.name == attribute_name) return &a;
  return nullptr;
}

Result<Model> decode_model(std::string_view bytes) { return Decoder{bytes}.model(); }

bool looks_like_onnx(std::string_view bytes) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  std::uint64_t key = 0;
  if (!read_varint(p, end, key)) return false;
  const auto tag = key >> 3U;
  const auto type = key & 7U;
  // ModelProto fields 1 and 5 are varints; 2, 3, 4, 6, 7, 8, 14, 20, 25 are length-delimited.
  if (tag == field::kModelIrVersion || tag == 5) return type == 0;
  const bool delimited = tag == 2 || tag == 3 || tag == 4 || tag == 6 || tag == 7 || tag == 8 || tag == 14 ||
                         tag == 20 || tag == 25;
  return delimited && type == 2;
}

std::string data_type_name(std::int32_t data_type) {
  static constexpr const char* kNames[] = {
      "undefined",      "float32",    "uint8",          "int8",       "uint16",   "int16",
      "int32",          "int64",      "string",         "bool",       "float16",  "float64",
      "uint32",         "uint64",     "complex64",      "complex128", "bfloat16", "float8e4m3fn",
      "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz", "uint4",      "int4"};
  if (data_type >= 0 && data_type < static_cast<std::int32_t>(std::size(kNames))) return kNames[data_type];
  return "type " + std::to_string(data_type);
}

int data_type_bits(std::int32_t data_type) {
  using field::DataType;
  switch (static_cast<DataType>(data_type)) {
    case DataType::kBool:
    case DataType::kUint8:
    case DataType::kInt8:
    case DataType::kFloat8E4M3FN:
    case DataType::kFloat8E4M3FNUZ:
    case DataType::kFloat8E5M2:
    case DataType::kFloat8E5M2FNUZ:
      return 8;
    case DataType::kUint16:
    case DataType::kInt16:
    case DataType::kFloat16:
    case DataType::kBfloat16:
      return 16;
    case DataType::kFloat:
    case DataType::kInt32:
    case DataType::kUint32:
      return 32;
    case DataType::kInt64:
    case DataType::kUint64:
    case DataType::kDouble:
    case DataType::kComplex64:
      return 64;
    case DataType::kComplex128:
      return 128;
    case DataType::kUint4:
    case DataType::kInt4:
      return 4;
    default:
      return 0;
  }
}

}  // namespace derive::onnx
