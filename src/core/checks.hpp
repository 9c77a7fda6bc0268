// Input checks and error messages shared by the engine topics (src/core/<topic>.cpp).
// Every message has the shape "<function>: <what>", and a rejected argument reads
// "<function>: <name> must be <expected>, got <value>", so a reader sees which call
// and which argument went wrong whatever the topic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "derive/result.hpp"

namespace derive::checks {

// A number as every message of every topic spells it: whole numbers as plain
// digits ("1000000", "-1000000", "0"), other values as the shortest text that
// reads back as the same double ("0.1", "1e+21"), and "nan", "inf", "-inf".
std::string plain_text(double x);

// "<function>: <what>".
Error fail(const char* function, const std::string& what);
// "<function>: <name> must be <expected>, got <got>".
Error invalid(const char* function, const char* name, const std::string& expected, const std::string& got);

// The argument checks; a rejected number reads the same in every topic (plain_text).
class Checker {
 public:
  // A rejected real number, as every message spells it.
  std::string text(double x) const { return plain_text(x); }

  // value >= min: "must be >= <min>".
  Status at_least(const char* function, const char* name, std::int64_t value, std::int64_t min) const;
  // value <= limit, another argument: "must be <= <limit_name> (<limit>)".
  Status at_most(const char* function, const char* name, std::int64_t value, const char* limit_name,
                 std::int64_t limit) const;
  // lo <= value <= hi: "must be in [<lo>, <hi>]".
  Status in_range(const char* function, const char* name, std::int64_t value, std::int64_t lo,
                  std::int64_t hi) const;
  // "<a_name> and <b_name> must have the same length".
  Status same_length(const char* function, const char* a_name, std::size_t a, const char* b_name,
                     std::size_t b) const;

  Status finite(const char* function, const char* name, double x) const;
  Status positive(const char* function, const char* name, double x) const;
  Status non_negative(const char* function, const char* name, double x) const;
  // A finite x in [0, 1]; `expected` words the range as the topic's message does.
  Status fraction(const char* function, const char* name, double x,
                  const char* expected = "a number in [0, 1]") const;
  // The values add up to 1 within 1e-9, a tolerance well above the rounding of a
  // sum of a few doubles and well below any meaningful probability.
  Status sums_to_one(const char* function, const char* name, const std::vector<double>& values) const;
};

}  // namespace derive::checks
