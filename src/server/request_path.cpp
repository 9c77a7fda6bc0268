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

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
    if (c != prefix[i]) return false;
  }
  return true;
}

// The absolute form "http://host:port/path" (RFC 9112 3.2.2, which a server
// must accept) names the same file as its path; an empty path is "/".
std::string_view strip_absolute_form(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (!starts_with_nocase(target, scheme)) continue;
    const std::string_view rest = target.substr(scheme.size());
    const auto path = rest.find_first_of("/?#");
    if (path == std::string_view::npos) return "/";
    if (rest[path] != '/') return "/";  // "http://host?x": the root, query ignored
    return rest.substr(path);
  }
  return target;
}

}  // namespace

Result<std::string> site_path_from_target(std::string_view target) {
  target = strip_absolute_form(target);
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
