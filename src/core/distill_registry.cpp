// The distill engine functions as the expression language sees them: each
// entry adapts checked Args to the typed API of derive/distill.hpp.
#include <optional>

#include "core/registrations.hpp"
#include "derive/distill.hpp"

namespace derive {
namespace {

Result<Value> as_real(const Result<double>& r) {
  if (!r.ok()) return r.error();
  return Value::real(r.value());
}

ParamSpec param(const char* name, ParamKind kind, const char* unit, const char* help) {
  return ParamSpec{name, kind, unit, help, std::nullopt};
}

constexpr const char* kHinton = "Hinton, Vinyals & Dean, 2015, Distilling the Knowledge in a Neural Network";

}  // namespace

void register_distill(Registry& registry) {
  registry.add(FunctionSpec{"kd_gradient_scale",
                            "The factor T^2 that restores the size of soft-target gradients, which scale "
                            "as 1/T^2.",
                            std::string(kHinton) + ", sec. 2",
                            "distill",
                            {param("temperature", ParamKind::Real, "", "distillation temperature T > 0")},
                            "",
                            [](const Args& a) { return as_real(kd_gradient_scale(a.real(0))); }});

  registry.add(FunctionSpec{
      "kd_loss",
      "Distillation loss (1 - lam) * ce + lam * T^2 * kl, with lam the weight of the soft term.",
      std::string(kHinton) + ", sec. 2",
      "distill",
      {param("ce", ParamKind::Real, "", "hard-label cross-entropy of the student"),
       param("kl", ParamKind::Real, "", "KL divergence from the teacher's soft targets at temperature T"),
       param("temperature", ParamKind::Real, "", "distillation temperature T > 0"),
       param("lam", ParamKind::Real, "", "weight of the soft term, in [0, 1]")},
      "",
      [](const Args& a) { return as_real(kd_loss(a.real(0), a.real(1), a.real(2), a.real(3))); }});

  registry.add(
      FunctionSpec{"compression_ratio",
                   "How many times more parameters the teacher has than the student.",
                   kHinton,
                   "distill",
                   {param("teacher_params", ParamKind::Real, "parameters", "parameters of the teacher"),
                    param("student_params", ParamKind::Real, "parameters", "parameters of the student")},
                   "",
                   [](const Args& a) { return as_real(compression_ratio(a.real(0), a.real(1))); }});

  registry.add(FunctionSpec{"uniform_prob",
                            "Soft probability of every class as the temperature goes to infinity: 1/C.",
                            std::string(kHinton) + ", eq. 1 (limit T -> infinity)",
                            "distill",
                            {param("classes", ParamKind::Count, "", "number of classes C")},
                            "",
                            [](const Args& a) { return as_real(uniform_prob(a.count(0))); }});

  registry.add(FunctionSpec{"kl_divergence",
                            "Kullback-Leibler divergence sum p log(p/q) in nats, with 0 log 0 = 0.",
                            "Kullback & Leibler, 1951, On Information and Sufficiency",
                            "distill",
                            {param("p", ParamKind::List, "", "reference distribution (the teacher's)"),
                             param("q", ParamKind::List, "", "approximating distribution (the student's)")},
                            "",
                            [](const Args& a) { return as_real(kl_divergence(a.reals(0), a.reals(1))); }});
}

}  // namespace derive
