// `derive calc NAME --param value ...`, `derive calc NAME --help` and
// `derive calc --list`: engine functions called and described by name.
#include <algorithm>
#include <iostream>

#include "cli/calc.hpp"

#include "cli/context.hpp"
#include "cli/suggest.hpp"
#include "derive/exercise/calculator.hpp"
#include "derive/expr/expression.hpp"
#include "derive/number_format.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

const char* kind_text(ParamKind kind) {
  switch (kind) {
    case ParamKind::Real:
      return "a number";
    case ParamKind::Count:
      return "a whole number >= 0";
    case ParamKind::Bool:
      return "true or false";
    case ParamKind::List:
      return "a list of numbers such as 2,1,0";
  }
  return "";
}

const char* kind_placeholder(ParamKind kind) {
  switch (kind) {
    case ParamKind::Real:
      return "X";
    case ParamKind::Count:
      return "N";
    case ParamKind::Bool:
      return "true|false";
    case ParamKind::List:
      return "X,Y,...";
  }
  return "";
}

std::string signature(const FunctionSpec& spec) {
  std::string text = spec.name + "(";
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    const ParamSpec& p = spec.params[i];
    text += (i ? ", " : "") + p.name;
    if (p.default_value) text += "=" + calculation_text(*p.default_value, "");
  }
  text += ")";
  if (!spec.result_unit.empty()) text += " -> " + spec.result_unit;
  return text;
}

// Flags are written like the parameter names; kv-heads is accepted for
// kv_heads because shells users type dashes by habit.
std::string parameter_name(std::string flag) {
  std::replace(flag.begin(), flag.end(), '-', '_');
  return flag;
}

// Reads a flag's value in the expression language, so 7e9, 2^12 and -2.0 all
// work; a list may be written 2,1,0 (no brackets needed in a shell).
Result<Value> read_flag_value(const ParamSpec& param, const std::string& text) {
  std::string source = text;
  if (param.kind == ParamKind::List && (source.empty() || source.front() != '[')) source = "[" + source + "]";
  const std::string expected = std::string("--") + param.name + " must be " + kind_text(param.kind) +
                               ", got \"" + text::printable(text) + "\"";
  auto expression = Expression::parse(source);
  if (!expression) return make_error(expected);
  auto value = expression->evaluate({});
  // "unknown name 'abc'" only repeats what `expected` says; other errors
  // ("division by zero") add something.
  if (!value && value.error().code == ErrorCode::UnknownName) return make_error(expected);
  if (!value) return make_error(expected + ": " + value.error().message);
  return *value;
}

std::string parameter_names(const FunctionSpec& spec) {
  std::string names;
  for (const ParamSpec& p : spec.params) names += (names.empty() ? "--" : ", --") + p.name;
  return names.empty() ? "none" : names;
}

}  // namespace

void print_function_list(std::ostream& out, const Registry& registry) {
  const std::string* topic = nullptr;
  for (const FunctionSpec& spec : registry.functions()) {
    if (topic == nullptr || spec.topic != *topic) {
      out << (topic ? "\n" : "") << spec.topic << '\n';
      topic = &spec.topic;
    }
    out << "  " << signature(spec) << '\n';
    if (!spec.summary.empty()) out << "      " << spec.summary << '\n';
    if (!spec.source.empty()) out << "      source: " << spec.source << '\n';
  }
  out << registry.functions().size() << " functions\n";
}

void print_function_help(std::ostream& out, const FunctionSpec& spec) {
  out << signature(spec) << '\n';
  if (!spec.summary.empty()) out << spec.summary << '\n';
  if (!spec.source.empty()) out << "Source: " << spec.source << '\n';
  out << "\nParameters:\n";
  std::size_t width = 0;
  for (const ParamSpec& p : spec.params)
    width = std::max(width, p.name.size() + 3 + std::string(kind_placeholder(p.kind)).size());
  for (const ParamSpec& p : spec.params) {
    const std::string flag = "--" + p.name + " " + kind_placeholder(p.kind);
    out << "  " << flag << std::string(width - flag.size() + 2, ' ') << p.help;
    if (!p.unit.empty()) out << " [" << p.unit << "]";
    out << "; " << kind_text(p.kind);
    if (p.default_value) out << "; default " << calculation_text(*p.default_value, "");
    out << '\n';
  }
  if (spec.params.empty()) out << "  (none)\n";
  out << "\nResult: " << (spec.result_unit.empty() ? "a plain number" : "in " + spec.result_unit) << '\n';
  out << "Example: derive calc " << spec.name;
  for (const ParamSpec& p : spec.params)
    if (!p.default_value) out << " --" << p.name << ' ' << kind_placeholder(p.kind);
  out << '\n';
}

int run_function_with_flags(const FunctionSpec& spec, const std::vector<std::string>& flags) {
  const std::string help_hint = "; see derive calc " + spec.name + " --help";
  std::vector<std::pair<std::string, Value>> named;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    const std::string& word = flags[i];
    if (word.size() <= 2 || word.rfind("--", 0) != 0)
      return usage_error(spec.name + ": expected --parameter value, got \"" + text::printable(word) + "\"" +
                         help_hint);
    std::string name = word.substr(2);
    std::optional<std::string> text;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      text = name.substr(eq + 1);
      name.resize(eq);
    }
    name = parameter_name(name);
    const auto param = std::find_if(spec.params.begin(), spec.params.end(),
                                    [&](const ParamSpec& p) { return p.name == name; });
    if (param == spec.params.end()) {
      std::vector<std::string> names;
      for (const ParamSpec& p : spec.params) names.push_back("--" + p.name);
      return usage_error(
          spec.name + " has no parameter --" + text::printable(name) +
          did_you_mean_or("--" + name, names, "; its parameters are " + parameter_names(spec)));
    }
    for (const auto& [bound, value] : named)
      if (bound == name) return usage_error(spec.name + ": --" + name + " is given twice");
    if (!text) {
      const bool has_value =
          i + 1 < flags.size() && !(flags[i + 1].rfind("--", 0) == 0 && flags[i + 1].size() > 2);
      if (has_value) {
        text = flags[++i];
      } else if (param->kind == ParamKind::Bool) {
        text = "true";  // a bare boolean flag switches it on
      } else {
        return usage_error(spec.name + ": --" + name + " needs a value, " + kind_text(param->kind));
      }
    }
    auto value = read_flag_value(*param, *text);
    if (!value) return usage_error(spec.name + ": " + value.error().message);
    named.emplace_back(name, std::move(*value));
  }
  auto result = Registry::invoke(spec, {}, named);
  if (!result) return usage_error(result.error().message + help_hint);
  std::cout << calculation_text(*result, spec.result_unit) << '\n';
  return kExitOk;
}

}  // namespace derive::cli
