// Fuzzes the variant draw settings (docs/catalogue-format.md, "Parameters"):
// the min, max, step, log, significant, length, choices, derive and canonical
// of one to three parameters, written into a small TOML exercise that goes
// through the same path as `derive lint`: the catalogue reader validates the
// spec and the lint draws two variants; only a clean exercise is drawn further,
// at variants 1, 2 and two far ones (up to 2^64 - 1). An input is either
//   - text starting with a lower-case letter: the [exercise.params] lines
//     themselves, such as the catalogue's (the seeds), bent by mutation; or
//   - any other bytes, from which the spec is generated: numbers at the edges
//     (0, -0, int and int64 limits, 2^53, 1e300, subnormals, inf, nan), values
//     of the wrong type, missing fields, a requirement, derive expressions.
// DERIVE_FUZZ_SHOW=1 draw_fuzz FILE prints the exercise an input stands for.
//
// Properties: reading and drawing never crash, hang or overflow; the spec read
// is the spec written; variant 0 has the canonical values; a variant is the
// same every time it is drawn; and every drawn value keeps to its spec (inside
// [min, max] and on the grid, one of the choices, a list of `length`, a derived
// value equal to its expression over the others).
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "derive/exercise/exercise.hpp"
#include "exercise/variants.hpp"
#include "fuzz_support.hpp"

namespace {

using derive::DrawSpec;

// The exercise being drawn, shown with any failed property.
std::string g_file;

void require(bool condition, const char* what, const std::string& detail = {}) {
  fuzz::require(condition, what, detail + "\n" + g_file);
}

// A TOML value as written, and the number it means (when it is one).
struct Written {
  std::string text;
  std::optional<double> number;
};

std::string toml_number(double v, bool integer) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  if (integer && v == std::trunc(v) && std::fabs(v) < 9.2e18)
    return std::to_string(static_cast<std::int64_t>(v));
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  std::string s = buffer;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

Written number_value(FuzzedDataProvider& in) {
  const double v = fuzz::interesting_number(in);
  return {toml_number(v, in.ConsumeBool()), v};
}

// Mostly a number; sometimes a value of the wrong type.
Written field_value(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 9)) {
    case 0:
      return {"true", std::nullopt};
    case 1:
      return {"\"5\"", std::nullopt};
    case 2:
      return {"[1, 2]", std::nullopt};
    default:
      return number_value(in);
  }
}

std::string list_value(FuzzedDataProvider& in, bool booleans) {
  std::string out = "[";
  const int items = in.ConsumeIntegralInRange(booleans ? 1 : 0, 5);
  for (int i = 0; i < items; ++i) {
    out += i ? ", " : "";
    out += booleans && in.ConsumeBool() ? (in.ConsumeBool() ? "true" : "false") : number_value(in).text;
  }
  return out + "]";
}

std::string canonical_value(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 5)) {
    case 0:
      return in.ConsumeBool() ? "true" : "false";
    case 1:
      return list_value(in, false);
    default:
      return number_value(in).text;
  }
}

std::string derive_text(FuzzedDataProvider& in, int self, int params) {
  const std::string other = "p" + std::to_string((self + 1) % params);
  const std::string me = "p" + std::to_string(self);
  const std::string choices[] = {other + " * 2",
                                 "1 - " + other,
                                 other,
                                 "sum(" + other + ")",
                                 "len(" + other + ")",
                                 "if(" + other + " > 1, " + other + ", 2)",
                                 other + " / 3",
                                 me + " + 1",
                                 "unknown_name",
                                 "1 +",
                                 "[1, 2, 3]",
                                 other + " > 0",
                                 "2^62 * " + other};
  return in.PickValueInArray(choices);
}

// What the draw spec of one parameter was written as: the numbers the reader
// must have read.
struct Spec {
  std::optional<double> min, max, step, significant, length;
};

std::string parameter(FuzzedDataProvider& in, int index, int params, Spec& spec) {
  std::string out = "p" + std::to_string(index) + " = { canonical = " + canonical_value(in);
  auto field = [&](const char* key, std::optional<double>& number) {
    const Written w = field_value(in);
    number = w.number;
    out += std::string(", ") + key + " = " + w.text;
  };
  switch (in.ConsumeIntegralInRange(0, 4)) {
    case 0:  // grid
      if (in.ConsumeIntegralInRange(0, 9)) field("min", spec.min);
      if (in.ConsumeIntegralInRange(0, 9)) field("max", spec.max);
      if (in.ConsumeIntegralInRange(0, 9)) field("step", spec.step);
      break;
    case 1:  // log-uniform
      field("min", spec.min);
      field("max", spec.max);
      out += in.ConsumeIntegralInRange(0, 9) ? ", log = true" : ", log = 1";
      if (in.ConsumeBool()) field("significant", spec.significant);
      break;
    case 2:
      out += ", choices = " + list_value(in, true);
      break;
    case 3:
      out += ", derive = \"" + derive_text(in, index, params) + "\"";
      break;
    default:  // fixed
      break;
  }
  if (in.ConsumeIntegralInRange(0, 3) == 0) field("length", spec.length);
  return out + " }\n";
}

