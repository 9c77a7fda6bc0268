// Registry::invoke: binding of positional and named arguments, defaults, kind
// checks and their messages; and the public contract of the measure, layers,
// prune and quant functions (names, parameter order, defaults).
#include "derive/registry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "derive/expr/expression.hpp"
#include "engine_test_support.hpp"

namespace derive {
namespace {

using derive::testing::error_of;
using derive::testing::Named;

// A function that echoes its bound arguments, so a test sees what invoke passed.
FunctionSpec echo_spec() {
  FunctionSpec spec;
  spec.name = "echo";
  spec.summary = "Returns count * 1000 + real * 10 + (flag ? 1 : 0) + list length * 100.";
  spec.source = "test";
  spec.topic = "test";
  spec.params = {
      ParamSpec{"n", ParamKind::Count, "", "a count", std::nullopt},
      ParamSpec{"x", ParamKind::Real, "", "a real", Value::real(2.5)},
      ParamSpec{"on", ParamKind::Bool, "", "a flag", Value(false)},
      ParamSpec{"xs", ParamKind::List, "", "a list", Value(NumberList{})},
  };
  spec.result_unit = "";
  spec.call = [](const Args& a) -> Result<Value> {
    return Value::real(static_cast<double>(a.count(0)) * 1000 + a.real(1) * 10 + (a.flag(2) ? 1 : 0) +
                       static_cast<double>(a.reals(3).size()) * 100);
  };
  return spec;
}

double echo(const std::vector<Value>& positional, const Named& named = {}) {
  Result<Value> r = Registry::invoke(echo_spec(), positional, named);
  EXPECT_TRUE(r.ok()) << error_of(r);
  return r.ok() ? r->number().to_double() : -1;
}

TEST(RegistryInvoke, PositionalArgumentsAndDefaults) {
  EXPECT_DOUBLE_EQ(echo({Value::integer(3)}), 3000 + 25);  // x = 2.5, on = false, xs = []
  EXPECT_DOUBLE_EQ(echo({Value::integer(3), Value::real(1.0)}), 3000 + 10);
  EXPECT_DOUBLE_EQ(echo({Value::integer(3), Value::real(1.0), Value(true)}), 3000 + 10 + 1);
  NumberList two{Number::exact(1), Number::exact(2)};
  EXPECT_DOUBLE_EQ(echo({Value::integer(3), Value::real(1.0), Value(true), Value(two)}), 3000 + 10 + 1 + 200);
}

TEST(RegistryInvoke, NamedArgumentsInAnyOrder) {
  EXPECT_DOUBLE_EQ(echo({}, {{"on", Value(true)}, {"n", Value::integer(2)}}), 2000 + 25 + 1);
  EXPECT_DOUBLE_EQ(echo({Value::integer(2)}, {{"on", Value(true)}}), 2000 + 25 + 1);  // skipping x
  EXPECT_DOUBLE_EQ(echo({}, {{"x", Value::real(0.5)}, {"n", Value::integer(1)}}), 1000 + 5);
}

TEST(RegistryInvoke, WholeRealsAreCounts) {
  // 3.4e6 arrives as a double; it is integral, so it binds to a Count.
  EXPECT_DOUBLE_EQ(echo({Value::real(3.4e6)}), 3.4e6 * 1000 + 25);
}

TEST(RegistryInvoke, TooManyPositionalArguments) {
  std::vector<Value> five(5, Value::integer(1));
  EXPECT_EQ(error_of(Registry::invoke(echo_spec(), five, {})), "echo takes 1 to 4 arguments, got 5");
  FunctionSpec one = echo_spec();
  one.params.resize(1);
  EXPECT_EQ(error_of(Registry::invoke(one, {Value::integer(1), Value::integer(2)}, {})),
            "echo takes 1 argument, got 2");
  FunctionSpec two = echo_spec();
  two.params.resize(2);
  EXPECT_EQ(error_of(Registry::invoke(two, five, {})), "echo takes 1 or 2 arguments, got 5");
}

// The arity wording of every call (builtins, engine functions in expressions,
// Registry::invoke): singular for one, "at most" only when all are optional.
TEST(ArgumentBinder, ArityPhrases) {
  EXPECT_EQ(arity_phrase(0, 0), "takes no arguments");
  EXPECT_EQ(arity_phrase(1, 1), "takes 1 argument");
  EXPECT_EQ(arity_phrase(3, 3), "takes 3 arguments");
  EXPECT_EQ(arity_phrase(1, 2), "takes 1 or 2 arguments");
  EXPECT_EQ(arity_phrase(2, 4), "takes 2 to 4 arguments");
  EXPECT_EQ(arity_phrase(0, 1), "takes at most 1 argument");
  EXPECT_EQ(arity_phrase(0, 3), "takes at most 3 arguments");
}

// Every engine function with one required parameter and nothing optional
// (quant_levels among them) says "takes 1 argument" when given two, in an
// expression and through invoke alike.
TEST(ArgumentBinder, EveryOneParameterFunctionSaysTakesOneArgument) {
  int checked = 0;
  for (const FunctionSpec& f : engine_registry().functions()) {
    if (f.params.size() != 1 || f.params[0].default_value) continue;
    ++checked;
    const std::vector<Value> two = {Value::integer(4), Value::integer(5)};
    EXPECT_EQ(error_of(Registry::invoke(f, two, {})), f.name + " takes 1 argument, got 2");
    auto parsed = Expression::parse(f.name + "(4, 5)");
    ASSERT_FALSE(parsed.ok()) << f.name;
    EXPECT_EQ(parsed.error().message, "column 1: " + f.name + " takes 1 argument, got 2");
  }
  EXPECT_GT(checked, 0);
  EXPECT_TRUE(engine_registry().find("quant_levels") &&
              engine_registry().find("quant_levels")->params.size() == 1);
}

// Errors carry their code and place; nothing reads the message to tell them apart.
TEST(ErrorCodes, ExpressionErrorsCarryCodeColumnAndName) {
  auto unknown_function = Expression::parse("1 + kv_cahe_bytes(1)");
  ASSERT_FALSE(unknown_function.ok());
  EXPECT_EQ(unknown_function.error().code, ErrorCode::UnknownFunction);
  EXPECT_EQ(unknown_function.error().column, 5);
  EXPECT_EQ(unknown_function.error().name, "kv_cahe_bytes");
  EXPECT_EQ(std::string(unknown_function.error().reason()).rfind("unknown function 'kv_cahe_bytes'", 0), 0u);

  auto syntax = Expression::parse("(1 + 2");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().code, ErrorCode::Syntax);
  EXPECT_GT(syntax.error().column, 0);

