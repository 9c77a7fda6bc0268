// Text templates of the catalogue: prompts, steps, remarks and mistake messages
// with {expression} and {expression:format} placeholders, filled with a
// variant's own numbers, and conditional wordings
// {if cond: text | else if cond: text | else: text} whose texts are templates
// themselves. Formats and conditions are described in docs/catalogue-format.md.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "derive/expr/expression.hpp"
#include "derive/result.hpp"
#include "derive/value.hpp"

namespace derive {

// A catalogue text, split and with every placeholder parsed once, when the
// catalogue is loaded: drawing a variant only evaluates and formats. A text
// that does not split or parse is kept with its problems, which lint reports
// and render() returns.
class Template {
 public:
  // One wording of a conditional: shown when `condition` is true (no
  // condition: the `else` wording).
  struct Branch {
    std::string condition_text;
    std::optional<Expression> condition;  // absent for `else`, or when it does not parse
    std::string problem;                  // why the condition does not parse
    std::shared_ptr<const Template> text;
  };
  struct Piece {
    std::string text;    // literal text, or the placeholder's expression as written
    std::string format;  // the placeholder's format ("" = automatic)
    bool placeholder = false;
    std::optional<Expression> expression;  // a placeholder that parses
    std::string problem;                   // why a placeholder does not parse
    std::string format_problem;            // why its format is not "", .N, sN, eN or %N (N <= 15)
    std::vector<Branch> branches;          // non-empty for a conditional {if ...}
  };

  Template() = default;
  explicit Template(std::string text);

  const std::string& text() const { return text_; }
  bool empty() const { return text_.empty(); }
  // Why the text does not split into pieces (an unclosed '{', a stray '}', an
  // empty placeholder, with the character offset), or "" when it does.
  const std::string& split_problem() const { return split_problem_; }
  const std::vector<Piece>& pieces() const { return pieces_; }

  // The value of every placeholder, in order; the first piece that does not
  // parse, has an unknown format or fails to evaluate gives the error. A
  // conditional contributes the index of the wording it chose (the number of
  // wordings when none is chosen) followed by that wording's values; its
  // conditions must be true/false. Once they evaluate, format() cannot fail:
  // rendering is the same as evaluating.
  Result<std::vector<Value>> evaluate(const Environment& env) const;
  // The text with the placeholders filled. REQUIRES: `values` from evaluate().
  std::string format(const std::vector<Value>& values) const;
  // evaluate() then format().
  Result<std::string> render(const Environment& env) const;

 private:
  Status evaluate_into(const Environment& env, std::vector<Value>& values) const;
  void format_into(const std::vector<Value>& values, std::size_t& next, std::string& out) const;

  std::string text_;
  std::string split_problem_;
  std::vector<Piece> pieces_;
};

}  // namespace derive
