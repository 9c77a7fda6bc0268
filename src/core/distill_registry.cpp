// The distill engine functions as the expression language sees them: each
// entry adapts checked Args to the typed API of derive/distill.hpp.

#include "core/registrations.hpp"
#include "core/registry_helpers.hpp"
#include "derive/distill.hpp"

namespace derive {
namespace {

constexpr const char* kHinton = "Hinton, Vinyals & Dean, 2015, Distilling the Knowledge in a Neural Network";

}  // namespace

void register_distill(Registry& registry) {
  registry.add(FunctionSpec{"kd_gradient_scale",
                            "The factor T^2 that restores the size of soft-target gradients, which scale "
                            "as 1/T^2.",
                            std::string(kHinton) + ", sec. 2",
                            "distill",
                            {real("temperature", "", "distillation temperature T > 0")},
                            "",
                            [](const Args& a) { return as_value(kd_gradient_scale(a.real(0))); }});

  registry.add(FunctionSpec{
      "kd_gradient_ratio",
      "Exact |gradient at T = 1| / |gradient at T| of the soft cross-entropy for given student and "
      "teacher logits; T^2 is its high-temperature approximation.",
      std::string(kHinton) + ", sec. 2.1",
      "distill",
      {list("student_logits", "", "the student's logits"), list("teacher_logits", "", "the teacher's logits"),
       real("temperature", "", "distillation temperature T > 0")},
      "",
      [](const Args& a) { return as_value(kd_gradient_ratio(a.reals(0), a.reals(1), a.real(2))); }});

  registry.add(FunctionSpec{
      "kd_loss",
      "Distillation loss (1 - lam) * ce + lam * T^2 * kl, with lam the weight of the soft term.",
      std::string(kHinton) + ", sec. 2",
      "distill",
      {real("ce", "", "hard-label cross-entropy of the student"),
       real("kl", "", "KL divergence from the teacher's soft targets at temperature T"),
       real("temperature", "", "distillation temperature T > 0"),
       real("lam", "", "weight of the soft term, in [0, 1]")},
      "",
      [](const Args& a) { return as_value(kd_loss(a.real(0), a.real(1), a.real(2), a.real(3))); }});

  registry.add(FunctionSpec{"compression_ratio",
                            "How many times more parameters the teacher has than the student.",
                            kHinton,
                            "distill",
                            {real("teacher_params", "parameters", "parameters of the teacher"),
                             real("student_params", "parameters", "parameters of the student")},
                            "",
                            [](const Args& a) { return as_value(compression_ratio(a.real(0), a.real(1))); }});

  registry.add(FunctionSpec{"uniform_prob",
                            "Soft probability of every class as the temperature goes to infinity: 1/C.",
                            std::string(kHinton) + ", eq. 1 (limit T -> infinity)",
                            "distill",
                            {count("classes", "", "number of classes C")},
                            "",
                            [](const Args& a) { return as_value(uniform_prob(a.count(0))); }});

  registry.add(FunctionSpec{"kl_divergence",
                            "Kullback-Leibler divergence sum p log(p/q) in nats, with 0 log 0 = 0.",
                            "Kullback & Leibler, 1951, On Information and Sufficiency",
                            "distill",
                            {list("p", "", "reference distribution (the teacher's)"),
                             list("q", "", "approximating distribution (the student's)")},
                            "",
                            [](const Args& a) { return as_value(kl_divergence(a.reals(0), a.reals(1))); }});
}

}  // namespace derive
