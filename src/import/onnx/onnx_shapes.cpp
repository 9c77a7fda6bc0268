// Shape inference by the rules of the ONNX operator specification
// (github.com/onnx/onnx, docs/Operators.md); each rule names its operator.
#include "import/onnx/onnx_shapes.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <unordered_map>

#include "import/onnx/onnx_fields.hpp"

namespace derive::onnx {
namespace {

using Shape = std::vector<std::int64_t>;
using field::DataType;

constexpr std::int64_t kMaxElements = std::int64_t{1} << 62;
constexpr auto kInt64 = static_cast<std::int32_t>(DataType::kInt64);
constexpr auto kBool = static_cast<std::int32_t>(DataType::kBool);
constexpr auto kFloat = static_cast<std::int32_t>(DataType::kFloat);

std::string shape_text(const Shape& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

// What one operator's rule sees: the node, its input values, the opset.
class Context {
 public:
  Context(const Node& node, std::size_t index, std::vector<const Value*> inputs, std::int64_t opset)
      : node_(node), index_(index), inputs_(std::move(inputs)), opset_(opset) {}

  const Node& node() const { return node_; }
  std::int64_t opset() const { return opset_; }
  std::size_t input_count() const { return inputs_.size(); }
  const Value* input(std::size_t k) const { return k < inputs_.size() ? inputs_[k] : nullptr; }
  const Shape* shape(std::size_t k) const {
    const Value* v = input(k);
    return v && v->shape ? &*v->shape : nullptr;
  }
  const std::vector<std::int64_t>* folded(std::size_t k) const {
    const Value* v = input(k);
    return v && v->folded ? &*v->folded : nullptr;
  }
  const std::vector<double>* reals(std::size_t k) const {
    const Value* v = input(k);
    return v && v->folded_real ? &*v->folded_real : nullptr;
  }
  std::int32_t dtype(std::size_t k) const { return input(k) ? input(k)->data_type : 0; }

  std::int64_t int_attr(std::string_view name, std::int64_t fallback) const {
    const Attribute* a = node_.attribute(name);
    return a ? a->i : fallback;
  }
  std::optional<std::vector<std::int64_t>> ints_attr(std::string_view name) const {
    const Attribute* a = node_.attribute(name);
    if (!a) return std::nullopt;
    return a->ints;
  }
  std::string string_attr(std::string_view name, std::string fallback) const {
    const Attribute* a = node_.attribute(name);
    return a ? a->s : fallback;
  }

  Error error(const std::string& message) const {
    return make_error("node " + std::to_string(index_) + " ('" + node_.name + "', " + node_.op_type +
                      "): " + message);
  }

 private:
  const Node& node_;
  std::size_t index_;
  std::vector<const Value*> inputs_;
  std::int64_t opset_;
};

// One output's inferred facts. A rule returns nullopt for an output shape it
// cannot know (an input shape is unknown); the reason is then recorded.
struct Output {
  std::optional<Shape> shape;
  std::int32_t data_type = 0;
  std::optional<std::vector<std::int64_t>> folded;
  std::optional<std::vector<double>> folded_real;
  bool weight = false;  // Constant, ConstantOfShape
  bool stored = false;  // Constant: values stored in the file
};
using Outputs = std::vector<Output>;
using Rule = std::function<Result<Outputs>(const Context&)>;

Result<std::int64_t> normalize_axis(const Context& c, std::int64_t axis, std::int64_t rank,
                                    const char* what) {
  if (axis < -rank || axis >= rank)
    return c.error(std::string(what) + " " + std::to_string(axis) + " is out of range for rank " +
                   std::to_string(rank));
  return axis < 0 ? axis + rank : axis;
}

Result<std::int64_t> checked_product(const Context& c, const Shape& shape, std::size_t begin,
                                     std::size_t end) {
  std::int64_t product = 1;
  for (std::size_t i = begin; i < end; ++i) {
    if (shape[i] != 0 && product > kMaxElements / shape[i])
      return c.error("shape " + shape_text(shape) + " has more than 2^62 elements");
    product *= shape[i];
  }
  return product;
}

Output same_as_input(const Context& c, std::size_t k = 0) {
  Output out;
  if (const Shape* s = c.shape(k)) out.shape = *s;
  out.data_type = c.dtype(k);
  return out;
}

// Multidirectional (NumPy) broadcasting, docs/Broadcasting.md.
Result<Output> broadcast(const Context& c, std::int32_t data_type) {
  Output out;
  out.data_type = data_type;
  Shape result;
  for (std::size_t k = 0; k < c.input_count(); ++k) {
    if (!c.input(k)) continue;
    const Shape* s = c.shape(k);
    if (!s) return out;
    if (s->size() > result.size()) result.insert(result.begin(), s->size() - result.size(), 1);
    const std::size_t offset = result.size() - s->size();
    for (std::size_t i = 0; i < s->size(); ++i) {
      std::int64_t& r = result[offset + i];
      const std::int64_t d = (*s)[i];
      if (r == d || d == 1) continue;
      if (r == 1) {
        r = d;
        continue;
      }
      return c.error("input " + std::to_string(k) + " of shape " + shape_text(*s) +
                     " does not broadcast with " + shape_text(result));
    }
  }
  out.shape = result;
  return out;
}

// Spatial output length of Conv and the pools (Operators.md, Conv and
// MaxPool: the explicit-pads formula, auto_pad SAME_* and VALID, ceil_mode).
Result<std::int64_t> window_output(const Context& c, std::int64_t in, std::int64_t kernel,
                                   std::int64_t stride, std::int64_t dilation, std::int64_t pad_begin,
                                   std::int64_t pad_end, const std::string& auto_pad, bool ceil_mode) {
  constexpr std::int64_t kLimit = std::int64_t{1} << 31;  // keeps the arithmetic below in range
  if (kernel > kLimit || stride > kLimit || dilation > kLimit || pad_begin > kLimit || pad_end > kLimit)
    return c.error("a kernel, stride, dilation or pad above 2^31");
  if (kernel < 1 || stride < 1 || dilation < 1)
    return c.error("kernel " + std::to_string(kernel) + ", stride " + std::to_string(stride) + ", dilation " +
                   std::to_string(dilation) + ": each must be >= 1");
  if (pad_begin < 0 || pad_end < 0) return c.error("negative pads");
  const std::int64_t span = (kernel - 1) * dilation + 1;
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") return (in + stride - 1) / stride;
  if (auto_pad == "VALID") {
    if (in < span)
      return c.error("a window of " + std::to_string(span) + " does not fit in " + std::to_string(in));
    return (in - span) / stride + 1;
  }
  if (!auto_pad.empty() && auto_pad != "NOTSET")
    return c.error("auto_pad '" + auto_pad + "' is not one ONNX defines");
  const std::int64_t padded = in + pad_begin + pad_end;
  if (padded < span)
    return c.error("a window of " + std::to_string(span) + " does not fit in the padded input " +
                   std::to_string(padded));
  return ceil_mode ? (padded - span + stride - 1) / stride + 1 : (padded - span) / stride + 1;
}

// Conv, MaxPool, AveragePool, LpPool: N x C x D1..Dn in, N x channels x O1..On out.
Result<Outputs> windowed(const Context& c, bool is_conv) {
  Outputs outs(c.node().outputs.size());
  outs[0].data_type = c.dtype(0);
  for (std::size_t k = 1; k < outs.size(); ++k) outs[k].data_type = kInt64;  // MaxPool's Indices
  const Shape* x = c.shape(0);
  const Shape* w = is_conv ? c.shape(1) : nullptr;
  if (!x || (is_conv && !w)) return outs;
  if (x->size() < 3)
    return c.error("input of shape " + shape_text(*x) + " has no spatial axes (expected N x C x D1...)");
  const std::size_t spatial = x->size() - 2;
  Shape kernel;
  if (auto k = c.ints_attr("kernel_shape"))
    kernel = *k;
  else if (is_conv)
    kernel.assign(w->begin() + std::min<std::ptrdiff_t>(2, static_cast<std::ptrdiff_t>(w->size())), w->end());
  if (kernel.size() != spatial)
    return c.error("kernel_shape " + shape_text(kernel) + " does not match the " + std::to_string(spatial) +
                   " spatial axes of " + shape_text(*x));
  std::int64_t channels = (*x)[1];
  if (is_conv) {
    if (w->size() != x->size())
      return c.error("weight " + shape_text(*w) + " and input " + shape_text(*x) + " differ in rank");
    const std::int64_t group = c.int_attr("group", 1);
    if (group < 1 || (*x)[1] % group != 0 || (*w)[0] % group != 0 || (*w)[1] * group != (*x)[1])
      return c.error("group " + std::to_string(group) + ", input channels " + std::to_string((*x)[1]) +
                     " and weight " + shape_text(*w) + " disagree (expected weight M x C/group x k...)");
    channels = (*w)[0];
  }
  const Shape strides = c.ints_attr("strides").value_or(Shape(spatial, 1));
  const Shape dilations = c.ints_attr("dilations").value_or(Shape(spatial, 1));
  const Shape pads = c.ints_attr("pads").value_or(Shape(2 * spatial, 0));
  if (strides.size() != spatial || dilations.size() != spatial || pads.size() != 2 * spatial)
    return c.error("strides, dilations or pads do not match the " + std::to_string(spatial) +
                   " spatial axes");
  const std::string auto_pad = c.string_attr("auto_pad", "NOTSET");
  const bool ceil_mode = c.int_attr("ceil_mode", 0) != 0;
  Shape out{(*x)[0], channels};
  for (std::size_t i = 0; i < spatial; ++i) {
    DERIVE_TRY(const auto o, window_output(c, (*x)[2 + i], kernel[i], strides[i], dilations[i], pads[i],
                                           pads[spatial + i], auto_pad, ceil_mode));
    out.push_back(o);
  }
  for (auto& o : outs) o.shape = out;
  return outs;
}

Result<Outputs> global_pool(const Context& c) {
  Output out = same_as_input(c);
  if (out.shape) {
    if (out.shape->size() < 3)
      return c.error("input of shape " + shape_text(*out.shape) + " has no spatial axes");
    std::fill(out.shape->begin() + 2, out.shape->end(), 1);
  }
  return Outputs{out};
}

Result<Outputs> gemm(const Context& c) {
  Output out;
  out.data_type = c.dtype(0);
  const Shape* a = c.shape(0);
  const Shape* b = c.shape(1);
  if (!a || !b) return Outputs{out};
  if (a->size() != 2 || b->size() != 2)
    return c.error("A " + shape_text(*a) + " and B " + shape_text(*b) + " must be matrices");
  const bool ta = c.int_attr("transA", 0) != 0;
  const bool tb = c.int_attr("transB", 0) != 0;
  const std::int64_t m = ta ? (*a)[1] : (*a)[0];
  const std::int64_t ka = ta ? (*a)[0] : (*a)[1];
  const std::int64_t kb = tb ? (*b)[1] : (*b)[0];
  const std::int64_t n = tb ? (*b)[0] : (*b)[1];
  if (ka != kb)
    return c.error("A " + shape_text(*a) + (ta ? " (transposed)" : "") + " and B " + shape_text(*b) +
                   (tb ? " (transposed)" : "") + " disagree on the inner dimension");
  out.shape = Shape{m, n};
  return Outputs{out};
}

// MatMul: numpy.matmul, 1-D operands promoted and the promotion dropped.
Result<Outputs> matmul(const Context& c) {
  Output out;
  out.data_type = c.dtype(0);
  const Shape* a0 = c.shape(0);
  const Shape* b0 = c.shape(1);
  if (!a0 || !b0) return Outputs{out};
  if (a0->empty() || b0->empty()) return c.error("MatMul of a scalar");
  Shape a = *a0, b = *b0;
  const bool a_vector = a.size() == 1, b_vector = b.size() == 1;
  if (a_vector) a.insert(a.begin(), 1);
  if (b_vector) b.push_back(1);
  if (a[a.size() - 1] != b[b.size() - 2])
    return c.error("A " + shape_text(*a0) + " and B " + shape_text(*b0) + " disagree on the inner dimension");
  Shape batch_a(a.begin(), a.end() - 2), batch_b(b.begin(), b.end() - 2);
  Shape batch(std::max(batch_a.size(), batch_b.size()), 1);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const std::int64_t da =
        i + batch_a.size() >= batch.size() ? batch_a[i + batch_a.size() - batch.size()] : 1;
    const std::int64_t db =
        i + batch_b.size() >= batch.size() ? batch_b[i + batch_b.size() - batch.size()] : 1;
    if (da != db && da != 1 && db != 1)
      return c.error("batch dimensions of " + shape_text(*a0) + " and " + shape_text(*b0) +
                     " do not broadcast");
    batch[i] = da == 1 ? db : da;
  }
  Shape result = batch;
  if (!a_vector) result.push_back(a[a.size() - 2]);
  if (!b_vector) result.push_back(b[b.size() - 1]);
  out.shape = result;
  return Outputs{out};
}

Result<Outputs> reshape(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  std::optional<Shape> target;
  if (c.opset() >= 5) {
    if (const auto* f = c.folded(1)) target = *f;
  } else {
    target = c.ints_attr("shape");
  }
  const Shape* in = c.shape(0);
  if (!target || !in) return Outputs{out};
  DERIVE_TRY(const auto total, checked_product(c, *in, 0, in->size()));
  const bool allow_zero = c.int_attr("allowzero", 0) != 0;
  Shape result = *target;
  int infer_at = -1;
  std::int64_t known = 1;
  for (std::size_t i = 0; i < result.size(); ++i) {
    if (result[i] == 0 && !allow_zero) {
      if (i >= in->size())
        return c.error("shape " + shape_text(*target) + " copies dimension " + std::to_string(i) + " that " +
                       shape_text(*in) + " does not have");
      result[i] = (*in)[i];
    }
    if (result[i] == -1) {
      if (infer_at >= 0) return c.error("shape " + shape_text(*target) + " has more than one -1");
      infer_at = static_cast<int>(i);
      continue;
    }
    if (result[i] < 0) return c.error("shape " + shape_text(*target) + " has a negative dimension");
    if (result[i] != 0 && known > kMaxElements / result[i])
      return c.error("shape " + shape_text(*target) + " is too large");
    known *= result[i];
  }
  if (infer_at >= 0) {
    if (known == 0 || total % known != 0)
      return c.error("cannot reshape " + shape_text(*in) + " (" + std::to_string(total) + " elements) to " +
                     shape_text(*target));
    result[static_cast<std::size_t>(infer_at)] = total / known;
  } else if (known != total) {
    return c.error("cannot reshape " + shape_text(*in) + " (" + std::to_string(total) + " elements) to " +
                   shape_text(result));
  }
  out.shape = result;
  if (c.folded(0)) out.folded = *c.folded(0);
  return Outputs{out};
}

Result<Outputs> flatten(const Context& c) {
  Output out = same_as_input(c);
  if (!out.shape) return Outputs{out};
  const Shape in = *out.shape;
  const auto rank = static_cast<std::int64_t>(in.size());
  std::int64_t axis = c.int_attr("axis", 1);
  if (axis < -rank || axis > rank)
    return c.error("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  if (axis < 0) axis += rank;
  DERIVE_TRY(const auto outer, checked_product(c, in, 0, static_cast<std::size_t>(axis)));
  DERIVE_TRY(const auto inner, checked_product(c, in, static_cast<std::size_t>(axis), in.size()));
  out.shape = Shape{outer, inner};
  if (c.folded(0)) out.folded = *c.folded(0);
  return Outputs{out};
}

Result<Outputs> concat(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  std::optional<Shape> result;
  std::vector<std::int64_t> values;
  bool all_folded = true;
  for (std::size_t k = 0; k < c.input_count(); ++k) {
    const Shape* s = c.shape(k);
    if (!s) return Outputs{out};
    const auto rank = static_cast<std::int64_t>(s->size());
    DERIVE_TRY(const auto axis, normalize_axis(c, c.int_attr("axis", 0), rank, "axis"));
    if (!result) {
      result = *s;
    } else {
      if (result->size() != s->size())
        return c.error("input " + std::to_string(k) + " " + shape_text(*s) + " differs in rank from " +
                       shape_text(*result));
      for (std::size_t i = 0; i < s->size(); ++i)
        if (static_cast<std::int64_t>(i) != axis && (*s)[i] != (*result)[i])
          return c.error("input " + std::to_string(k) + " " + shape_text(*s) + " does not match " +
                         shape_text(*result) + " off the axis");
      (*result)[static_cast<std::size_t>(axis)] += (*s)[static_cast<std::size_t>(axis)];
      if ((*result)[static_cast<std::size_t>(axis)] > kMaxElements)
        return c.error("the joined axis exceeds 2^62");
    }
    if (const auto* f = c.folded(k); f && s->size() <= 1)
      values.insert(values.end(), f->begin(), f->end());
    else
      all_folded = false;
  }
  out.shape = result;
  if (all_folded && result) out.folded = values;
  return Outputs{out};
}

Result<Outputs> transpose(const Context& c) {
  Output out = same_as_input(c);
  if (!out.shape) return Outputs{out};
  const Shape in = *out.shape;
  Shape perm = c.ints_attr("perm").value_or(Shape{});
  if (perm.empty())
    for (std::size_t i = in.size(); i-- > 0;) perm.push_back(static_cast<std::int64_t>(i));
  if (perm.size() != in.size())
    return c.error("perm " + shape_text(perm) + " does not match rank " + std::to_string(in.size()));
  std::vector<bool> seen(in.size(), false);
  for (std::size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] < 0 || perm[i] >= static_cast<std::int64_t>(in.size()) ||
        seen[static_cast<std::size_t>(perm[i])])
      return c.error("perm " + shape_text(perm) + " is not a permutation");
    seen[static_cast<std::size_t>(perm[i])] = true;
    (*out.shape)[i] = in[static_cast<std::size_t>(perm[i])];
  }
  return Outputs{out};
}

Result<Outputs> shape_op(const Context& c) {
  Output out;
  out.data_type = kInt64;
  const Shape* in = c.shape(0);
  if (!in) return Outputs{out};
  const auto rank = static_cast<std::int64_t>(in->size());
  std::int64_t start = std::clamp<std::int64_t>(c.int_attr("start", 0), -rank, rank);
  std::int64_t end = std::clamp<std::int64_t>(c.int_attr("end", rank), -rank, rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  Shape values(in->begin() + static_cast<std::ptrdiff_t>(start),
               in->begin() + static_cast<std::ptrdiff_t>(std::max(start, end)));
  out.shape = Shape{static_cast<std::int64_t>(values.size())};
  out.folded = values;
  return Outputs{out};
}

Result<Outputs> gather(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  const Shape* data = c.shape(0);
  const Shape* indices = c.shape(1);
  if (!data || !indices) return Outputs{out};
  if (data->empty()) return c.error("Gather from a scalar");
  const auto rank = static_cast<std::int64_t>(data->size());
  DERIVE_TRY(const auto axis64, normalize_axis(c, c.int_attr("axis", 0), rank, "axis"));
  const auto axis = static_cast<std::ptrdiff_t>(axis64);
  Shape result(data->begin(), data->begin() + axis);
  result.insert(result.end(), indices->begin(), indices->end());
  result.insert(result.end(), data->begin() + axis + 1, data->end());
  out.shape = result;
  const auto* values = c.folded(0);
  const auto* picks = c.folded(1);
  if (values && picks && data->size() == 1 && static_cast<std::int64_t>(values->size()) == (*data)[0]) {
    std::vector<std::int64_t> picked;
    for (auto index : *picks) {
      if (index < 0) index += (*data)[0];
      if (index < 0 || index >= static_cast<std::int64_t>(values->size()))
        return c.error("index " + std::to_string(index) + " is out of range for " +
                       std::to_string(values->size()) + " values");
      picked.push_back((*values)[static_cast<std::size_t>(index)]);
    }
    out.folded = picked;
  }
  return Outputs{out};
}

// Unsqueeze and Squeeze: axes from the attribute before opset 13, the second
// input from opset 13.
std::optional<Shape> axes_of(const Context& c, std::int64_t input_from_opset) {
  if (c.opset() >= input_from_opset) {
    if (!c.input(1)) return Shape{};
    if (const auto* f = c.folded(1)) return *f;
    return std::nullopt;
  }
  return c.ints_attr("axes").value_or(Shape{});
}

Result<Outputs> unsqueeze(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  const Shape* in = c.shape(0);
  const auto axes = axes_of(c, 13);
  if (!in || !axes) return Outputs{out};
  const auto rank = static_cast<std::int64_t>(in->size() + axes->size());
  std::vector<bool> inserted(static_cast<std::size_t>(rank), false);
  for (auto axis : *axes) {
    DERIVE_TRY(const auto a, normalize_axis(c, axis, rank, "axis"));
    if (inserted[static_cast<std::size_t>(a)])
      return c.error("axis " + std::to_string(axis) + " given twice");
    inserted[static_cast<std::size_t>(a)] = true;
  }
  Shape result;
  std::size_t next = 0;
  for (std::int64_t i = 0; i < rank; ++i)
    result.push_back(inserted[static_cast<std::size_t>(i)] ? 1 : (*in)[next++]);
  out.shape = result;
  if (c.folded(0)) out.folded = *c.folded(0);
  return Outputs{out};
}

Result<Outputs> squeeze(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  const Shape* in = c.shape(0);
  const auto axes = axes_of(c, 13);
  if (!in || !axes) return Outputs{out};
  const auto rank = static_cast<std::int64_t>(in->size());
  std::vector<bool> drop(in->size(), false);
  for (auto axis : *axes) {
    DERIVE_TRY(const auto a, normalize_axis(c, axis, rank, "axis"));
    if ((*in)[static_cast<std::size_t>(a)] != 1)
      return c.error("cannot squeeze axis " + std::to_string(axis) + " of " + shape_text(*in));
    drop[static_cast<std::size_t>(a)] = true;
  }
  Shape result;
  for (std::size_t i = 0; i < in->size(); ++i)
    if (!(axes->empty() ? (*in)[i] == 1 : drop[i])) result.push_back((*in)[i]);
  out.shape = result;
  if (c.folded(0)) out.folded = *c.folded(0);
  return Outputs{out};
}

Result<Outputs> cast(const Context& c) {
  Output out = same_as_input(c);
  out.data_type = static_cast<std::int32_t>(c.int_attr("to", 0));
  if (c.folded(0)) out.folded = *c.folded(0);
  return Outputs{out};
}

Result<Outputs> constant(const Context& c) {
  Output out;
  out.weight = true;
  out.stored = true;
  const Node& n = c.node();
  if (const Attribute* a = n.attribute("value"); a && a->t) {
    out.shape = a->t->dims;
    out.data_type = a->t->data_type;
    out.folded = a->t->int_values;
    out.folded_real = a->t->real_values;
  } else if (const Attribute* vi = n.attribute("value_int")) {
    out.shape = Shape{};
    out.data_type = kInt64;
    out.folded = std::vector<std::int64_t>{vi->i};
  } else if (const Attribute* vis = n.attribute("value_ints")) {
    out.shape = Shape{static_cast<std::int64_t>(vis->ints.size())};
    out.data_type = kInt64;
    if (static_cast<std::int64_t>(vis->ints.size()) <= kMaxFoldedElements) out.folded = vis->ints;
  } else if (n.attribute("value_float")) {
    out.shape = Shape{};
    out.data_type = kFloat;
  } else if (const Attribute* vfs = n.attribute("value_floats")) {
    out.shape = Shape{static_cast<std::int64_t>(vfs->floats.size())};
    out.data_type = kFloat;
    if (static_cast<std::int64_t>(vfs->floats.size()) <= kMaxFoldedElements) out.folded_real = vfs->floats;
  } else {
    return c.error(
        "has no value, value_int(s) or value_float(s) attribute this reader handles (sparse and string "
        "constants are not)");
  }
  return Outputs{out};
}

Result<Outputs> constant_of_shape(const Context& c) {
  Output out;
  out.weight = true;
  out.data_type = kFloat;
  std::optional<double> fill = 0.0;
  if (const Attribute* a = c.node().attribute("value"); a && a->t) {
    out.data_type = a->t->data_type;
    fill = a->t->first_value;
  }
  const auto* dims = c.folded(0);
  if (!dims) return Outputs{out};
  for (auto d : *dims)
    if (d < 0) return c.error("shape " + shape_text(*dims) + " has a negative dimension");
  DERIVE_TRY(const auto count, checked_product(c, *dims, 0, dims->size()));
  out.shape = *dims;
  const bool integer = out.data_type != kFloat &&
                       out.data_type != static_cast<std::int32_t>(DataType::kDouble) &&
                       out.data_type != static_cast<std::int32_t>(DataType::kFloat16);
  if (integer && fill && count <= kMaxFoldedElements)
    out.folded = std::vector<std::int64_t>(static_cast<std::size_t>(count), static_cast<std::int64_t>(*fill));
  return Outputs{out};
}

// Slice: starts/ends/axes/steps attributes before opset 10, inputs from 10.
Result<Outputs> slice(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  const Shape* in = c.shape(0);
  if (!in) return Outputs{out};
  std::optional<Shape> starts, ends, axes, steps;
  if (c.opset() >= 10) {
    if (c.folded(1)) starts = *c.folded(1);
    if (c.folded(2)) ends = *c.folded(2);
    axes = c.input(3) ? (c.folded(3) ? std::optional<Shape>(*c.folded(3)) : std::nullopt)
                      : std::optional<Shape>(Shape{});
    steps = c.input(4) ? (c.folded(4) ? std::optional<Shape>(*c.folded(4)) : std::nullopt)
                       : std::optional<Shape>(Shape{});
  } else {
    starts = c.ints_attr("starts");
    ends = c.ints_attr("ends");
    axes = c.ints_attr("axes").value_or(Shape{});
    steps = Shape{};
  }
  if (!starts || !ends || !axes || !steps) return Outputs{out};
  if (ends->size() != starts->size() || (!axes->empty() && axes->size() != starts->size()) ||
      (!steps->empty() && steps->size() != starts->size()))
    return c.error("starts, ends, axes and steps differ in length");
  Shape result = *in;
  const auto rank = static_cast<std::int64_t>(in->size());
  std::vector<std::int64_t> first(in->size(), 0), step_of(in->size(), 1);
  for (std::size_t i = 0; i < starts->size(); ++i) {
    DERIVE_TRY(const auto axis,
               normalize_axis(c, axes->empty() ? static_cast<std::int64_t>(i) : (*axes)[i], rank, "axis"));
    const std::int64_t dim = (*in)[static_cast<std::size_t>(axis)];
    const std::int64_t step = steps->empty() ? 1 : (*steps)[i];
    if (step == 0) return c.error("a step of 0");
    if (step > kMaxElements / 2 || step < -kMaxElements / 2) return c.error("a step beyond 2^61");
    auto clamp_index = [&](std::int64_t v, bool is_end) {
      if (v < 0) v = std::max<std::int64_t>(v, -dim - 1) + dim;
      if (step > 0) return std::clamp<std::int64_t>(v, 0, dim);
      return std::clamp<std::int64_t>(v, is_end ? -1 : 0, dim - 1);
    };
    const std::int64_t s = clamp_index((*starts)[i], false);
    const std::int64_t e = clamp_index((*ends)[i], true);
    const std::int64_t length =
        step > 0 ? (e > s ? (e - s + step - 1) / step : 0) : (s > e ? (s - e - step - 1) / -step : 0);
    result[static_cast<std::size_t>(axis)] = length;
    first[static_cast<std::size_t>(axis)] = s;
    step_of[static_cast<std::size_t>(axis)] = step;
  }
  out.shape = result;
  if (const auto* f = c.folded(0); f && in->size() == 1 && static_cast<std::int64_t>(f->size()) == (*in)[0]) {
    std::vector<std::int64_t> picked;
    for (std::int64_t k = 0; k < result[0]; ++k) {
      const std::int64_t at = first[0] + k * step_of[0];
      if (at < 0 || at >= static_cast<std::int64_t>(f->size())) return Outputs{out};
      picked.push_back((*f)[static_cast<std::size_t>(at)]);
    }
    out.folded = picked;
  }
  return Outputs{out};
}

// ReduceMean and friends: axes attribute, or input 1 (ReduceSum from opset
// 13, the others from 18); keepdims defaults to 1.
Result<Outputs> reduce(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  const Shape* in = c.shape(0);
  const std::int64_t from = c.node().op_type == "ReduceSum" ? 13 : 18;
  const auto axes = axes_of(c, from);
  if (!in || !axes) return Outputs{out};
  const bool keep = c.int_attr("keepdims", 1) != 0;
  const auto rank = static_cast<std::int64_t>(in->size());
  std::vector<bool> reduced(in->size(), axes->empty());
  for (auto axis : *axes) {
    DERIVE_TRY(const auto a, normalize_axis(c, axis, rank, "axis"));
    reduced[static_cast<std::size_t>(a)] = true;
  }
  Shape result;
  for (std::size_t i = 0; i < in->size(); ++i) {
    if (!reduced[i])
      result.push_back((*in)[i]);
    else if (keep)
      result.push_back(1);
  }
  out.shape = result;
  return Outputs{out};
}

// Pad: pads attribute before opset 11, input 1 from 11; begins then ends.
Result<Outputs> pad(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  const Shape* in = c.shape(0);
  std::optional<Shape> pads = c.opset() >= 11
                                  ? (c.folded(1) ? std::optional<Shape>(*c.folded(1)) : std::nullopt)
                                  : c.ints_attr("pads");
  if (!in || !pads) return Outputs{out};
  if (pads->size() != 2 * in->size())
    return c.error("pads " + shape_text(*pads) + " do not match rank " + std::to_string(in->size()));
  for (const auto p : *pads)
    if (p > kMaxElements / 4 || p < -kMaxElements / 4)
      return c.error("pads " + shape_text(*pads) + " are out of range");
  Shape result = *in;
  for (std::size_t i = 0; i < in->size(); ++i) {
    result[i] += (*pads)[i] + (*pads)[in->size() + i];
    if (result[i] < 0)
      return c.error("pads " + shape_text(*pads) + " remove more than " + shape_text(*in) + " has");
  }
  out.shape = result;
  return Outputs{out};
}

Result<Outputs> preserve(const Context& c) {
  Outputs outs(c.node().outputs.size(), same_as_input(c));
  return outs;
}

Result<Outputs> dropout(const Context& c) {
  Outputs outs(c.node().outputs.size(), same_as_input(c));
  if (outs.size() > 1) outs[1].data_type = kBool;  // the mask
  return outs;
}

// ConvTranspose: out = stride * (in - 1) + output_padding + (k - 1) * dilation
// + 1 - pad_begin - pad_end, or in * stride with auto_pad SAME_*, or the
// output_shape attribute; weight C x M/group x k..., so M = weight[1] * group.
Result<Outputs> conv_transpose(const Context& c) {
  Output out;
  out.data_type = c.dtype(0);
  const Shape* x = c.shape(0);
  const Shape* w = c.shape(1);
  if (!x || !w) return Outputs{out};
  if (x->size() < 3 || w->size() != x->size())
    return c.error("input " + shape_text(*x) + " and weight " + shape_text(*w) +
                   " are not N x C x D... and C x M/group x k...");
  const std::size_t spatial = x->size() - 2;
  const std::int64_t group = c.int_attr("group", 1);
  if (group < 1 || group > (std::int64_t{1} << 31) || (*w)[0] != (*x)[1])
    return c.error("group " + std::to_string(group) + " or weight " + shape_text(*w) +
                   " does not match input channels " + std::to_string((*x)[1]));
  const Shape kernel = c.ints_attr("kernel_shape").value_or(Shape(w->begin() + 2, w->end()));
  const Shape strides = c.ints_attr("strides").value_or(Shape(spatial, 1));
  const Shape dilations = c.ints_attr("dilations").value_or(Shape(spatial, 1));
  const Shape pads = c.ints_attr("pads").value_or(Shape(2 * spatial, 0));
  const Shape output_padding = c.ints_attr("output_padding").value_or(Shape(spatial, 0));
  if (kernel.size() != spatial || strides.size() != spatial || dilations.size() != spatial ||
      pads.size() != 2 * spatial || output_padding.size() != spatial)
    return c.error("kernel_shape, strides, dilations, pads or output_padding do not match the spatial axes");
  constexpr std::int64_t kLimit = std::int64_t{1} << 31;
  if ((*w)[1] > kMaxElements / group)
    return c.error("weight " + shape_text(*w) + " times group exceeds 2^62 channels");
  Shape result{(*x)[0], (*w)[1] * group};
  const auto given = c.ints_attr("output_shape");
  const std::string auto_pad = c.string_attr("auto_pad", "NOTSET");
  for (std::size_t i = 0; i < spatial; ++i) {
    for (const auto v : {kernel[i], strides[i], dilations[i], pads[i], pads[spatial + i], output_padding[i]})
      if (v < 0 || v > kLimit) return c.error("a kernel, stride, dilation or pad outside [0, 2^31]");
    if ((*x)[2 + i] > kLimit) return c.error("a spatial size above 2^31");
    std::int64_t o = 0;
    if (given && given->size() == spatial)
      o = (*given)[i];
    else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER")
      o = (*x)[2 + i] * strides[i];
    else
      o = strides[i] * ((*x)[2 + i] - 1) + output_padding[i] + (kernel[i] - 1) * dilations[i] + 1 - pads[i] -
          pads[spatial + i];
    if (o < 1)
      return c.error("the output would have " + std::to_string(o) + " elements along axis " +
                     std::to_string(2 + i));
    result.push_back(o);
  }
  out.shape = result;
  return Outputs{out};
}

// Split: `split` sizes (attribute before opset 13, input from 13), else equal
// parts, the last smaller when the axis does not divide (opset 18's rule).
Result<Outputs> split(const Context& c) {
  Outputs outs(c.node().outputs.size(), same_as_input(c));
  for (auto& o : outs) o.shape.reset();
  const Shape* in = c.shape(0);
  if (!in) return outs;
  const auto rank = static_cast<std::int64_t>(in->size());
  DERIVE_TRY(const auto axis, normalize_axis(c, c.int_attr("axis", 0), rank, "axis"));
  const std::int64_t length = (*in)[static_cast<std::size_t>(axis)];
  Shape sizes;
  if (c.opset() >= 13) {
    if (c.input(1)) {
      if (!c.folded(1)) return outs;
      sizes = *c.folded(1);
    }
  } else {
    sizes = c.ints_attr("split").value_or(Shape{});
  }
  const auto parts = static_cast<std::int64_t>(outs.size());
  if (sizes.empty()) {
    const std::int64_t each = (length + parts - 1) / parts;
    std::int64_t remaining = length;
    for (std::int64_t k = 0; k < parts; ++k) {
      sizes.push_back(std::min(each, remaining));
      remaining -= sizes.back();
    }
  }
  if (static_cast<std::int64_t>(sizes.size()) != parts)
    return c.error("split sizes do not match the number of outputs");
  std::int64_t sum = 0;
  for (const auto size : sizes) {
    if (size < 0 || size > length) return c.error("split size " + std::to_string(size) + " is out of range");
    sum += size;
  }
  if (sum != length)
    return c.error("split sizes sum to " + std::to_string(sum) + ", not the axis length " +
                   std::to_string(length));
  for (std::size_t k = 0; k < outs.size(); ++k) {
    outs[k].shape = *in;
    (*outs[k].shape)[static_cast<std::size_t>(axis)] = sizes[k];
  }
  return outs;
}

// Expand: broadcasting of the input with the (folded) shape input.
Result<Outputs> expand(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  const Shape* in = c.shape(0);
  const auto* target = c.folded(1);
  if (!in || !target) return Outputs{out};
  Shape result = *target;
  if (in->size() > result.size()) result.insert(result.begin(), in->size() - result.size(), 1);
  for (std::size_t i = 0; i < in->size(); ++i) {
    std::int64_t& r = result[result.size() - in->size() + i];
    const std::int64_t d = (*in)[i];
    if (r < 0) return c.error("shape " + shape_text(*target) + " has a negative dimension");
    if (r == d || d == 1) continue;
    if (r == 1) {
      r = d;
      continue;
    }
    return c.error("input " + shape_text(*in) + " does not broadcast to " + shape_text(*target));
  }
  for (const auto d : result)
    if (d < 0) return c.error("shape " + shape_text(*target) + " has a negative dimension");
  DERIVE_TRY(const auto ignored, checked_product(c, result, 0, result.size()));
  (void)ignored;
  out.shape = result;
  return Outputs{out};
}

// Tile: each dimension times its (folded) repeat.
Result<Outputs> tile(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  const Shape* in = c.shape(0);
  const auto* repeats = c.folded(1);
  if (!in || !repeats) return Outputs{out};
  if (repeats->size() != in->size())
    return c.error("repeats " + shape_text(*repeats) + " do not match rank " + std::to_string(in->size()));
  Shape result = *in;
  for (std::size_t i = 0; i < in->size(); ++i) {
    if ((*repeats)[i] < 0) return c.error("a negative repeat");
    if ((*repeats)[i] != 0 && result[i] > kMaxElements / (*repeats)[i])
      return c.error("the tiled shape exceeds 2^62");
    result[i] *= (*repeats)[i];
  }
  DERIVE_TRY(const auto ignored, checked_product(c, result, 0, result.size()));
  (void)ignored;
  out.shape = result;
  return Outputs{out};
}

// Resize (opset 10: X, scales; from 11: X, roi, scales, sizes) and Upsample
// (scales attribute before opset 9, input from 9): sizes when given, else
// floor(in * scale) per axis.
Result<Outputs> resize(const Context& c) {
  Output out = same_as_input(c);
  out.shape.reset();
  const Shape* in = c.shape(0);
  if (!in) return Outputs{out};
  const bool upsample = c.node().op_type == "Upsample";
  std::optional<std::vector<double>> scales;
  if (!upsample && c.opset() >= 11 && c.input(3)) {
    const auto* sizes = c.folded(3);
    if (!sizes) return Outputs{out};
    if (sizes->size() != in->size() || c.node().attribute("axes"))
      return Outputs{out};  // sizes over a subset of axes (opset 18's axes): not modelled
    for (const auto d : *sizes)
      if (d < 0) return c.error("sizes " + shape_text(*sizes) + " has a negative dimension");
    out.shape = *sizes;
    return Outputs{out};
  }
  if (upsample && c.opset() < 9) {
    if (const Attribute* a = c.node().attribute("scales")) scales = a->floats;
  } else if (const auto* r = c.reals(upsample || c.opset() < 11 ? 1 : 2)) {
    scales = *r;
  }
  if (!scales || scales->size() != in->size() || c.node().attribute("axes")) return Outputs{out};
  Shape result;
  for (std::size_t i = 0; i < in->size(); ++i) {
    const double scale = (*scales)[i];
    const double size = static_cast<double>((*in)[i]) * scale;
    if (!(scale > 0) || !(size < 4.0e18))
      return c.error("scale " + std::to_string(scale) + " is not a positive size factor");
    result.push_back(static_cast<std::int64_t>(size));  // floor: both are non-negative
  }
  out.shape = result;
  return Outputs{out};
}

const std::map<std::string, Rule, std::less<>>& rules() {
  static const std::map<std::string, Rule, std::less<>> table = [] {
    std::map<std::string, Rule, std::less<>> t;
    t["Conv"] = [](const Context& c) { return windowed(c, true); };
    for (const char* op : {"MaxPool", "AveragePool", "LpPool"})
      t[op] = [](const Context& c) { return windowed(c, false); };
    for (const char* op : {"GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"}) t[op] = global_pool;
    t["Gemm"] = gemm;
    t["ConvTranspose"] = conv_transpose;
    t["Split"] = split;
    t["Expand"] = expand;
    t["Tile"] = tile;
    t["Resize"] = resize;
    t["Upsample"] = resize;
    t["MatMul"] = matmul;
    t["Reshape"] = reshape;
    t["Flatten"] = flatten;
    t["Concat"] = concat;
    t["Transpose"] = transpose;
    t["Shape"] = shape_op;
    t["Gather"] = gather;
    t["Unsqueeze"] = unsqueeze;
    t["Squeeze"] = squeeze;
    t["Cast"] = cast;
    t["Constant"] = constant;
    t["ConstantOfShape"] = constant_of_shape;
    t["Slice"] = slice;
    t["Pad"] = pad;
    for (const char* op : {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL2"})
      t[op] = reduce;
    t["Dropout"] = dropout;
    for (const char* op : {"Relu",
                           "LeakyRelu",
                           "Sigmoid",
                           "Tanh",
                           "Softmax",
                           "LogSoftmax",
                           "LRN",
                           "BatchNormalization",
                           "InstanceNormalization",
                           "LayerNormalization",
                           "Clip",
                           "Identity",
                           "Exp",
                           "Log",
                           "Sqrt",
                           "Neg",
                           "Abs",
                           "Erf",
                           "HardSigmoid",
                           "HardSwish",
                           "Elu",
                           "Selu",
                           "Softplus",
                           "Softsign",
                           "Reciprocal",
                           "Floor",
                           "Ceil",
                           "Round",
                           "Sign",
                           "Not",
                           "Gelu",
                           "Mish",
                           "Celu",
                           "ThresholdedRelu",
                           "QuantizeLinear",
                           "DequantizeLinear"})
      t[op] = preserve;
    for (const char* op :
         {"Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "PRelu", "Mod", "BitShift"})
      t[op] = [](const Context& c) -> Result<Outputs> {
        DERIVE_TRY(auto out, broadcast(c, c.dtype(0)));
        return Outputs{out};
      };
    for (const char* op : {"Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "And", "Or", "Xor"})
      t[op] = [](const Context& c) -> Result<Outputs> {
        DERIVE_TRY(auto out, broadcast(c, kBool));
        return Outputs{out};
      };
    t["Where"] = [](const Context& c) -> Result<Outputs> {
      DERIVE_TRY(auto out, broadcast(c, c.dtype(1)));
      return Outputs{out};
    };
    return t;
  }();
  return table;
}

// Every dimension and the element count of a shape read from the file stay
// within 2^62, so the rules' arithmetic cannot overflow.
Status check_shape(const Shape& shape, const std::string& what) {
  for (const auto d : shape)
    if (d > kMaxElements) return make_error(what + ": dimension " + std::to_string(d) + " exceeds 2^62");
  auto count = element_count(shape);
  if (!count.ok()) return make_error(what + ": " + count.error().message);
  return {};
}

// Full shape given by a value_info entry (no symbolic or missing dimension).
std::optional<Shape> full_shape(const ValueInfo& info) {
  if (!info.has_shape) return std::nullopt;
  for (auto d : info.dims)
    if (d < 0) return std::nullopt;
  return info.dims;
}

}  // namespace

Result<std::int64_t> element_count(const std::vector<std::int64_t>& shape) {
  std::int64_t product = 1;
  for (const auto d : shape) {
    if (d < 0) return make_error("shape " + shape_text(shape) + " has a negative dimension");
    if (d != 0 && product > kMaxElements / d)
      return make_error("shape " + shape_text(shape) + " has more than 2^62 elements");
    product *= d;
  }
  return product;
}

Result<InferredGraph> infer_shapes(const Model& model) {
  const Graph& graph = model.graph;
  InferredGraph result;
  std::unordered_map<std::string, int> index_of;
  std::unordered_map<std::string, const ValueInfo*> declared;
  for (const auto* list : {&graph.value_info, &graph.outputs})
    for (const auto& info : *list) declared.emplace(info.name, &info);

  auto add = [&](Value v) -> Result<int> {
    if (index_of.count(v.name))
      return make_error("tensor name '" + v.name + "' is defined twice (ONNX requires single assignment)");
    const int index = static_cast<int>(result.values.size());
    index_of.emplace(v.name, index);
    result.values.push_back(std::move(v));
    return index;
  };

  for (std::size_t k = 0; k < graph.initializers.size(); ++k) {
    const TensorData& t = graph.initializers[k];
    if (t.name.empty()) return make_error("initializer " + std::to_string(k) + " has no name");
    Value v;
    v.name = t.name;
    v.data_type = t.data_type;
    v.shape = t.dims;
    v.kind = ValueKind::kWeight;
    v.folded = t.int_values;
    v.folded_real = t.real_values;
    v.stored_in_file = true;
    DERIVE_TRY(const auto ignored, add(std::move(v)));
    (void)ignored;
  }
  // IR 3 repeats the initializers among the graph inputs: those are weights.
  for (const auto& input : graph.inputs) {
    if (index_of.count(input.name)) continue;
    Value v;
    v.name = input.name;
    v.data_type = input.elem_type;
    v.kind = ValueKind::kInput;
    if (input.has_shape) {
      Shape dims = input.dims;
      for (std::size_t i = 0; i < dims.size(); ++i) {
        if (dims[i] >= 0) continue;
        dims[i] = 1;
        const std::string symbol = input.dim_params[i].empty() ? "unnamed" : "'" + input.dim_params[i] + "'";
        result.notes.push_back("input '" + input.name + "' dimension " + std::to_string(i) + " (" + symbol +
                               ") taken as 1");
      }
      DERIVE_CHECK(check_shape(dims, "input '" + input.name + "'"));
      v.shape = dims;
    } else {
      result.notes.push_back("input '" + input.name + "' has no shape in the file");
    }
    DERIVE_TRY(const int index, add(std::move(v)));
    result.inputs.push_back(index);
  }

  for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
    const Node& node = graph.nodes[n];
    InferredNode inferred;
    std::vector<const Value*> inputs;
    for (const auto& name : node.inputs) {
      if (name.empty()) {
        inferred.inputs.push_back(-1);
        continue;
      }
      const auto it = index_of.find(name);
      if (it == index_of.end())
        return make_error("node " + std::to_string(n) + " ('" + node.name + "', " + node.op_type +
                          "): input '" + name +
                          "' is not a graph input, an initializer or the output of an earlier node");
      inferred.inputs.push_back(it->second);
    }
    for (const int i : inferred.inputs)
      inputs.push_back(i >= 0 ? &result.values[static_cast<std::size_t>(i)] : nullptr);

    if (node.outputs.empty())
      return make_error("node " + std::to_string(n) + " ('" + node.name + "', " + node.op_type +
                        ") has no outputs");
    Outputs outs(node.outputs.size());
    const bool default_domain = node.domain.empty() || node.domain == "ai.onnx";
    const auto rule = default_domain ? rules().find(node.op_type) : rules().end();
    if (rule == rules().end()) {
      inferred.unknown_reason =
          "no shape rule for " + (default_domain ? "" : node.domain + ".") + node.op_type;
    } else {
      Context context(node, n, inputs, model.opset);
      // Inputs that contradict the operator's rules (a MatMul whose inner
      // dimensions disagree) or an output past 2^62 elements leave this
      // node's outputs unknown, with the reason, rather than failing the
      // whole graph: the analyzer then lists the layer as uncosted.
      Result<Outputs> inferred_outs = rule->second(context);
      if (inferred_outs.ok()) {
        outs = std::move(inferred_outs).value();
        outs.resize(node.outputs.size());
        // A rule's shape is checked like a shape read from the file.
        for (std::size_t k = 0; k < outs.size() && inferred.unknown_reason.empty(); ++k) {
          if (!outs[k].shape) continue;
          const Status valid = check_shape(*outs[k].shape, "output " + std::to_string(k));
          if (!valid.ok()) inferred.unknown_reason = valid.error().message;
        }
      } else {
        inferred.unknown_reason = inferred_outs.error().message;
      }
      if (!inferred.unknown_reason.empty()) outs.assign(node.outputs.size(), {});
    }
    bool all_inputs_constant = !inputs.empty();
    for (const Value* input : inputs)
      if (input && input->kind != ValueKind::kWeight) all_inputs_constant = false;
    bool all_folded = !node.outputs.empty();
    for (std::size_t k = 0; k < node.outputs.size(); ++k) {
      if (node.outputs[k].empty()) continue;
      Value v;
      v.name = node.outputs[k];
      v.producer = static_cast<int>(n);
      v.data_type = outs[k].data_type;
      v.shape = outs[k].shape;
      v.folded = outs[k].folded;
      v.folded_real = outs[k].folded_real;
      // Constant folding: Constant and ConstantOfShape make weights, and so
      // does any known op whose inputs are all weights (a Reshape or
      // Transpose of an initializer) or whose values were folded (Shape).
      v.kind = outs[k].weight || outs[k].folded || (all_inputs_constant && rule != rules().end())
                   ? ValueKind::kWeight
                   : ValueKind::kActivation;
      v.stored_in_file = outs[k].stored;
      if (const auto it = declared.find(v.name); it != declared.end()) {
        if (auto full = full_shape(*it->second)) {
          DERIVE_CHECK(check_shape(*full, "value_info of '" + v.name + "'"));
          // Folded values stay only if they still fill the declared shape.
          const std::int64_t count = element_count(*full).value();
          if (v.folded && static_cast<std::int64_t>(v.folded->size()) != count) v.folded.reset();
          if (v.folded_real && static_cast<std::int64_t>(v.folded_real->size()) != count)
            v.folded_real.reset();
          v.shape = full;
        }
        if (it->second->elem_type != 0) v.data_type = it->second->elem_type;
      }
      if (!v.shape && inferred.unknown_reason.empty())
        inferred.unknown_reason = "an input's shape is unknown or not constant-foldable";
      if (v.kind != ValueKind::kWeight) all_folded = false;
      DERIVE_TRY(const int index, add(std::move(v)));
      inferred.outputs.push_back(index);
    }
    inferred.folded = all_folded;
    result.nodes.push_back(std::move(inferred));
  }
  for (const auto& output : graph.outputs) {
    const auto it = index_of.find(output.name);
    if (it == index_of.end())
      return make_error("graph output '" + output.name +
                        "' is not produced by any node, input or initializer");
    result.outputs.push_back(it->second);
  }
  return result;
}

}  // namespace derive::onnx
