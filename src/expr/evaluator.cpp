#include "expr/evaluator.hpp"

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "derive/number_format.hpp"
#include "expr/suggest.hpp"

namespace derive::expr {
namespace {

std::string a_kind(const Value& v) { return std::string("a ") + v.kind_name(); }

bool is_finite(const Number& n) { return std::isfinite(n.to_double()); }

bool is_finite(const Value& v) {
  if (v.is_number()) return is_finite(v.number());
  if (v.is_list()) {
    for (const Number& n : v.list())
      if (!is_finite(n)) return false;
  }
  return true;
}

[[gnu::noinline]] Error not_finite(const char* where) {
  return make_error(std::string("result is not finite (overflow in ") + where + ")");
}

[[gnu::noinline]] Error needs_two(Op op, const char* what, const Value& a, const Value& b) {
  return make_error(std::string("'") + op_symbol(op) + "' needs two " + what + ", got " + a_kind(a) +
                    " and " + a_kind(b));
}

[[gnu::noinline]] Result<Value> lookup(const Node& node, const Environment& env) {
  const auto found = env.find(node.name);
  if (found == env.end()) {
    std::vector<std::string_view> candidates;
    for (const auto& entry : env) candidates.push_back(entry.first);
    Error unknown = make_error(ErrorCode::UnknownName,
                               "unknown name '" + node.name + "'" + did_you_mean(node.name, candidates));
    unknown.name = node.name;
    return unknown;
  }
  // A non-finite input would make every later check meaningless.
  if (!is_finite(found->second)) return make_error("name '" + node.name + "' is not a finite value");
  return found->second;
}

Result<Number> arithmetic(Op op, const Number& a, const Number& b) {
  Number result;
  switch (op) {
    case Op::Add:
      result = a + b;
      break;
    case Op::Subtract:
      result = a - b;
      break;
    case Op::Multiply:
      result = a * b;
      break;
    default: {
      DERIVE_TRY(result, divide(a, b));
      break;
    }
  }
  if (!is_finite(result)) return not_finite(op_symbol(op));
  return result;
}

Result<Value> raise(const Number& base, const Number& exponent) {
  const double b = base.to_double();
  const double e = exponent.to_double();
  if (b == 0 && e < 0)
    return make_error("division by zero (0 raised to the negative power " + format_plain(exponent) + ")");
  if (b < 0 && !exponent.is_integral()) {
    return make_error("a negative number (" + format_plain(base) + ") raised to a fractional power (" +
                      format_plain(exponent) + ") has no real value");
  }
  const Number result = power(base, exponent);
  if (!is_finite(result)) return not_finite("^");
  return Value(result);
}

Result<bool> compare(Op op, const Value& a, const Value& b) {
  if (op == Op::Equal || op == Op::NotEqual) {
    if (a.is_number() != b.is_number() || a.is_bool() != b.is_bool()) {
      return make_error(std::string("'") + op_symbol(op) + "' needs two values of the same kind, got " +
                        a_kind(a) + " and " + a_kind(b));
    }
    return (a == b) == (op == Op::Equal);
  }
  if (!a.is_number() || !b.is_number()) return needs_two(op, "numbers", a, b);
  const Number& x = a.number();
  const Number& y = b.number();
  switch (op) {
    case Op::Less:
      return x < y;
    case Op::LessEqual:
      return x <= y;
    case Op::Greater:
      return x > y;
    default:
      return x >= y;
  }
}

Result<Value> index_into(const Value& list, const Value& index) {
  if (!list.is_list()) return make_error("indexing needs a list, got " + a_kind(list));
  if (!index.is_number() || !index.number().is_integral()) {
    const std::string got = index.is_number() ? format_plain(index.number()) : a_kind(index);
    return make_error("an index must be a whole number, got " + got);
  }
  const double i = index.number().to_double();
  const std::size_t size = list.list().size();
  if (i < 0 || i >= static_cast<double>(size)) {
    return make_error("index " + format_plain(index.number()) + " is out of range for a list of " +
                      std::to_string(size));
  }
  return Value(list.list()[static_cast<std::size_t>(i)]);
}

[[gnu::noinline]] Result<Value> evaluate_chain(const Node& node, const Environment& env) {
  DERIVE_TRY(Value first, evaluate(node.children[0], env));
  if (!first.is_number()) {
    // Report the first operator with the kind of its right operand too.
    DERIVE_TRY(Value second, evaluate(node.children[1], env));
    return needs_two(node.ops[0], "numbers", first, second);
  }
  Number acc = first.number();
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    DERIVE_TRY(Value operand, evaluate(node.children[i], env));
    const Op op = node.ops[i - 1];
    if (!operand.is_number()) return needs_two(op, "numbers", Value(acc), operand);
    DERIVE_TRY(acc, arithmetic(op, acc, operand.number()));
  }
  return Value(acc);
}

[[gnu::noinline]] Error unary_needs(Op op, const Value& operand) {
  return make_error(std::string("'") + op_symbol(op) + "' needs " +
                    (op == Op::Not ? "a boolean" : "a number") + ", got " + a_kind(operand));
}

[[gnu::noinline]] Result<Value> evaluate_unary(const Node& node, const Environment& env) {
  DERIVE_TRY(Value operand, evaluate(node.children[0], env));
  const Op op = node.ops[0];
  if (op == Op::Not) {
    if (!operand.is_bool()) return unary_needs(op, operand);
    return Value(!operand.boolean());
  }
  if (!operand.is_number()) return unary_needs(op, operand);
  if (op == Op::Plus) return operand;
  const Number negated = -operand.number();
  if (!is_finite(negated)) return not_finite("-");
  return Value(negated);
}

[[gnu::noinline]] Error logical_needs(const char* symbol, const Value& operand) {
  return make_error(std::string("'") + symbol + "' needs booleans, got " + a_kind(operand));
}

// && and || stop at the first operand that decides the result, so a guard
// such as `n > 0 && total / n > 2` never divides by zero.
[[gnu::noinline]] Result<Value> evaluate_logical(const Node& node, const Environment& env) {
  const bool is_and = node.kind == NodeKind::And;
  const char* symbol = is_and ? "&&" : "||";
  for (const Node& child : node.children) {
    DERIVE_TRY(Value operand, evaluate(child, env));
    if (!operand.is_bool()) return logical_needs(symbol, operand);
    if (operand.boolean() != is_and) return Value(!is_and);
  }
  return Value(is_and);
}

[[gnu::noinline]] Result<Value> evaluate_builtin(const Node& node, const Environment& env) {
  if (node.builtin == BuiltinId::If) {
    DERIVE_TRY(Value condition, evaluate(node.children[0], env));
    if (!condition.is_bool())
      return make_error("if: the condition must be a boolean, got " + a_kind(condition));
    return evaluate(node.children[condition.boolean() ? 1 : 2], env);
  }
  // Most builtins take one to three arguments: keep those off the heap.
  const std::size_t n = node.children.size();
  std::array<Value, 3> small;
  std::vector<Value> large;
  if (n > small.size()) large.resize(n);
  Value* args = n > small.size() ? large.data() : small.data();
  for (std::size_t i = 0; i < n; ++i) {
    DERIVE_TRY(args[i], evaluate(node.children[i], env));
  }
  return call_builtin(node.builtin, std::span<const Value>(args, n));
}

[[gnu::noinline]] Result<Value> evaluate_list(const Node& node, const Environment& env) {
  NumberList items;
  items.reserve(node.children.size());
  for (const Node& child : node.children) {
    DERIVE_TRY(Value item, evaluate(child, env));
    if (!item.is_number()) return make_error("a list holds numbers only, got " + a_kind(item));
    items.push_back(item.number());
  }
  return Value(std::move(items));
}

[[gnu::noinline]] Result<Value> evaluate_index(const Node& node, const Environment& env) {
  DERIVE_TRY(Value list, evaluate(node.children[0], env));
  DERIVE_TRY(Value index, evaluate(node.children[1], env));
  return index_into(list, index);
}

[[gnu::noinline]] Result<Value> evaluate_power(const Node& node, const Environment& env) {
  DERIVE_TRY(Value base, evaluate(node.children[0], env));
  DERIVE_TRY(Value exponent, evaluate(node.children[1], env));
  if (!base.is_number() || !exponent.is_number()) {
    return make_error("'^' needs two numbers, got " + a_kind(base) + " and " + a_kind(exponent));
  }
  return raise(base.number(), exponent.number());
}

[[gnu::noinline]] Result<Value> evaluate_compare(const Node& node, const Environment& env) {
  DERIVE_TRY(Value lhs, evaluate(node.children[0], env));
  DERIVE_TRY(Value rhs, evaluate(node.children[1], env));
  DERIVE_TRY(bool result, compare(node.ops[0], lhs, rhs));
  return Value(result);
}

[[gnu::noinline]] Result<Value> evaluate_engine(const Node& node, const Environment& env) {
  std::vector<Value> given;
  given.reserve(node.children.size());
  for (const Node& child : node.children) {
    DERIVE_TRY(Value arg, evaluate(child, env));
    given.push_back(std::move(arg));
  }
  std::vector<std::optional<Value>> bound(node.slots.size());
  for (std::size_t i = 0; i < node.slots.size(); ++i)
    if (node.slots[i] != kUnbound) bound[i] = std::move(given[node.slots[i]]);
  return Registry::call(*node.function, std::move(bound));  // which refuses a non-finite result
}

}  // namespace

