// Typed registration for src/core/<topic>_registry.cpp: each topic lists its
// engine functions as a constant table of EngineFunction rows, one row per
// function: its Entry, engine_call<&fn> and one Param per C++ parameter.
// The parameter kinds, the argument conversions and the wrapping of the result
// as a Value all follow from the pointer's type, so a signature is stated once,
// in derive/<topic>.hpp, and cannot disagree with its row. The rows are data
// (no code per row), and add_all turns a table into FunctionSpecs in one loop:
// this keeps the registry small in derive.wasm, which every page downloads.
#pragma once

#include <cassert>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "derive/registry.hpp"

namespace derive {

// What a row says besides its parameters.
struct Entry {
  const char* name;
  const char* summary;
  const char* source;
  const char* topic;
  const char* result_unit;
};

// One parameter: its kind comes from the C++ type of the function's parameter.
// A default makes the parameter optional (a number for Count and Real, a bool
// for Bool; List parameters take none).
struct Param {
  const char* name;
  const char* unit;
  const char* help;
  std::optional<double> default_number = std::nullopt;
  std::optional<bool> default_flag = std::nullopt;
};
constexpr Param param(const char* name, const char* unit, const char* help) { return {name, unit, help}; }
constexpr Param param(const char* name, const char* unit, const char* help, double default_value) {
  return {name, unit, help, default_value};
}
constexpr Param flag(const char* name, const char* help, bool default_value) {
  return {name, "", help, std::nullopt, default_value};
}

namespace registration {

template <class T>
struct Kind;
template <>
struct Kind<std::int64_t> {
  static constexpr ParamKind value = ParamKind::Count;
  static std::int64_t get(const Args& a, std::size_t i) { return a.count(i); }
};
template <>
struct Kind<double> {
  static constexpr ParamKind value = ParamKind::Real;
  static double get(const Args& a, std::size_t i) { return a.real(i); }
};
template <>
struct Kind<bool> {
  static constexpr ParamKind value = ParamKind::Bool;
  static bool get(const Args& a, std::size_t i) { return a.flag(i); }
};
template <>
struct Kind<std::vector<double>> {
  static constexpr ParamKind value = ParamKind::List;
  static std::vector<double> get(const Args& a, std::size_t i) { return a.reals(i); }
};
template <class T>
using KindOf = Kind<std::remove_cvref_t<T>>;

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

// The kinds of a function's parameters, in order (a trailing Real keeps the
// array non-empty for functions without parameters).
template <class... P>
inline constexpr ParamKind kinds_of[] = {KindOf<P>::value..., ParamKind::Real};

// Unpacks the Args by the types of fn's parameters, calls fn and wraps its result.
template <class R, class... P>
Result<Value> unpack_and_call(Result<R> (*fn)(P...), const Args& a) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) { return as_value(fn(KindOf<P>::get(a, I)...)); }
  (std::index_sequence_for<P...>{});
}

template <auto Fn>
Result<Value> call_thunk(const Args& a) {
  return unpack_and_call(Fn, a);
}

}  // namespace registration

// What the pointer's type says about an engine function: how to call it and
// the kinds of its `arity` parameters.
struct EngineSignature {
  EngineCall call;
  const ParamKind* kinds;
  std::size_t arity;
};

template <class R, class... P>
constexpr EngineSignature signature_of(Result<R> (*)(P...), EngineCall call) {
  return {call, registration::kinds_of<P...>, sizeof...(P)};
}

// engine_call<&fn>: the signature of the engine function fn, for a table row.
template <auto Fn>
inline constexpr EngineSignature engine_call = signature_of(Fn, &registration::call_thunk<Fn>);

// One row of a topic's table.
struct EngineFunction {
  Entry entry;
  EngineSignature signature;
  std::initializer_list<Param> params;  // one per parameter of the function, in order
};

// Registers every row of `functions` in order.
// REQUIRES (asserted): each row has one Param per parameter of its function, a
// number default only on a number parameter and a true/false default only on a
// bool parameter.
void add_all(Registry& registry, std::span<const EngineFunction> functions);

}  // namespace derive
