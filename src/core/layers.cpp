#include "derive/layers.hpp"

#include <string>

#include "core/checks.hpp"
#include "core/counts.hpp"

namespace derive {
namespace {

// Layers take only counts, so no real number is ever spelled in a message.
constexpr checks::Checker check{};

// groups must be >= 1 and divide both channel counts (PyTorch Conv2d rule: each
// group sees in/groups input channels and produces out/groups output channels).
Status check_groups(const char* fn, std::int64_t in_channels, std::int64_t out_channels,
                    std::int64_t groups) {
  DERIVE_CHECK(check.at_least(fn, "groups", groups, 1));
  if (in_channels % groups != 0 || out_channels % groups != 0) {
    return error_in(fn, "groups must divide in_channels and out_channels, got groups " +
                            std::to_string(groups) + " with in_channels " + std::to_string(in_channels) +
                            " and out_channels " + std::to_string(out_channels));
  }
  return {};
}

// An error from a helper call, re-addressed to the function the user called.
template <class T>
Result<T> as_from(const char* fn, const char* inner, Result<T> r) {
  if (r.ok()) return r;
  const Error& e = r.error();
  if (e.function != inner) return e;
  return error_in(fn, std::string(e.reason()), e.code);
}

}  // namespace

Result<std::int64_t> linear_params(std::int64_t in_features, std::int64_t out_features, bool bias) {
  DERIVE_CHECK(check.at_least("linear_params", "in_features", in_features, 1));
  DERIVE_CHECK(check.at_least("linear_params", "out_features", out_features, 1));
  DERIVE_TRY(const std::int64_t weights,
             checked_multiply(in_features, out_features, "linear_params: parameter count"));
  return checked_add(weights, bias ? out_features : 0, "linear_params: parameter count");
}

Result<std::int64_t> linear_macs(std::int64_t in_features, std::int64_t out_features, std::int64_t tokens) {
  DERIVE_CHECK(check.at_least("linear_macs", "in_features", in_features, 1));
  DERIVE_CHECK(check.at_least("linear_macs", "out_features", out_features, 1));
  DERIVE_CHECK(check.at_least("linear_macs", "tokens", tokens, 1));
  return counts::product("linear_macs: MAC count", {in_features, out_features, tokens});
}

Result<std::int64_t> conv2d_output_size(std::int64_t input_size, std::int64_t kernel, std::int64_t stride,
                                        std::int64_t padding, std::int64_t dilation) {
  const char* fn = "conv2d_output_size";
  DERIVE_CHECK(check.at_least(fn, "input_size", input_size, 1));
  DERIVE_CHECK(check.at_least(fn, "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least(fn, "stride", stride, 1));
  DERIVE_CHECK(check.at_least(fn, "padding", padding, 0));
  DERIVE_CHECK(check.at_least(fn, "dilation", dilation, 1));
  // The dilated kernel spans dilation*(kernel-1)+1 inputs; the padded input has
  // input+2*padding. Both fit in 64 bits or the question is meaningless.
  const char* what = "conv2d_output_size: padded input or dilated kernel";
  DERIVE_TRY(const std::int64_t span_minus_one, checked_multiply(dilation, kernel - 1, what));
  DERIVE_TRY(const std::int64_t two_pad, checked_multiply(2, padding, what));
  DERIVE_TRY(const std::int64_t padded, checked_add(input_size, two_pad, what));
  if (span_minus_one >= padded) {
    return error_in(fn, "the dilated kernel spans " + std::to_string(span_minus_one + 1) +
                            " inputs (dilation*(kernel-1)+1) but the padded input has only " +
                            std::to_string(padded) + " (input_size+2*padding); the output would be empty");
  }
  // Non-negative numerator, so integer division is the floor of the formula.
  return (padded - span_minus_one - 1) / stride + 1;
}

Result<std::int64_t> conv2d_params(std::int64_t kernel, std::int64_t in_channels, std::int64_t out_channels,
                                   bool bias, std::int64_t groups) {
  const char* fn = "conv2d_params";
  DERIVE_CHECK(check.at_least(fn, "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least(fn, "in_channels", in_channels, 1));
  DERIVE_CHECK(check.at_least(fn, "out_channels", out_channels, 1));
  DERIVE_CHECK(check_groups(fn, in_channels, out_channels, groups));
  DERIVE_TRY(const std::int64_t weights,
             counts::product("conv2d_params: parameter count",
                             {kernel, kernel, in_channels / groups, out_channels}));
  return checked_add(weights, bias ? out_channels : 0, "conv2d_params: parameter count");
}

Result<std::int64_t> conv2d_macs(std::int64_t kernel, std::int64_t in_channels, std::int64_t out_channels,
                                 std::int64_t out_height, std::int64_t out_width, std::int64_t groups) {
  const char* fn = "conv2d_macs";
  DERIVE_CHECK(check.at_least(fn, "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least(fn, "in_channels", in_channels, 1));
  DERIVE_CHECK(check.at_least(fn, "out_channels", out_channels, 1));
  DERIVE_CHECK(check.at_least(fn, "out_height", out_height, 1));
  DERIVE_CHECK(check.at_least(fn, "out_width", out_width, 1));
  DERIVE_CHECK(check_groups(fn, in_channels, out_channels, groups));
  return counts::product("conv2d_macs: MAC count",
                         {kernel, kernel, in_channels / groups, out_channels, out_height, out_width});
}

Result<std::int64_t> conv2d_macs_from_input(std::int64_t kernel, std::int64_t in_channels,
                                            std::int64_t out_channels, std::int64_t in_height,
                                            std::int64_t in_width, std::int64_t stride, std::int64_t padding,
                                            std::int64_t dilation, std::int64_t groups) {
  const char* fn = "conv2d_macs_from_input";
  DERIVE_CHECK(check.at_least(fn, "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least(fn, "in_channels", in_channels, 1));
  DERIVE_CHECK(check.at_least(fn, "out_channels", out_channels, 1));
  DERIVE_CHECK(check.at_least(fn, "in_height", in_height, 1));
  DERIVE_CHECK(check.at_least(fn, "in_width", in_width, 1));
  DERIVE_CHECK(check_groups(fn, in_channels, out_channels, groups));
  DERIVE_TRY(
      const std::int64_t out_height,
      as_from(fn, "conv2d_output_size", conv2d_output_size(in_height, kernel, stride, padding, dilation)));
  DERIVE_TRY(
      const std::int64_t out_width,
      as_from(fn, "conv2d_output_size", conv2d_output_size(in_width, kernel, stride, padding, dilation)));
  return as_from(fn, "conv2d_macs",
                 conv2d_macs(kernel, in_channels, out_channels, out_height, out_width, groups));
}

Result<std::int64_t> depthwise_conv2d_params(std::int64_t kernel, std::int64_t channels, bool bias) {
  DERIVE_CHECK(check.at_least("depthwise_conv2d_params", "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least("depthwise_conv2d_params", "channels", channels, 1));
  DERIVE_TRY(const std::int64_t weights,
             counts::product("depthwise_conv2d_params: parameter count", {kernel, kernel, channels}));
  return checked_add(weights, bias ? channels : 0, "depthwise_conv2d_params: parameter count");
}

Result<std::int64_t> depthwise_conv2d_macs(std::int64_t kernel, std::int64_t channels,
                                           std::int64_t out_height, std::int64_t out_width) {
  const char* fn = "depthwise_conv2d_macs";
  DERIVE_CHECK(check.at_least(fn, "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least(fn, "channels", channels, 1));
  DERIVE_CHECK(check.at_least(fn, "out_height", out_height, 1));
  DERIVE_CHECK(check.at_least(fn, "out_width", out_width, 1));
  return counts::product("depthwise_conv2d_macs: MAC count",
                         {kernel, kernel, channels, out_height, out_width});
}

Result<std::int64_t> separable_conv2d_params(std::int64_t kernel, std::int64_t in_channels,
                                             std::int64_t out_channels, bool bias) {
  const char* fn = "separable_conv2d_params";
  DERIVE_CHECK(check.at_least(fn, "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least(fn, "in_channels", in_channels, 1));
  DERIVE_CHECK(check.at_least(fn, "out_channels", out_channels, 1));
  const char* what = "separable_conv2d_params: parameter count";
  DERIVE_TRY(const std::int64_t depthwise, counts::product(what, {kernel, kernel, in_channels}));
  DERIVE_TRY(const std::int64_t pointwise, checked_multiply(in_channels, out_channels, what));
  DERIVE_TRY(std::int64_t total, checked_add(depthwise, pointwise, what));
  if (bias) {
    DERIVE_TRY(total, checked_add(total, in_channels, what));
    DERIVE_TRY(total, checked_add(total, out_channels, what));
  }
  return total;
}

Result<std::int64_t> separable_conv2d_macs(std::int64_t kernel, std::int64_t in_channels,
                                           std::int64_t out_channels, std::int64_t out_height,
                                           std::int64_t out_width) {
  const char* fn = "separable_conv2d_macs";
  DERIVE_CHECK(check.at_least(fn, "kernel", kernel, 1));
  DERIVE_CHECK(check.at_least(fn, "in_channels", in_channels, 1));
  DERIVE_CHECK(check.at_least(fn, "out_channels", out_channels, 1));
  DERIVE_CHECK(check.at_least(fn, "out_height", out_height, 1));
  DERIVE_CHECK(check.at_least(fn, "out_width", out_width, 1));
  const char* what = "separable_conv2d_macs: MAC count";
  DERIVE_TRY(const std::int64_t depthwise,
             counts::product(what, {kernel, kernel, in_channels, out_height, out_width}));
  DERIVE_TRY(const std::int64_t pointwise,
             counts::product(what, {in_channels, out_channels, out_height, out_width}));
  return checked_add(depthwise, pointwise, what);
}

Result<double> separable_macs_ratio(std::int64_t kernel, std::int64_t in_channels, std::int64_t out_channels,
                                    std::int64_t out_height, std::int64_t out_width) {
  const char* fn = "separable_macs_ratio";
  DERIVE_TRY(const std::int64_t separable,
             as_from(fn, "separable_conv2d_macs",
                     separable_conv2d_macs(kernel, in_channels, out_channels, out_height, out_width)));
  DERIVE_TRY(
      const std::int64_t standard,
      as_from(fn, "conv2d_macs", conv2d_macs(kernel, in_channels, out_channels, out_height, out_width)));
  return static_cast<double>(standard) / static_cast<double>(separable);
}

Result<std::int64_t> ffn_up_macs(std::int64_t d_model, std::int64_t expansion) {
  DERIVE_CHECK(check.at_least("ffn_up_macs", "d_model", d_model, 1));
  DERIVE_CHECK(check.at_least("ffn_up_macs", "expansion", expansion, 1));
  return counts::product("ffn_up_macs: MAC count", {expansion, d_model, d_model});
}

Result<std::int64_t> ffn_macs(std::int64_t d_model, std::int64_t expansion) {
  DERIVE_CHECK(check.at_least("ffn_macs", "d_model", d_model, 1));
  DERIVE_CHECK(check.at_least("ffn_macs", "expansion", expansion, 1));
  // The down projection Linear(expansion*d, d) has as many MACs as the up one.
  return counts::product("ffn_macs: MAC count", {2, expansion, d_model, d_model});
}

}  // namespace derive