  auto expression = Expression::parse("bitz + 1");
  ASSERT_TRUE(expression.ok());
  auto unknown_name = expression->evaluate({});
  ASSERT_FALSE(unknown_name.ok());
  EXPECT_EQ(unknown_name.error().code, ErrorCode::UnknownName);
  EXPECT_EQ(unknown_name.error().name, "bitz");

  auto refused = Registry::invoke(*engine_registry().find("linear_params"),
                                  {Value::integer(0), Value::integer(4), Value(true)}, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().function, "linear_params");
  EXPECT_EQ(refused.error().message, "linear_params: " + std::string(refused.error().reason()));
}

TEST(RegistryInvoke, UnknownParameterListsTheKnownOnes) {
  EXPECT_EQ(error_of(Registry::invoke(echo_spec(), {Value::integer(1)}, {{"y", Value::integer(1)}})),
            "echo has no parameter 'y'; its parameters are n, x, on, xs");
}

TEST(RegistryInvoke, ParameterGivenTwice) {
  EXPECT_EQ(error_of(Registry::invoke(echo_spec(), {Value::integer(1)}, {{"n", Value::integer(2)}})),
            "echo: parameter 'n' is given twice");
  EXPECT_EQ(error_of(Registry::invoke(echo_spec(), {}, {{"x", Value::real(1)}, {"x", Value::real(2)}})),
            "echo: parameter 'x' is given twice");
}

TEST(RegistryInvoke, MissingParameterWithoutDefault) {
  EXPECT_EQ(error_of(Registry::invoke(echo_spec(), {}, {})), "echo: missing parameter 'n' (a count)");
  EXPECT_EQ(error_of(Registry::invoke(echo_spec(), {}, {{"x", Value::real(1)}})),
            "echo: missing parameter 'n' (a count)");
}

TEST(RegistryInvoke, KindChecks) {
  const FunctionSpec spec = echo_spec();
  EXPECT_EQ(error_of(Registry::invoke(spec, {Value::real(3.5)}, {})),
            "echo: n must be a whole number >= 0, got 3.5");
  EXPECT_EQ(error_of(Registry::invoke(spec, {Value::integer(-1)}, {})),
            "echo: n must be a whole number >= 0, got -1");
  EXPECT_EQ(error_of(Registry::invoke(spec, {Value(true)}, {})),
            "echo: n must be a whole number >= 0, got true");
  EXPECT_EQ(error_of(Registry::invoke(spec, {Value::integer(0)}, {})), "<ok>");  // 0 is a count
  NumberList two{Number::exact(1), Number::exact(2)};
  EXPECT_EQ(error_of(Registry::invoke(spec, {Value::integer(1), Value(two)}, {})),
            "echo: x must be a finite number, got a list of 2 numbers");
  EXPECT_EQ(error_of(Registry::invoke(spec, {Value::integer(1), Value::real(1), Value::integer(1)}, {})),
            "echo: on must be true or false, got 1");
  EXPECT_EQ(error_of(Registry::invoke(spec, {Value::integer(1)}, {{"xs", Value::integer(3)}})),
            "echo: xs must be a list of numbers such as [1, 2, 3], got 3");
  // Non-finite reals are refused before the function sees them.
  Result<Value> inf = Registry::invoke(spec, {Value::integer(1), Value::real(1e308 * 10)}, {});
  ASSERT_FALSE(inf.ok());
  EXPECT_EQ(inf.error().message.rfind("echo: x must be a finite number, got ", 0), 0u) << inf.error().message;
  // A count past the 64-bit range.
  EXPECT_EQ(error_of(Registry::invoke(spec, {Value::real(1e19)}, {}))
                .rfind("echo: n must be a whole number >= 0", 0),
            0u);
}

// Whoever calls an engine function (an expression, `derive calc NAME --flags`)
// gets an error or a finite result: 1e308 in any numeric parameter of any
// function never comes back as an infinity (20 pairs did before invoke checked).
TEST(RegistryInvoke, NoFunctionReturnsANonFiniteResult) {
  int refused = 0;
  for (const FunctionSpec& spec : engine_registry().functions()) {
    const auto base = derive::testing::working_call(spec);
    ASSERT_TRUE(base.has_value()) << spec.name << ": no working call to start from";
    for (const ParamSpec& p : spec.params) {
      if (p.kind != ParamKind::Real && p.kind != ParamKind::Count) continue;
      Named named = *base;
      for (auto& [name, value] : named)
        if (name == p.name) value = Value::real(1e308);
      const Result<Value> r = Registry::invoke(spec, {}, named);
      if (!r.ok()) {
        ++refused;
        continue;
      }
      const std::vector<Number> numbers = r->is_list()     ? r->list()
                                          : r->is_number() ? NumberList{r->number()}
                                                           : NumberList{};
      for (const Number& n : numbers)
        EXPECT_TRUE(std::isfinite(n.to_double())) << spec.name << " --" << p.name;
    }
  }
  EXPECT_GT(refused, 20);
}

TEST(RegistryInvoke, FunctionErrorsReachTheCaller) {
  const FunctionSpec* f = engine_registry().find("conv2d_macs");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(error_of(Registry::invoke(*f,
                                      {Value::integer(3), Value::integer(0), Value::integer(64),
                                       Value::integer(28), Value::integer(28)},
                                      {})),
            "conv2d_macs: in_channels must be >= 1, got 0");
}

// The public contract: name(param, param=default, ...) of each engine function
// of these four topics, exactly as the catalogue calls them.
std::string value_text(const Value& v) {
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (v.is_list()) return "[list]";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v.number().to_double());
  return buf;
}

