#include "cli/clock.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "derive/text/echo.hpp"

namespace derive::cli {

Result<std::int64_t> now_seconds() {
  if (const char* fixed = std::getenv("DERIVE_NOW"); fixed != nullptr && *fixed != '\0') {
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(fixed, &end, 10);
    if (*end != '\0' || errno != 0 || value < 0)
      return make_error("DERIVE_NOW must be a time in Unix seconds (a whole number >= 0), got \"" +
                        text::printable(fixed) + "\"");
    return static_cast<std::int64_t>(value);
  }
  return static_cast<std::int64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

std::string date_of(std::int64_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

}  // namespace derive::cli
