// The formula notation (include/derive/exercise/formula.hpp) to MathML and text.
// MathML elements used: math, mrow, mi, mn, mo, mtext, msub, msup, msubsup,
// mfrac (MathML Core, https://www.w3.org/TR/mathml-core/).
#include "derive/exercise/formula.hpp"

#include <cstdint>
#include <vector>

namespace derive {
namespace {

struct Token {
  enum class Kind { Identifier, Number, Text, Operator, Slash, Open, Close, Sub, Sup, Fraction };
  Kind kind;
  std::string text;
  bool space_before = false;
  int column = 0;
};

// The code point starting at s[i] and its length in bytes (1 for a stray byte).
std::pair<std::uint32_t, std::size_t> code_point(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t length = c < 0x80 ? 1 : c >> 5 == 6 ? 2 : c >> 4 == 14 ? 3 : c >> 3 == 30 ? 4 : 1;
  if (length == 1 || i + length > s.size()) return {c, 1};
  std::uint32_t cp = c & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {cp, length};
}

bool ascii_letter(std::uint32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
// Letters outside ASCII that stand for a quantity: Latin-1 and Latin
// Extended-A/B, Greek, letterlike symbols (ℓ), mathematical alphanumerics
// (𝔼), and ∂.
bool other_letter(std::uint32_t c) {
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x3FF) ||
         (c >= 0x2100 && c <= 0x214F) || (c >= 0x1D400 && c <= 0x1D7FF) || c == 0x2202;
}
bool digit(char c) { return c >= '0' && c <= '9'; }
constexpr std::uint32_t kCombiningHat = 0x302;

Result<std::vector<Token>> tokens_of(std::string_view s) {
  std::vector<Token> out;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    const int column = static_cast<int>(i) + 1;
    const auto [cp, length] = code_point(s, i);
    if (cp == ' ' || cp == '\t' || cp == '\n') {
      space = true;
      i += length;
      continue;
    }
    Token t{Token::Kind::Operator, {}, space, column};
    space = false;
    std::size_t end = i + length;
    if (cp == '"') {
      end = s.find('"', i + 1);
      if (end == std::string_view::npos)
        return make_error("column " + std::to_string(column) + ": a \"text\" run has no closing '\"'");
      t.kind = Token::Kind::Text;
      t.text = std::string(s.substr(i + 1, end - i - 1));
      ++end;
    } else if (ascii_letter(cp)) {
      t.kind = Token::Kind::Identifier;
      if (end < s.size() && code_point(s, end).first == kCombiningHat) {
        end += code_point(s, end).second;
      } else {
        while (end < s.size() && ascii_letter(static_cast<unsigned char>(s[end]))) ++end;
      }
    } else if (digit(s[i])) {
      t.kind = Token::Kind::Number;
      while (end < s.size() && digit(s[end])) ++end;
      if (end + 1 < s.size() && s[end] == '.' && digit(s[end + 1])) {
        ++end;
        while (end < s.size() && digit(s[end])) ++end;
      }
    } else if (other_letter(cp)) {
      t.kind = Token::Kind::Identifier;
    } else if (cp == '/' && end < s.size() && s[end] == '/') {
      t.kind = Token::Kind::Slash;
      ++end;
    } else {
      t.kind = cp == '{'   ? Token::Kind::Open
               : cp == '}' ? Token::Kind::Close
               : cp == '_' ? Token::Kind::Sub
               : cp == '^' ? Token::Kind::Sup
               : cp == '/' ? Token::Kind::Fraction
                           : Token::Kind::Operator;
    }
    if (t.kind != Token::Kind::Text) t.text = std::string(s.substr(i, end - i));
    out.push_back(std::move(t));
    i = end;
  }
  if (out.empty()) return make_error("the formula is empty");
  return out;
}

std::string escaped(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
  return out;
}

// One node of the formula: its MathML and its text, built bottom-up.
struct Piece {
  std::string mathml, text;
  bool space_before = false;
  bool grouped = false;  // a {...} of several items: wrapped in parentheses as an argument in text
};

// A recursive-descent parser that builds each node's MathML and text as it
// goes. The first problem is kept in error_ and ends the parse (a plain
// string rather than Result<Piece> at every level keeps the WebAssembly small).
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  Result<Formula> formula(std::string_view notation, bool inline_math) {
    std::vector<Piece> items;
    while (i_ < t_.size() && error_.empty()) {
      if (t_[i_].kind == Token::Kind::Close) fail(t_[i_], "'}' closes no group (no '{' before it)");
      items.push_back(item());
    }
    if (!error_.empty()) return make_error(error_);
    Piece row = row_of(std::move(items));
    return Formula{std::string(notation),
                   std::string("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"") +
                       (inline_math ? "inline" : "block") + "\">" + row.mathml + "</math>",
                   std::move(row.text)};
  }

 private:
  void fail(const Token& t, const std::string& message) {
    if (error_.empty()) error_ = "column " + std::to_string(t.column) + ": " + message;
  }

  static Piece row_of(std::vector<Piece> items) {
    if (items.size() == 1) {
      items[0].grouped = false;
      return std::move(items[0]);
    }
    Piece row{"<mrow>", "", items.empty() ? false : items[0].space_before, items.size() > 1};
    for (std::size_t k = 0; k < items.size(); ++k) {
      row.mathml += items[k].mathml;
      if (k && items[k].space_before) row.text += ' ';
      row.text += items[k].text;
    }
    row.mathml += "</mrow>";
    return row;
  }

  // The text of a script or fraction argument: in parentheses when it is a
  // group of several items or words with a space or a slash ("peak FLOP/s"),
  // unless it already is one parenthesised run.
  static std::string argument(const Piece& p) {
    const bool bracketed = p.text.size() >= 2 && p.text.front() == '(' && p.text.back() == ')';
    const bool compound = p.grouped || p.text.find_first_of(" /") != std::string::npos;
    return compound && !bracketed ? "(" + p.text + ")" : p.text;
  }

  static Piece element(const char* tag, const std::string& content, const std::string& text, bool space) {
    return Piece{std::string("<") + tag + ">" + content + "</" + tag + ">", text, space};
  }

  Piece atom() {
    const Token& t = t_[i_++];
    switch (t.kind) {
      case Token::Kind::Open: {
        std::vector<Piece> items;
        while (i_ < t_.size() && t_[i_].kind != Token::Kind::Close && error_.empty()) items.push_back(item());
        if (i_ >= t_.size()) fail(t, "'{' is never closed (expected '}')");
        if (items.empty()) fail(t, "'{}' is an empty group");
        ++i_;
        if (!error_.empty()) return {};
        Piece group = row_of(std::move(items));
        group.space_before = t.space_before;
        return group;
      }
      case Token::Kind::Identifier:
        return element("mi", escaped(t.text), t.text, t.space_before);
      case Token::Kind::Number:
        return element("mn", t.text, t.text, t.space_before);
      case Token::Kind::Text:
        return element("mtext", escaped(t.text), t.text, t.space_before);
      case Token::Kind::Slash:
        return Piece{"<mo lspace=\"0\" rspace=\"0\">/</mo>", "/", t.space_before};
      case Token::Kind::Operator:
        return element("mo", escaped(t.text), t.text, t.space_before);
      case Token::Kind::Close:
        fail(t, "'}' closes no group (no '{' before it)");
        return {};
      case Token::Kind::Sub:
      case Token::Kind::Sup:
      case Token::Kind::Fraction:
        break;
    }
    fail(t, "'" + t.text + "' needs a term before it");
    return {};
  }

  // What follows _, ^ (one atom) or / (an item, so a/b^2 is a over b²).
  Piece argument_after(const Token& mark) {
    if (i_ >= t_.size()) {
      fail(mark, "'" + mark.text + "' needs a term after it");
      return {};
    }
    return mark.kind == Token::Kind::Fraction ? item() : atom();
  }

  Piece item() {
    Piece base = atom();
    while (i_ < t_.size() && error_.empty()) {
      const Token& mark = t_[i_];
      const bool sub = mark.kind == Token::Kind::Sub, sup = mark.kind == Token::Kind::Sup;
      if (!sub && !sup && mark.kind != Token::Kind::Fraction) break;
      ++i_;
      const Piece b = argument_after(mark);
      if (sub && i_ < t_.size() && t_[i_].kind == Token::Kind::Sup) {
        const Token& up = t_[i_++];
        const Piece c = argument_after(up);
        base = element("msubsup", base.mathml + b.mathml + c.mathml,
                       argument(base) + "_" + argument(b) + "^" + argument(c), base.space_before);
      } else {
        base = element(sub   ? "msub"
                       : sup ? "msup"
                             : "mfrac",
                       base.mathml + b.mathml,
                       argument(base) +
                           (sub   ? "_"
                            : sup ? "^"
                                  : "/") +
                           argument(b),
                       base.space_before);
      }
    }
    return base;
  }

  std::vector<Token> t_;
  std::size_t i_ = 0;
  std::string error_;
};

}  // namespace

