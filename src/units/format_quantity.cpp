// format_quantity: a number in its own unit followed by the readable
// alternatives of its dimension ("536,870,912 B = 536.9 MB = 512 MiB"), so that
// a learner sees the same quantity in the spelling they think in.
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "derive/number_format.hpp"
#include "derive/units/format_quantity.hpp"
#include "derive/units/units.hpp"

namespace derive {
namespace {

struct Scale {
  const char* symbol;
  double factor;
};

// Decimal prefixes (SI brochure, Table 7) and binary ones (IEC 80000-13).
constexpr Scale kDecimalBytes[] = {{"B", 1},    {"kB", 1e3},  {"MB", 1e6},
                                   {"GB", 1e9}, {"TB", 1e12}, {"PB", 1e15}};
constexpr Scale kBinaryBytes[] = {{"B", 1},
                                  {"KiB", 1024.0},
                                  {"MiB", 1024.0 * 1024},
                                  {"GiB", 1024.0 * 1024 * 1024},
                                  {"TiB", 1024.0 * 1024 * 1024 * 1024},
                                  {"PiB", 1024.0 * 1024 * 1024 * 1024 * 1024}};
constexpr Scale kMacs[] = {{"MACs", 1}, {"KMACs", 1e3}, {"MMACs", 1e6}, {"GMACs", 1e9}, {"TMACs", 1e12}};
constexpr Scale kFlops[] = {{"FLOPs", 1},    {"KFLOPs", 1e3},  {"MFLOPs", 1e6},
                            {"GFLOPs", 1e9}, {"TFLOPs", 1e12}, {"PFLOPs", 1e15}};
constexpr Scale kFlopRates[] = {{"FLOP/s", 1},    {"KFLOP/s", 1e3},  {"MFLOP/s", 1e6},
                                {"GFLOP/s", 1e9}, {"TFLOP/s", 1e12}, {"PFLOP/s", 1e15}};
constexpr Scale kMacRates[] = {
    {"MAC/s", 1}, {"KMAC/s", 1e3}, {"MMAC/s", 1e6}, {"GMAC/s", 1e9}, {"TMAC/s", 1e12}};
constexpr Scale kByteRates[] = {{"B/s", 1}, {"kB/s", 1e3}, {"MB/s", 1e6}, {"GB/s", 1e9}, {"TB/s", 1e12}};
constexpr Scale kTimes[] = {{"ns", 1e-9}, {"\u00b5s", 1e-6}, {"ms", 1e-3}, {"s", 1}};
// Counts read best in words: "7 billion" cannot be mistaken for 7 bytes (7B).
constexpr Scale kCountWords[] = {
    {"", 1}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12}};

// The largest scale that leaves a magnitude of at least 1 (the first scale for
// magnitudes below 1).
const Scale& pick(std::span<const Scale> scales, double base) {
  const Scale* best = &scales[0];
  for (const Scale& s : scales)
    if (std::fabs(base) / s.factor >= 1) best = &s;
  return *best;
}

std::string four_figures(double value) { return trim_zeros(format_significant(value, 4)); }

// The value in the unit it came in: every digit of a whole number, otherwise
// up to six significant figures.
std::string own_number(const Number& value) {
  if (value.is_integral()) return format_grouped(value);
  double x = value.to_double();
  if (!std::isfinite(x)) return format_shortest(x);
  return trim_zeros(format_significant(x, 6));
}

std::string joined(const std::string& number, const std::string& symbol) {
  if (symbol.empty()) return number;
  if (symbol == "%" || symbol == "\u00d7") return number + symbol;
  return number + " " + symbol;
}

}  // namespace

std::string trim_zeros(std::string text) {
  std::size_t end = text.find(' ');
  if (end == std::string::npos) end = text.size();
  std::size_t point = text.find('.');
  if (point == std::string::npos || point > end) return text;
  std::size_t last = end;
  while (last > point + 1 && text[last - 1] == '0') --last;
  if (last == point + 1) last = point;
  return text.substr(0, last) + text.substr(end);
}

std::string format_quantity(const Number& value, std::string_view unit_text) {
  std::string unit_symbol(unit_text);
  while (!unit_symbol.empty() && unit_symbol.back() == ' ') unit_symbol.pop_back();
  while (!unit_symbol.empty() && unit_symbol.front() == ' ') unit_symbol.erase(0, 1);

  auto unit = parse_unit(unit_symbol);
  if (unit.ok() && is_kind_word(*unit)) {
    unit_symbol.clear();  // "ratio", "probability": words of the question, not units
  }
  std::string own = joined(own_number(value), unit.ok() && unit->symbol == "\u00d7" ? "\u00d7" : unit_symbol);
  std::vector<std::string> texts{own};

  double x = value.to_double();
  if (unit.ok() && std::isfinite(x)) {
    double base = x * unit->scale;
    auto add = [&](std::span<const Scale> scales) {
      const Scale& s = pick(scales, base);
      if (s.symbol == unit->symbol) return;
      std::string text = joined(four_figures(base / s.factor), s.symbol);
      for (const std::string& t : texts)
        if (t == text) return;
      texts.push_back(text);
    };
    switch (unit->dimension) {
      case Dimension::Bytes:
        add(kDecimalBytes);
        add(kBinaryBytes);
        break;
      case Dimension::Macs:
        add(kMacs);
        break;
      case Dimension::Flops:
        add(kFlops);
        break;
      case Dimension::FlopsPerSecond:
        add(kFlopRates);
        break;
      case Dimension::MacsPerSecond:
        add(kMacRates);
        break;
      case Dimension::BytesPerSecond:
        add(kByteRates);
        break;
      case Dimension::Time:
        add(kTimes);
        break;
      case Dimension::Count:
        if (std::fabs(base) >= 1000)
          texts.push_back(
              joined(four_figures(base / pick(kCountWords, base).factor), pick(kCountWords, base).symbol));
        break;
      case Dimension::FlopsPerByte:
      case Dimension::Dimensionless:
      case Dimension::Percent:
        break;
    }
  }

  std::string out = value.approximate() ? "\u2248 " : "";
  for (std::size_t i = 0; i < texts.size(); ++i) out += (i == 0 ? "" : " = ") + texts[i];
  return out;
}

}  // namespace derive
