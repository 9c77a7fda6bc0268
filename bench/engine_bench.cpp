// How long an engine call takes through the registry (argument binding, kind
// checks, the call, the finiteness check) and through the expression language
// (parse once, evaluate many times). These are the paths every catalogue
// answer, `derive calc` and the browser calculator take, so a change to the
// registry or the binder shows here first. Run the release build:
//   cmake --preset release && cmake --build --preset release --target derive_bench
//   ./build/release/bench/derive_bench --benchmark_filter='Registry|Expression' --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include "derive/expr/expression.hpp"
#include "derive/registry.hpp"

namespace derive {
namespace {

// Six Count arguments, all positional: the common shape of a layer formula.
void BM_RegistryInvokePositional(benchmark::State& state) {
  const FunctionSpec& f = *engine_registry().find("conv2d_macs");
  const std::vector<Value> args = {Value::integer(3), Value::integer(64),  Value::integer(3),
                                   Value::integer(3), Value::integer(112), Value::integer(112)};
  for (auto _ : state) benchmark::DoNotOptimize(Registry::invoke(f, args, {}));
}
BENCHMARK(BM_RegistryInvokePositional);

// Named arguments and two defaults filled in (batch, bytes_per_value).
void BM_RegistryInvokeNamedWithDefaults(benchmark::State& state) {
  const FunctionSpec& f = *engine_registry().find("kv_cache_bytes");
  const std::vector<std::pair<std::string, Value>> named = {{"layers", Value::integer(32)},
                                                            {"kv_heads", Value::integer(8)},
                                                            {"head_dim", Value::integer(128)},
                                                            {"tokens", Value::integer(4096)}};
  for (auto _ : state) benchmark::DoNotOptimize(Registry::invoke(f, {}, named));
}
BENCHMARK(BM_RegistryInvokeNamedWithDefaults);

// A rejected argument: the error message is built.
void BM_RegistryInvokeRejected(benchmark::State& state) {
  const FunctionSpec& f = *engine_registry().find("quant_levels");
  const std::vector<Value> args = {Value::real(3.5)};
  for (auto _ : state) benchmark::DoNotOptimize(Registry::invoke(f, args, {}));
}
BENCHMARK(BM_RegistryInvokeRejected);

void BM_ExpressionParse(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(
        Expression::parse("kv_cache_bytes(layers, kv_heads, head_dim, tokens, bytes_per_value = 2) / 1e6"));
}
BENCHMARK(BM_ExpressionParse);

// A parsed answer formula evaluated with its parameters bound, as a grader does.
void BM_ExpressionEvaluateEngineCall(benchmark::State& state) {
  const Expression e =
      *Expression::parse("kv_cache_bytes(layers, kv_heads, head_dim, tokens, bytes_per_value = 2) / 1e6");
  const Environment env = {{"layers", Value::integer(32)},
                           {"kv_heads", Value::integer(8)},
                           {"head_dim", Value::integer(128)},
                           {"tokens", Value::integer(4096)}};
  for (auto _ : state) benchmark::DoNotOptimize(e.evaluate(env));
}
BENCHMARK(BM_ExpressionEvaluateEngineCall);

// Arithmetic and builtins only, no engine call: the evaluator's own cost.
void BM_ExpressionEvaluateArithmetic(benchmark::State& state) {
  const Expression e = *Expression::parse("round(log2(levels) * (x_max - x_min) / 255, 3) + max(a, b)");
  const Environment env = {{"levels", Value::integer(256)},
                           {"x_max", Value::real(6.0)},
                           {"x_min", Value::real(-2.0)},
                           {"a", Value::integer(3)},
                           {"b", Value::integer(4)}};
  for (auto _ : state) benchmark::DoNotOptimize(e.evaluate(env));
}
BENCHMARK(BM_ExpressionEvaluateArithmetic);

}  // namespace
}  // namespace derive
