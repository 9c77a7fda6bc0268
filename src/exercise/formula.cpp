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

  Result<Formula> formula(std::string_view notation) {
    std::vector<Piece> items;
    while (i_ < t_.size() && error_.empty()) {
      if (t_[i_].kind == Token::Kind::Close) fail(t_[i_], "'}' closes no group (no '{' before it)");
      items.push_back(item());
    }
    if (!error_.empty()) return make_error(error_);
    Piece row = row_of(std::move(items));
    return Formula{
        std::string(notation),
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">" + row.mathml + "</math>",
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

Result<Formula> parse_formula(std::string_view notation) {
  auto tokens = tokens_of(notation);
  if (!tokens) return tokens.error();
  return Parser(std::move(*tokens)).formula(notation);
}

}  // namespace derive
