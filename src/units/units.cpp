// Units as people type them. Sources for the definitions:
//  - SI prefixes k, M, G, T, P = 10^3 ... 10^15 (BIPM, The International System
//    of Units, 9th edition, 2019, Table 7).
//  - Binary prefixes Ki, Mi, Gi, Ti, Pi = 2^10 ... 2^50, and the symbols B (byte)
//    and bit (IEC 80000-13:2008, clause 4).
//  - 1 MAC = 2 FLOPs: a multiply-accumulate is one multiplication and one
//    addition (the convention of Howard et al., 2017, MobileNets, Section 3.1).
// The case rules for byte and bit spellings are ours; docs/units.md explains them.
#include "derive/units/units.hpp"

#include <algorithm>
#include <optional>
#include <span>

#include "derive/number_format.hpp"
#include "derive/text/echo.hpp"

namespace derive {
namespace {

// Stands for "the context's kilobyte" in the tables: KB is 1000 or 1024 bytes.
constexpr double kContextKilobyte = -1.0;

// How a spelling is matched.
enum class Match {
  Exact,    // case and all: "MB" megabytes, "Mb" megabits, "b" bits
  AnyCase,  // words whose case carries no meaning: "Seconds", "PARAMETERS"
  Loose,    // what people type for a canonical symbol: "mb" for MB, "gflops"
};

struct Entry {
  std::string_view spelling;
  std::string_view symbol;  // canonical, as printed
  Dimension dimension;
  double scale;
  Match match;
  bool prefixable;  // takes a prefix by rule: "M parameters", "Gbytes", "kbit"
};

constexpr double kKi = 1024.0;
constexpr double kMi = kKi * 1024;
constexpr double kGi = kMi * 1024;
constexpr double kTi = kGi * 1024;
constexpr double kPi = kTi * 1024;

using D = Dimension;
using M = Match;

constexpr Entry kTable[] = {
    // Bytes (IEC 80000-13). Upper-case B is the byte.
    {"B", "B", D::Bytes, 1, M::Exact, true},
    {"byte", "B", D::Bytes, 1, M::AnyCase, true},
    {"bytes", "B", D::Bytes, 1, M::AnyCase, true},
    {"kB", "kB", D::Bytes, 1e3, M::Exact, false},
    {"KB", "KB", D::Bytes, kContextKilobyte, M::Exact, false},
    {"MB", "MB", D::Bytes, 1e6, M::Exact, false},
    {"GB", "GB", D::Bytes, 1e9, M::Exact, false},
    {"TB", "TB", D::Bytes, 1e12, M::Exact, false},
    {"PB", "PB", D::Bytes, 1e15, M::Exact, false},
    {"KiB", "KiB", D::Bytes, kKi, M::Exact, false},
    {"MiB", "MiB", D::Bytes, kMi, M::Exact, false},
    {"GiB", "GiB", D::Bytes, kGi, M::Exact, false},
    {"TiB", "TiB", D::Bytes, kTi, M::Exact, false},
    {"PiB", "PiB", D::Bytes, kPi, M::Exact, false},
    // All lower case, people mean bytes: nobody asks for millibytes, and a
    // megabit is written Mb or Mbit.
    {"kb", "KB", D::Bytes, kContextKilobyte, M::Loose, false},
    {"mb", "MB", D::Bytes, 1e6, M::Loose, false},
    {"gb", "GB", D::Bytes, 1e9, M::Loose, false},
    {"tb", "TB", D::Bytes, 1e12, M::Loose, false},
    {"pb", "PB", D::Bytes, 1e15, M::Loose, false},
    {"kib", "KiB", D::Bytes, kKi, M::Loose, false},
    {"mib", "MiB", D::Bytes, kMi, M::Loose, false},
    {"gib", "GiB", D::Bytes, kGi, M::Loose, false},
    {"tib", "TiB", D::Bytes, kTi, M::Loose, false},
    {"pib", "PiB", D::Bytes, kPi, M::Loose, false},
    // Bits: lower-case b after an upper-case prefix, or the word bit.
    {"b", "bits", D::Bytes, 0.125, M::Exact, false},
    {"bit", "bits", D::Bytes, 0.125, M::AnyCase, true},
    {"bits", "bits", D::Bytes, 0.125, M::AnyCase, true},
    {"octet", "B", D::Bytes, 1, M::AnyCase, true},  // Pint: byte = 8 * bit = B = octet
    {"octets", "B", D::Bytes, 1, M::AnyCase, true},
    {"Kb", "kbit", D::Bytes, 125, M::Exact, false},
    {"Mb", "Mbit", D::Bytes, 125e3, M::Exact, false},
    {"Gb", "Gbit", D::Bytes, 125e6, M::Exact, false},
    {"Tb", "Tbit", D::Bytes, 125e9, M::Exact, false},
    {"Kib", "Kibit", D::Bytes, kKi / 8, M::Exact, false},
    {"Mib", "Mibit", D::Bytes, kMi / 8, M::Exact, false},
    {"Gib", "Gibit", D::Bytes, kGi / 8, M::Exact, false},
    {"Tib", "Tibit", D::Bytes, kTi / 8, M::Exact, false},
    // Counts.
    {"parameters", "parameters", D::Count, 1, M::AnyCase, true},
    {"parameter", "parameters", D::Count, 1, M::AnyCase, true},
    {"params", "parameters", D::Count, 1, M::AnyCase, true},
    {"param", "parameters", D::Count, 1, M::AnyCase, true},
    {"values", "values", D::Count, 1, M::AnyCase, true},
    {"value", "values", D::Count, 1, M::AnyCase, true},
    {"weights", "weights", D::Count, 1, M::AnyCase, true},
    {"weight", "weights", D::Count, 1, M::AnyCase, true},
    {"levels", "levels", D::Count, 1, M::AnyCase, true},
    {"level", "levels", D::Count, 1, M::AnyCase, true},
    {"architectures", "architectures", D::Count, 1, M::AnyCase, true},
    {"architecture", "architectures", D::Count, 1, M::AnyCase, true},
    {"items", "items", D::Count, 1, M::AnyCase, true},
    {"item", "items", D::Count, 1, M::AnyCase, true},
    {"nonzeros", "nonzeros", D::Count, 1, M::AnyCase, true},
    {"nonzero", "nonzeros", D::Count, 1, M::AnyCase, true},
    {"non-zeros", "nonzeros", D::Count, 1, M::AnyCase, true},
    // MACs and FLOPs. "FLOPS" is a count here (the rate is FLOP/s).
    {"MAC", "MACs", D::Macs, 1, M::Exact, true},
    {"MACs", "MACs", D::Macs, 1, M::Exact, true},
    {"MACS", "MACs", D::Macs, 1, M::Exact, true},
    {"mac", "MACs", D::Macs, 1, M::Loose, true},
    {"macs", "MACs", D::Macs, 1, M::Loose, true},
    {"KMACs", "KMACs", D::Macs, 1e3, M::Exact, false},
    {"MMACs", "MMACs", D::Macs, 1e6, M::Exact, false},
    {"GMACs", "GMACs", D::Macs, 1e9, M::Exact, false},
    {"TMACs", "TMACs", D::Macs, 1e12, M::Exact, false},
    {"FLOP", "FLOPs", D::Flops, 1, M::Exact, true},
    {"FLOPs", "FLOPs", D::Flops, 1, M::Exact, true},
    {"FLOPS", "FLOPs", D::Flops, 1, M::Exact, true},
    {"flop", "FLOPs", D::Flops, 1, M::Loose, true},
    {"flops", "FLOPs", D::Flops, 1, M::Loose, true},
    {"KFLOPs", "KFLOPs", D::Flops, 1e3, M::Exact, false},
    {"MFLOPs", "MFLOPs", D::Flops, 1e6, M::Exact, false},
    {"GFLOPs", "GFLOPs", D::Flops, 1e9, M::Exact, false},
    {"TFLOPs", "TFLOPs", D::Flops, 1e12, M::Exact, false},
    {"PFLOPs", "PFLOPs", D::Flops, 1e15, M::Exact, false},
    // Time (SI second; the minute and hour are accepted for use with the SI).
    {"s", "s", D::Time, 1, M::AnyCase, false},
    {"sec", "s", D::Time, 1, M::AnyCase, false},
    {"secs", "s", D::Time, 1, M::AnyCase, false},
    {"second", "s", D::Time, 1, M::AnyCase, false},
    {"seconds", "s", D::Time, 1, M::AnyCase, false},
    {"ms", "ms", D::Time, 1e-3, M::AnyCase, false},
    {"msec", "ms", D::Time, 1e-3, M::AnyCase, false},
    {"millisecond", "ms", D::Time, 1e-3, M::AnyCase, false},
    {"milliseconds", "ms", D::Time, 1e-3, M::AnyCase, false},
    {"us", "\u00b5s", D::Time, 1e-6, M::AnyCase, false},
    {"\u00b5s", "\u00b5s", D::Time, 1e-6, M::AnyCase, false},  // MICRO SIGN
    {"\u03bcs", "\u00b5s", D::Time, 1e-6, M::AnyCase, false},  // GREEK SMALL LETTER MU
    {"usec", "\u00b5s", D::Time, 1e-6, M::AnyCase, false},
    {"microsecond", "\u00b5s", D::Time, 1e-6, M::AnyCase, false},
    {"microseconds", "\u00b5s", D::Time, 1e-6, M::AnyCase, false},
    {"ns", "ns", D::Time, 1e-9, M::AnyCase, false},
    {"nanosecond", "ns", D::Time, 1e-9, M::AnyCase, false},
    {"nanoseconds", "ns", D::Time, 1e-9, M::AnyCase, false},
    {"min", "min", D::Time, 60, M::AnyCase, false},
    {"mins", "min", D::Time, 60, M::AnyCase, false},
    {"minute", "min", D::Time, 60, M::AnyCase, false},
    {"minutes", "min", D::Time, 60, M::AnyCase, false},
    {"h", "h", D::Time, 3600, M::AnyCase, false},
    {"hour", "h", D::Time, 3600, M::AnyCase, false},
    {"hours", "h", D::Time, 3600, M::AnyCase, false},
    // Percent.
    {"%", "%", D::Percent, 0.01, M::Exact, false},
    {"percent", "%", D::Percent, 0.01, M::AnyCase, false},
    // Plain numbers, and the answer-unit words of docs/catalogue-format.md.
    {"x", "\u00d7", D::Dimensionless, 1, M::Exact, false},
    {"X", "\u00d7", D::Dimensionless, 1, M::Exact, false},
    {"\u00d7", "\u00d7", D::Dimensionless, 1, M::Exact, false},
    {"times", "\u00d7", D::Dimensionless, 1, M::AnyCase, false},
    {"ratio", "ratio", D::Dimensionless, 1, M::AnyCase, false},
    {"factor", "factor", D::Dimensionless, 1, M::AnyCase, false},
    {"log10", "log10", D::Dimensionless, 1, M::AnyCase, false},
    {"probability", "probability", D::Dimensionless, 1, M::AnyCase, false},
    {"reward", "reward", D::Dimensionless, 1, M::AnyCase, false},
    {"loss", "loss", D::Dimensionless, 1, M::AnyCase, false},
    {"loss units", "loss", D::Dimensionless, 1, M::AnyCase, false},
    {"gradient", "gradient", D::Dimensionless, 1, M::AnyCase, false},
    {"float", "float", D::Dimensionless, 1, M::AnyCase, false},
    {"integer", "integer", D::Dimensionless, 1, M::AnyCase, false},
};

struct Prefix {
  std::string_view text;
  double factor;
  bool binary;
};

// Two-letter binary prefixes first, so "Mi" is not read as "M" + "i...".
constexpr Prefix kPrefixes[] = {
    {"Ki", kKi, true}, {"Mi", kMi, true},  {"Gi", kGi, true},  {"Ti", kTi, true},
    {"Pi", kPi, true}, {"k", 1e3, false},  {"K", 1e3, false},  {"M", 1e6, false},
    {"G", 1e9, false}, {"T", 1e12, false}, {"P", 1e15, false},
};

// Lower-case prefixes of loose spellings such as "gflops" and "mmacs": in a unit
// of operations or bytes, m cannot sensibly mean milli.
constexpr Prefix kLoosePrefixes[] = {
    {"k", 1e3, false}, {"m", 1e6, false}, {"g", 1e9, false}, {"t", 1e12, false}, {"p", 1e15, false},
};

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct Found {
  Unit unit;
  bool loose = false;
};

Unit unit_of(const Entry& e, const UnitContext& context) {
  double scale = e.scale == kContextKilobyte ? context.kilobyte : e.scale;
  return Unit{std::string(e.symbol), e.dimension, scale};
}

// One spelling from the table, by the given match modes.
const Entry* find_entry(std::string_view text, bool loose) {
  std::string lower = lower_ascii(text);
  for (const Entry& e : kTable)
    if (e.match == Match::Exact && e.spelling == text) return &e;
  for (const Entry& e : kTable)
    if (e.match == Match::AnyCase && e.spelling == lower) return &e;
  if (loose)
    for (const Entry& e : kTable)
      if (e.match == Match::Loose && e.spelling == lower) return &e;
  return nullptr;
}

// "M" + "parameters", "Gi" + "B", "k" + "bit": a prefix applied by rule to a
// prefixable unit, with or without a space between them.
std::optional<Found> with_prefix(std::string_view text, const UnitContext& context, bool loose) {
  const auto& prefixes = loose ? std::span<const Prefix>(kLoosePrefixes) : std::span<const Prefix>(kPrefixes);
  for (const Prefix& p : prefixes) {
    if (text.size() <= p.text.size()) continue;
    std::string head(text.substr(0, p.text.size()));
    if ((loose ? lower_ascii(head) : head) != p.text) continue;
    std::string_view rest = text.substr(p.text.size());
    if (rest.front() == ' ') rest.remove_prefix(1);
    const Entry* base = find_entry(rest, loose);
    if (base == nullptr || !base->prefixable) continue;
    if (p.binary && base->dimension != Dimension::Bytes) continue;
    Found found{unit_of(*base, context), loose || base->match == Match::Loose};
    std::string prefix =
        loose ? std::string(1, static_cast<char>(p.text[0] - 'a' + 'A')) : std::string(p.text);
    if (prefix == "k" && base->dimension != Dimension::Bytes) prefix = "K";
    if (base->dimension == Dimension::Bytes && base->scale == 1 && p.factor == 1e3) {
      // "Kbytes", "k bytes": the same kilobyte as KB (only "kB" pins 1000).
      found.unit.symbol = "KB";
      found.unit.scale = context.kilobyte;
      return found;
    }
    found.unit.scale *= p.factor;
    if (base->dimension == Dimension::Count) {
      found.unit.symbol = prefix + " " + found.unit.symbol;
    } else if (found.unit.symbol == "bits") {
      found.unit.symbol = prefix + "bit";
    } else {
      found.unit.symbol = prefix + found.unit.symbol;
    }
    return found;
  }
  return std::nullopt;
}

// Prefix names, any case, as Pint (pint/default_en.txt) and js-quantities
// spell them: "megabytes", "kibibyte", "Gigabits", "megaflops", "mega-bytes".
struct WordPrefix {
  std::string_view word;
  std::string_view symbol;
};
constexpr WordPrefix kWordPrefixes[] = {
    {"kilo", "k"},  {"mega", "M"},  {"giga", "G"},  {"tera", "T"},  {"peta", "P"},
    {"kibi", "Ki"}, {"mebi", "Mi"}, {"gibi", "Gi"}, {"tebi", "Ti"}, {"pebi", "Pi"},
};

std::optional<Found> with_word_prefix(std::string_view text, const UnitContext& context) {
  const std::string lower = lower_ascii(text);
  for (const WordPrefix& w : kWordPrefixes) {
    if (lower.compare(0, w.word.size(), w.word) != 0) continue;
    std::string_view rest = text.substr(w.word.size());
    if (!rest.empty() && (rest.front() == '-' || rest.front() == ' ')) rest.remove_prefix(1);
    const Entry* base = find_entry(rest, /*loose=*/true);
    if (base == nullptr || !base->prefixable) continue;
    // Spelled with the canonical symbol, the prefix follows the symbol rules.
    auto found = with_prefix(std::string(w.symbol) + std::string(base->symbol), context, /*loose=*/false);
    if (found) found->loose = true;
    return found;
  }
  return std::nullopt;
}

std::optional<Found> find_single(std::string_view text, const UnitContext& context) {
  if (text.empty()) return std::nullopt;
  if (const Entry* e = find_entry(text, /*loose=*/false)) return Found{unit_of(*e, context), false};
  if (auto found = with_prefix(text, context, /*loose=*/false)) return found;
  if (const Entry* e = find_entry(text, /*loose=*/true)) return Found{unit_of(*e, context), true};
  if (auto found = with_word_prefix(text, context)) return found;
  return with_prefix(text, context, /*loose=*/true);
}

// "FLOPs" -> "FLOP", "MMACs" -> "MMAC": rates read better in the singular.
std::string singular(std::string symbol) {
  if (symbol.size() > 1 && symbol.back() == 's' && symbol != "bits") symbol.pop_back();
  return symbol;
}

std::optional<Found> find_rate(std::string_view numerator, std::string_view denominator,
                               const UnitContext& context) {
  auto num = find_single(numerator, context);
  auto den = find_single(denominator, context);
  if (!num || !den) return std::nullopt;
  Dimension a = num->unit.dimension;
  Dimension b = den->unit.dimension;
  Dimension rate;
  if (a == Dimension::Flops && b == Dimension::Bytes) {
    rate = Dimension::FlopsPerByte;
  } else if (a == Dimension::Flops && b == Dimension::Time) {
    rate = Dimension::FlopsPerSecond;
  } else if (a == Dimension::Macs && b == Dimension::Time) {
    rate = Dimension::MacsPerSecond;
  } else if (a == Dimension::Bytes && b == Dimension::Time) {
    rate = Dimension::BytesPerSecond;
  } else {
    return std::nullopt;
  }
  Unit unit{singular(num->unit.symbol) + "/" + den->unit.symbol, rate, num->unit.scale / den->unit.scale};
  return Found{unit, num->loose || den->loose};
}

bool is_space_at(std::string_view s, std::size_t i, std::size_t* length) {
  static constexpr std::string_view kSpaces[] = {" ", "\t", "\u00a0", "\u202f", "\u2009"};
  for (std::string_view sp : kSpaces) {
    if (s.substr(i, sp.size()) == sp) {
      *length = sp.size();
      return true;
    }
  }
  return false;
}

// Trims, turns every run of (Unicode) spaces into one ASCII space, drops the
// spaces around '/', and reads " per " as "/": "FLOPs per byte" = "FLOPs/byte".
std::string normalize(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    if (is_space_at(text, i, &length)) {
      pending_space = !out.empty();
      i += length;
      continue;
    }
    if (pending_space && text[i] != '/' && out.back() != '/') out.push_back(' ');
    pending_space = false;
    out.push_back(text[i++]);
  }
  std::string lower = lower_ascii(out);
  std::string result;
  for (std::size_t i = 0; i < out.size();) {
    if (lower.compare(i, 5, " per ") == 0) {
      result.push_back('/');
      i += 5;
    } else {
      result.push_back(out[i++]);
    }
  }
  return result;
}

std::optional<Found> find_unit(std::string_view text, const UnitContext& context) {
  std::string norm = normalize(text);
  std::size_t slash = norm.find('/');
  if (slash == std::string::npos) return find_single(norm, context);
  if (norm.find('/', slash + 1) != std::string::npos) return std::nullopt;
  return find_rate(std::string_view(norm).substr(0, slash), std::string_view(norm).substr(slash + 1),
                   context);
}

const char* base_symbol(Dimension d) {
  switch (d) {
    case Dimension::Bytes:
      return "B";
    case Dimension::Macs:
      return "MACs";
    case Dimension::Flops:
      return "FLOPs";
    case Dimension::Time:
      return "s";
    case Dimension::FlopsPerByte:
      return "FLOP/B";
    case Dimension::FlopsPerSecond:
      return "FLOP/s";
    case Dimension::MacsPerSecond:
      return "MAC/s";
    case Dimension::BytesPerSecond:
      return "B/s";
    case Dimension::Count:
    case Dimension::Dimensionless:
    case Dimension::Percent:
      return "";
  }
  return "";
}

}  // namespace

