#include "server/encoding.hpp"

#include <optional>
#include <string>

#include "derive/ascii.hpp"

namespace derive::server {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The q-value of one list element's parameters: "q=0" and "q=0.000" refuse;
// anything unreadable counts as accepted, as a missing q does.
bool q_allows(std::string_view params) {
  while (!params.empty()) {
    const auto semicolon = params.find(';');
    const std::string_view param = trim(params.substr(0, semicolon));
    params = semicolon == std::string_view::npos ? std::string_view() : params.substr(semicolon + 1);
    if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
    const std::string_view value = trim(param.substr(2));
    for (char c : value)
      if (c != '0' && c != '.') return true;
    return value.empty();
  }
  return true;
}

}  // namespace

AcceptedEncodings parse_accept_encoding(std::string_view header) {
  std::optional<bool> br, gzip, star;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const auto semicolon = item.find(';');
    const std::string coding = ascii_lower(trim(item.substr(0, semicolon)));
    const bool allowed = semicolon == std::string_view::npos || q_allows(item.substr(semicolon + 1));
    if (coding == "br") br = allowed;
    if (coding == "gzip" || coding == "x-gzip") gzip = allowed;
    if (coding == "*") star = allowed;
  }
  return AcceptedEncodings{br.value_or(star.value_or(false)), gzip.value_or(star.value_or(false))};
}

}  // namespace derive::server
