#include "derive/arguments.hpp"

namespace derive {
namespace {

std::string count_phrase(std::size_t n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); }

Error refuse(int column, const std::string& message) {
  return column > 0 ? error_at_column(ErrorCode::Invalid, column, message) : make_error(message);
}

}  // namespace

std::string arity_phrase(std::size_t required, std::size_t total) {
  if (total == 0) return "takes no arguments";
  if (required == total) return "takes " + count_phrase(total);
  if (required == 0) return "takes at most " + count_phrase(total);
  if (required + 1 == total) return "takes " + std::to_string(required) + " or " + count_phrase(total);
  return "takes " + std::to_string(required) + " to " + count_phrase(total);
}

Result<std::vector<std::size_t>> bind_arguments(std::string_view function,
                                                const std::vector<ParameterShape>& params,
                                                const std::vector<ArgumentShape>& args, int call_column) {
  const std::size_t n = params.size();
  std::size_t required = 0;
  for (const ParameterShape& p : params) required += p.required ? 1 : 0;
  std::vector<std::size_t> slots(n, kUnbound);
  std::size_t positional = 0;
  for (std::size_t a = 0; a < args.size(); ++a) {
    const ArgumentShape& arg = args[a];
    if (arg.name.empty()) {
      if (positional >= n) {
        return refuse(call_column, std::string(function) + " " + arity_phrase(required, n) + ", got " +
                                       std::to_string(args.size()));
      }
      slots[positional++] = a;
      continue;
    }
    std::size_t index = n;
    for (std::size_t i = 0; i < n; ++i)
      if (params[i].name == arg.name) index = i;
    if (index == n) {
      std::string names;
      for (const ParameterShape& p : params) names += (names.empty() ? "" : ", ") + std::string(p.name);
      return refuse(arg.column, std::string(function) + " has no parameter '" + std::string(arg.name) +
                                    "'; " +
                                    (names.empty() ? "it takes none" : "its parameters are " + names));
    }
    if (slots[index] != kUnbound) {
      return refuse(arg.column,
                    std::string(function) + ": parameter '" + std::string(arg.name) + "' is given twice");
    }
    slots[index] = a;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (slots[i] != kUnbound || !params[i].required) continue;
    const std::string why = params[i].help.empty() ? arity_phrase(required, n) : std::string(params[i].help);
    return refuse(call_column, std::string(function) + ": missing parameter '" + std::string(params[i].name) +
                                   "' (" + why + ")");
  }
  return slots;
}

}  // namespace derive
