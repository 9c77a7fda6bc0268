#include "derive/graph/model.hpp"

#include <cassert>
#include <cstdint>
#include <string>
#include <vector>

namespace derive::graph {

std::string_view op_kind_name(OpKind kind) {
  switch (kind) {
    case OpKind::other:
      return "other";
    case OpKind::custom:
      return "custom";
    case OpKind::conv2d:
      return "conv2d";
    case OpKind::depthwise_conv2d:
      return "depthwise_conv2d";
    case OpKind::transpose_conv2d:
      return "transpose_conv2d";
    case OpKind::fully_connected:
      return "fully_connected";
    case OpKind::batch_matmul:
      return "batch_matmul";
    case OpKind::average_pool2d:
      return "average_pool2d";
    case OpKind::max_pool2d:
      return "max_pool2d";
    case OpKind::mean:
      return "mean";
    case OpKind::elementwise:
      return "elementwise";
    case OpKind::activation:
      return "activation";
    case OpKind::softmax:
      return "softmax";
    case OpKind::svdf:
      return "svdf";
    case OpKind::lstm:
      return "lstm";
    case OpKind::data_movement:
      return "data_movement";
    case OpKind::conversion:
      return "conversion";
    case OpKind::control_flow:
      return "control_flow";
  }
  return "other";
}

std::string_view layout_name(Layout layout) { return layout == Layout::nchw ? "NCHW" : "NHWC"; }

const Subgraph& main_subgraph(const Model& model) {
  assert(!model.subgraphs.empty());
  return model.subgraphs.front();
}

namespace {

Status check_indices(const std::vector<std::int32_t>& indices, std::size_t tensor_count, bool allow_absent,
                     const std::string& where) {
  for (std::size_t i = 0; i < indices.size(); ++i) {
    const std::int32_t index = indices[i];
    if (index == -1 && allow_absent) continue;
    if (index < 0 || static_cast<std::size_t>(index) >= tensor_count) {
      return make_error(where + " " + std::to_string(i) + ": tensor index " + std::to_string(index) +
                        " out of range (subgraph has " + std::to_string(tensor_count) + " tensors)");
    }
  }
  return {};
}

// A subgraph that calls itself, directly or through others, would make TFLM's
// lifetime marking (MarkAllocationLifetimes) recurse without end: an error
// naming the cycle. Depth-first over the call graph with an explicit stack,
// so a hostile file with thousands of subgraphs cannot exhaust the C++ stack.
Status check_calls_acyclic(const Model& model) {
  enum class Mark : std::uint8_t { unvisited, on_path, done };
  std::vector<Mark> mark(model.subgraphs.size(), Mark::unvisited);
  struct Frame {
    std::size_t subgraph;
    std::size_t op = 0, call = 0;
  };
  for (std::size_t root = 0; root < model.subgraphs.size(); ++root) {
    if (mark[root] != Mark::unvisited) continue;
    std::vector<Frame> path{{root}};
    mark[root] = Mark::on_path;
    while (!path.empty()) {
      Frame& top = path.back();
      const std::vector<Operator>& ops = model.subgraphs[top.subgraph].operators;
      if (top.op == ops.size()) {
        mark[top.subgraph] = Mark::done;
        path.pop_back();
        continue;
      }
      const std::vector<std::int32_t>& calls = ops[top.op].attributes.called_subgraphs;
      if (top.call == calls.size()) {
        ++top.op;
        top.call = 0;
        continue;
      }
      const auto callee = static_cast<std::size_t>(calls[top.call++]);
      if (mark[callee] == Mark::on_path) {
        std::string cycle;
        for (const Frame& f : path) cycle += std::to_string(f.subgraph) + " -> ";
        return make_error("subgraph " + std::to_string(top.subgraph) + ", operator " +
                          std::to_string(top.op) + " (" + ops[top.op].op + ") calls subgraph " +
                          std::to_string(callee) + ", which is already being called (" + cycle +
                          std::to_string(callee) + "): recursive control flow cannot be planned");
      }
      if (mark[callee] == Mark::unvisited) {
        mark[callee] = Mark::on_path;
        path.push_back({callee});
      }
    }
  }
  return {};
}

}  // namespace

std::vector<std::int32_t> reachable_subgraphs(const Model& model) {
  std::vector<std::int32_t> order;
  if (model.subgraphs.empty()) return order;
  std::vector<bool> seen(model.subgraphs.size(), false);
  // Depth first, callees in the order each operator names them, as
  // MarkAllocationLifetimes visits them; each subgraph listed once.
  std::vector<std::int32_t> stack{0};
  seen[0] = true;
  while (!stack.empty()) {
    const std::int32_t s = stack.back();
    stack.pop_back();
    order.push_back(s);
    std::vector<std::int32_t> callees;
    for (const Operator& op : model.subgraphs[static_cast<std::size_t>(s)].operators) {
      for (const std::int32_t called : op.attributes.called_subgraphs) {
        if (!seen[static_cast<std::size_t>(called)]) {
          seen[static_cast<std::size_t>(called)] = true;
          callees.push_back(called);
        }
      }
    }
    stack.insert(stack.end(), callees.rbegin(), callees.rend());
  }
  return order;
}

Status validate(const Model& model) {
  if (model.subgraphs.empty()) return make_error("model has no subgraph, expected at least one");
  for (std::size_t s = 0; s < model.subgraphs.size(); ++s) {
    const Subgraph& subgraph = model.subgraphs[s];
    const std::string sg = "subgraph " + std::to_string(s);
    const std::size_t n = subgraph.tensors.size();
    DERIVE_CHECK(check_indices(subgraph.inputs, n, false, sg + ": input"));
    DERIVE_CHECK(check_indices(subgraph.outputs, n, false, sg + ": output"));
    for (std::size_t o = 0; o < subgraph.operators.size(); ++o) {
      const Operator& op = subgraph.operators[o];
      const std::string where = sg + ", operator " + std::to_string(o) + " (" + op.op + ")";
      DERIVE_CHECK(check_indices(op.inputs, n, true, where + ": input"));
      DERIVE_CHECK(check_indices(op.outputs, n, false, where + ": output"));
      DERIVE_CHECK(check_indices(op.intermediates, n, false, where + ": intermediate"));
      for (const std::int32_t called : op.attributes.called_subgraphs) {
        if (called < 0 || static_cast<std::size_t>(called) >= model.subgraphs.size()) {
          return make_error(where + ": calls subgraph " + std::to_string(called) +
                            ", out of range (model has " + std::to_string(model.subgraphs.size()) +
                            " subgraphs)");
        }
      }
    }
  }
  DERIVE_CHECK(check_calls_acyclic(model));
  if (model.offline_plan) {
    const OfflineMemoryPlan& plan = *model.offline_plan;
    if (plan.subgraph < 0 || static_cast<std::size_t>(plan.subgraph) >= model.subgraphs.size()) {
      return make_error("OfflineMemoryAllocation: subgraph " + std::to_string(plan.subgraph) +
                        " out of range (model has " + std::to_string(model.subgraphs.size()) + " subgraphs)");
    }
    const std::size_t tensors = model.subgraphs[static_cast<std::size_t>(plan.subgraph)].tensors.size();
    if (plan.offsets.size() != tensors) {
      return make_error("OfflineMemoryAllocation: " + std::to_string(plan.offsets.size()) +
                        " offsets, expected one per tensor of subgraph " + std::to_string(plan.subgraph) +
                        " (" + std::to_string(tensors) + ")");
    }
  }
  return {};
}

}  // namespace derive::graph
