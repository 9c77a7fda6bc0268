#include "derive/exercise/template.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "derive/number_format.hpp"

namespace derive {
namespace {

// The automatic format: whole numbers in full with thousands separators, others
// to 4 significant figures without trailing zeros (0.03137, 13.6, 1.506,
// 1.5 × 10^20; the zeros of an exponent stay).
std::string format_auto(const Number& n) {
  if (n.is_integral() && std::fabs(n.to_double()) < 1e18) return format_grouped(n);
  return trim_zeros(format_significant(n.to_double(), 4));
}

// "6.78 × 10^11" with `figures` significant figures.
std::string format_scientific(double value, int figures) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", figures > 0 ? figures - 1 : 0, value);
  std::string s = buffer;
  const auto e = s.find('e');
  const std::string mantissa = s.substr(0, e);
  const int exponent = std::atoi(s.c_str() + e + 1);
  if (exponent == 0) return mantissa;
  return mantissa + " × 10^" + std::to_string(exponent);
}

// "", ".N", "sN", "eN" or "%N" with N in 0..15.
Status check_format(std::string_view format) {
  if (format.empty()) return {};
  const std::string_view digits = format.substr(1);
  const bool kind_ok = format[0] == '.' || format[0] == 's' || format[0] == 'e' || format[0] == '%';
  bool digits_ok = !digits.empty() && digits.size() <= 2;
  for (char c : digits) digits_ok = digits_ok && c >= '0' && c <= '9';
  if (!kind_ok || !digits_ok || std::atoi(std::string(digits).c_str()) > 15) {
    return make_error("unknown format '" + std::string(format) +
                      "': expected .N (decimals), sN (significant figures), eN (scientific) or %N "
                      "(percentage), N from 0 to 15");
  }
  return {};
}

// REQUIRES: check_format(format) holds.
std::string format_number(const Number& n, std::string_view format) {
  // An exact count that overflowed 64 bits is marked in every format.
  const std::string approximate = n.approximate() ? "≈ " : "";
  if (format.empty()) return approximate + format_auto(n);
  const int digits = std::atoi(std::string(format.substr(1)).c_str());
  const double v = n.to_double();
  std::string out;
  switch (format[0]) {
    case '.':
      out = format_fixed(v, digits);
      break;
    case 's':
      out = format_significant(v, digits);
      break;
    case 'e':
      out = format_scientific(v, digits);
      break;
    default:
      out = format_fixed(v * 100.0, digits) + "%";
      break;  // '%'
  }
  return approximate + out;
}

// REQUIRES: check_format(format) holds.
std::string format_value(const Value& value, std::string_view format) {
  if (value.is_bool()) return value.boolean() ? "yes" : "no";
  if (value.is_number()) return format_number(value.number(), format);
  std::string out = "[";
  for (std::size_t i = 0; i < value.list().size(); ++i)
    out += (i ? ", " : "") + format_number(value.list()[i], format);
  return out + "]";
}

// The index of the '}' that closes the '{' at `open`, counting nested braces
// (a conditional's wordings hold placeholders), or npos.
std::size_t matching_close(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  const std::size_t first = s.find_first_not_of(" \t\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\n") - first + 1);
}

// A placeholder that starts with the word `if` and a space is a conditional
// (the expression function if(c, a, b) is followed by '(').
bool is_conditional(std::string_view inner) {
  inner = trim(inner);
  return inner.size() > 3 && inner.substr(0, 2) == "if" && (inner[2] == ' ' || inner[2] == '\t');
}

