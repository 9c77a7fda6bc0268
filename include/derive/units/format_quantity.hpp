// Quantities for people: a number in its own unit and the other common units
// of its dimension. Part of the units layer (src/units/format_quantity.cpp);
// plain number formatting is derive/number_format.hpp (core).
#pragma once

#include <string>
#include <string_view>

#include "derive/number.hpp"

namespace derive {

// A readable quantity in its own unit and the other common units of its
// dimension: format_quantity(536870912, "B") ==
// "536,870,912 B = 536.9 MB = 512 MiB"; format_quantity(14450688, "MACs") ==
// "14,450,688 MACs = 14.45 MMACs". An approximate() number is prefixed "≈ ".
std::string format_quantity(const Number& value, std::string_view unit);

}  // namespace derive
