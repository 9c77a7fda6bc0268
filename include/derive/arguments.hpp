// The one argument binder of every call in derive: builtins and engine
// functions in expressions (bound once, at parse time), and engine functions
// called from C++ or from `derive calc NAME --flags` (Registry::invoke). It
// decides which argument goes to which parameter; it does not look at values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "derive/result.hpp"

namespace derive {

struct ParameterShape {
  std::string_view name;
  bool required = true;   // false: the parameter has a default, or is a trailing optional
  std::string_view help;  // "output channels"; "" when there is none
};

struct ArgumentShape {
  std::string_view name;  // "" for a positional argument
  int column = 0;         // 1-based column in an expression, 0 when not from one
};

// kUnbound: the parameter was not given.
inline constexpr std::size_t kUnbound = static_cast<std::size_t>(-1);

// Binds `args` to `params`: positional ones in order, then named ones by name.
// On success, element i is the index in `args` of the argument for parameter
// i, or kUnbound. REQUIRES: every named argument follows the positional ones.
// Errors name the function, and the column when the argument has one:
//   "quant_levels takes 1 argument, got 2"
//   "round takes 1 or 2 arguments, got 3", "f takes 2 to 4 arguments, got 5"
//   "conv2d_macs has no parameter 'kernal'; its parameters are kernel, ..."
//   "conv2d_macs: parameter 'kernel' is given twice"
//   "conv2d_macs: missing parameter 'kernel' (kernel size)"
Result<std::vector<std::size_t>> bind_arguments(std::string_view function,
                                                const std::vector<ParameterShape>& params,
                                                const std::vector<ArgumentShape>& args, int call_column = 0);

// "takes 1 argument", "takes 1 or 2 arguments", "takes 2 to 4 arguments",
// "takes at most 3 arguments", "takes no arguments".
std::string arity_phrase(std::size_t required, std::size_t total);

}  // namespace derive
