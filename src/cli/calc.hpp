// Pieces of `derive calc` shared between its files.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "derive/registry.hpp"

namespace derive::cli {

// `derive calc --list`: every engine function, grouped by topic.
void print_function_list(std::ostream& out, const Registry& registry);
// `derive calc NAME --help`: one function's parameters, units and defaults.
void print_function_help(std::ostream& out, const FunctionSpec& spec);
// `derive calc NAME --param value ...`: binds the flags to the function's
// parameters, calls it and prints the result in its unit. Returns the exit status.
int run_function_with_flags(const FunctionSpec& spec, const std::vector<std::string>& flags);

}  // namespace derive::cli
