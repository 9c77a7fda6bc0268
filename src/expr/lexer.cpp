#include "expr/lexer.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "derive/decimal.hpp"
#include "derive/text/echo.hpp"

namespace derive::expr {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

// Characters people paste from papers and word processors, read as their ASCII
// operator. Everything else outside ASCII is an error rather than a guess.
struct UnicodeOperator {
  std::string_view utf8;
  TokenKind kind;
};
constexpr UnicodeOperator kUnicodeOperators[] = {
    {"\xC3\x97", TokenKind::Star},              // × multiplication sign
    {"\xC2\xB7", TokenKind::Star},              // · middle dot
    {"\xC3\xB7", TokenKind::Slash},             // ÷ division sign
    {"\xE2\x88\x92", TokenKind::Minus},         // − minus sign
    {"\xE2\x89\xA4", TokenKind::LessEqual},     // ≤
    {"\xE2\x89\xA5", TokenKind::GreaterEqual},  // ≥
    {"\xE2\x89\xA0", TokenKind::NotEqual},      // ≠
};
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

// The length of the well-formed UTF-8 sequence at the start of `rest`, or 0.
std::size_t utf8_length(std::string_view rest) {
  const auto lead = static_cast<unsigned char>(rest[0]);
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4;
  if (length == 0 || rest.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i)
    if ((static_cast<unsigned char>(rest[i]) & 0xC0) != 0x80) return 0;
  return length;
}

Error unexpected_character(std::string_view rest, int column) {
  const auto byte = static_cast<unsigned char>(rest[0]);
  if (byte >= 0x21 && byte < 0x7F)
    return error_at_column(ErrorCode::Syntax, column, std::string("unexpected character '") + rest[0] + "'");
  if (const std::size_t length = utf8_length(rest); length > 0) {
    return error_at_column(ErrorCode::Syntax, column,
                           "unexpected character '" + text::printable(rest.substr(0, length)) + "'");
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", byte);
  return error_at_column(ErrorCode::Syntax, column, std::string("unexpected byte ") + hex);
}

// Integers longer than 15 digits may not survive a trip through a double
// (2^53 has 16 digits), so they are read exactly when they fit in 64 bits.
bool parse_exact_integer(std::string_view digits, std::int64_t& out) {
  std::int64_t value = 0;
  for (char c : digits) {
    if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, c - '0', &value)) {
      return false;
    }
  }
  out = value;
  return true;
}

