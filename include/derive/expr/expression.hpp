// The expression language: one small language for three jobs: answers, steps
// and constraints in catalogue files, the calculator (`derive calc`), and
// symbolic answers such as "1/C" (compared by evaluating both at random points).
//
// Grammar (lowest precedence first; docs/expressions.md has the full reference):
//   expr    := or
//   or      := and ( "||" and )*
//   and     := cmp ( "&&" cmp )*
//   cmp     := sum ( ("==" | "!=" | "<" | "<=" | ">" | ">=") sum )?
//   sum     := product ( ("+" | "-") product )*
//   product := unary ( ("*" | "/") unary )*
//   unary   := ("-" | "+" | "!") unary | power
//   power   := postfix ( "^" unary )?            right-associative: 2^3^2 = 2^9,
//                                                 -2^2 = -4, 2^-1 = 0.5
//   postfix := primary ( "[" expr "]" )*          list indexing from 0
//   primary := number | "true" | "false" | identifier
//            | identifier "(" args? ")"           builtin or engine function
//            | "(" expr ")" | "[" (expr ("," expr)*)? "]"
//   args    := arg ("," arg)*;  arg := expr | identifier "=" expr
// Numbers: 12, 1.5, .5, 1e6, 3.4E-2 (no thousands separators, no units).
// Builtins: abs, round(x) and round(x, digits) (half away from zero), floor, ceil,
// min, max (of several numbers or of one list), sqrt, exp, ln, log2, log10,
// log(x, base), sum(list), len(list), if(condition, then, else), and the
// constant pi. Every engine function in engine_registry() is callable by name
// with positional or named arguments.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "derive/registry.hpp"
#include "derive/result.hpp"
#include "derive/value.hpp"

namespace derive {

struct Node;  // the parsed tree; private to src/expr

// Names bound during evaluation: parameters, earlier definitions, free variables.
using Environment = std::map<std::string, Value, std::less<>>;

class Expression {
 public:
  // Parses `text`. Errors give the column (1-based) and what was expected:
  // "column 7: expected ')' to close '(' at column 3, found end of input".
  // Engine functions are looked up in `registry` at parse time, so an unknown
  // function name is a parse error: "column 1: unknown function 'kv_cahe_bytes'".
  static Result<Expression> parse(std::string_view text, const Registry& registry = engine_registry());

  // Evaluates with the given bindings. Errors name the problem: "unknown name
  // 'bitz'", "index 3 is out of range for a list of 3", "division by zero",
  // "sqrt of a negative number (-4)", and engine function errors as they come.
  Result<Value> evaluate(const Environment& env) const;

  // Identifiers the expression reads that are not functions (parameters and
  // free variables), for lint ("unknown parameter", "unused parameter").
  const std::set<std::string, std::less<>>& names() const;
  // Engine and builtin functions it calls.
  const std::set<std::string, std::less<>>& functions() const;

  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;  // immutable, so copies share it
  std::set<std::string, std::less<>> names_;
  std::set<std::string, std::less<>> functions_;
};

// The builtin function names, for lint and docs.
const std::set<std::string, std::less<>>& builtin_function_names();

}  // namespace derive
