// The answer reader. One left-to-right pass over at most kMaxLength bytes builds
// a clean ASCII copy of the number ("-131328.5e7") that std::strtod reads
// (correctly rounded in glibc and musl; the WebAssembly libc++ has no floating
// std::from_chars). The rules, and how each ambiguity is resolved, are in
// docs/units.md.
#include "derive/units/reader.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

#include "derive/text/echo.hpp"
#include "units/reader_arithmetic.hpp"

namespace derive {
namespace {

// What an answer too large for a double is told.
constexpr const char* kLargest = "about 1.8e308, the largest number we hold";
// Longer than any honest answer; bounds the work done on pasted text.
constexpr std::size_t kMaxLength = 200;
// An exponent past this is infinite or zero anyway; saturating keeps the
// arithmetic (and the text given to strtod) small.
constexpr long kExponentLimit = 100000;

constexpr std::string_view kSpaces[] = {" ", "\t", "\u00a0" /* no-break */, "\u202f" /* narrow no-break */,
                                        "\u2009" /* thin */};
constexpr std::string_view kTimes[] = {"\u00d7", "\u00b7", "\u22c5", "x", "X", "*"};
constexpr std::string_view kSuperscripts[] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                              "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::size_t position() const { return at_; }
  void rewind(std::size_t to) { at_ = to; }
  bool done() const { return at_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[at_]; }
  std::string_view rest() const { return text_.substr(at_); }

