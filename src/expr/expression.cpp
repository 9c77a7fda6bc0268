#include "derive/expr/expression.hpp"

#include "expr/builtins.hpp"
#include "expr/evaluator.hpp"
#include "expr/node.hpp"
#include "expr/parser.hpp"

namespace derive {

Result<Expression> Expression::parse(std::string_view text, const Registry& registry) {
  DERIVE_TRY(expr::ParseOutput parsed, expr::parse(text, registry));
  Expression expression;
  expression.text_ = std::string(text);
  expression.root_ = std::make_shared<const Node>(std::move(parsed.root));
  expression.names_ = std::move(parsed.names);
  expression.functions_ = std::move(parsed.functions);
  return expression;
}

Result<Value> Expression::evaluate(const Environment& env) const {
  // A default-constructed Expression (a slot in a struct not yet filled).
  if (!root_) return make_error("empty expression: nothing was parsed");
  return expr::evaluate(*root_, env);
}

const std::set<std::string, std::less<>>& Expression::names() const { return names_; }

const std::set<std::string, std::less<>>& Expression::functions() const { return functions_; }

const std::set<std::string, std::less<>>& builtin_function_names() {
  static const std::set<std::string, std::less<>> names = [] {
    std::set<std::string, std::less<>> out;
    for (const expr::BuiltinSpec& spec : expr::all_builtins()) out.emplace(spec.name);
    return out;
  }();
  return names;
}

}  // namespace derive
