// Fuzzes the template renderer (src/exercise/template.cpp): any template text
// with any parameter values. The input is the template, then optionally a NUL
// byte and bytes that choose the values: the parameters and definitions of a
// variant of one of the built-in exercises (so the catalogue's own templates,
// the seeds, find their names), plus x, y, n, big, flag and xs with extreme
// values (±0, 2^53, int64 limits, 1e300, subnormals, infinities, NaN,
// approximate numbers).
//
// Properties: rendering never crashes; an error has a message, and a template
// that does not split gives the split's error; a template without braces is
// itself; the rendered text is the literal pieces and the formatted values in
// order; valid UTF-8 stays valid; and every finite number, printed in any
// format, reads back (through the answer reader, as a learner would copy it)
// to within the precision that format shows.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "derive/exercise/exercise.hpp"
#include "derive/exercise/template.hpp"
#include "derive/number_format.hpp"
#include "derive/units/reader.hpp"
#include "fuzz_support.hpp"

namespace {

derive::Number fuzzed_number(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0:
      return derive::Number::exact(in.ConsumeIntegral<std::int64_t>());
    case 1:
      return derive::Number::approximate_real(fuzz::interesting_number(in));
    default:
      return derive::Number::from_double(fuzz::interesting_number(in));
  }
}

derive::Environment environment(FuzzedDataProvider& in) {
  derive::Environment env;
  const auto& exercises = derive::builtin_catalogue().exercises;
  const auto& exercise = exercises[in.ConsumeIntegralInRange<std::size_t>(0, exercises.size() - 1)];
  if (auto instance = derive::instantiate(exercise, in.ConsumeIntegralInRange<std::uint64_t>(0, 3)))
    env = instance->env;
  env["x"] = fuzzed_number(in);
  env["y"] = fuzzed_number(in);
  env["n"] = derive::Number::exact(in.ConsumeIntegralInRange<std::int64_t>(-3, 3));
  env["big"] = derive::Number::exact(in.ConsumeBool() ? INT64_MAX : INT64_MIN);
  env["flag"] = in.ConsumeBool();
  derive::NumberList xs;
  for (int i = in.ConsumeIntegralInRange(0, 4); i > 0; --i) xs.push_back(fuzzed_number(in));
  env["xs"] = xs;
  return env;
}

// The number a formatted text stands for, read as a learner would copy it.
std::optional<double> read_back(std::string text) {
  if (text.rfind("\u2248 ", 0) == 0) text.erase(0, 4);  // "≈ " marks an approximate number
  auto read = derive::read_answer(text);
  if (!read || read->unit) return std::nullopt;
  return read->value;
}

// Half a unit in the place of the `figures`-th significant figure of `v`.
double half_figure(double v, int figures) {
  return 0.5 * std::pow(10.0, std::floor(std::log10(std::fabs(v))) - std::max(figures, 1) + 1);
}