std::string signature(const FunctionSpec& f) {
  std::string s = f.name + "(";
  for (std::size_t i = 0; i < f.params.size(); ++i) {
    const ParamSpec& p = f.params[i];
    s += (i ? ", " : "") + p.name;
    if (p.default_value) s += "=" + value_text(*p.default_value);
  }
  return s + ") -> " + f.result_unit;
}

TEST(RegistryContract, SignaturesOfMeasureLayersPruneQuant) {
  const std::vector<std::string> expected = {
      "model_size_bits(params, bits) -> bits",
      "model_size_bytes(params, bits) -> B",
      "flops_from_macs(macs) -> FLOPs",
      "macs_from_flops(flops) -> MACs",
      "arithmetic_intensity(flops, bytes) -> FLOP/B",
      "ridge_point(peak_flops_per_s, bandwidth_bytes_per_s) -> FLOP/B",
      "attainable_flops_per_s(intensity, peak_flops_per_s, bandwidth_bytes_per_s) -> FLOP/s",
      "activation_bytes(batch, channels, height, width, bytes_per_value=4) -> B",
      "inference_latency_s(macs, macs_per_second) -> s",
      "linear_params(in_features, out_features, bias=true) -> parameters",
      "linear_macs(in_features, out_features, tokens=1) -> MACs",
      "conv2d_output_size(input_size, kernel, stride=1, padding=0, dilation=1) -> ",
      "conv2d_params(kernel, in_channels, out_channels, bias=true, groups=1) -> parameters",
      "conv2d_macs(kernel, in_channels, out_channels, out_height, out_width, groups=1) -> MACs",
      "conv2d_macs_from_input(kernel, in_channels, out_channels, in_height, in_width, stride=1, padding=0, "
      "dilation=1, groups=1) -> MACs",
      "depthwise_conv2d_params(kernel, channels, bias=false) -> parameters",
      "depthwise_conv2d_macs(kernel, channels, out_height, out_width) -> MACs",
      "separable_conv2d_params(kernel, in_channels, out_channels, bias=false) -> parameters",
      "separable_conv2d_macs(kernel, in_channels, out_channels, out_height, out_width) -> MACs",
      "separable_macs_ratio(kernel, in_channels, out_channels, out_height, out_width) -> ",
      "ffn_up_macs(d_model, expansion=4) -> MACs",
      "ffn_macs(d_model, expansion=4) -> MACs",
      "sparsity(total, zeroed) -> ",
      "density(total, nonzeros) -> ",
      "nm_sparsity(n, m) -> ",
      "nonzeros(total, sparsity) -> parameters",
      "global_pruning_nonzeros(layers, params_per_layer, sparsity) -> parameters",
      "dense_bytes(total, value_bytes) -> B",
      "csr_bytes(total, sparsity, value_bytes, index_bytes, rows=0, pointer_bytes=4) -> B",
      "obd_saliency(weight, hessian) -> ",
      "quant_levels(bits) -> levels",
      "asym_scale(x_min, x_max, bits=8) -> ",
      "asym_zero_point(x_min, scale, bits=8) -> ",
      "sym_scale(abs_max, bits=8) -> ",
      "quantize(x, scale, zero_point, bits=8) -> ",
      "quantize_symmetric(x, scale, bits=8) -> ",
      "dequantize(q, scale, zero_point=0) -> ",
      "dequant_error(x, q, scale, zero_point) -> ",
      "quantization_error(x, scale, zero_point, bits=8) -> ",
      "codebook_index_bits(clusters) -> bits",
      "codebook_index_ratio(float_bits, clusters) -> ",
      "codebook_compression_ratio(weights, float_bits, clusters) -> ",
      "per_channel_overhead_bytes(channels, scale_bytes=4, zero_point_bytes=0) -> B",
      "ste_gradient(upstream) -> ",
      "clipped_ste_gradient(upstream, x, clip=1) -> ",
      "smoothquant_factor(act_max, weight_max, alpha=0.5) -> ",
  };
  for (const std::string& want : expected) {
    const std::string name = want.substr(0, want.find('('));
    const FunctionSpec* f = engine_registry().find(name);
    ASSERT_NE(f, nullptr) << name << " is not registered";
    EXPECT_EQ(signature(*f), want);
  }
}

