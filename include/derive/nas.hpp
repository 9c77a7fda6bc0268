// Neural architecture search: the size of a search space, the softmax that
// relaxes a discrete choice of operation into a weighting, the expected latency
// of that weighting and its gradient, the MnasNet reward and the cost of
// brute-force search compared with one DARTS run.
//
// Every function checks its input and returns an Error (never throws) whose
// message names the function, the input and what was expected.
#pragma once

#include <cstdint>
#include <vector>

#include "derive/number.hpp"
#include "derive/result.hpp"

namespace derive {

// Architectures in a cell whose `edges` each pick one of `ops` operations
// independently (the DARTS cell: Liu, Simonyan & Yang, 2019, "DARTS:
// Differentiable Architecture Search", sec. 2.1): ops^edges.
// Exact while the count fits in 64 bits, otherwise an approximate() double;
// an error only when it exceeds the range of a double (use
// search_space_log10 there).
// REQUIRES: ops >= 1, edges >= 1.
Result<Number> search_space_size(std::int64_t ops, std::int64_t edges);

// log10 of the number of architectures: edges * log10(ops).
// REQUIRES: ops >= 1, edges >= 1.
Result<double> search_space_log10(std::int64_t ops, std::int64_t edges);

// Probabilities p_i = exp(z_i / T) / sum_j exp(z_j / T): the temperature
// softmax of Hinton, Vinyals & Dean (2015), "Distilling the Knowledge in a
// Neural Network", eq. 1; at T = 1 the continuous relaxation of DARTS (Liu et
// al., 2019, eq. 2). Computed with the maximum logit subtracted first so that
// no exp() overflows.
// REQUIRES: at least one logit, every logit finite, temperature finite and > 0.
Result<std::vector<double>> softmax(const std::vector<double>& logits, double temperature = 1.0);

// The probability of entry `index` (0-based) of softmax(logits, temperature).
// REQUIRES: as softmax, and 0 <= index < logits.size().
Result<double> softmax_prob(const std::vector<double>& logits, std::int64_t index, double temperature = 1.0);

// E[latency] = sum_j p_j * latency_j, in the unit of the latencies (Cai, Zhu &
// Han, 2019, "ProxylessNAS: Direct Neural Architecture Search on Target Task
// and Hardware", sec. 3.3, the expected latency of a mixed operation).
// REQUIRES: equal, non-zero lengths; latencies finite and >= 0; probabilities
// >= 0 that sum to 1 within 1e-9.
Result<double> expected_latency(const std::vector<double>& latencies, const std::vector<double>& probs);

// d E[latency] / d alpha_index where p = softmax(logits) at T = 1, in the unit
// of the latencies per unit of logit: p_index * (latency_index - E[latency]).
// REQUIRES: equal, non-zero lengths; finite latencies >= 0; finite logits;
// 0 <= index < logits.size().
Result<double> expected_latency_gradient(const std::vector<double>& latencies,
                                         const std::vector<double>& logits, std::int64_t index);

// The MnasNet objective ACC * (LAT / T)^w with w = alpha when LAT <= T and
// w = beta otherwise (Tan et al., 2019, "MnasNet: Platform-Aware Neural
// Architecture Search for Mobile", eq. 2; the soft constraint of sec. 3 uses
// alpha = beta = -0.07). Dimensionless.
// REQUIRES: accuracy in [0, 1]; latency and target finite and > 0; alpha and
// beta finite.
Result<double> mnasnet_reward(double accuracy, double latency, double target, double alpha = -0.07,
                              double beta = -0.07);

// How many times cheaper one DARTS search is than training `architectures`
// candidates separately: architectures * gpu_hours_each / (darts_gpu_days * 24).
// REQUIRES: architectures >= 1; gpu_hours_each and darts_gpu_days finite, > 0.
Result<double> darts_speedup(std::int64_t architectures, double gpu_hours_each, double darts_gpu_days);

}  // namespace derive