  bool take(std::string_view literal) {
    if (text_.substr(at_, literal.size()) != literal) return false;
    at_ += literal.size();
    return true;
  }
  template <std::size_t N>
  int take_any(const std::string_view (&options)[N]) {
    for (std::size_t k = 0; k < N; ++k)
      if (take(options[k])) return static_cast<int>(k);
    return -1;
  }
  // Returns which kind of space was taken (an index into kSpaces), or -1.
  int take_space() { return take_any(kSpaces); }
  void skip_spaces() {
    while (take_space() >= 0) {
    }
  }
  std::string take_digits() {
    std::size_t start = at_;
    while (!done() && is_digit(text_[at_])) ++at_;
    return std::string(text_.substr(start, at_ - start));
  }
  // Digits in a row from the current position, without consuming them.
  std::size_t count_digits() const {
    std::size_t n = 0;
    while (at_ + n < text_.size() && is_digit(text_[at_ + n])) ++n;
    return n;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
};

std::string_view trim(std::string_view text) {
  for (bool changed = true; changed && !text.empty();) {
    changed = false;
    for (std::string_view sp : kSpaces) {
      if (text.substr(0, sp.size()) == sp) {
        text.remove_prefix(sp.size());
        changed = true;
      }
      if (text.size() >= sp.size() && text.substr(text.size() - sp.size()) == sp) {
        text.remove_suffix(sp.size());
        changed = true;
      }
    }
  }
  return text;
}

long accumulate(long exponent, char digit) {
  exponent = exponent * 10 + (digit - '0');
  return exponent > kExponentLimit ? kExponentLimit : exponent;
}

// The exponent of a power of ten after its "10": "^7", "^-3", "^(-3)", "⁷", "⁻³".
// Leaves the scanner where it was if what follows is not an exponent.
bool take_power(Scanner& sc, long* exponent) {
  std::size_t start = sc.position();
  if (sc.take("^")) {
    bool paren = sc.take("(");
    bool negative = false;
    if (sc.take("-") || sc.take("\u2212")) {
      negative = true;
    } else {
      sc.take("+");
    }
    std::string digits = sc.take_digits();
    if (digits.empty() || (paren && !sc.take(")"))) {
      sc.rewind(start);
      return false;
    }
    long e = 0;
    for (char c : digits) e = accumulate(e, c);
    *exponent = negative ? -e : e;
    return true;
  }
  bool negative = sc.take("\u207b");
  if (!negative) sc.take("\u207a");
  long e = 0;
  int count = 0;
  for (int d; (d = sc.take_any(kSuperscripts)) >= 0; ++count) e = accumulate(e, static_cast<char>('0' + d));
  if (count == 0) {
    sc.rewind(start);
    return false;
  }
  *exponent = negative ? -e : e;
  return true;
}

std::string quoted(std::string_view text) { return "'" + text::printable(text) + "'"; }

Error not_a_number(std::string_view text) {
  return make_error("could not read " + quoted(text) + " as a number");
}

struct Prefix {
  std::string_view text;
  int decimal_exponent;  // for k, M, G, T
  int binary_exponent;   // for Ki, Mi, Gi, Ti
};

constexpr Prefix kBarePrefixes[] = {
    {"k", 3, 0},   {"K", 3, 0},   {"M", 6, 0},   {"G", 9, 0},   {"T", 12, 0},
    {"Ki", 0, 10}, {"Mi", 0, 20}, {"Gi", 0, 30}, {"Ti", 0, 40},
};

constexpr Prefix kNumberWords[] = {
    {"thousand", 3, 0}, {"million", 6, 0}, {"billion", 9, 0}, {"trillion", 12, 0}};

// What follows the number: nothing, a bare prefix ("M", "Ki"), a number word
// ("million"), a unit ("MB"), or a number word and a unit ("million MACs").
struct Tail {
  long decimal_exponent = 0;
  int binary_exponent = 0;
  ReadAnswer read;  // unit, unit_text, prefix
};

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return text.size() == word.size() || text[word.size()] == ' ';
}

Result<Tail> read_tail(std::string_view remainder, const UnitContext& context, std::string_view answer) {
  Tail tail;
  // "7 billion", "3.4 million parameters": the words format_quantity prints.
  for (const Prefix& w : kNumberWords) {
    if (starts_with_word(remainder, w.text)) {
      tail.decimal_exponent = w.decimal_exponent;
      remainder = trim(remainder.substr(w.text.size()));
      tail.read.prefix = std::string(w.text);
      break;
    }
  }
  if (tail.read.prefix.empty()) {
    for (const Prefix& p : kBarePrefixes) {
      if (remainder == p.text) {
        tail.decimal_exponent = p.decimal_exponent;
        tail.binary_exponent = p.binary_exponent;
        tail.read.prefix = std::string(p.text);
        remainder = {};
      }
    }
  }
  if (!remainder.empty()) {
    auto unit = parse_unit(remainder, context);
    if (!unit.ok()) {
      // What is left is more of a number, or arithmetic that did not read.
      static constexpr std::string_view kNumberish = "0123456789.,^-+/*()";
      static constexpr std::string_view kOperators[] = {"\u2212", "\u00f7", "\u00d7", "\u00b7"};
      bool numberish = kNumberish.find(remainder.front()) != std::string_view::npos;
      for (std::string_view op : kOperators) numberish = numberish || remainder.substr(0, op.size()) == op;
      if (numberish) return not_a_number(answer);
      return make_error(quoted(answer) + ": " + unit.error().message);
    }
    tail.read.unit = std::move(unit).value();
    tail.read.unit_text = std::string(remainder);
  }
  tail.read.prefixed = !tail.read.prefix.empty() && !tail.read.unit;
  return tail;
}

Result<ReadAnswer> finish(double value, Tail tail, std::string_view answer) {
  ReadAnswer read = std::move(tail.read);
  value = std::ldexp(value, tail.binary_exponent);
  if (!std::isfinite(value)) return make_error(quoted(answer) + " is too large to read as a number");
  if (read.unit && !std::isfinite(value * read.unit->scale))
    return make_error(quoted(answer) + " is too large to read: with its unit it exceeds " + kLargest);
  read.value = value;
  return read;
}

// "~0.0314", "≈13.6", "about 13.6", "approx. 0.735": the mark or word says the
// learner rounded, which the precision check allows for anyway. A trailing
// full stop ("13.6 MB.", "13.6.") ends a sentence; "5." is 5 either way.
std::string_view without_approximation(std::string_view text) {
  static constexpr std::string_view kMarks[] = {"~=", "\u2248", "\u2243", "\u223c", "~"};
  static constexpr std::string_view kWords[] = {"approximately", "approx.", "approx", "about",
                                                "roughly",       "around",  "circa",  "ca."};
  for (std::string_view mark : kMarks)
    if (text.substr(0, mark.size()) == mark) {
      text = trim(text.substr(mark.size()));
      break;
    }
  for (std::string_view word : kWords)
    if (starts_with_word(text, word)) {
      text = trim(text.substr(word.size()));
      break;
    }
  if (text.size() >= 2 && text.back() == '.') {
    text.remove_suffix(1);
    text = trim(text);
  }
  return text;
}

// A plain number ("131,328", "1.36e7", "1.36 × 10^7") and what follows it.
Result<ReadAnswer> read_plain(std::string_view answer, const UnitContext& context) {
  Scanner sc(answer);
  bool negative = false;
  if (sc.take("-") || sc.take("\u2212")) {
    negative = true;
  } else {
    sc.take("+");
  }

  // Integer part, with optional thousands separators: a separator counts only
  // when the first group has 1 to 3 digits and every later group exactly 3.
  std::string integer_digits = sc.take_digits();
  const bool short_first_group = !integer_digits.empty() && integer_digits.size() <= 3;
  bool grouped = false;
  int separator_kind = -2;  // -1: comma, >= 0: a kind of space
  while (!integer_digits.empty()) {
    std::size_t before = sc.position();
    int kind = sc.take(",") ? -1 : sc.take_space();
    if (kind == -1 && sc.position() == before) break;  // neither comma nor space
    std::size_t digits = sc.count_digits();
    bool valid = short_first_group && digits == 3 && (separator_kind == -2 || separator_kind == kind);
    if (valid) {
      integer_digits += sc.take_digits();
      grouped = true;
      separator_kind = kind;
      continue;
    }
    if (kind == -1 && digits > 0)
      return make_error(quoted(answer) +
                        ": write decimals with a point, as in 0.5; a comma only separates groups of "
                        "three digits, as in 131,328");
    sc.rewind(before);
    break;
  }

  std::string fraction_digits;
  bool has_point = sc.take(".");
  if (has_point) fraction_digits = sc.take_digits();
  if (integer_digits.empty() && fraction_digits.empty()) return not_a_number(answer);

  long exponent = 0;
  if (!has_point && !grouped && integer_digits == "10" && take_power(sc, &exponent)) {
    integer_digits = "1";  // "10^7" alone: a power of ten
  } else if (sc.peek() == 'e' || sc.peek() == 'E') {
    std::size_t before = sc.position();
    sc.take(sc.peek() == 'e' ? "e" : "E");
    bool exponent_negative = sc.take("-") || sc.take("\u2212");
    if (!exponent_negative) sc.take("+");
    std::string digits = sc.take_digits();
    if (digits.empty()) {
      sc.rewind(before);  // "5 e..." is left for the unit and reported there
    } else {
      for (char c : digits) exponent = accumulate(exponent, c);
      if (exponent_negative) exponent = -exponent;
    }
  } else {
    // "× 10^7" and its spellings; otherwise the x is a unit ("7.9x").
    std::size_t before = sc.position();
    sc.skip_spaces();
    bool power = sc.take_any(kTimes) >= 0;
    if (power) {
      sc.skip_spaces();
      power = sc.take("10") && take_power(sc, &exponent);
    }
    if (!power) sc.rewind(before);
  }

  auto tail = read_tail(trim(sc.rest()), context, answer);
  if (!tail) return tail.error();
  std::string clean = negative ? "-" : "";
  clean += integer_digits.empty() ? "0" : integer_digits;
  clean += "." + fraction_digits + "e" + std::to_string(exponent + tail->decimal_exponent);
  return finish(std::strtod(clean.c_str(), nullptr), std::move(*tail), answer);
}

}  // namespace

