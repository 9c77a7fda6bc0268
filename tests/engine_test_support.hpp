// Helpers shared by the engine topic tests (measure, layers, prune, quant, nas,
// distill, mcu, llm, registry): error text of a Result, calls through the
// engine registry, the catalogue contract of a function, exact counts.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "derive/registry.hpp"

namespace derive::testing {

using Named = std::vector<std::pair<std::string, Value>>;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// The error message of a failed result, "<ok>" for a success.
template <class T>
std::string error_of(const Result<T>& r) {
  return r.ok() ? "<ok>" : r.error().message;
}

// A NumberList Value of the given reals.
inline Value list(const std::vector<double>& values) {
  NumberList out;
  for (double v : values) out.push_back(Number::from_double(v));
  return Value(out);
}

// Calls an engine function by name with named arguments only.
inline Result<Value> call(const char* name, const Named& named) {
  const FunctionSpec* f = engine_registry().find(name);
  if (f == nullptr) return make_error(std::string("no engine function ") + name);
  return Registry::invoke(*f, {}, named);
}

// Arguments for which `spec` returns a value: its defaults, and for each
// parameter without one a plain value of its kind, from the first of three
// profiles that works (whole numbers 1, 2, 3, ... for reals and 2 for counts;
// then 0.5, 0.6, ... with counts 1; then the same with counts 0). Empty when
// none works, which a test over every function reports.
inline std::optional<Named> working_call(const FunctionSpec& spec) {
  for (int profile = 0; profile < 3; ++profile) {
    Named named;
    for (std::size_t i = 0; i < spec.params.size(); ++i) {
      const ParamSpec& p = spec.params[i];
      if (p.default_value) {
        named.emplace_back(p.name, *p.default_value);
      } else if (p.kind == ParamKind::Count) {
        named.emplace_back(p.name, Value::integer(profile == 0 ? 2 : profile == 1 ? 1 : 0));
      } else if (p.kind == ParamKind::Real) {
        named.emplace_back(p.name, profile == 0 ? Value::integer(1 + static_cast<std::int64_t>(i))
                                                : Value::real(0.5 + 0.1 * static_cast<double>(i)));
      } else if (p.kind == ParamKind::List) {
        // The last profile gives every other list another order, for functions
        // that compare two lists (kd_gradient_ratio needs them to differ).
        const bool swap = profile == 2 && i % 2 == 1;
        named.emplace_back(
            p.name, Value(NumberList{Number::from_double(swap ? 0.25 : 0.5),
                                     Number::from_double(swap ? 0.5 : 0.25), Number::from_double(0.25)}));
      } else {
        named.emplace_back(p.name, Value(true));
      }
    }
    if (Registry::invoke(spec, {}, named).ok()) return named;
  }
  return std::nullopt;
}

// Whether expect_signature also requires that no parameter has a default.
enum class Defaults { Any, None };

// The public contract of catalogue.md: topic, names, parameter order, unit (and,
// with Defaults::None, that every parameter must be given).
inline void expect_signature(const char* topic, const char* name, const std::vector<std::string>& params,
                             const char* result_unit, Defaults defaults = Defaults::Any) {
  const FunctionSpec* f = engine_registry().find(name);
  ASSERT_NE(f, nullptr) << name;
  EXPECT_EQ(f->topic, topic) << name;
  EXPECT_EQ(f->result_unit, result_unit) << name;
  EXPECT_FALSE(f->summary.empty()) << name;
  EXPECT_FALSE(f->source.empty()) << name;
  ASSERT_EQ(f->params.size(), params.size()) << name;
  for (std::size_t i = 0; i < params.size(); ++i) {
    EXPECT_EQ(f->params[i].name, params[i]) << name;
    if (defaults == Defaults::None) {
      EXPECT_FALSE(f->params[i].default_value.has_value()) << name << " " << params[i];
    }
  }
}

// The default of parameter `index` of an engine function is the number `value`.
inline void expect_default(const char* name, std::size_t index, double value) {
  const FunctionSpec* f = engine_registry().find(name);
  ASSERT_NE(f, nullptr) << name;
  ASSERT_LT(index, f->params.size()) << name;
  ASSERT_TRUE(f->params[index].default_value.has_value()) << name << " " << f->params[index].name;
  EXPECT_EQ(f->params[index].default_value->number().to_double(), value) << name;
}

// The result is an exact count equal to `expected`.
inline void expect_exact(const Result<Number>& r, std::int64_t expected) {
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->is_exact()) << r->to_double();
  EXPECT_EQ(r->exact_value(), expected);
}

}  // namespace derive::testing
