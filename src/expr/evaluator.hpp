// The evaluator: walks the immutable tree with an environment of names.
#pragma once

#include "derive/expr/expression.hpp"
#include "derive/result.hpp"
#include "derive/value.hpp"
#include "expr/node.hpp"

namespace derive::expr {

// Every number in a successful result is finite; overflow, domain errors and
// type errors come back as errors naming the operator or function.
Result<Value> evaluate(const Node& node, const Environment& env);

}  // namespace derive::expr
