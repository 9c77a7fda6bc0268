// Helpers for src/core/<topic>_registry.cpp: builders for the parameters of a
// FunctionSpec and adapters that wrap a typed engine result as a Value, so that
// each registration reads as its name, parameters and call.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "derive/registry.hpp"

namespace derive {

// A parameter; the overloads with a default value make it optional.
inline ParamSpec count(const char* name, const char* unit, const char* help) {
  return ParamSpec{name, ParamKind::Count, unit, help, std::nullopt};
}
inline ParamSpec count(const char* name, const char* unit, const char* help, std::int64_t default_value) {
  return ParamSpec{name, ParamKind::Count, unit, help, Value::integer(default_value)};
}
inline ParamSpec real(const char* name, const char* unit, const char* help) {
  return ParamSpec{name, ParamKind::Real, unit, help, std::nullopt};
}
// A whole default (4) is stored as an exact Number, the same Value as Value::integer(4).
inline ParamSpec real(const char* name, const char* unit, const char* help, double default_value) {
  return ParamSpec{name, ParamKind::Real, unit, help, Value::real(default_value)};
}
inline ParamSpec flag(const char* name, const char* help, bool default_value) {
  return ParamSpec{name, ParamKind::Bool, "", help, Value(default_value)};
}
inline ParamSpec list(const char* name, const char* unit, const char* help) {
  return ParamSpec{name, ParamKind::List, unit, help, std::nullopt};
}

// An engine result as the Value the expression language sees; errors pass through.
inline Result<Value> as_value(const Result<std::int64_t>& r) {
  if (!r.ok()) return r.error();
  return Value::integer(*r);
}
inline Result<Value> as_value(const Result<double>& r) {
  if (!r.ok()) return r.error();
  return Value::real(*r);
}
inline Result<Value> as_value(const Result<Number>& r) {
  if (!r.ok()) return r.error();
  return Value(*r);
}
inline Result<Value> as_value(const Result<std::vector<double>>& r) {
  if (!r.ok()) return r.error();
  NumberList out;
  for (double x : *r) out.push_back(Number::from_double(x));
  return Value(std::move(out));
}

}  // namespace derive
