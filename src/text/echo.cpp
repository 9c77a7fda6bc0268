#include "derive/text/echo.hpp"

#include <cstdint>
#include <cstdio>

namespace derive::text {
namespace {

// The length of the UTF-8 sequence starting `text` and its code point, or 0
// when the bytes there are not a well-formed sequence (overlong forms,
// surrogates and values past U+10FFFF included).
std::size_t utf8_sequence(std::string_view text, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return length;
}

bool is_control(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

std::string escape(char32_t c, bool byte) {
  switch (c) {
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      break;
  }
  char buffer[12];
  std::snprintf(buffer, sizeof buffer, byte || c < 0x80 ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(c));
  return buffer;
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  for (; i < text.size();) {
    char32_t c = 0;
    const std::size_t length = utf8_sequence(text.substr(i), c);
    if (length == 0) {
      if (i + 1 > max_bytes) break;
      out += escape(static_cast<unsigned char>(text[i]), true);
      ++i;
      continue;
    }
    if (i + length > max_bytes) break;
    if (is_control(c)) {
      out += escape(c, false);
    } else {
      out.append(text, i, length);
    }
    i += length;
  }
  if (i < text.size()) out += "\u2026 (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace derive::text
