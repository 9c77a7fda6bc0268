// Fuzzes the answer reader, the unit parser and the shortest-number printer:
// any bytes must be read (or refused with a message) without a crash, a hang or
// undefined behaviour, and format_shortest must always read back to the same
// double.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "derive/number_format.hpp"
#include "derive/units/format_quantity.hpp"
#include "derive/units/reader.hpp"
#include "derive/units/units.hpp"

namespace {

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "reader_fuzz: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  for (double kilobyte : {1000.0, 1024.0}) {
    derive::UnitContext context{kilobyte};
    auto read = derive::read_answer(text, context);
    if (read.ok()) {
      check(std::isfinite(read->value), "read_answer returned a non-finite value");
      if (read->unit) check(read->unit->scale > 0, "a unit with a scale <= 0");
    } else {
      check(!read.error().message.empty(), "an error without a message");
    }
    auto unit = derive::parse_unit(text, context);
    if (!unit.ok()) check(!unit.error().message.empty(), "a unit error without a message");
  }

  // Every run of 8 bytes is a double to print and read back.
  for (std::size_t at = 0; at + sizeof(double) <= size; at += sizeof(double)) {
    double x;
    std::memcpy(&x, data + at, sizeof x);
    std::string text_of_x = derive::format_shortest(x);
    if (std::isfinite(x)) {
      check(std::strtod(text_of_x.c_str(), nullptr) == x, "format_shortest does not round-trip");
      auto again = derive::read_answer(text_of_x);
      check(again.ok() && again->value == x, "read_answer does not read format_shortest back");
      (void)derive::format_significant(x, static_cast<int>(data[at] % 20));
      (void)derive::format_fixed(x, static_cast<int>(data[at] % 12));
      (void)derive::format_quantity(derive::Number::from_double(x), "B");
    }
  }
  return 0;
}