Result<Formula> parse_formula(std::string_view notation, bool inline_math) {
  auto tokens = tokens_of(notation);
  if (!tokens) return tokens.error();
  return Parser(std::move(*tokens)).formula(notation, inline_math);
}

}  // namespace derive

namespace derive {
namespace {

// The length of the letter or digit (a character of an identifier or number
// in the notation) starting at s[i], or 0.
std::size_t word_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const auto [cp, length] = code_point(s, i);
  return ascii_letter(cp) || digit(s[i]) || other_letter(cp) ? length : 0;
}

// The start of the code point that ends just before s[end].
std::size_t previous_start(std::string_view s, std::size_t end) {
  std::size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// The index one past the bracket closing the one at s[open] ('(' or '['), or npos.
std::size_t closing(std::string_view s, std::size_t open) {
  const char o = s[open], c = o == '(' ? ')' : ']';
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    depth += s[i] == o ? 1 : s[i] == c ? -1 : 0;
    if (depth == 0) return i + 1;
  }
  return std::string_view::npos;
}

// The index of the bracket opening the one at s[close - 1] (')' or ']'), or npos.
std::size_t opening(std::string_view s, std::size_t close) {
  const char c = s[close - 1], o = c == ')' ? '(' : '[';
  int depth = 0;
  for (std::size_t i = close; i-- > 0;) {
    depth += s[i] == c ? 1 : s[i] == o ? -1 : 0;
    if (depth == 0) return i;
  }
  return std::string_view::npos;
}

// Plain text's "a / b" is the notation's inline slash "a // b".
std::string inline_slashes(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '/' ? std::string("//") : std::string(1, c);
  return out;
}

constexpr std::string_view kMinus = "\xE2\x88\x92";  // U+2212

// The script after the mark at s[mark] as notation, and the index past it;
// an empty notation when none follows.
std::pair<std::string, std::size_t> script_at(std::string_view s, std::size_t mark) {
  std::size_t i = mark + 1;
  if (i < s.size() && s[i] == '(') {
    const std::size_t end = closing(s, i);
    if (end == std::string_view::npos || end == i + 2) return {"", i};
    return {"{" + inline_slashes(s.substr(i + 1, end - i - 2)) + "}", end};
  }
  std::string sign;
  if (s.substr(i, 1) == "-" || s.substr(i, kMinus.size()) == kMinus) {
    i += s[i] == '-' ? 1 : kMinus.size();
    if (i >= s.size() || !digit(s[i])) return {"", mark + 1};
    sign = std::string(kMinus);
  }
  const std::size_t start = i;
  while (std::size_t length = word_at(s, i)) i += length;
  if (i == start) return {"", mark + 1};
  return {"{" + sign + std::string(s.substr(start, i - start)) + "}", i};
}

}  // namespace