const char* dimension_name(Dimension d) {
  switch (d) {
    case Dimension::Bytes:
      return "bytes";
    case Dimension::Count:
      return "a count";
    case Dimension::Macs:
      return "MACs";
    case Dimension::Flops:
      return "FLOPs";
    case Dimension::Time:
      return "a time";
    case Dimension::FlopsPerByte:
      return "FLOPs per byte";
    case Dimension::FlopsPerSecond:
      return "FLOPs per second";
    case Dimension::MacsPerSecond:
      return "MACs per second";
    case Dimension::BytesPerSecond:
      return "bytes per second";
    case Dimension::Dimensionless:
      return "a plain number";
    case Dimension::Percent:
      return "a percentage";
  }
  return "a quantity";
}

Result<Unit> parse_unit(std::string_view text, const UnitContext& context) {
  if (auto found = find_unit(text, context)) return found->unit;
  std::string norm = normalize(text);
  // m is milli in SI; people who type "3.4m" usually mean millions.
  if (norm == "m") return make_error("unknown unit 'm' (write M for millions, ms for milliseconds)");
  return make_error("unknown unit '" + text::printable(norm) + "'");
}

Result<Unit> parse_answer_unit(std::string_view text, const UnitContext& context) {
  std::string norm = normalize(text);
  if (norm.empty()) return Unit{"", Dimension::Dimensionless, 1.0};
  auto found = find_unit(norm, context);
  if (!found) return make_error("unknown answer unit '" + text::printable(norm) + "'");
  // A catalogue states its unit once, for every learner: hold it to the
  // canonical spelling so that "mb" is a typo caught by lint, not a convention.
  if (found->loose)
    return make_error("answer unit '" + norm + "' is a loose spelling: write '" + found->unit.symbol + "'");
  return found->unit;
}

