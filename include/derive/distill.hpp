// Knowledge distillation (Hinton, Vinyals & Dean, 2015, "Distilling the
// Knowledge in a Neural Network"): the T^2 gradient correction, the combined
// hard + soft loss, the student's compression ratio, the infinite-temperature
// limit of the soft targets and the KL divergence between two distributions.
//
// Soft probabilities at a temperature are softmax_prob(logits, index, T) from
// derive/nas.hpp; they are not repeated here.
#pragma once

#include <cstdint>
#include <vector>

#include "derive/result.hpp"

namespace derive {

// The factor T^2 by which the soft-target term is multiplied (sec. 2): the
// gradients of the soft cross-entropy with respect to the logits scale as
// 1/T^2, so without the factor they shrink T^2 times relative to T = 1.
// Dimensionless.
// REQUIRES: temperature finite and > 0.
Result<double> kd_gradient_scale(double temperature);

// The exact counterpart of kd_gradient_scale for given logits: how many times
// longer the gradient of the soft cross-entropy with respect to the student's
// logits is at T = 1 than at `temperature`, |g(1)| / |g(T)| with the Euclidean
// norm, where g_i(T) = (q_i(T) - p_i(T)) / T, q = softmax(student / T) and
// p = softmax(teacher / T) (sec. 2.1, first equation). T^2 is only its
// high-temperature approximation: for T large against the logits g falls as
// 1/T^2, but the ratio to T = 1 depends on the logits. Dimensionless.
// REQUIRES: equal, non-empty lengths, finite logits; temperature finite and
// > 0; the student's and teacher's softmaxes differ at T (else g(T) = 0).
Result<double> kd_gradient_ratio(const std::vector<double>& student_logits,
                                 const std::vector<double>& teacher_logits, double temperature);

// The distillation loss (1 - lam) * ce + lam * T^2 * kl, where ce is the
// hard-label cross-entropy, kl the divergence from the teacher's soft targets
// at temperature T, and lam in [0, 1] the weight of the soft term (sec. 2
// describes a weighted average of the two objectives with the T^2 factor).
// In the units of the losses given (nats when they are natural logarithms).
// REQUIRES: ce and kl finite and >= 0; temperature finite and > 0; lam in [0, 1].
Result<double> kd_loss(double ce, double kl, double temperature, double lam);

// teacher_params / student_params. Dimensionless.
// REQUIRES: both finite and > 0.
Result<double> compression_ratio(double teacher_params, double student_params);

// 1 / classes: the limit of softmax(z / T) as T -> infinity, where every
// z_i / T -> 0 and all classes become equally likely. Dimensionless.
// REQUIRES: classes >= 1.
Result<double> uniform_prob(std::int64_t classes);

// KL(p || q) = sum_j p_j * ln(p_j / q_j), in nats (Kullback & Leibler, 1951,
// "On Information and Sufficiency"). A term with p_j = 0 contributes 0 (the
// limit of x ln x as x -> 0); q_j = 0 < p_j makes the divergence infinite,
// which is reported as an error.
// REQUIRES: equal, non-zero lengths; each list >= 0 and summing to 1 within 1e-9.
Result<double> kl_divergence(const std::vector<double>& p, const std::vector<double>& q);

}  // namespace derive
