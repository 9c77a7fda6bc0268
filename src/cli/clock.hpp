// The clock of the review commands: DERIVE_NOW (Unix seconds) when set, so
// tests and scripted sessions can replay a schedule day by day, else the
// system clock; and Unix days as dates.
#pragma once

#include <cstdint>
#include <string>

#include "derive/result.hpp"

namespace derive::cli {

// Errors when DERIVE_NOW is set but is not a whole number >= 0.
Result<std::int64_t> now_seconds();

// "2026-12-02" for a Unix day number.
std::string date_of(std::int64_t day);

}  // namespace derive::cli