TEST(RegistryContract, EveryFunctionOfTheseTopicsIsDocumentedAndItsDefaultsFitTheirKinds) {
  int seen = 0;
  for (const FunctionSpec& f : engine_registry().functions()) {
    if (f.topic != "measure" && f.topic != "layers" && f.topic != "prune" && f.topic != "quant") continue;
    ++seen;
    EXPECT_FALSE(f.summary.empty()) << f.name;
    EXPECT_FALSE(f.source.empty()) << f.name;
    EXPECT_TRUE(f.call) << f.name;
    for (const ParamSpec& p : f.params) {
      EXPECT_FALSE(p.help.empty()) << f.name << "." << p.name;
      if (!p.default_value) continue;
      const Value& d = *p.default_value;
      switch (p.kind) {
        case ParamKind::Count:
          EXPECT_TRUE(d.is_number() && d.number().is_exact()) << f.name << "." << p.name;
          break;
        case ParamKind::Real:
          EXPECT_TRUE(d.is_number()) << f.name << "." << p.name;
          break;
        case ParamKind::Bool:
          EXPECT_TRUE(d.is_bool()) << f.name << "." << p.name;
          break;
        case ParamKind::List:
          EXPECT_TRUE(d.is_list()) << f.name << "." << p.name;
          break;
      }
    }
  }
  EXPECT_GE(seen, 47);  // the 46 of the contract plus tensor_bytes
}