// Splits `inner` at the '|' characters outside nested braces.
std::vector<std::string_view> split_wordings(std::string_view inner) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '{') ++depth;
    if (inner[i] == '}') --depth;
    if (inner[i] == '|' && depth == 0) {
      parts.push_back(inner.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(inner.substr(start));
  return parts;
}

// "if c: text | else if c: text | else: text" into branches; the error says
// which wording is malformed.
Result<std::vector<Template::Branch>> parse_conditional(std::string_view inner) {
  std::vector<Template::Branch> branches;
  const auto wordings = split_wordings(inner);
  for (std::size_t k = 0; k < wordings.size(); ++k) {
    std::string_view w = trim(wordings[k]);
    const bool is_else = k > 0 && w.substr(0, 4) == "else" &&
                         (w.size() == 4 || !std::isalnum(static_cast<unsigned char>(w[4])));
    if (is_else) w = trim(w.substr(4));
    const bool has_if = w.substr(0, 2) == "if" && w.size() > 2 && (w[2] == ' ' || w[2] == '\t');
    if (k == 0 ? !has_if : !is_else) {
      return make_error("wording " + std::to_string(k + 1) + " of a conditional must start with " +
                        (k == 0 ? "'if COND:'" : "'else if COND:' or 'else:'") + ", got '" + std::string(w) +
                        "'");
    }
    if (is_else && !has_if && k + 1 != wordings.size()) {
      return make_error("'else:' must be the last wording of a conditional");
    }
    if (has_if) w = trim(w.substr(2));
    // The condition ends at the first ':' (conditions hold no ':').
    const std::size_t colon = w.find(':');
    if (colon == std::string_view::npos) {
      return make_error("wording " + std::to_string(k + 1) + " of a conditional has no ':' before its text");
    }
    Template::Branch branch;
    branch.condition_text = std::string(trim(w.substr(0, colon)));
    if (has_if) {
      if (branch.condition_text.empty()) {
        return make_error("wording " + std::to_string(k + 1) + " of a conditional has an empty condition");
      }
      auto condition = Expression::parse(branch.condition_text);
      if (condition) {
        branch.condition = std::move(condition).value();
      } else {
        branch.problem = condition.error().message;
      }
    } else if (!branch.condition_text.empty()) {
      return make_error("'else' takes no condition; write 'else if COND:'");
    }
    std::string_view text = w.substr(colon + 1);
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    // Trailing spaces before '|' separate the wordings, they are not part of the text.
    while (!text.empty() && text.back() == ' ' && k + 1 != wordings.size()) text.remove_suffix(1);
    branch.text = std::make_shared<const Template>(std::string(text));
    if (!branch.text->split_problem().empty()) {
      return make_error("in wording " + std::to_string(k + 1) + ": " + branch.text->split_problem());
    }
    branches.push_back(std::move(branch));
  }
  return branches;
}

// Splits `text` into literal and placeholder pieces; the error names the
// character where splitting failed.
Result<std::vector<Template::Piece>> split(std::string_view text) {
  std::vector<Template::Piece> pieces;
  std::string literal;
  auto flush_literal = [&] {
    if (!literal.empty()) pieces.push_back({literal, "", false, std::nullopt, "", "", {}});
    literal.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
    } else if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      literal += '}';
      ++i;
    } else if (c == '}') {
      return make_error("stray '}' at character " + std::to_string(i + 1) + " (write '}}' for a brace)");
    } else if (c == '{') {
      const std::size_t close = matching_close(text, i);
      if (close == std::string_view::npos) {
        return make_error("'{' at character " + std::to_string(i + 1) + " is never closed");
      }
      std::string_view inner = text.substr(i + 1, close - i - 1);
      Template::Piece piece;
      piece.placeholder = true;
      if (is_conditional(inner)) {
        auto branches = parse_conditional(inner);
        if (!branches) {
          return make_error("conditional at character " + std::to_string(i + 1) + ": " +
                            branches.error().message);
        }
        piece.text = std::string(trim(inner));
        piece.branches = std::move(branches).value();
        flush_literal();
        pieces.push_back(std::move(piece));
        i = close;
        continue;
      }
      const std::size_t colon = inner.find(':');
      piece.text = std::string(inner.substr(0, colon));
      if (colon != std::string_view::npos) piece.format = std::string(inner.substr(colon + 1));
      if (piece.text.find_first_not_of(" \t") == std::string::npos) {
        return make_error("empty placeholder at character " + std::to_string(i + 1));
      }
      flush_literal();
      pieces.push_back(std::move(piece));
      i = close;
    } else {
      literal += c;
    }
  }
  flush_literal();
  return pieces;
}

}  // namespace

Template::Template(std::string text) : text_(std::move(text)) {
  auto pieces = split(text_);
  if (!pieces) {
    split_problem_ = pieces.error().message;
    return;
  }
  pieces_ = std::move(pieces).value();
  for (Piece& piece : pieces_) {
    if (!piece.placeholder || !piece.branches.empty()) continue;
    if (auto format = check_format(piece.format); !format) piece.format_problem = format.error().message;
    auto expression = Expression::parse(piece.text);
    if (expression) {
      piece.expression = std::move(expression).value();
    } else {
      piece.problem = expression.error().message;
    }
  }
}

Status Template::evaluate_into(const Environment& env, std::vector<Value>& values) const {
  if (!split_problem_.empty()) return make_error(split_problem_);
  for (const Piece& piece : pieces_) {
    if (!piece.placeholder) continue;
    if (!piece.branches.empty()) {
      std::size_t chosen = piece.branches.size();
      for (std::size_t k = 0; k < piece.branches.size() && chosen == piece.branches.size(); ++k) {
        const Branch& branch = piece.branches[k];
        if (!branch.condition && branch.problem.empty()) {
          chosen = k;  // else
          break;
        }
        const std::string where = "{if " + branch.condition_text + ": ...}: ";
        if (!branch.condition) return make_error(where + branch.problem);
        auto holds = branch.condition->evaluate(env);
        if (!holds) return make_error(where + holds.error().message);
        if (!holds->is_bool())
          return make_error(where + "the condition is a number, not a true/false comparison");
        if (holds->boolean()) chosen = k;
      }
      values.push_back(Value::integer(static_cast<std::int64_t>(chosen)));
      if (chosen < piece.branches.size())
        DERIVE_CHECK(piece.branches[chosen].text->evaluate_into(env, values));
      continue;
    }
    if (!piece.expression) return make_error("{" + piece.text + "}: " + piece.problem);
    if (!piece.format_problem.empty()) return make_error("{" + piece.text + "}: " + piece.format_problem);
    auto value = piece.expression->evaluate(env);
    if (!value) return make_error("{" + piece.text + "}: " + value.error().message);
    values.push_back(std::move(value).value());
  }
  return {};
}

Result<std::vector<Value>> Template::evaluate(const Environment& env) const {
  std::vector<Value> values;
  DERIVE_CHECK(evaluate_into(env, values));
  return values;
}

void Template::format_into(const std::vector<Value>& values, std::size_t& next, std::string& out) const {
  for (const Piece& piece : pieces_) {
    if (!piece.placeholder) {
      out += piece.text;
    } else if (!piece.branches.empty()) {
      const auto chosen = static_cast<std::size_t>(values[next++].number().to_double());
      if (chosen < piece.branches.size()) piece.branches[chosen].text->format_into(values, next, out);
    } else {
      out += format_value(values[next++], piece.format);
    }
  }
}

std::string Template::format(const std::vector<Value>& values) const {
  std::string out;
  std::size_t next = 0;
  format_into(values, next, out);
  return out;
}

Result<std::string> Template::render(const Environment& env) const {
  DERIVE_TRY(std::vector<Value> values, evaluate(env));
  return format(values);
}

}  // namespace derive
