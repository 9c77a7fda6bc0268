// Units by dimension. A Unit converts a value to its dimension's base unit
// (bytes, counts, MACs, FLOPs, seconds, ...): base = value * scale.
//
// Kilobyte conventions: "kB" is always 1000 B and "KiB" always 1024 B. The bare
// spelling "KB" is ambiguous in practice; an exercise states which one it uses
// (the microcontroller chapters use 1 KB = 1024 B) and passes it in UnitContext.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"

namespace derive {

enum class Dimension {
  Bytes,           // base: byte (a bit is 1/8)
  Count,           // base: one item (parameters, values, levels, weights, ...)
  Macs,            // base: one multiply-accumulate
  Flops,           // base: one floating-point operation (1 MAC = 2 FLOPs)
  Time,            // base: second
  FlopsPerByte,    // arithmetic intensity
  FlopsPerSecond,  // compute throughput
  MacsPerSecond,
  BytesPerSecond,  // memory bandwidth
  Dimensionless,   // ratios, factors, probabilities, losses, log10 values
  Percent,         // base: a fraction; "70 %" has base value 0.7
};

// "bytes", "a count", "MACs", ... for messages.
const char* dimension_name(Dimension d);

struct Unit {
  std::string symbol;  // as it should be printed: "MB", "KiB", "MMACs", "ms", "%"
  Dimension dimension = Dimension::Dimensionless;
  double scale = 1.0;  // base value = value * scale
};

struct UnitContext {
  // Bytes in one "KB" (and in one "kb"/"Kb"-style byte spelling): 1000 unless
  // the exercise states 1 KB = 1024 B. MB and GB are always decimal; MiB and GiB
  // are the binary spellings.
  double kilobyte = 1000.0;
};

// Parses a unit as a person types it: "MB", "mb", "MiB", "bytes", "b" (bits),
// "MMACs", "GFLOPs", "FLOPs/byte", "ms", "µs", "us", "%", "x", "×", "params",
// "parameters", "values", "levels"... Case rules are documented in docs/units.md.
// Errors say what was not understood: "unknown unit 'furlongs'".
Result<Unit> parse_unit(std::string_view text, const UnitContext& context = {});

// The unit an exercise asks for, from its catalogue spelling ("MB", "KB",
// "MMACs", "FLOPs", "ms", "%", "ratio", "parameters", ...).
Result<Unit> parse_answer_unit(std::string_view text, const UnitContext& context = {});

// Every spelling parse_unit accepts, grouped by dimension: for docs and tests.
// Prefixed forms built by rule ("M parameters", "Gbytes") and rates other than
// the common ones are accepted but not listed.
std::vector<std::pair<std::string, Unit>> known_units(const UnitContext& context = {});

// True for the words that name what kind of plain number an answer is
// ("ratio", "factor", "probability", "log10", "loss", "", ...: the
// dimensionless entries of the unit table, the one list of them), which are
// not printed after a number ("read as 7.9", not "read as 7.9 ratio"); false
// for "×" and every real unit.
bool is_kind_word(const Unit& unit);

// How a unit was read, for feedback: "MB = 1,000,000 B", "Mb = 125,000 B",
// "KB = 1,024 B", "ms = 0.001 s", "× = a plain number".
std::string describe_unit(const Unit& unit);

}  // namespace derive
