// The parsed tree of an expression. Built once by the parser, then only read:
// Expression shares it between copies and evaluates it any number of times.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "derive/registry.hpp"
#include "derive/value.hpp"
#include "expr/builtins.hpp"

namespace derive {

namespace expr {

enum class NodeKind {
  Literal,  // a number, true/false, or pi
  Name,     // a parameter, definition or free variable, looked up at evaluation
  List,     // [a, b, ...]
  Index,    // children[0][children[1]]
  Unary,    // ops[0] is Negate, Plus or Not
  Chain,    // a run of + - or of * /: children[0] ops[0] children[1] ops[1] ...
  Power,    // children[0] ^ children[1]
  Compare,  // children[0] ops[0] children[1]
  And,      // children[0] && children[1] && ...
  Or,       // children[0] || children[1] || ...
  Builtin,  // a builtin call, arguments already in parameter order
  Engine,   // an engine function call through Registry::invoke
};

enum class Op : unsigned char {
  Add,
  Subtract,
  Multiply,
  Divide,
  Negate,
  Plus,
  Not,
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
};

// The operator as written in error messages: "+", "<=".
const char* op_symbol(Op op);

}  // namespace expr

// Declared in expression.hpp as derive::Node, so it lives outside derive::expr.
// Chains of the same precedence are one node with many children rather than a
// left-leaning tree, so a long sum like 1+1+...+1 does not make evaluation recurse
// once per term.
struct Node {
  expr::NodeKind kind = expr::NodeKind::Literal;
  Value literal;
  std::string name;  // Name: the identifier; Builtin and Engine: the function name
  std::vector<expr::Op> ops;
  std::vector<Node> children;
  expr::BuiltinId builtin = expr::BuiltinId::Abs;
  // Engine: for each parameter of `function`, the index of the child that
  // gives it, or kUnbound (its default); bound by bind_arguments at parse time.
  std::vector<std::size_t> slots;
  // Engine: a copy of the registry entry, so the tree does not depend on the
  // registry outliving it.
  std::shared_ptr<const FunctionSpec> function;
};

}  // namespace derive
