// Shared objects from a minimum-cost flow, after TensorFlow Lite's GPU delegate
// (tensorflow/lite/delegates/gpu/common/memory_management/
// min_cost_flow_assignment.cc, MinCostFlowSolver) and Pisarchyk & Lee (2020,
// arXiv 2001.03288), then stacked like the other shared-object strategies.
//
// The flow graph has a left and a right vertex per buffer (in first-use
// order). One unit from the source to each left vertex and from each right
// vertex to the sink. A right vertex is reached either straight from the
// source, at the cost of the buffer's size (a new object), or from the left
// vertex of an earlier buffer whose lifetime ended before this one began, at
// the cost of the growth of that object (max(0, size - earlier size)): "this
// buffer reuses that buffer's object next". A minimum-cost flow of one unit
// per buffer is a set of reuse chains; each chain is one object, as large as
// its largest buffer. The cost only approximates the objects' total size (a
// chain's growth costs add up along the chain, the true size is a maximum),
// which is why this is a heuristic, as the delegate says.
//
// We find the flow by successive shortest paths with a queue-based
// Bellman-Ford (SPFA), as the delegate does. Equal-cost flows can differ
// between implementations, so our objects can differ from the delegate's on
// ties. The graph has O(n^2) reuse edges and the n augmentations cost O(n^3)
// in all: this is the slowest strategy here, so it takes at most 128 online
// buffers (max_online_buffers).
#include <algorithm>
#include <deque>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

#include "memplan/strategies.hpp"

namespace derive::memplan {
namespace {

class FlowGraph {
 public:
  explicit FlowGraph(std::size_t vertices) : edges_from_(vertices) {}

  // An edge and its residual twin; edge e's twin is e ^ 1.
  void add_edge(std::size_t from, std::size_t to, std::int64_t cost) {
    edges_from_[from].push_back(edges_.size());
    edges_.push_back({to, 1, cost});
    edges_from_[to].push_back(edges_.size());
    edges_.push_back({from, 0, -cost});
  }

  // Pushes one unit at a time along a cheapest residual path until the sink
  // is unreachable.
  void solve(std::size_t source, std::size_t sink) {
    constexpr std::int64_t kUnreached = std::numeric_limits<std::int64_t>::max();
    const std::size_t n = edges_from_.size();
    std::vector<std::int64_t> cost(n);
    std::vector<std::size_t> via(n);
    std::vector<bool> queued(n);
    std::deque<std::size_t> queue;
    while (true) {
      std::fill(cost.begin(), cost.end(), kUnreached);
      std::fill(queued.begin(), queued.end(), false);
      cost[source] = 0;
      queue.push_back(source);
      queued[source] = true;
      while (!queue.empty()) {
        const std::size_t v = queue.front();
        queue.pop_front();
        queued[v] = false;
        for (const std::size_t e : edges_from_[v]) {
          const Edge& edge = edges_[e];
          if (edge.capacity == 0 || cost[v] + edge.cost >= cost[edge.to]) continue;
          cost[edge.to] = cost[v] + edge.cost;
          via[edge.to] = e;
          if (!queued[edge.to]) {
            queue.push_back(edge.to);
            queued[edge.to] = true;
          }
        }
      }
      if (cost[sink] == kUnreached) return;
      for (std::size_t v = sink; v != source;) {
        const std::size_t e = via[v];
        --edges_[e].capacity;
        ++edges_[e ^ 1].capacity;
        v = edges_[e ^ 1].to;
      }
    }
  }

  // The vertices reached from `from` along saturated forward edges.
  std::vector<std::size_t> saturated_from(std::size_t from) const {
    std::vector<std::size_t> out;
    for (const std::size_t e : edges_from_[from]) {
      if (e % 2 == 0 && edges_[e].capacity == 0) out.push_back(edges_[e].to);
    }
    return out;
  }

 private:
  struct Edge {
    std::size_t to;
    int capacity;
    std::int64_t cost;
  };
  std::vector<Edge> edges_;
  std::vector<std::vector<std::size_t>> edges_from_;
};

class MinCostFlowPlanner final : public Planner {
 public:
  std::string_view name() const override { return "min-cost-flow"; }
  std::string_view summary() const override {
    return "TFLite GPU delegate's min-cost flow shared objects (Pisarchyk & Lee 2020): reuse chains from a "
           "minimum-cost flow, objects laid end to end";
  }
  // 128 buffers take about 5 ms natively (bench/memplan_bench.cpp), 410 take
  // about 400 ms.
  std::size_t max_online_buffers() const override { return 128; }
  std::vector<std::int64_t> place(const Problem& problem) const override {
    const std::vector<std::size_t> records = online_in_first_use_order(problem);
    const std::size_t m = records.size();
    const std::size_t source = 2 * m;
    const std::size_t sink = source + 1;
    FlowGraph graph(sink + 1);
    // Records whose lifetime ended before the current one began, in the order
    // they ended (the delegate's old_record_ids).
    std::vector<std::size_t> ended;
    std::priority_queue<std::pair<int, std::size_t>, std::vector<std::pair<int, std::size_t>>, std::greater<>>
        in_use;
    for (std::size_t r = 0; r < m; ++r) {
      const std::size_t buffer = records[r];
      while (!in_use.empty() && in_use.top().first < problem.first_use[buffer]) {
        ended.push_back(in_use.top().second);
        in_use.pop();
      }
      in_use.push({problem.last_use[buffer], r});
      graph.add_edge(source, r, 0);
      graph.add_edge(m + r, sink, 0);
      graph.add_edge(source, m + r, problem.sizes[buffer]);
      for (const std::size_t earlier : ended) {
        const std::int64_t growth =
            std::max<std::int64_t>(0, problem.sizes[buffer] - problem.sizes[records[earlier]]);
        graph.add_edge(earlier, m + r, growth);
      }
    }
    graph.solve(source, sink);

    ObjectAssignment assignment;
    assignment.object_of.assign(problem.size(), 0);
    std::vector<bool> assigned(m, false);
    for (const std::size_t start : graph.saturated_from(source)) {
      if (start < m || start >= 2 * m) continue;  // only source -> right: a new object
      const std::size_t object = assignment.object_bytes.size();
      std::int64_t bytes = 0;
      // Follow the chain: left vertex r -> right vertex of its successor.
      for (std::size_t r = start - m; !assigned[r];) {
        assigned[r] = true;
        assignment.object_of[records[r]] = object;
        bytes = std::max(bytes, problem.sizes[records[r]]);
        std::size_t next = r;
        for (const std::size_t to : graph.saturated_from(r)) {
          if (to >= m && to < 2 * m) next = to - m;
        }
        if (next == r) break;
        r = next;
      }
      assignment.object_bytes.push_back(bytes);
    }
    return stack_objects(problem, assignment);
  }
};

}  // namespace

const Planner& min_cost_flow_planner() {
  static const MinCostFlowPlanner planner;
  return planner;
}

}  // namespace derive::memplan