std::string requirement(FuzzedDataProvider& in) {
  const char* choices[] = {"p0 > 0", "p0 != 1", "p0 < 1000", "false", "p0", "len([p0]) == 1"};
  return in.PickValueInArray(choices);
}

// REQUIRES: figures >= 1. The value variants.cpp rounds a log draw to.
double round_significant(double value, int figures) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", figures - 1, value);
  return std::strtod(buffer, nullptr);
}

void check_number(const derive::ParamDef& p, const derive::Number& n) {
  const DrawSpec& d = p.draw;
  const double v = n.to_double();
  require(std::isfinite(v), "a drawn value is not finite", p.name);
  if (d.kind == DrawSpec::Kind::Grid) {
    require(v >= d.min - 1e-9 * std::fabs(d.min) && v <= d.max + 1e-9 * std::fabs(d.max),
            "a grid value outside [min, max]", p.name);
    const double k = (v - d.min) / d.step;
    const double scale = std::max({std::fabs(d.min), std::fabs(d.max), std::fabs(d.step)});
    if (k < 1e6)
      require(std::fabs(std::round(k) * d.step + d.min - v) <= 1e-9 * scale, "a grid value off the grid",
              p.name);
  } else if (d.kind == DrawSpec::Kind::LogUniform && d.significant >= 1 && d.significant <= 17) {
    require(v >= round_significant(d.min, d.significant) && v <= round_significant(d.max, d.significant),
            "a log-uniform value outside [min, max]", p.name);
    require(v == round_significant(v, d.significant), "a log-uniform value not rounded", p.name);
  } else if (d.kind == DrawSpec::Kind::Choices) {
    bool listed = false;
    for (const derive::Value& choice : d.choices)
      listed = listed || (choice.is_number() && choice.number() == n);
    require(listed, "a drawn value that is not one of the choices", p.name);
  }
}

void check_value(const derive::ParamDef& p, const derive::Value& v, const derive::Environment& env) {
  const DrawSpec& d = p.draw;
  if (d.kind == DrawSpec::Kind::Fixed) {
    require(v == p.canonical, "a fixed parameter changed", p.name);
  } else if (d.kind == DrawSpec::Kind::Derived) {
    auto expected = d.derive->evaluate(env);
    require(expected.ok(), "a derived value that does not evaluate again", p.name);
    derive::Value want = *expected;
    if (want.is_number() && !want.number().is_exact())
      want = derive::Value(derive::Number::from_double(derive::clean_decimal(want.number().to_double())));
    require(v == want, "a derived value that is not its expression", p.name);
  } else if (d.length > 0) {
    require(v.is_list() && v.list().size() == static_cast<std::size_t>(d.length),
            "a list parameter of the wrong length", p.name);
    for (const derive::Number& n : v.list()) check_number(p, n);
  } else if (d.kind == DrawSpec::Kind::Choices && !v.is_number()) {
    bool listed = false;
    for (const derive::Value& choice : d.choices) listed = listed || choice == v;
    require(listed, "a drawn value that is not one of the choices", p.name);
  } else {
    require(v.is_number(), "a drawn value that is not a number", p.name);
    check_number(p, v.number());
  }
}

// The reader kept every number the spec was written with.
void check_read(const derive::ParamDef& p, const Spec& spec) {
  const DrawSpec& d = p.draw;
  auto same = [&](const std::optional<double>& written, double read, const char* what) {
    if (written && std::isfinite(*written)) require(read == *written, what, p.name);
  };
  if (d.kind == DrawSpec::Kind::Grid || d.kind == DrawSpec::Kind::LogUniform) {
    same(spec.min, d.min, "min was read as another number");
    same(spec.max, d.max, "max was read as another number");
  }
  if (d.kind == DrawSpec::Kind::Grid) same(spec.step, d.step, "step was read as another number");
  if (spec.length && d.length > 0) same(spec.length, d.length, "length was read as another number");
}

