// Value: what an expression evaluates to, and what engine functions take and
// return through the registry: a Number, a boolean, or a list of Numbers.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "derive/number.hpp"

namespace derive {

using NumberList = std::vector<Number>;

class Value {
 public:
  Value() = default;                                  // the number 0
  Value(Number n) : data_(n) {}                       // NOLINT: implicit by design
  Value(bool b) : data_(b) {}                         // NOLINT
  Value(NumberList list) : data_(std::move(list)) {}  // NOLINT
  static Value real(double d) { return Value(Number::from_double(d)); }
  static Value integer(std::int64_t i) { return Value(Number::exact(i)); }

  bool is_number() const { return data_.index() == 0; }
  bool is_bool() const { return data_.index() == 1; }
  bool is_list() const { return data_.index() == 2; }

  // REQUIRES: the matching is_*()
  const Number& number() const { return std::get<0>(data_); }
  bool boolean() const { return std::get<1>(data_); }
  const NumberList& list() const { return std::get<2>(data_); }

  // "number", "boolean" or "list": for error messages.
  const char* kind_name() const;

  friend bool operator==(const Value& a, const Value& b) { return a.data_ == b.data_; }

 private:
  std::variant<Number, bool, NumberList> data_;
};

}  // namespace derive
