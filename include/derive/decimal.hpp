// Reading a decimal number as a double, exactly as strtod does, without
// strtod where that is safe: the WebAssembly libc (musl) reads every number
// through software long double, which made reading the catalogue and
// formatting numbers (whose shortest round trip reads each try back) several
// times slower in the browser.
#pragma once

#include <string_view>

namespace derive {

// The double strtod reads from the whole of `text` ("-1.25e+06", "0.1"):
// Clinger's fast path (W. D. Clinger, "How to read floating point numbers
// accurately", PLDI 1990) when the significant digits make an integer
// m < 10^15 (exact in a double) and the power of ten e is within ±22 (10^e
// exact), so m × 10^e or m / 10^-e is one correctly rounded operation; strtod
// otherwise. REQUIRES: text is a number strtod reads to its end.
double read_decimal(std::string_view text);

// The fast path alone: true and `out` set when it applies to all of `text`.
bool read_decimal_fast(std::string_view text, double& out);

}  // namespace derive