// The [exercise.params] lines an input written as text stands for, and the
// names it defines (to use them all in the prompt).
std::vector<std::string> names_defined(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    std::size_t n = 0;
    while (n < line.size() && (std::isalnum(static_cast<unsigned char>(line[n])) || line[n] == '_')) ++n;
    const std::size_t eq = line.find_first_not_of(' ', n);
    if (n > 0 && !std::isdigit(static_cast<unsigned char>(line[0])) && eq != std::string_view::npos &&
        line[eq] == '=')
      names.emplace_back(line.substr(0, n));
    start = end + 1;
  }
  return names;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::string prompt = "Values:", text, extra;
  std::vector<Spec> specs;
  std::uint64_t far[2] = {UINT64_MAX, 1ULL << 63};
  std::string id = "draw.fuzz";
  if (size > 0 && data[0] >= 'a' && data[0] <= 'z') {
    // Written as text: the parameter lines of an exercise, such as the
    // catalogue's own (the seeds), which the mutations then bend.
    text = std::string(reinterpret_cast<const char*>(data), size) + "\n";
    for (const std::string& name : names_defined(text)) prompt += " {" + name + "}";
    extra = "let = [\"ans = 1\"]\n";
    far[1] ^= size;
  } else {
    // Generated from the bytes: one to three parameters p0, p1, p2.
    const int params = in.ConsumeIntegralInRange(1, 3);
    specs.resize(static_cast<std::size_t>(params));
    for (int i = 0; i < params; ++i) {
      text += parameter(in, i, params, specs[static_cast<std::size_t>(i)]);
      prompt += " {p" + std::to_string(i) + "}";
    }
    if (in.ConsumeBool()) extra += "require = [\"" + requirement(in) + "\"]\n";
    extra += std::string("let = [\"ans = ") + (in.ConsumeBool() ? "p0" : "1") + "\"]\n";
    id += std::to_string(in.ConsumeIntegral<std::uint8_t>());
    far[0] = in.ConsumeIntegral<std::uint64_t>();
    far[1] = in.ConsumeIntegral<std::uint64_t>();
  }
  std::string file = "chapter = \"draw\"\ntitle = \"Draw\"\nintro = \"Fuzzed draw specs.\"\n\n[[exercise]]\n";
  file += "id = \"" + id + "\"\ntitle = \"Draw\"\nprompt = \"" + prompt + "\"\n" + extra;
  file += "answer = \"ans\"\nunit = \"ratio\"\nsignificant = 3\nsteps = [\"So {ans:s3}.\"]\n\n";
  file += "[exercise.params]\n" + text;

  g_file = file;
  static const bool show = std::getenv("DERIVE_FUZZ_SHOW") != nullptr;
  if (show) std::fprintf(stderr, "%s\n", file.c_str());
  const derive::LoadResult loaded = derive::load_catalogue({{"draw.toml", file}}, 2);
  for (const derive::LintIssue& issue : loaded.issues)
    require(!issue.message.empty(), "an issue without a message", issue.to_string());
  if (!loaded.issues.empty()) return 0;

  const derive::Exercise& exercise = loaded.catalogue.exercises.at(0);
  for (std::size_t i = 0; i < exercise.params.size() && i < specs.size(); ++i)
    check_read(exercise.params[i], specs[i]);

  auto canonical = derive::instantiate(exercise, 0);
  require(canonical.ok(), "variant 0 of a clean exercise fails", file);
  for (std::size_t i = 0; i < exercise.params.size(); ++i) {
    if (exercise.params[i].draw.kind != DrawSpec::Kind::Derived)
      require(canonical->params[i].second == exercise.params[i].canonical, "variant 0 is not canonical");
  }

  const std::uint64_t variants[] = {1, 2, far[0], far[1]};
  for (std::uint64_t variant : variants) {
    if (variant == 0) continue;  // the canonical values, checked above
    auto drawn = derive::instantiate(exercise, variant);
    auto again = derive::instantiate(exercise, variant);
    require(drawn.ok() == again.ok(), "a variant drawn twice succeeds once");
    if (!drawn) {
      require(!drawn.error().message.empty(), "a failed draw without a message");
      continue;
    }
    require(drawn->params == again->params && drawn->prompt == again->prompt,
            "a variant drawn twice differs");
    for (std::size_t i = 0; i < exercise.params.size(); ++i)
      check_value(exercise.params[i], drawn->params[i].second, drawn->env);
  }
  return 0;
}
