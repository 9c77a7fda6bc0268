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

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  Result<Piece> formula() {
    std::vector<Piece> items;
    while (i_ < t_.size()) {
      if (t_[i_].kind == Token::Kind::Close)
        return make_error(at(t_[i_]) + "'}' closes no group (no '{' before it)");
      auto item = this->item();
      if (!item) return item.error();
      items.push_back(std::move(*item));
    }
    Piece row = row_of(std::move(items));
    row.mathml =
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">" + row.mathml + "</math>";
    return row;
  }

 private:
  static std::string at(const Token& t) { return "column " + std::to_string(t.column) + ": "; }

  static Piece row_of(std::vector<Piece> items) {
    if (items.size() == 1) {
      items[0].grouped = false;
      return std::move(items[0]);
    }
    Piece row{"<mrow>", "", items.empty() ? false : items[0].space_before, items.size() > 1};
    for (std::size_t k = 0; k < items.size(); ++k) {
      row.mathml += items[k].mathml;
      row.text += (k && items[k].space_before ? " " : "") + items[k].text;
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

  Result<Piece> atom() {
    if (i_ >= t_.size()) return make_error("the formula ends where a term was expected");
    const Token& t = t_[i_++];
    switch (t.kind) {
      case Token::Kind::Open: {
        std::vector<Piece> items;
        while (i_ < t_.size() && t_[i_].kind != Token::Kind::Close) {
          auto item = this->item();
          if (!item) return item.error();
          items.push_back(std::move(*item));
        }
        if (i_ >= t_.size()) return make_error(at(t) + "'{' is never closed (expected '}')");
        ++i_;
        if (items.empty()) return make_error(at(t) + "'{}' is an empty group");
        Piece group = row_of(std::move(items));
        group.space_before = t.space_before;
        return group;
      }
      case Token::Kind::Identifier:
        return Piece{"<mi>" + escaped(t.text) + "</mi>", t.text, t.space_before};
      case Token::Kind::Number:
        return Piece{"<mn>" + t.text + "</mn>", t.text, t.space_before};
      case Token::Kind::Text:
        return Piece{"<mtext>" + escaped(t.text) + "</mtext>", t.text, t.space_before};
      case Token::Kind::Slash:
        return Piece{"<mo lspace=\"0\" rspace=\"0\">/</mo>", "/", t.space_before};
      case Token::Kind::Operator:
        return Piece{"<mo>" + escaped(t.text) + "</mo>", t.text, t.space_before};
      case Token::Kind::Close:
        return make_error(at(t) + "'}' closes no group (no '{' before it)");
      case Token::Kind::Sub:
      case Token::Kind::Sup:
      case Token::Kind::Fraction:
        break;
    }
    return make_error(at(t) + "'" + t.text + "' needs a term before it");
  }

  Result<Piece> argument_after(const Token& mark) {
    if (i_ >= t_.size()) return make_error(at(mark) + "'" + mark.text + "' needs a term after it");
    return mark.kind == Token::Kind::Fraction ? item() : atom();
  }

  Result<Piece> item() {
    auto a = atom();
    if (!a) return a;
    Piece base = std::move(*a);
    while (i_ < t_.size()) {
      const Token& mark = t_[i_];
      if (mark.kind != Token::Kind::Sub && mark.kind != Token::Kind::Sup &&
          mark.kind != Token::Kind::Fraction)
        break;
      ++i_;
      auto b = argument_after(mark);
      if (!b) return b;
      if (mark.kind == Token::Kind::Fraction) {
        base = Piece{"<mfrac>" + base.mathml + b->mathml + "</mfrac>", argument(base) + "/" + argument(*b),
                     base.space_before};
      } else if (mark.kind == Token::Kind::Sub && i_ < t_.size() && t_[i_].kind == Token::Kind::Sup) {
        const Token& sup = t_[i_++];
        auto c = argument_after(sup);
        if (!c) return c;
        base = Piece{"<msubsup>" + base.mathml + b->mathml + c->mathml + "</msubsup>",
                     argument(base) + "_" + argument(*b) + "^" + argument(*c), base.space_before};
      } else {
        const char* tag = mark.kind == Token::Kind::Sub ? "msub" : "msup";
        base = Piece{std::string("<") + tag + ">" + base.mathml + b->mathml + "</" + tag + ">",
                     argument(base) + mark.text + argument(*b), base.space_before};
      }
    }
    return base;
  }

  std::vector<Token> t_;
  std::size_t i_ = 0;
};

}  // namespace

Result<Formula> parse_formula(std::string_view notation) {
  auto tokens = tokens_of(notation);
  if (!tokens) return tokens.error();
  auto piece = Parser(std::move(*tokens)).formula();
  if (!piece) return piece.error();
  return Formula{std::string(notation), std::move(piece->mathml), std::move(piece->text)};
}

}  // namespace derive