// Canonical catalogue calls through the registry: exact counts stay exact.
Value call(const char* name, const std::vector<Value>& positional, const Named& named = {}) {
  const FunctionSpec* f = engine_registry().find(name);
  EXPECT_NE(f, nullptr) << name;
  if (f == nullptr) return Value();
  Result<Value> r = Registry::invoke(*f, positional, named);
  EXPECT_TRUE(r.ok()) << name << ": " << error_of(r);
  return r.ok() ? *r : Value();
}

TEST(RegistryContract, CallsReturnExactCountsAndReals) {
  Value size = call("model_size_bytes", {Value::real(3.4e6), Value::integer(32)});
  ASSERT_TRUE(size.number().is_exact());
  EXPECT_EQ(size.number().exact_value(), 3'400'000 * 4);
  Value macs = call("conv2d_macs", {},
                    {{"kernel", Value::integer(3)},
                     {"in_channels", Value::integer(32)},
                     {"out_channels", Value::integer(64)},
                     {"out_height", Value::integer(28)},
                     {"out_width", Value::integer(28)}});
  EXPECT_EQ(macs.number().exact_value(), 3 * 3 * 32 * 64 * 28 * 28);
  EXPECT_EQ(
      call("linear_params", {Value::integer(512), Value::integer(256), Value(false)}).number().exact_value(),
      512 * 256);
  EXPECT_EQ(
      call("csr_bytes", {Value::integer(1'000'000), Value::real(0.9), Value::integer(4), Value::integer(4)})
          .number()
          .exact_value(),
      100'000 * 8);
  EXPECT_EQ(call("asym_zero_point", {Value::real(-2.0), Value::real(8.0 / 255.0)}).number().exact_value(),
            64);
  EXPECT_DOUBLE_EQ(call("smoothquant_factor", {Value::real(8.0), Value::real(0.5)}).number().to_double(),
                   4.0);
  Value half = call("model_size_bytes", {Value::integer(3), Value::integer(4)});
  EXPECT_FALSE(half.number().is_exact());
  EXPECT_DOUBLE_EQ(half.number().to_double(), 1.5);
}

}  // namespace
}  // namespace derive
