// The answer reader: turns what a person types into a number and, optionally, a
// unit. It accepts signs, decimals, scientific notation (1.36e7, 1.36E7,
// 1.36×10^7, 1.36x10^7, 1.36*10^7, 1.36·10⁷), thousands separators (131,328 and
// 131 328), SI prefixes and number words on bare numbers (14.45M, 3.2G, 800k,
// 14.45 million), binary prefixes (512Mi, 4 Ki), percentages (70%), arithmetic
// (8/255, 2^4, 4x4, 16 × 4, 3400000*4/1e6), approximation marks and words
// (~0.0314, ≈13.6, about 13.6, approx. 0.735), and a trailing unit ("13.6 MB",
// "300 MFLOPs", "3.4 million parameters") with an optional full stop.
// The rules and their ambiguities are documented in docs/units.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "derive/result.hpp"
#include "derive/units/units.hpp"

namespace derive {

struct ReadAnswer {
  double value = 0.0;        // the number as typed, with any bare SI/binary prefix applied
  std::optional<Unit> unit;  // the unit typed after it, if any ("%" is a unit here)
  std::string unit_text;     // that unit as typed ("mb"), for "read 'mb' as MB" feedback
  // True when a bare SI or binary prefix was applied ("14.45M", "512Ki") with no
  // unit after it: the grader then reads `value` in the base unit of the
  // question's dimension (14.45M for an MMACs question is 14.45e6 MACs), not in
  // the question's unit.
  bool prefixed = false;
  std::string prefix;      // the bare prefix or number word as typed ("M", "million"), else empty
  std::string arithmetic;  // the arithmetic as typed ("8/255") when the number was one, else empty
};

// Errors are messages for the learner: "could not read 'abc' as a number",
// "'13.6 MBB': unknown unit 'MBB'", "empty answer", and for a value that
// overflows once its unit is applied ("1e308 MB") "'1e308 MB' is too large to
// read: with its unit it exceeds about 1.8e308, the largest number we hold".
Result<ReadAnswer> read_answer(std::string_view text, const UnitContext& context = {});

// The value of an answer `read` from `text` in `asked`, the unit a question
// asks for: converted through the base unit when a unit was typed, from the
// base unit after a bare prefix ("14.45M" is 14.45e6 MACs; "512K" in a bytes
// question is 512 of the context's kilobytes), else as typed.
// REQUIRES: a typed unit's dimension converts to asked's (the grader checks).
// Errors when the conversion overflows: "'1e305 s' is too large to read in
// us: it exceeds about 1.8e308, the largest number we hold".
Result<double> value_in(const ReadAnswer& read, const Unit& asked, std::string_view text,
                        const UnitContext& context = {});

}  // namespace derive
