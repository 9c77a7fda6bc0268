#include "derive/registry.hpp"

#include <cassert>
#include <cmath>

#include "core/registrations.hpp"
#include "derive/number_format.hpp"

namespace derive {
namespace {

const char* kind_expectation(ParamKind kind) {
  switch (kind) {
    case ParamKind::Real:
      return "a finite number";
    case ParamKind::Count:
      return "a whole number >= 0";
    case ParamKind::Bool:
      return "true or false";
    case ParamKind::List:
      return "a list of numbers such as [1, 2, 3]";
  }
  return "";
}

std::string describe(const Value& v) {
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (v.is_list()) return "a list of " + std::to_string(v.list().size()) + " numbers";
  return format_plain(v.number());
}

bool finite(const Value& v) {
  if (v.is_number()) return std::isfinite(v.number().to_double());
  if (v.is_list()) {
    for (const Number& n : v.list())
      if (!std::isfinite(n.to_double())) return false;
  }
  return true;
}

bool fits(const Value& v, ParamKind kind) {
  switch (kind) {
    case ParamKind::Real:
      return v.is_number() && std::isfinite(v.number().to_double());
    case ParamKind::Count:
      return v.is_number() && v.number().is_integral() && v.number().to_double() >= 0 &&
             v.number().to_double() <= 9.2e18;
    case ParamKind::Bool:
      return v.is_bool();
    case ParamKind::List: {
      if (!v.is_list()) return false;
      for (const Number& n : v.list())
        if (!std::isfinite(n.to_double())) return false;
      return true;
    }
  }
  return false;
}

}  // namespace

std::int64_t Args::count(std::size_t i) const {
  const Number& n = number(i);
  return n.is_exact() ? n.exact_value() : static_cast<std::int64_t>(n.to_double());
}

std::vector<double> Args::reals(std::size_t i) const {
  std::vector<double> out;
  for (const Number& n : values_.at(i).list()) out.push_back(n.to_double());
  return out;
}

void Registry::add(FunctionSpec spec) {
  assert(find(spec.name) == nullptr && "engine function registered twice");
  functions_.push_back(std::move(spec));
}

const FunctionSpec* Registry::find(std::string_view name) const {
  for (const FunctionSpec& f : functions_)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<ParameterShape> parameter_shapes(const FunctionSpec& spec) {
  std::vector<ParameterShape> shapes;
  shapes.reserve(spec.params.size());
  for (const ParamSpec& p : spec.params) shapes.push_back({p.name, !p.default_value.has_value(), p.help});
  return shapes;
}

Result<Value> Registry::invoke(const FunctionSpec& spec, const std::vector<Value>& positional,
                               const std::vector<std::pair<std::string, Value>>& named) {
  std::vector<ArgumentShape> shapes(positional.size());
  for (const auto& entry : named) shapes.push_back({entry.first, 0});
  DERIVE_TRY(const std::vector<std::size_t> slots, bind_arguments(spec.name, parameter_shapes(spec), shapes));
  std::vector<std::optional<Value>> bound(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i] == kUnbound) continue;
    bound[i] =
        slots[i] < positional.size() ? positional[slots[i]] : named[slots[i] - positional.size()].second;
  }
  return call(spec, std::move(bound));
}

Result<Value> Registry::call(const FunctionSpec& spec, std::vector<std::optional<Value>> bound) {
  assert(bound.size() == spec.params.size());
  std::vector<Value> values;
  values.reserve(bound.size());
  for (std::size_t i = 0; i < bound.size(); ++i) {
    const ParamSpec& p = spec.params[i];
    if (!bound[i]) bound[i] = p.default_value;
    assert(bound[i] && "a required parameter was left unbound");
    if (!fits(*bound[i], p.kind))
      return error_in(spec.name,
                      p.name + " must be " + kind_expectation(p.kind) + ", got " + describe(*bound[i]));
    values.push_back(std::move(*bound[i]));
  }
  DERIVE_TRY(Value result, spec.call(Args(std::move(values))));
  // Every caller (expressions, `derive calc NAME --flags`, tests) gets this
  // check: an engine function never hands out an infinity or a NaN.
  if (!finite(result))
    return make_error(ErrorCode::Overflow, "result is not finite (overflow in " + spec.name + ")");
  return result;
}

const Registry& engine_registry() {
  static const Registry registry = [] {
    Registry r;
    register_measure(r);
    register_layers(r);
    register_prune(r);
    register_quant(r);
    register_nas(r);
    register_distill(r);
    register_mcu(r);
    register_llm(r);
    return r;
  }();
  return registry;
}

}  // namespace derive
