// Typed registration for src/core/<topic>_registry.cpp: an engine function is
// registered from its function pointer and one list of parameter descriptions,
// and the parameter kinds, the argument conversions and the wrapping of the
// result as a Value all follow from the pointer's type. So a signature is
// stated once, in derive/<topic>.hpp, and cannot disagree with its entry.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "derive/registry.hpp"

namespace derive {

// What an entry says besides its parameters.
struct Entry {
  std::string name;
  std::string summary;
  std::string source;
  std::string topic;
  std::string result_unit;
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
inline Param param(const char* name, const char* unit, const char* help) { return {name, unit, help}; }
inline Param param(const char* name, const char* unit, const char* help, double default_value) {
  return {name, unit, help, default_value};
}
inline Param flag(const char* name, const char* help, bool default_value) {
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

inline ParamSpec spec_of(const Param& p, ParamKind kind) {
  ParamSpec spec{p.name, kind, p.unit, p.help, std::nullopt};
  if (kind == ParamKind::Bool && p.default_flag) spec.default_value = Value(*p.default_flag);
  if (kind == ParamKind::Count && p.default_number)
    spec.default_value = Value::integer(static_cast<std::int64_t>(*p.default_number));
  // A whole default (4) is stored as an exact Number, the same Value as Value::integer(4).
  if (kind == ParamKind::Real && p.default_number) spec.default_value = Value::real(*p.default_number);
  assert((!p.default_flag || kind == ParamKind::Bool) &&
         "a true/false default on a parameter that is not bool");
  assert((!p.default_number || kind == ParamKind::Count || kind == ParamKind::Real) &&
         "a number default on a parameter that is not a number");
  return spec;
}

}  // namespace registration

// Registers `fn` under entry.name with one Param per C++ parameter, in order.
template <class R, class... P>
void add(Registry& registry, const Entry& entry, Result<R> (*fn)(P...), std::vector<Param> params) {
  assert(params.size() == sizeof...(P) && "one Param per parameter of the function");
  FunctionSpec spec{entry.name, entry.summary, entry.source, entry.topic, {}, entry.result_unit, {}};
  constexpr ParamKind kinds[] = {registration::KindOf<P>::value..., ParamKind::Real};
  for (std::size_t i = 0; i < params.size(); ++i)
    spec.params.push_back(registration::spec_of(params[i], kinds[i]));
  spec.call = [fn](const Args& a) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return registration::as_value(fn(registration::KindOf<P>::get(a, I)...));
    }
    (std::index_sequence_for<P...>{});
  };
  registry.add(std::move(spec));
}

}  // namespace derive
