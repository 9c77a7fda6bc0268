// SCAFFOLD: replaced by the real formatting (being written now).
#include "units/format.hpp"
#include <cstdio>
namespace derive {
std::string format_plain(const Number& value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", value.to_double());
  return buf;
}
}  // namespace derive