Result<ReadAnswer> read_answer(std::string_view text, const UnitContext& context) {
  if (text.size() > kMaxLength)
    return make_error("the answer is too long: at most " + std::to_string(kMaxLength) + " characters");
  const std::string_view answer = without_approximation(trim(text));
  if (answer.empty()) return make_error("empty answer");
  auto plain = read_plain(answer, context);
  if (plain) return plain;
  auto arithmetic = reader::read_arithmetic(answer);
  if (!arithmetic) return arithmetic.error();
  if (!*arithmetic) return plain;
  const reader::Arithmetic& a = **arithmetic;
  auto tail = read_tail(trim(answer.substr(a.length)), context, answer);
  if (!tail) return tail.error();
  auto read = finish(a.value * std::pow(10.0, tail->decimal_exponent), std::move(*tail), answer);
  if (read) read->arithmetic = a.text;
  return read;
}

Result<double> value_in(const ReadAnswer& read, const Unit& asked, std::string_view text,
                        const UnitContext& context) {
  double base;
  if (read.unit) {
    base = read.value * read.unit->scale;
  } else if (read.prefixed) {
    base = read.value;  // "14.45M": already in the dimension's base unit
    // "512K" in a question that counts 1 KB = 1024 B is 512 of its kilobytes.
    const bool kilo = read.prefix == "k" || read.prefix == "K" || read.prefix == "thousand";
    if (kilo && asked.dimension == Dimension::Bytes) base *= context.kilobyte / 1000.0;
  } else {
    base = read.value * asked.scale;  // a bare number is in the question's unit
  }
  const double value = base / asked.scale;
  if (!std::isfinite(base) || !std::isfinite(value)) {
    return make_error(quoted(trim(text)) + " is too large to read in " +
                      (asked.symbol.empty() ? "this question's unit" : asked.symbol) + ": it exceeds " +
                      kLargest);
  }
  return value;
}

}  // namespace derive
