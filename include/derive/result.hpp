// Errors as values. Every fallible function in derive returns Result<T>: either
// the value or an Error whose message is meant for the person at the keyboard,
// naming what was wrong and what was expected. We do not throw across our own
// API because the WebAssembly build runs without exception support (smaller and
// faster), and std::expected is not available to C++20 on GCC 12 / libc++ 14.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace derive {

struct Error {
  std::string message;
};

inline Error make_error(std::string message) { return Error{std::move(message)}; }

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
