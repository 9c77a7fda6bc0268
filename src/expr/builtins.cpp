#include "expr/builtins.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <string>

#include "derive/number_format.hpp"

namespace derive::expr {
namespace {

constexpr BuiltinSpec kBuiltins[] = {
    {"abs", BuiltinId::Abs, 1, 1, {"x", "", ""}},
    {"round", BuiltinId::Round, 1, 2, {"x", "digits", ""}},
    {"floor", BuiltinId::Floor, 1, 1, {"x", "", ""}},
    {"ceil", BuiltinId::Ceil, 1, 1, {"x", "", ""}},
    {"min", BuiltinId::Min, 1, kVariadic, {"", "", ""}},
    {"max", BuiltinId::Max, 1, kVariadic, {"", "", ""}},
    {"sqrt", BuiltinId::Sqrt, 1, 1, {"x", "", ""}},
    {"exp", BuiltinId::Exp, 1, 1, {"x", "", ""}},
    {"ln", BuiltinId::Ln, 1, 1, {"x", "", ""}},
    {"log2", BuiltinId::Log2, 1, 1, {"x", "", ""}},
    {"log10", BuiltinId::Log10, 1, 1, {"x", "", ""}},
    {"log", BuiltinId::Log, 2, 2, {"x", "base", ""}},
    {"sum", BuiltinId::Sum, 1, kVariadic, {"", "", ""}},
    {"len", BuiltinId::Len, 1, 1, {"list", "", ""}},
    {"if", BuiltinId::If, 3, 3, {"condition", "then", "else"}},
};

std::string describe(const Value& v) {
  if (v.is_number()) return format_plain(v.number());
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  return "a list of " + std::to_string(v.list().size());
}

std::string name_of(BuiltinId id) {
  for (const BuiltinSpec& spec : kBuiltins)
    if (spec.id == id) return std::string(spec.name);
  return "?";
}

Error needs_number(BuiltinId id, const Value& got) {
  return make_error(name_of(id) + " needs a number, got a " + got.kind_name());
}

Result<Value> finite(Number n, BuiltinId id) {
  if (!std::isfinite(n.to_double()))
    return make_error("result is not finite (overflow in " + name_of(id) + ")");
  return Value(n);
}

// Half away from zero. A value a few ulps below a half (2.675 * 100 is
// 267.49999999999997 in binary) counts as the half the person typed; without
// this, round(2.675, 2) would give 2.67 and disagree with the prompt's arithmetic.
double round_half_away(double y) {
  const double a = std::fabs(y);
  const double whole = std::floor(a);
  const double tolerance = 8 * DBL_EPSILON * a;
  const double rounded = (a - whole >= 0.5 - tolerance) ? whole + 1 : whole;
  return std::copysign(rounded, y);
}

// Exact integers rounded to a multiple of 10^places (places >= 1), in integers.
// False when the result does not fit in 64 bits.
bool round_exact_to_tens(std::int64_t x, int places, std::int64_t& out) {
  std::int64_t unit = 1;
  for (int i = 0; i < places; ++i) unit *= 10;
  std::int64_t quotient = x / unit;
  const std::int64_t remainder = x % unit;
  // |remainder| * 2 >= unit, written so it cannot overflow.
  const std::int64_t magnitude = remainder < 0 ? -remainder : remainder;
  if (magnitude >= unit - magnitude) quotient += x < 0 ? -1 : 1;
  return !__builtin_mul_overflow(quotient, unit, &out);
}

Result<Value> round_to(const Value& x, const Value* digits_value) {
  if (!x.is_number()) return needs_number(BuiltinId::Round, x);
  std::int64_t digits = 0;
  if (digits_value) {
    if (!digits_value->is_number() || !digits_value->number().is_integral()) {
      return make_error("round: digits must be a whole number, got " + describe(*digits_value));
    }
    // Beyond ±400 places every double rounds the same way, so clamping is exact.
    digits = static_cast<std::int64_t>(std::clamp(digits_value->number().to_double(), -400.0, 400.0));
  }
  const Number& n = x.number();
  if (n.is_exact()) {
    if (digits >= 0) return x;
    std::int64_t out = 0;
    if (digits >= -18 && round_exact_to_tens(n.exact_value(), static_cast<int>(-digits), out)) {
      return Value(Number::exact(out));
    }
  }
  const double v = n.to_double();
  const double scale = std::pow(10.0, static_cast<double>(digits < 0 ? -digits : digits));
  double result = 0;
  if (digits >= 0) {
    const double scaled = v * scale;
    // Past 2^52 a double has no fraction left to round.
    if (!std::isfinite(scaled) || std::fabs(scaled) >= 4503599627370496.0) return x;
    result = round_half_away(scaled) / scale;
  } else {
    const double rounded = std::isfinite(scale) ? round_half_away(v / scale) : 0.0;
    result = rounded == 0 ? 0.0 : rounded * scale;
  }
  return finite(Number::from_double(result), BuiltinId::Round);
}

// min, max and sum accept several numbers or a single list.
Result<NumberList> gather_numbers(BuiltinId id, std::span<const Value> args) {
  if (args.size() == 1 && args[0].is_list()) return args[0].list();
  NumberList numbers;
  numbers.reserve(args.size());
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (!args[i].is_number()) {
      std::string message = name_of(id) + " needs numbers or one list, got a " + args[i].kind_name();
      if (args.size() > 1) message += " as argument " + std::to_string(i + 1);
      return make_error(std::move(message));
    }
    numbers.push_back(args[i].number());
  }
  return numbers;
}

Result<Value> extreme(BuiltinId id, std::span<const Value> args) {
  DERIVE_TRY(NumberList numbers, gather_numbers(id, args));
  if (numbers.empty()) return make_error(name_of(id) + " of an empty list");
  Number best = numbers[0];
  for (const Number& n : numbers) {
    // NaN cannot reach here (lists are built from finite values), so < is a total order.
    if (id == BuiltinId::Min ? n < best : best < n) best = n;
  }
  return Value(best);
}

Result<Value> sum(std::span<const Value> args) {
  DERIVE_TRY(NumberList numbers, gather_numbers(BuiltinId::Sum, args));
  Number total;
  for (const Number& n : numbers) total = total + n;
  return finite(total, BuiltinId::Sum);
}

Result<Value> square_root(const Number& n) {
  if (n.to_double() < 0) return make_error("sqrt of a negative number (" + format_plain(n) + ")");
  if (n.is_exact()) {
    // A double's square root can be one off for perfect squares past 2^53;
    // correct it in integers so that sqrt(x^2) == x stays exact.
    const std::int64_t x = n.exact_value();
    auto root = static_cast<std::int64_t>(std::sqrt(static_cast<double>(x)));
    for (std::int64_t r = std::max<std::int64_t>(root - 1, 0); r <= root + 1; ++r) {
      std::int64_t square = 0;
      if (!__builtin_mul_overflow(r, r, &square) && square == x) return Value(Number::exact(r));
    }
  }
  return Value(Number::from_double(std::sqrt(n.to_double())));
}

Result<Value> logarithm(BuiltinId id, const Number& n) {
  const double x = n.to_double();
  if (x <= 0) return make_error(name_of(id) + " of a non-positive number (" + format_plain(n) + ")");
  double result = 0;
  if (id == BuiltinId::Ln)
    result = std::log(x);
  else if (id == BuiltinId::Log2)
    result = std::log2(x);
  else
    result = std::log10(x);
  return Value(Number::from_double(result));
}

Result<Value> log_base(const Number& n, const Number& base_number) {
  const double x = n.to_double();
  const double base = base_number.to_double();
  if (x <= 0) return make_error("log of a non-positive number (" + format_plain(n) + ")");
  if (base <= 0 || base == 1) {
    return make_error("log: base must be positive and not 1, got " + format_plain(base_number));
  }
  if (base == 2) return Value(Number::from_double(std::log2(x)));
  if (base == 10) return Value(Number::from_double(std::log10(x)));
  const double result = std::log(x) / std::log(base);
  // ln(81) / ln(3) is 4.000000000000001; when the base raised to the nearest
  // whole number gives x back exactly, that whole number is the answer.
  const double whole = std::round(result);
  if (std::fabs(result - whole) < 1e-12 * std::max(1.0, std::fabs(whole)) && std::pow(base, whole) == x) {
    return Value(Number::from_double(whole));
  }
  return finite(Number::from_double(result), BuiltinId::Log);
}

}  // namespace

