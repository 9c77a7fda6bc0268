// derive calc EXPRESSION | NAME --param value ... | --list
//
// The calculator evaluates the same expression language as the catalogue,
// against the same engine functions, so a number checked here is the number
// an exercise grades against.
#include "cli/calc.hpp"
#include "cli/text.hpp"

#include <cctype>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/suggest.hpp"
#include "derive/exercise/calculator.hpp"
#include "derive/expr/expression.hpp"
#include "derive/number_format.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

struct CalcOptions {
  bool list = false;
};

// An unknown function gains the command line's wider search (up to three
// names, fragments too) when it finds something; otherwise the parser's own
// message, which may already suggest one, stands.
std::string with_function_suggestion(const Error& error, const Registry& registry) {
  if (error.code != ErrorCode::UnknownFunction) return error.message;
  std::vector<std::string> names;
  for (const FunctionSpec& f : registry.functions()) names.push_back(f.name);
  for (const std::string& b : builtin_function_names()) names.push_back(b);
  const std::string hint = did_you_mean(error.name, names);
  if (hint.empty()) return error.message;
  return error_at_column(error.code, error.column, "unknown function '" + error.name + "'" + hint).message;
}

int run_expression(const std::string& text) {
  const Registry& registry = engine_registry();
  auto expression = Expression::parse(text, registry);
  if (!expression)
    return usage_error("cannot read the expression \"" + text::printable(text) +
                       "\": " + with_function_suggestion(expression.error(), registry));
  auto result = calculate(text, registry);
  if (!result)
    return usage_error("cannot evaluate \"" + text::printable(text) + "\": " + result.error().message);
  std::cout << result->text << '\n';
  return kExitOk;
}

bool is_flag(const std::string& word) { return word.size() > 2 && word.rfind("--", 0) == 0; }

int run_calc(const CalcOptions& options, const std::vector<std::string>& words) {
  const Registry& registry = engine_registry();
  if (options.list) {
    if (!words.empty())
      return usage_error("calc --list takes no other arguments, got \"" + text::printable(words.front()) +
                         "\"");
    print_function_list(std::cout, registry);
    return kExitOk;
  }
  if (words.empty())
    return usage_error(
        "calc needs an expression or a function name, e.g. derive calc \"2^10 * 3\" or "
        "derive calc kv_cache_bytes --layers 32 ...; see derive calc --help");
  // NAME followed by flags (or nothing) is a call by name; anything else is an
  // expression, whose words we join so that `derive calc 2 + 3` works unquoted.
  const FunctionSpec* spec = registry.find(words.front());
  const std::vector<std::string> rest(words.begin() + 1, words.end());
  if (spec != nullptr && (rest.empty() || is_flag(rest.front()) || rest.front() == "-h")) {
    for (const std::string& word : rest) {
      if (word == "--help" || word == "-h") {
        print_function_help(std::cout, *spec);
        return kExitOk;
      }
    }
    return run_function_with_flags(*spec, rest);
  }
  if (words.size() > 1 && is_flag(words[1])) {
    std::vector<std::string> names;
    for (const FunctionSpec& f : registry.functions()) names.push_back(f.name);
    return usage_error("unknown function '" + text::printable(words.front()) + "'" +
                       did_you_mean_or(words.front(), names, "; derive calc --list shows them all"));
  }
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return run_expression(trim(text));
}

}  // namespace

void add_calc_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<CalcOptions>();
  CLI::App* calc = app.add_subcommand("calc", "evaluate an expression or an engine function");
  // Everything after the expression or function name is ours to read: the
  // function's own --param flags, negative numbers, and NAME --help.
  calc->prefix_command();
  calc->fallthrough(false);
  calc->add_flag("--list", options->list, "list every engine function with its parameters and units");
  calc->footer(
      "Usage:\n"
      "  derive calc EXPRESSION              e.g. derive calc \"kv_cache_bytes(layers=32, kv_heads=8, "
      "head_dim=128, tokens=4096)\"\n"
      "  derive calc NAME --param value ...  e.g. derive calc kv_cache_bytes --layers 32 --kv_heads 8 "
      "--head_dim 128 --tokens 4096\n"
      "  derive calc NAME --help             the parameters and units of one function\n"
      "Lists are written 2,1,0 after a flag and [2, 1, 0] in an expression; booleans true/false.\n"
      "Exit status: 0 success, 2 an expression or argument that cannot be read or evaluated.");
  calc->callback([&context, calc, options] {
    // remaining() holds the words CLI11 left alone: the expression or NAME and its flags.
    context.action = [options, words = calc->remaining()] { return run_calc(*options, words); };
  });
}

}  // namespace derive::cli
