// The calculator behind `derive calc` and the browser's calculator page: one
// expression in, a value and a readable text out.
#pragma once

#include <string>
#include <string_view>

#include "derive/registry.hpp"
#include "derive/result.hpp"
#include "derive/value.hpp"

namespace derive {

struct Calculation {
  Value value;
  std::string unit;  // the engine function's result unit when the whole expression is one call
  std::string text;  // "536,870,912 B = 536.9 MB = 512 MiB", "[0.665, 0.245, 0.09]", "1024"
};

// When the whole expression is one engine call "f(...)", returns f: its result is
// in f's unit. After any arithmetic on the call the unit no longer holds.
const FunctionSpec* whole_expression_call(std::string_view text, const Registry& registry);

// A value as the calculator prints it: with format_quantity in `unit` for a
// number, plain numbers in a list, true/false.
std::string calculation_text(const Value& value, const std::string& unit);

// Parses and evaluates `text` with no free names.
Result<Calculation> calculate(std::string_view text, const Registry& registry = engine_registry());

}  // namespace derive
