#include "derive/exercise/template.hpp"

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

// Splits `text` into literal and placeholder pieces; the error names the
// character where splitting failed.
Result<std::vector<Template::Piece>> split(std::string_view text) {
  std::vector<Template::Piece> pieces;
  std::string literal;
  auto flush_literal = [&] {
    if (!literal.empty()) pieces.push_back({literal, "", false, std::nullopt, "", ""});
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
      const std::size_t close = text.find('}', i + 1);
      if (close == std::string_view::npos) {
        return make_error("'{' at character " + std::to_string(i + 1) + " is never closed");
      }
      std::string_view inner = text.substr(i + 1, close - i - 1);
      Template::Piece piece;
      piece.placeholder = true;
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
    if (!piece.placeholder) continue;
    if (auto format = check_format(piece.format); !format) piece.format_problem = format.error().message;
    auto expression = Expression::parse(piece.text);
    if (expression) {
      piece.expression = std::move(expression).value();
    } else {
      piece.problem = expression.error().message;
    }
  }
}

Result<std::vector<Value>> Template::evaluate(const Environment& env) const {
  if (!split_problem_.empty()) return make_error(split_problem_);
  std::vector<Value> values;
  for (const Piece& piece : pieces_) {
    if (!piece.placeholder) continue;
    if (!piece.expression) return make_error("{" + piece.text + "}: " + piece.problem);
    if (!piece.format_problem.empty()) return make_error("{" + piece.text + "}: " + piece.format_problem);
    auto value = piece.expression->evaluate(env);
    if (!value) return make_error("{" + piece.text + "}: " + value.error().message);
    values.push_back(std::move(value).value());
  }
  return values;
}

std::string Template::format(const std::vector<Value>& values) const {
  std::string out;
  std::size_t next = 0;
  for (const Piece& piece : pieces_)
    out += piece.placeholder ? format_value(values[next++], piece.format) : piece.text;
  return out;
}

Result<std::string> Template::render(const Environment& env) const {
  DERIVE_TRY(std::vector<Value> values, evaluate(env));
  return format(values);
}

}  // namespace derive
