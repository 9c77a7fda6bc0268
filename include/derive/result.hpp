// Errors as values. Every fallible function in derive returns Result<T>: either
// the value or an Error whose message is meant for the person at the keyboard,
// naming what was wrong and what was expected. We do not throw across our own
// API because the WebAssembly build runs without exception support (smaller and
// faster), and std::expected is not available to C++20 on GCC 12 / libc++ 14.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace derive {

// What kind of failure an Error is, for code that must tell failures apart
// (never by reading the message).
enum class ErrorCode : unsigned char {
  Invalid,          // an input outside what was expected: the common case
  Syntax,           // text that does not parse (an expression, TOML, JSON)
  UnknownName,      // a name with no binding; Error::name holds it
  UnknownFunction,  // a call of a function that does not exist; Error::name holds it
  Overflow,         // a result too large for its type, or not finite
  Io,               // a file or socket operation failed
};

// `message` is the whole text for the person at the keyboard. Where the error
// has a place (a line of a file, a column of an expression) or was refused by
// a named engine function, the message starts with it ("line 3: ",
// "column 7: ", "conv2d_macs: ") and reason() is the rest.
struct Error {
  std::string message;
  ErrorCode code = ErrorCode::Invalid;
  int line = 0;               // 1-based line of a file, 0 if none
  int column = 0;             // 1-based column of an expression, 0 if none
  std::string name;           // the unknown name or function (UnknownName, UnknownFunction)
  std::string function;       // the engine function that refused its arguments, if any
  std::size_t reason_at = 0;  // message.substr(reason_at) is the message without its prefix

  std::string_view reason() const { return std::string_view(message).substr(reason_at); }
};

inline Error make_error(std::string message) {
  Error e;
  e.message = std::move(message);
  return e;
}
inline Error make_error(ErrorCode code, std::string message) {
  Error e = make_error(std::move(message));
  e.code = code;
  return e;
}
// "line <line>: <reason>".
inline Error error_at_line(ErrorCode code, int line, const std::string& reason) {
  std::string prefix = "line " + std::to_string(line) + ": ";
  Error e = make_error(code, prefix + reason);
  e.line = line;
  e.reason_at = prefix.size();
  return e;
}
// "column <column>: <reason>".
inline Error error_at_column(ErrorCode code, int column, const std::string& reason) {
  std::string prefix = "column " + std::to_string(column) + ": ";
  Error e = make_error(code, prefix + reason);
  e.column = column;
  e.reason_at = prefix.size();
  return e;
}
// "<function>: <reason>", refused by the engine function `function`.
inline Error error_in(const std::string& function, const std::string& reason,
                      ErrorCode code = ErrorCode::Invalid) {
  Error e = make_error(code, function + ": " + reason);
  e.function = function;
  e.reason_at = function.size() + 2;
  return e;
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T& value() & {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // REQUIRES: !ok()
  const Error& error() const {
    assert(!ok());
    return std::get<1>(data_);
  }

 private:
  std::variant<T, Error> data_;
};

// Result<void>.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace derive

// DERIVE_TRY(var, expr): evaluate expr (a Result), return its error from the
// enclosing function if it failed, otherwise bind its value to `var`.
#define DERIVE_CONCAT_INNER(a, b) a##b
#define DERIVE_CONCAT(a, b) DERIVE_CONCAT_INNER(a, b)
#define DERIVE_TRY(var, expr)                                                                          \
  auto DERIVE_CONCAT(derive_try_, __LINE__) = (expr);                                                  \
  if (!DERIVE_CONCAT(derive_try_, __LINE__).ok()) return DERIVE_CONCAT(derive_try_, __LINE__).error(); \
  var = std::move(DERIVE_CONCAT(derive_try_, __LINE__)).value()

// DERIVE_CHECK(status_expr): return the error of a Status if it failed.
#define DERIVE_CHECK(expr)                                               \
  do {                                                                   \
    auto derive_check_status_ = (expr);                                  \
    if (!derive_check_status_.ok()) return derive_check_status_.error(); \
  } while (0)
