// The lexer of the expression language: text to tokens, with 1-based columns
// counted in characters (UTF-8 code points), so an error points at the same
// place a person sees on screen even after a pasted "×".
#pragma once

#include <string_view>
#include <vector>

#include "derive/number.hpp"
#include "derive/result.hpp"

namespace derive::expr {

enum class TokenKind {
  Number,
  Identifier,
  Plus,
  Minus,
  Star,
  Slash,
  Caret,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Assign,  // a single '=': only valid for named arguments
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  And,
  Or,
  Not,
  End,
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string_view text;  // the source slice ("×" for a pasted multiplication sign)
  int column = 1;
  Number number;  // set for TokenKind::Number
};

// How a token is named in an error message: "end of input" or "'x'".
std::string describe(const Token& token);

// Splits `text` into tokens ending with one TokenKind::End. The tokens point into
// `text`, which must outlive them.
Result<std::vector<Token>> tokenize(std::string_view text);

}  // namespace derive::expr