// Reads the number at the start of `rest` (which begins with a digit or '.').
// strtod rather than std::from_chars: the WebAssembly libc++ has no floating
// from_chars. The buffer copy gives strtod a terminator and a hard end.
Result<Token> lex_number(std::string_view rest, int column) {
  std::size_t i = 0;
  std::size_t mantissa_digits = 0;
  bool is_integer = true;
  while (i < rest.size() && is_digit(rest[i])) ++i, ++mantissa_digits;
  if (i < rest.size() && rest[i] == '.') {
    is_integer = false;
    ++i;
    while (i < rest.size() && is_digit(rest[i])) ++i, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return error_at_column(ErrorCode::Syntax, column, "unexpected character '.'");
  if (i < rest.size() && (rest[i] == 'e' || rest[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < rest.size() && (rest[j] == '+' || rest[j] == '-')) ++j;
    if (j < rest.size() && is_digit(rest[j])) {
      is_integer = false;
      while (j < rest.size() && is_digit(rest[j])) ++j;
      i = j;
    } else {
      return error_at_column(
          ErrorCode::Syntax, column,
          "number '" + std::string(rest.substr(0, j)) + "' needs digits after the exponent");
    }
  }
  const std::string_view text = rest.substr(0, i);
  if (i < rest.size() && (is_ident_char(rest[i]) || rest[i] == '.')) {
    std::size_t end = i;
    while (end < rest.size() && (is_ident_char(rest[end]) || rest[end] == '.')) ++end;
    std::string message = "malformed number '" + std::string(rest.substr(0, end)) + "'";
    if (is_ident_start(rest[i])) {
      message +=
          "; to multiply, write '" + std::string(text) + "*" + std::string(rest.substr(i, end - i)) + "'";
    }
    return error_at_column(ErrorCode::Syntax, column, message);
  }

  Token token{TokenKind::Number, text, column, Number()};
  std::int64_t exact = 0;
  if (is_integer && parse_exact_integer(text, exact)) {
    token.number = Number::exact(exact);
    return token;
  }
  const std::string buffer(text);
  const double value = read_decimal(buffer);
  if (!std::isfinite(value))
    return error_at_column(ErrorCode::Syntax, column, "number '" + buffer + "' is too large");
  token.number = Number::from_double(value);
  return token;
}

// One- and two-character ASCII operators. Returns the length matched (0: none).
std::size_t match_operator(std::string_view rest, TokenKind& kind) {
  const char c = rest[0];
  const char next = rest.size() > 1 ? rest[1] : '\0';
  switch (c) {
    case '+':
      kind = TokenKind::Plus;
      return 1;
    case '-':
      kind = TokenKind::Minus;
      return 1;
    case '*':
      kind = TokenKind::Star;
      return 1;
    case '/':
      kind = TokenKind::Slash;
      return 1;
    case '^':
      kind = TokenKind::Caret;
      return 1;
    case '(':
      kind = TokenKind::LParen;
      return 1;
    case ')':
      kind = TokenKind::RParen;
      return 1;
    case '[':
      kind = TokenKind::LBracket;
      return 1;
    case ']':
      kind = TokenKind::RBracket;
      return 1;
    case ',':
      kind = TokenKind::Comma;
      return 1;
    case '=':
      kind = next == '=' ? TokenKind::Equal : TokenKind::Assign;
      return next == '=' ? 2 : 1;
    case '!':
      kind = next == '=' ? TokenKind::NotEqual : TokenKind::Not;
      return next == '=' ? 2 : 1;
    case '<':
      kind = next == '=' ? TokenKind::LessEqual : TokenKind::Less;
      return next == '=' ? 2 : 1;
    case '>':
      kind = next == '=' ? TokenKind::GreaterEqual : TokenKind::Greater;
      return next == '=' ? 2 : 1;
    case '&':
      kind = TokenKind::And;
      return next == '&' ? 2 : 0;
    case '|':
      kind = TokenKind::Or;
      return next == '|' ? 2 : 0;
    default:
      return 0;
  }
}

// Operators from other languages that people type by habit, with the fix.
std::string habit_hint(std::string_view rest) {
  if (rest.substr(0, 2) == "**") return "'**' is not an operator; write '^' for a power";
  const char next = rest.size() > 1 ? rest[1] : '\0';
  if (rest[0] == '&' && next != '&') return "'&' is not an operator; write '&&' for 'and'";
  if (rest[0] == '|' && next != '|') return "'|' is not an operator; write '||' for 'or'";
  return "";
}

}  // namespace

std::string describe(const Token& token) {
  if (token.kind == TokenKind::End) return "end of input";
  return "'" + std::string(token.text) + "'";
}

Result<std::vector<Token>> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  int column = 1;
  // Advances past `length` bytes, counting one column per code point.
  auto advance = [&](std::size_t length) {
    for (std::size_t k = 0; k < length; ++k, ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  };
  while (i < text.size()) {
    const std::string_view rest = text.substr(i);
    const char c = rest[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      advance(1);
      continue;
    }
    if (rest.substr(0, kNoBreakSpace.size()) == kNoBreakSpace) {
      advance(kNoBreakSpace.size());
      continue;
    }
    if (is_digit(c) || c == '.') {
      DERIVE_TRY(Token token, lex_number(rest, column));
      tokens.push_back(token);
      advance(token.text.size());
      continue;
    }
    if (is_ident_start(c)) {
      std::size_t length = 1;
      while (length < rest.size() && is_ident_char(rest[length])) ++length;
      tokens.push_back(Token{TokenKind::Identifier, rest.substr(0, length), column, Number()});
      advance(length);
      continue;
    }
    if (const std::string hint = habit_hint(rest); !hint.empty())
      return error_at_column(ErrorCode::Syntax, column, hint);
    TokenKind kind = TokenKind::End;
    std::size_t length = match_operator(rest, kind);
    if (length == 0) {
      for (const UnicodeOperator& op : kUnicodeOperators) {
        if (rest.substr(0, op.utf8.size()) == op.utf8) {
          kind = op.kind;
          length = op.utf8.size();
          break;
        }
      }
    }
    if (length == 0) return unexpected_character(rest, column);
    tokens.push_back(Token{kind, rest.substr(0, length), column, Number()});
    advance(length);
  }
  tokens.push_back(Token{TokenKind::End, text.substr(text.size()), column, Number()});
  return tokens;
}

}  // namespace derive::expr