// A finite number printed in `format` reads back to within what it shows.
void check_number(const derive::Number& n, std::string_view format, const std::string& text) {
  const double v = n.to_double();
  // Near the largest double, the rounded text may read back as infinity.
  if (!std::isfinite(v) || std::fabs(v) > 1e307) return;
  const std::string what =
      "'" + text + "' for " + derive::format_shortest(v) + " in format '" + std::string(format) + "'";
  fuzz::require((text.rfind("\u2248 ", 0) == 0) == n.approximate(), "'≈' without an approximate number",
                what);
  const int digits = format.empty() ? 0 : std::atoi(std::string(format.substr(1)).c_str());
  double shown = 0, allowed = 0;
  if (!format.empty() && format[0] == '%') {
    fuzz::require(!text.empty() && text.back() == '%', "a percentage without '%'", what);
    if (!std::isfinite(v * 100)) return;
    auto read = read_back(text.substr(0, text.size() - 1));
    if (!read && text.size() > 200) return;  // longer than any answer the reader takes
    fuzz::require(read.has_value(), "a percentage does not read back", what);
    shown = *read / 100;
    allowed = 0.5 * std::pow(10.0, -digits) / 100;
  } else {
    auto read = read_back(text);
    if (!read && text.size() > 200) return;
    fuzz::require(read.has_value(), "a formatted number does not read back", what);
    shown = *read;
    if (format.empty()) {
      // Whole numbers in full, others to 4 significant figures.
      allowed = n.is_integral() && std::fabs(v) < 1e18 ? 0 : half_figure(v, 4);
    } else if (format[0] == '.') {
      allowed = 0.5 * std::pow(10.0, -digits);
    } else {  // 's' and 'e'
      allowed = v == 0 ? 0 : half_figure(v, digits);
    }
  }
  // Slack for the decimal text of a binary double and for subnormals.
  const double slack = 1e-12 * std::fabs(v) + 1e-300;
  fuzz::require(std::fabs(shown - v) <= allowed * (1 + 1e-9) + slack, "a number reads back as another", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view text = input.substr(0, nul);
  FuzzedDataProvider in(data + text.size(), size - text.size());
  const derive::Environment env = environment(in);

  const derive::Template parsed{std::string(text)};
  const auto rendered = parsed.render(env);
  if (!rendered) fuzz::require(!rendered.error().message.empty(), "an error without a message");
  if (!parsed.split_problem().empty()) {
    fuzz::require(!rendered && rendered.error().message == parsed.split_problem(),
                  "a template that does not split renders, or fails otherwise");
    return 0;
  }
  if (text.find_first_of("{}") == std::string_view::npos) {
    fuzz::require(rendered && *rendered == text, "a template without braces is not itself");
  }

  // One value in one format, through a template of its own.
  const auto format_value = [](const derive::Value& value, const std::string& format) {
    return derive::Template(format.empty() ? "{v}" : "{v:" + format + "}").render({{"v", value}});
  };

  // The pieces in order: literal text, then each placeholder's value in its
  // format; the first placeholder that fails is the template's error.
  std::string expected;
  for (const derive::Template::Piece& piece : parsed.pieces()) {
    if (!piece.placeholder) {
      expected += piece.text;
      continue;
    }
    // A conditional ({if c: ...}) has wordings, not one expression: the
    // pieces-in-order property models plain placeholders only.
    if (!piece.branches.empty()) {
      if (rendered && fuzz::valid_utf8(text))
        fuzz::require(fuzz::valid_utf8(*rendered), "valid UTF-8 in, invalid out", *rendered);
      return 0;
    }
    std::string problem = piece.expression ? "" : piece.problem;
    if (problem.empty()) problem = piece.format_problem;
    derive::Result<derive::Value> value = derive::make_error(problem);
    if (problem.empty()) value = piece.expression->evaluate(env);
    auto formatted = value ? format_value(*value, piece.format) : derive::Result<std::string>(value.error());
    if (!formatted) {
      fuzz::require(!rendered, "a template renders though a placeholder fails");
      fuzz::require(rendered.error().message == "{" + piece.text + "}: " + formatted.error().message,
                    "a template fails with another placeholder's error", rendered.error().message);
      return 0;
    }
    if (value->is_number()) {
      check_number(value->number(), piece.format, *formatted);
    } else if (value->is_list()) {
      for (const derive::Number& n : value->list()) {
        auto one = format_value(derive::Value(n), piece.format);
        fuzz::require(one.ok(), "a list item does not format");
        check_number(n, piece.format, *one);
      }
    } else {
      fuzz::require(*formatted == (value->boolean() ? "yes" : "no"), "a boolean is not yes or no",
                    *formatted);
    }
    expected += *formatted;
  }
  fuzz::require(rendered.ok(), "a template fails though every placeholder formats");
  fuzz::require(*rendered == expected, "the rendered text is not its pieces in order", *rendered);
  if (fuzz::valid_utf8(text))
    fuzz::require(fuzz::valid_utf8(*rendered), "valid UTF-8 in, invalid out", *rendered);
  return 0;
}
