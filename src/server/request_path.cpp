#include "server/request_path.hpp"

#include <optional>

namespace derive::server {
namespace {

std::optional<int> hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

Result<std::string> site_path_from_target(std::string_view target) {
  target = target.substr(0, target.find_first_of("?#"));
  if (target.empty() || target.front() != '/') return make_error("the request path must start with \"/\"");

  // Decode once, refusing escapes that would smuggle a separator or a second
  // level of encoding past the segment check below.
  std::string decoded;
  decoded.reserve(target.size());
  for (std::size_t i = 0; i < target.size(); ++i) {
    const char c = target[i];
    if (c == '\\') return make_error("a backslash is not allowed in a path");
    if (is_control(static_cast<unsigned char>(c)))
      return make_error("a control character is not allowed in a path");
    if (c != '%') {
      decoded += c;
      continue;
    }
    const auto high = i + 2 < target.size() ? hex_value(target[i + 1]) : std::nullopt;
    const auto low = i + 2 < target.size() ? hex_value(target[i + 2]) : std::nullopt;
    if (!high || !low) return make_error("\"%\" must start an escape of two hex digits");
    const auto byte = static_cast<unsigned char>(*high * 16 + *low);
    if (byte == '/' || byte == '\\') return make_error("an encoded \"/\" or \"\\\" is not allowed in a path");
    if (byte == '%') return make_error("an encoded \"%\" (double encoding) is not allowed in a path");
    if (is_control(byte)) return make_error("an encoded control character is not allowed in a path");
    decoded += static_cast<char>(byte);
    i += 2;
  }

  if (decoded == "/") return std::string("index.html");
  std::string_view rest = std::string_view(decoded).substr(1);
  std::size_t start = 0;
  while (start <= rest.size()) {
    const std::size_t end = std::min(rest.find('/', start), rest.size());
    const std::string_view segment = rest.substr(start, end - start);
    const bool last = end == rest.size();
    if (segment == "." || segment == "..")
      return make_error("\".\" and \"..\" segments are not allowed in a path");
    if (segment.empty() && !last) return make_error("an empty segment (\"//\") is not allowed in a path");
    start = end + 1;
  }
  return std::string(rest);
}

}  // namespace derive::server
