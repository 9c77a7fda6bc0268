// The parser: tokens to an immutable tree (recursive descent, one function per
// precedence level of the grammar in expression.hpp).
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "derive/registry.hpp"
#include "derive/result.hpp"
#include "expr/node.hpp"

namespace derive::expr {

// Deeper nesting is refused: parsing and evaluation recurse once per level, and
// the WebAssembly stack is small (64 KiB by default).
inline constexpr int kMaxDepth = 200;
// Longer text is refused before lexing; no catalogue formula comes near it.
inline constexpr std::size_t kMaxLength = 10000;

struct ParseOutput {
  Node root;
  std::set<std::string, std::less<>> names;      // identifiers read as values
  std::set<std::string, std::less<>> functions;  // builtins and engine functions called
};

Result<ParseOutput> parse(std::string_view text, const Registry& registry);

}  // namespace derive::expr
