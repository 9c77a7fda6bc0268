// Text from outside (an answer, an id, an expression, a flag, a file name) as
// it may be shown back in a message. The engine, the grader and the command
// line all quote input through printable(), so nothing a user types reaches a
// terminal as a control sequence.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace derive::text {

// The most bytes of an input a message quotes; the reader's own limit on an
// answer, and more than any id, unit or name.
inline constexpr std::size_t kEchoBytes = 200;

// `text` with every control character written as an escape, so that it can
// neither move the cursor, clear the screen nor change colours: C0 controls
// and DEL as \n, \r, \t or \xNN; C1 controls (U+0080..U+009F) and the bidi
// controls that reorder a line (U+202A..U+202E, U+2066..U+2069) as \uNNNN;
// bytes that are not UTF-8 as \xNN. Backslashes are kept as they are, so
// applying it twice changes nothing more. An input longer than `max_bytes` is
// cut at a character boundary and ends "… (N bytes)".
std::string printable(std::string_view text, std::size_t max_bytes = kEchoBytes);

// printable() with no cut, line by line: for whole messages on their way to a
// terminal. A message is ours: it quotes its inputs already escaped and cut,
// and its own line breaks (a usage text, a list of steps) stay line breaks.
inline std::string printable_message(std::string_view message) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t end = message.find('\n', start);
    out += printable(message.substr(start, end - start), std::numeric_limits<std::size_t>::max());
    if (end == std::string_view::npos) return out;
    out += '\n';
    start = end + 1;
  }
}

}  // namespace derive::text
