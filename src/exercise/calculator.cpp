#include "derive/exercise/calculator.hpp"

#include <cctype>

#include "derive/expr/expression.hpp"
#include "derive/number_format.hpp"
#include "derive/units/format_quantity.hpp"

namespace derive {

const FunctionSpec* whole_expression_call(std::string_view text, const Registry& registry) {
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  std::size_t i = start;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
  const FunctionSpec* spec = registry.find(text.substr(start, i - start));
  if (spec == nullptr) return nullptr;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i == text.size() || text[i] != '(') return nullptr;
  std::size_t end = text.size();
  while (end > i && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  int depth = 0;
  for (std::size_t j = i; j < end; ++j) {
    if (text[j] == '(') ++depth;
    if (text[j] == ')' && --depth == 0) return j + 1 == end ? spec : nullptr;
  }
  return nullptr;
}

std::string calculation_text(const Value& value, const std::string& unit) {
  if (value.is_bool()) return value.boolean() ? "true" : "false";
  if (value.is_list()) {
    std::string text = "[";
    for (std::size_t i = 0; i < value.list().size(); ++i)
      text += (i ? ", " : "") + format_plain(value.list()[i]);
    return text + "]";
  }
  if (unit.empty()) return format_plain(value.number());
  return format_quantity(value.number(), unit);
}

Result<Calculation> calculate(std::string_view text, const Registry& registry) {
  DERIVE_TRY(Expression expression, Expression::parse(text, registry));
  DERIVE_TRY(Value value, expression.evaluate({}));
  const FunctionSpec* call = whole_expression_call(text, registry);
  Calculation out{value, call ? call->result_unit : std::string(), ""};
  out.text = calculation_text(out.value, out.unit);
  return out;
}

}  // namespace derive
