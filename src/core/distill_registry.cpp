// The distill engine functions as the expression language sees them: each
// entry adapts checked Args to the typed API of derive/distill.hpp.

#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/distill.hpp"

namespace derive {
namespace {

// A macro, so a section can be appended to it at compile time: DERIVE_SOURCE_HINTON ", sec. 2".
#define DERIVE_SOURCE_HINTON "Hinton, Vinyals & Dean, 2015, Distilling the Knowledge in a Neural Network"

// Parameters several functions of this topic share, described once.
constexpr Param kTemperature = param("temperature", "", "distillation temperature T > 0");

constexpr EngineFunction kDistillFunctions[] = {
    {{"kd_gradient_scale",
      "The factor T^2 that restores the size of soft-target gradients, which scale "
      "as 1/T^2.",
      DERIVE_SOURCE_HINTON ", sec. 2", "distill", ""},
     engine_call<&kd_gradient_scale>,
     {kTemperature}},
    {{"kd_gradient_ratio",
      "Exact |gradient at T = 1| / |gradient at T| of the soft cross-entropy for given student and "
      "teacher logits; T^2 is its high-temperature approximation.",
      DERIVE_SOURCE_HINTON ", sec. 2.1", "distill", ""},
     engine_call<&kd_gradient_ratio>,
     {param("student_logits", "", "the student's logits"),
      param("teacher_logits", "", "the teacher's logits"), kTemperature}},
    {{"kd_loss", "Distillation loss (1 - lam) * ce + lam * T^2 * kl, with lam the weight of the soft term.",
      DERIVE_SOURCE_HINTON ", sec. 2", "distill", ""},
     engine_call<&kd_loss>,
     {param("ce", "", "hard-label cross-entropy of the student"),
      param("kl", "", "KL divergence from the teacher's soft targets at temperature T"), kTemperature,
      param("lam", "", "weight of the soft term, in [0, 1]")}},
    {{"compression_ratio", "How many times more parameters the teacher has than the student.",
      DERIVE_SOURCE_HINTON, "distill", ""},
     engine_call<&compression_ratio>,
     {param("teacher_params", "parameters", "parameters of the teacher"),
      param("student_params", "parameters", "parameters of the student")}},
    {{"uniform_prob", "Soft probability of every class as the temperature goes to infinity: 1/C.",
      DERIVE_SOURCE_HINTON ", eq. 1 (limit T -> infinity)", "distill", ""},
     engine_call<&uniform_prob>,
     {param("classes", "", "number of classes C")}},
    {{"kl_divergence", "Kullback-Leibler divergence sum p log(p/q) in nats, with 0 log 0 = 0.",
      "Kullback & Leibler, 1951, On Information and Sufficiency", "distill", ""},
     engine_call<&kl_divergence>,
     {param("p", "", "reference distribution (the teacher's)"),
      param("q", "", "approximating distribution (the student's)")}},
};

}  // namespace

void register_distill(Registry& registry) { add_all(registry, kDistillFunctions); }

}  // namespace derive

#undef DERIVE_SOURCE_HINTON
