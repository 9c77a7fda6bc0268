// The nas engine functions as the expression language sees them: each entry
// adapts checked Args to the typed API of derive/nas.hpp.

#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/nas.hpp"

namespace derive {
namespace {

constexpr const char* kDarts =
    "Liu, Simonyan & Yang, 2019, DARTS: Differentiable Architecture Search, sec. 2.1";
constexpr const char* kProxyless =
    "Cai, Zhu & Han, 2019, ProxylessNAS: Direct Neural Architecture Search on Target Task and Hardware, "
    "sec. 3.3";

}  // namespace

void register_nas(Registry& registry) {
  registry.add(FunctionSpec{
      "search_space_size",
      "Number of architectures when each edge independently picks one of ops operations: ops^edges "
      "(approximate past 64 bits).",
      kDarts,
      "nas",
      {count("ops", "", "operations to choose from on each edge"),
       count("edges", "", "edges of the cell, each choosing one operation")},
      "architectures",
      [](const Args& a) { return as_value(search_space_size(a.count(0), a.count(1))); }});

  registry.add(
      FunctionSpec{"search_space_log10",
                   "Base-10 logarithm of the number of architectures: edges * log10(ops).",
                   kDarts,
                   "nas",
                   {count("ops", "", "operations to choose from on each edge"),
                    count("edges", "", "edges of the cell, each choosing one operation")},
                   "log10",
                   [](const Args& a) { return as_value(search_space_log10(a.count(0), a.count(1))); }});

  registry.add(FunctionSpec{
      "softmax",
      "Temperature softmax of a list of logits, computed with the maximum subtracted for stability.",
      "Hinton, Vinyals & Dean, 2015, Distilling the Knowledge in a Neural Network, eq. 1; Liu et al., "
      "2019, DARTS, eq. 2",
      "nas",
      {list("logits", "", "logits, one per operation or class"),
       real("temperature", "", "softmax temperature T > 0", 1.0)},
      "",
      [](const Args& a) { return as_value(softmax(a.reals(0), a.real(1))); }});

  registry.add(FunctionSpec{
      "softmax_prob",
      "Probability of one entry (0-based index) of the temperature softmax of a list of logits.",
      "Hinton, Vinyals & Dean, 2015, Distilling the Knowledge in a Neural Network, eq. 1; Liu et al., "
      "2019, DARTS, eq. 2",
      "nas",
      {list("logits", "", "logits, one per operation or class"),
       count("index", "", "0-based position of the entry"),
       real("temperature", "", "softmax temperature T > 0", 1.0)},
      "",
      [](const Args& a) { return as_value(softmax_prob(a.reals(0), a.count(1), a.real(2))); }});

  registry.add(FunctionSpec{
      "expected_latency",
      "Expected latency of a mixed operation: the probability-weighted sum of the operations' latencies.",
      kProxyless,
      "nas",
      {list("latencies", "ms", "latency of each operation (the result has the same unit)"),
       list("probs", "", "probability of each operation, summing to 1")},
      "ms",
      [](const Args& a) { return as_value(expected_latency(a.reals(0), a.reals(1))); }});

  registry.add(FunctionSpec{
      "expected_latency_gradient",
      "Gradient of the expected latency with respect to one architecture logit: p_k * (lat_k - E[lat]).",
      kProxyless,
      "nas",
      {list("latencies", "ms", "latency of each operation"),
       list("logits", "", "architecture logits alpha, one per operation"),
       count("index", "", "0-based position k of the logit differentiated")},
      "ms",
      [](const Args& a) { return as_value(expected_latency_gradient(a.reals(0), a.reals(1), a.count(2))); }});

  registry.add(FunctionSpec{
      "mnasnet_reward",
      "MnasNet reward ACC * (LAT / T)^w, with w = alpha when LAT <= T and beta otherwise.",
      "Tan et al., 2019, MnasNet: Platform-Aware Neural Architecture Search for Mobile, eq. 2 and sec. 3",
      "nas",
      {real("accuracy", "", "accuracy as a fraction in [0, 1]"),
       real("latency", "ms", "measured latency of the model"),
       real("target", "ms", "target latency, in the same unit"),
       real("alpha", "", "exponent when latency <= target", -0.07),
       real("beta", "", "exponent when latency > target", -0.07)},
      "",
      [](const Args& a) {
        return as_value(mnasnet_reward(a.real(0), a.real(1), a.real(2), a.real(3), a.real(4)));
      }});

  registry.add(FunctionSpec{
      "darts_speedup",
      "How many times cheaper one DARTS search is than training every candidate architecture separately.",
      kDarts,
      "nas",
      {count("architectures", "", "candidates a brute-force search would train"),
       real("gpu_hours_each", "GPU-hours", "GPU-hours to train one candidate"),
       real("darts_gpu_days", "GPU-days", "GPU-days of one DARTS search")},
      "",
      [](const Args& a) { return as_value(darts_speedup(a.count(0), a.real(1), a.real(2))); }});
}

}  // namespace derive