std::vector<std::pair<std::string, Unit>> known_units(const UnitContext& context) {
  std::vector<std::pair<std::string, Unit>> out;
  for (const Entry& e : kTable) out.emplace_back(std::string(e.spelling), unit_of(e, context));
  // Common forms built by rule, listed so that docs and tests can show them.
  static constexpr std::string_view kBuilt[] = {
      "kMACs",  "KFLOP/s", "Kibit",      "kbit",    "Mbit",     "Gbit",         "kbytes",
      "MBytes", "GFLOPS",  "FLOPs/byte", "FLOP/B",  "FLOPs/B",  "FLOP/byte",    "flops/byte",
      "FLOP/s", "FLOPs/s", "FLOPS/s",    "MFLOP/s", "GFLOP/s",  "TFLOP/s",      "PFLOP/s",
      "MAC/s",  "MACs/s",  "MMAC/s",     "GMAC/s",  "B/s",      "kB/s",         "MB/s",
      "GB/s",   "TB/s",    "GiB/s",      "M MACs",  "k params", "M parameters", "G values"};
  for (std::string_view s : kBuilt)
    if (auto found = find_unit(s, context)) out.emplace_back(std::string(s), found->unit);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return static_cast<int>(a.second.dimension) < static_cast<int>(b.second.dimension);
  });
  return out;
}

bool is_kind_word(const Unit& unit) {
  return unit.dimension == Dimension::Dimensionless && unit.symbol != "\u00d7";
}

std::string describe_unit(const Unit& unit) {
  switch (unit.dimension) {
    case Dimension::Dimensionless:
      return unit.symbol.empty() ? "a plain number" : unit.symbol + " = a plain number";
    case Dimension::Percent:
      return "% = 1/100";
    default:
      break;
  }
  std::string base = base_symbol(unit.dimension);
  if (unit.dimension == Dimension::Count) {
    std::size_t space = unit.symbol.rfind(' ');
    base = space == std::string::npos ? unit.symbol : unit.symbol.substr(space + 1);
  }
  if (unit.scale == 1 && unit.symbol == base)
    return unit.symbol + " (" + dimension_name(unit.dimension) + ")";
  return unit.symbol + " = " + format_grouped(Number::from_double(unit.scale)) + " " + base;
}

}  // namespace derive