const char* op_symbol(Op op) {
  switch (op) {
    case Op::Add:
      return "+";
    case Op::Subtract:
      return "-";
    case Op::Multiply:
      return "*";
    case Op::Divide:
      return "/";
    case Op::Negate:
      return "-";
    case Op::Plus:
      return "+";
    case Op::Not:
      return "!";
    case Op::Equal:
      return "==";
    case Op::NotEqual:
      return "!=";
    case Op::Less:
      return "<";
    case Op::LessEqual:
      return "<=";
    case Op::Greater:
      return ">";
    case Op::GreaterEqual:
      return ">=";
  }
  return "?";
}

// A thin dispatcher: every case is its own function so that this frame, which
// sits between every two levels of recursion, stays small.
Result<Value> evaluate(const Node& node, const Environment& env) {
  switch (node.kind) {
    case NodeKind::Literal:
      return node.literal;
    case NodeKind::Name:
      return lookup(node, env);
    case NodeKind::List:
      return evaluate_list(node, env);
    case NodeKind::Index:
      return evaluate_index(node, env);
    case NodeKind::Unary:
      return evaluate_unary(node, env);
    case NodeKind::Chain:
      return evaluate_chain(node, env);
    case NodeKind::Power:
      return evaluate_power(node, env);
    case NodeKind::Compare:
      return evaluate_compare(node, env);
    case NodeKind::And:
    case NodeKind::Or:
      return evaluate_logical(node, env);
    case NodeKind::Builtin:
      return evaluate_builtin(node, env);
    case NodeKind::Engine:
      return evaluate_engine(node, env);
  }
  return make_error("internal error: unknown node kind");
}

}  // namespace derive::expr