const BuiltinSpec* find_builtin(std::string_view name) {
  for (const BuiltinSpec& spec : kBuiltins)
    if (spec.name == name) return &spec;
  return nullptr;
}

std::span<const BuiltinSpec> all_builtins() { return kBuiltins; }

Result<Value> call_builtin(BuiltinId id, std::span<const Value> args) {
  switch (id) {
    case BuiltinId::Min:
    case BuiltinId::Max:
      return extreme(id, args);
    case BuiltinId::Sum:
      return sum(args);
    case BuiltinId::Len:
      if (!args[0].is_list())
        return make_error("len needs a list, got a " + std::string(args[0].kind_name()));
      return Value(Number::exact(static_cast<std::int64_t>(args[0].list().size())));
    case BuiltinId::Round:
      return round_to(args[0], args.size() > 1 ? &args[1] : nullptr);
    case BuiltinId::If:
      return make_error("if is evaluated by the evaluator, not call_builtin");
    default:
      break;
  }
  // The rest take numbers only.
  for (const Value& arg : args)
    if (!arg.is_number()) return needs_number(id, arg);
  const Number& n = args[0].number();
  switch (id) {
    case BuiltinId::Abs:
      return finite(n < Number() ? -n : n, id);
    case BuiltinId::Floor:
      return n.is_exact() ? Value(n) : Value(Number::from_double(std::floor(n.to_double())));
    case BuiltinId::Ceil:
      return n.is_exact() ? Value(n) : Value(Number::from_double(std::ceil(n.to_double())));
    case BuiltinId::Sqrt:
      return square_root(n);
    case BuiltinId::Exp:
      return finite(Number::from_double(std::exp(n.to_double())), id);
    case BuiltinId::Ln:
    case BuiltinId::Log2:
    case BuiltinId::Log10:
      return logarithm(id, n);
    case BuiltinId::Log:
      return log_base(n, args[1].number());
    default:
      return make_error("internal error: builtin " + name_of(id) + " has no implementation");
  }
}

}  // namespace derive::expr
