#include "exercise/precision.hpp"

#include <cmath>

#include "derive/number_format.hpp"

namespace derive {

double tolerance(const Precision& precision, double answer) {
  switch (precision.kind) {
    case Precision::Kind::Exact:
      return 0.0;
    case Precision::Kind::Decimals:
      return 0.5 * std::pow(10.0, -precision.digits);
    case Precision::Kind::Significant: {
      if (answer == 0.0) return 0.5 * std::pow(10.0, -precision.digits);
      const double magnitude = std::floor(std::log10(std::fabs(answer)));
      return 0.5 * std::pow(10.0, magnitude - precision.digits + 1);
    }
  }
  return 0.0;
}

bool within_precision(const Precision& precision, double answer, double typed) {
  const double slack = 1e-9 * std::max(std::fabs(answer), 1e-300);
  return std::fabs(typed - answer) <= tolerance(precision, answer) + slack;
}

bool rounds_to_zero(const Precision& precision, double answer) {
  if (answer == 0.0) return true;
  return precision.kind == Precision::Kind::Decimals &&
         std::fabs(answer) < 0.5 * std::pow(10.0, -precision.digits);
}

std::string format_at_precision(const Precision& precision, double answer) {
  switch (precision.kind) {
    case Precision::Kind::Exact:
      return format_grouped(Number::from_double(answer));
    case Precision::Kind::Decimals:
      return format_fixed(answer, precision.digits);
    case Precision::Kind::Significant:
      return format_significant(answer, precision.digits);
  }
  return "";
}

bool shows_number(std::string_view text, std::string_view number) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t at = text.find(number); at != std::string_view::npos; at = text.find(number, at + 1)) {
    const std::size_t end = at + number.size();
    const bool clean_start = at == 0 || !(digit(text[at - 1]) || text[at - 1] == '.' || text[at - 1] == ',');
    const bool clean_end =
        end == text.size() || !(digit(text[end]) || ((text[end] == '.' || text[end] == ',') &&
                                                     end + 1 < text.size() && digit(text[end + 1])));
    if (clean_start && clean_end) return true;
  }
  return false;
}

std::string describe_precision(const Precision& precision) {
  const std::string n = std::to_string(precision.digits);
  switch (precision.kind) {
    case Precision::Kind::Exact:
      return "the exact count";
    case Precision::Kind::Decimals:
      return n + (precision.digits == 1 ? " decimal" : " decimals");
    case Precision::Kind::Significant:
      return n + (precision.digits == 1 ? " significant figure" : " significant figures");
  }
  return "";
}

}  // namespace derive