std::vector<TextRun> typeset_inline_math(std::string_view s) {
  std::vector<TextRun> runs;
  std::size_t plain = 0;  // where the text not yet in a run starts
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] != '_' && s[i] != '^') continue;
    // The base: a bracketed group or a run of letters and digits.
    std::size_t start = i;
    std::string base;
    if (s[i - 1] == ')' || s[i - 1] == ']') {
      start = opening(s, i);
      if (start == std::string_view::npos) continue;
      base = "{" + inline_slashes(s.substr(start, i - start)) + "}";
    } else {
      while (start > 0 && word_at(s, previous_start(s, start)) == start - previous_start(s, start))
        start = previous_start(s, start);
      base = std::string(s.substr(start, i - start));
    }
    if (start == i || start < plain) continue;
    std::string notation = base;
    std::size_t end = i;
    while (end < s.size() && (s[end] == '_' || s[end] == '^')) {
      auto [script, after] = script_at(s, end);
      if (script.empty()) break;
      notation += s[end] + script;
      end = after;
    }
    // Quotes and braces mean something else in the notation: such a run stays text.
    if (end == i || s.substr(start, end - start).find_first_of("\"{}") != std::string_view::npos) continue;
    auto formula = parse_formula(notation, /*inline_math=*/true);
    if (!formula) continue;
    if (start > plain) runs.push_back({std::string(s.substr(plain, start - plain)), ""});
    runs.push_back({std::string(s.substr(start, end - start)), std::move(formula->mathml)});
    plain = end;
    i = end - 1;
  }
  if (plain < s.size()) runs.push_back({std::string(s.substr(plain)), ""});
  return runs;
}

}  // namespace derive
