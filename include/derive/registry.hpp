// The registry of engine functions: one entry per formula, with its parameters,
// their units, the unit of the result and the primary source. The expression
// language calls engine functions through it (catalogue answers, `derive calc`,
// the browser calculator), so every number shown anywhere comes from the same
// C++ function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "derive/arguments.hpp"
#include "derive/result.hpp"
#include "derive/value.hpp"

namespace derive {

// What a parameter accepts. Count: a whole number >= 0 (channels, layers, tokens);
// Real: any finite number; Bool: true/false; List: a list of finite numbers.
enum class ParamKind { Real, Count, Bool, List };

struct ParamSpec {
  std::string name;
  ParamKind kind = ParamKind::Real;
  std::string unit;                    // "" for dimensionless; see docs/units.md for the spellings
  std::string help;                    // one short phrase: "output channels"
  std::optional<Value> default_value;  // set: the parameter may be omitted
};

// Arguments bound to a function's parameters, in declaration order, already
// checked against each ParamSpec's kind (so count() of a Count parameter is a
// whole number >= 0, list() of a List parameter is a list).
class Args {
 public:
  explicit Args(std::vector<Value> values) : values_(std::move(values)) {}
  const Value& at(std::size_t i) const { return values_.at(i); }
  const Number& number(std::size_t i) const { return values_.at(i).number(); }
  double real(std::size_t i) const { return values_.at(i).number().to_double(); }
  std::int64_t count(std::size_t i) const;  // REQUIRES: a Count parameter
  bool flag(std::size_t i) const { return values_.at(i).boolean(); }
  std::vector<double> reals(std::size_t i) const;  // a List parameter as doubles
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
};

// How the registry calls an engine function: a plain function pointer, so a
// FunctionSpec costs no std::function machinery (src/core/registry_helpers.hpp
// generates one per engine function from the function's C++ signature).
using EngineCall = Result<Value> (*)(const Args&);

struct FunctionSpec {
  std::string name;     // snake_case, unit last: kv_cache_bytes
  std::string summary;  // one sentence
  std::string source;   // primary source: "Pope et al., 2022, Efficiently Scaling Transformer Inference"
  std::string topic;    // measure, layers, prune, quant, nas, distill, mcu, llm
  std::vector<ParamSpec> params;
  std::string result_unit;  // e.g. "B", "MACs", "FLOPs", "FLOP/B", "s", "" (dimensionless)
  EngineCall call = nullptr;
};

class Registry {
 public:
  // REQUIRES: no function with the same name is registered yet.
  void add(FunctionSpec spec);
  const FunctionSpec* find(std::string_view name) const;
  const std::vector<FunctionSpec>& functions() const { return functions_; }

  // Binds positional and named arguments to the parameters of `spec`, fills
  // defaults, checks each value against its ParamKind, and calls the function.
  // Errors name the function and the parameter: "conv2d_macs: in_channels must be
  // a whole number >= 0, got 3.5". A result that is not finite (a number, or
  // any item of a list) is an error, "result is not finite (overflow in
  // tensor_bytes)": no caller ever sees an infinity or a NaN.
  static Result<Value> invoke(const FunctionSpec& spec, const std::vector<Value>& positional,
                              const std::vector<std::pair<std::string, Value>>& named);
  // The second half of invoke, for callers that bound the arguments already
  // (the expression evaluator binds at parse time): one value or nullopt
  // (take the default) per parameter, in declaration order.
  // REQUIRES: bound.size() == spec.params.size(); every required parameter is set.
  static Result<Value> call(const FunctionSpec& spec, std::vector<std::optional<Value>> bound);

 private:
  std::vector<FunctionSpec> functions_;
};

// The parameters of `spec` as bind_arguments sees them.
std::vector<ParameterShape> parameter_shapes(const FunctionSpec& spec);

// Every engine function, registered once on first use.
const Registry& engine_registry();

}  // namespace derive
