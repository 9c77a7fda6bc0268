// libFuzzer target: any bytes into the TFLite importer (seeds: the shared
// real models, fuzz/targets.txt). A model that opens must validate and cost
// (a layer whose shapes defeat its cost rule is uncosted, never an error) and
// plan without a crash, control-flow subgraphs included; every failure must
// be an Error with a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "derive/graph/cost.hpp"
#include "derive/graph/lifetimes.hpp"
#include "derive/import/tflite.hpp"
#include "memplan/planner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  auto model = derive::import::tflite::open(bytes);
  if (!model.ok()) {
    if (model.error().message.empty()) std::abort();
    return 0;
  }
  if (!derive::graph::validate(*model).ok()) std::abort();
  const auto cost = derive::graph::model_cost(*model);
  if (!cost.ok()) std::abort();
  auto planned = derive::graph::tflm_buffers(*model);
  if (!planned.ok() && planned.error().message.empty()) std::abort();
  if (planned.ok() && planned->buffers.size() <= 512) {
    auto plan = derive::memplan::plan_buffers("tflm-greedy", planned->buffers);
    if (plan.ok() && !plan->checked) std::abort();
  }
  return 0;
}
