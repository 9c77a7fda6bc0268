// Fuzzes the web server's request-path check (src/server/request_path.cpp),
// the one guard between a request and the files of the site. Any bytes are a
// request target: each must be judged without a crash, and every accepted path
// must keep the promises of request_path.hpp (no "", "." or ".." segment, no
// backslash, no control byte, no '%'). Spelling the same path another way
// (escaping every byte, adding a query) must not change the verdict, and an
// accepted path, requested again, must come back unchanged: no second decode
// may change it.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/request_path.hpp"

namespace {

void check(bool condition, const char* what, std::string_view target) {
  if (!condition) {
    std::fprintf(stderr, "request_path_fuzz: %s (target of %zu bytes)\n", what, target.size());
    std::abort();
  }
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// The guarantees of site_path_from_target on success.
void check_path(const std::string& path, std::string_view target) {
  check(!path.empty(), "an empty path", target);
  for (unsigned char c : path) {
    check(c != '\\', "a backslash in an accepted path", target);
    check(c != '%', "a '%' in an accepted path", target);
    check(!is_control(c), "a control byte in an accepted path", target);
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    const std::string_view segment = std::string_view(path).substr(start, end - start);
    check(segment != "." && segment != "..", "a '.' or '..' segment in an accepted path", target);
    // Only a trailing '/' (a folder) leaves an empty last segment.
    check(!segment.empty() || (end == path.size() && start > 0), "an empty segment in an accepted path",
          target);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
}

// "/" followed by every byte of `path` as a %XX escape, the slashes kept.
std::string escaped(const std::string& path) {
  std::string out = "/";
  for (unsigned char c : path) {
    if (c == '/') {
      out += '/';
      continue;
    }
    char buffer[4];
    std::snprintf(buffer, sizeof buffer, "%%%02X", c);
    out += buffer;
  }
  return out;
}

bool same(const derive::Result<std::string>& a, const derive::Result<std::string>& b) {
  if (a.ok() != b.ok()) return false;
  return a.ok() ? *a == *b : a.error().message == b.error().message;
}

// An absolute-form target ("http://host/path", RFC 9112 3.2.2) stands for
// its path; an empty path is "/". Written here independently of the code
// under test.
std::string origin_form(const std::string& target) {
  std::string lower = target.substr(0, 8);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t skip = lower.rfind("http://", 0) == 0 ? 7 : lower.rfind("https://", 0) == 0 ? 8 : 0;
  if (skip == 0) return target;
  const auto end = target.find_first_of("/?#", skip);
  if (end == std::string::npos || target[end] != '/') return "/";
  return target.substr(end);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string target(reinterpret_cast<const char*>(data), size);
  const auto path = derive::server::site_path_from_target(target);

  // A query or fragment after the path never changes the verdict.
  check(same(path, derive::server::site_path_from_target(target + "?a=/../%zz#..")),
        "a query string changed the verdict", target);

  if (!path) {
    check(!path.error().message.empty(), "a refusal without a message", target);
    return 0;
  }
  check_path(*path, target);

  // Without escapes or a query, the path is the target less its leading '/'.
  const std::string origin = origin_form(target);
  if (origin.find_first_of("%?#") == std::string::npos) {
    check(*path == (origin == "/" ? "index.html" : origin.substr(1)), "a plain target was changed", target);
  }
  // The same path with every byte escaped reads the same.
  const auto again = derive::server::site_path_from_target(escaped(*path));
  check(again.ok() && *again == *path, "escaping every byte changed the path", target);
  // Requested again as it is, an accepted path comes back unchanged (a '?' or
  // '#' decoded from %3F or %23 would start a query, so those are left out).
  if (path->find_first_of("?#") == std::string::npos) {
    const auto twice = derive::server::site_path_from_target("/" + *path);
    check(twice.ok() && *twice == *path, "decoding an accepted path again changed it", target);
  }
  return 0;
}
