// Number formatting, identical on every platform (native and WebAssembly): it
// uses only snprintf and strtod, which are correctly rounded in both glibc and
// musl, never locale-dependent or library-specific shortest-float printers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "derive/number.hpp"

namespace derive {

// The shortest decimal text that reads back as the same double: "0.1", "1e+21".
std::string format_shortest(double value);
// Exact integers as plain digits ("131328"), everything else as format_shortest.
std::string format_plain(const Number& value);
// Digits grouped by thousands with commas: "131,328", "0.0314", "-1,048,576.5".
std::string format_grouped(const Number& value);
// Fixed decimals: format_fixed(0.0313725, 4) == "0.0314".
std::string format_fixed(double value, int decimals);
// Significant figures, without an exponent for magnitudes in [1e-4, 1e15):
// format_significant(13.6e6, 3) == "13,600,000"; (0.0313725, 3) == "0.0314".
std::string format_significant(double value, int figures);
// Drops the zeros that only pad significant figures, from the number only,
// never from an exponent: "512.0" -> "512", "0.03140" -> "0.0314",
// "1.500 × 10^20" -> "1.5 × 10^20". Text without a '.' is returned as it is.
std::string trim_zeros(std::string text);

// Byte sizes for people, in binary units (1 KiB = 1024 B, 1 MiB = 1024 KiB):
// format_kib(16000) == "15.6 KiB" (one decimal).
std::string format_kib(std::int64_t bytes);
// The exact count, and beyond 1023 B its binary size: "512 B",
// "16000 B (15.6 KiB)", "2097152 B (2.00 MiB)".
std::string format_byte_count(std::int64_t bytes);

}  // namespace derive
