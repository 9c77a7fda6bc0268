// The builtin functions of the expression language. The parser binds arguments to
// parameters (positional or by name) and checks their number, so the functions
// here receive exactly their parameters in order.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "derive/result.hpp"
#include "derive/value.hpp"

namespace derive::expr {

enum class BuiltinId { Abs, Round, Floor, Ceil, Min, Max, Sqrt, Exp, Ln, Log2, Log10, Log, Sum, Len, If };

struct BuiltinSpec {
  std::string_view name;
  BuiltinId id;
  std::size_t min_args;
  std::size_t max_args;                    // kVariadic: any number >= min_args
  std::array<std::string_view, 3> params;  // names for named arguments; "" past the last
};

inline constexpr std::size_t kVariadic = static_cast<std::size_t>(-1);

// nullptr when `name` is not a builtin.
const BuiltinSpec* find_builtin(std::string_view name);
std::span<const BuiltinSpec> all_builtins();

// Calls every builtin except `if`, which the evaluator handles because only one
// branch may be evaluated. The result is finite or an error.
// REQUIRES: args.size() within [min_args, max_args] of the builtin.
Result<Value> call_builtin(BuiltinId id, std::span<const Value> args);

}  // namespace derive::expr
