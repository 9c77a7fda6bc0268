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

// Parameters several functions of this topic share, described once.
constexpr Param kEdges = param("edges", "", "edges of the cell, each choosing one operation");
constexpr Param kLogits = param("logits", "", "logits, one per operation or class");
constexpr Param kOps = param("ops", "", "operations to choose from on each edge");
constexpr Param kTemperature = param("temperature", "", "softmax temperature T > 0", 1.0);

constexpr EngineFunction kNasFunctions[] = {
    {{"search_space_size",
      "Number of architectures when each edge independently picks one of ops operations: ops^edges "
      "(approximate past 64 bits).",
      kDarts, "nas", "architectures"},
     engine_call<&search_space_size>,
     {kOps, kEdges}},
    {{"search_space_log10", "Base-10 logarithm of the number of architectures: edges * log10(ops).", kDarts,
      "nas", "log10"},
     engine_call<&search_space_log10>,
     {kOps, kEdges}},
    {{"softmax",
      "Temperature softmax of a list of logits, computed with the maximum subtracted for stability.",
      "Hinton, Vinyals & Dean, 2015, Distilling the Knowledge in a Neural Network, eq. 1; Liu et al., "
      "2019, DARTS, eq. 2",
      "nas", ""},
     engine_call<&softmax>,
     {kLogits, kTemperature}},
    {{"softmax_prob",
      "Probability of one entry (0-based index) of the temperature softmax of a list of logits.",
      "Hinton, Vinyals & Dean, 2015, Distilling the Knowledge in a Neural Network, eq. 1; Liu et al., "
      "2019, DARTS, eq. 2",
      "nas", ""},
     engine_call<&softmax_prob>,
     {kLogits, param("index", "", "0-based position of the entry"), kTemperature}},
    {{"expected_latency",
      "Expected latency of a mixed operation: the probability-weighted sum of the operations' latencies.",
      kProxyless, "nas", "ms"},
     engine_call<&expected_latency>,
     {param("latencies", "ms", "latency of each operation (the result has the same unit)"),
      param("probs", "", "probability of each operation, summing to 1")}},
    {{"expected_latency_gradient",
      "Gradient of the expected latency with respect to one architecture logit: p_k * (lat_k - E[lat]).",
      kProxyless, "nas", "ms"},
     engine_call<&expected_latency_gradient>,
     {param("latencies", "ms", "latency of each operation"),
      param("logits", "", "architecture logits alpha, one per operation"),
      param("index", "", "0-based position k of the logit differentiated")}},
    {{"mnasnet_reward", "MnasNet reward ACC * (LAT / T)^w, with w = alpha when LAT <= T and beta otherwise.",
      "Tan et al., 2019, MnasNet: Platform-Aware Neural Architecture Search for Mobile, eq. 2 and sec. 3",
      "nas", ""},
     engine_call<&mnasnet_reward>,
     {param("accuracy", "", "accuracy as a fraction in [0, 1]"),
      param("latency", "ms", "measured latency of the model"),
      param("target", "ms", "target latency, in the same unit"),
      param("alpha", "", "exponent when latency <= target", -0.07),
      param("beta", "", "exponent when latency > target", -0.07)}},
    {{"darts_speedup",
      "How many times cheaper one DARTS search is than training every candidate architecture separately.",
      kDarts, "nas", ""},
     engine_call<&darts_speedup>,
     {param("architectures", "", "candidates a brute-force search would train"),
      param("gpu_hours_each", "GPU-hours", "GPU-hours to train one candidate"),
      param("darts_gpu_days", "GPU-days", "GPU-days of one DARTS search")}},
};

}  // namespace

void register_nas(Registry& registry) { add_all(registry, kNasFunctions); }

}  // namespace derive
