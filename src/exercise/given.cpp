#include "derive/exercise/given.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "derive/number_format.hpp"
#include "derive/text/echo.hpp"

namespace derive {
namespace {

// A whole number, a decimal number or true/false; nothing else.
Result<Value> value_of(std::string_view name, std::string_view text) {
  if (text == "true") return Value(true);
  if (text == "false") return Value(false);
  std::int64_t integer = 0;
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), integer);
  if (problem == std::errc() && end == text.data() + text.size()) return Value::integer(integer);
  // strtod reads the C locale's decimal point: the WebAssembly module and the
  // CLI never change it. It would skip leading spaces and accept "inf" or hex:
  // those are refused by the first-character test and the finiteness check.
  const std::string copy(text);
  char* stop = nullptr;
  errno = 0;
  const double real = copy.empty() ? 0.0 : std::strtod(copy.c_str(), &stop);
  const bool starts_as_number = !copy.empty() && (std::isdigit(static_cast<unsigned char>(copy[0])) ||
                                                  copy[0] == '-' || copy[0] == '.');
  const bool hex = copy.find_first_of("xX") != std::string::npos;
  if (starts_as_number && !hex && stop == copy.c_str() + copy.size() && errno == 0 && std::isfinite(real))
    return Value::real(real);
  return make_error("parameter '" + std::string(name) + "': '" + text::printable(text) +
                    "' is not a number or true/false");
}

}  // namespace

Result<GivenParams> parse_given(std::string_view text) {
  GivenParams given;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string_view pair = text.substr(start, end - start);
    const std::size_t colon = pair.find(':');
    if (colon == std::string_view::npos || colon == 0)
      return make_error("'" + text::printable(pair) + "' is not name:value (as in kernel:3)");
    const std::string name(pair.substr(0, colon));
    if (std::any_of(given.begin(), given.end(), [&](const auto& p) { return p.first == name; }))
      return make_error("parameter '" + text::printable(name) + "' is given twice");
    DERIVE_TRY(Value value, value_of(name, pair.substr(colon + 1)));
    given.emplace_back(name, std::move(value));
    start = end + 1;
  }
  return given;
}

std::string given_text(const GivenParams& given) {
  std::string text;
  for (const auto& [name, value] : given) {
    text += (text.empty() ? "" : ",") + name + ":";
    text += value.is_bool() ? (value.boolean() ? "true" : "false") : format_plain(value.number());
  }
  return text;
}

}  // namespace derive
