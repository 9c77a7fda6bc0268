// Text templates of the catalogue: prompts, steps, remarks and mistake messages
// with {expression} and {expression:format} placeholders, filled with a
// variant's own numbers. Formats are listed in docs/catalogue-format.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"
#include "derive/value.hpp"
#include "expr/expression.hpp"

namespace derive {

struct TemplatePiece {
  std::string text;    // literal text, or the placeholder's expression
  std::string format;  // the placeholder's format ("" = automatic)
  bool placeholder = false;
};

// Splits a template; errors for an unclosed '{', a stray '}' or an empty
// placeholder, with the character offset.
Result<std::vector<TemplatePiece>> split_template(std::string_view text);

// Checks a format spec: "", ".N", "sN", "eN", "%N" with N in 0..15.
Status check_format(std::string_view format);

// Formats one value: numbers per `format`, booleans as yes/no, lists as [a, b].
Result<std::string> format_value(const Value& value, std::string_view format);

// Fills every placeholder; the first failing expression gives the error.
Result<std::string> render_template(std::string_view text, const Environment& env);

}  // namespace derive
