// Fuzzes the expression language end to end: arbitrary bytes are parsed, and
// whatever parses is evaluated against the engine registry with a few bound
// names. Errors are expected and fine; crashes, sanitizer reports, hangs and
// non-finite numbers in a successful result are not.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "derive/expr/expression.hpp"

namespace {

bool all_finite(const derive::Value& value) {
  if (value.is_number()) return std::isfinite(value.number().to_double());
  if (value.is_list()) {
    for (const derive::Number& n : value.list())
      if (!std::isfinite(n.to_double())) return false;
  }
  return true;
}

const derive::Environment& environment() {
  static const derive::Environment env = {
      {"x", derive::Value::real(2.5)},
      {"n", derive::Value::integer(7)},
      {"big", derive::Value::integer(4611686018427387904)},  // 2^62
      {"tiny", derive::Value::real(1e-300)},
      {"flag", derive::Value(true)},
      {"xs", derive::Value(derive::NumberList{derive::Number::exact(3), derive::Number::from_double(0.5),
                                              derive::Number::exact(-2)})},
  };
  return env;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto expression = derive::Expression::parse(text);
  if (!expression) {
    // Every parse error must say something.
    if (expression.error().message.empty()) std::abort();
    return 0;
  }
  auto result = expression->evaluate(environment());
  if (result.ok() && !all_finite(*result)) std::abort();
  if (!result.ok() && result.error().message.empty()) std::abort();
  // Parse once, evaluate many: a copy shares the tree and must agree.
  const derive::Expression copy = *expression;
  auto again = copy.evaluate(environment());
  if (again.ok() != result.ok()) std::abort();
  if (again.ok() && !(*again == *result)) {
    // NaN cannot be in a successful result, so equality must hold.
    std::abort();
  }
  return 0;
}
