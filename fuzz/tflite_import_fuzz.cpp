// libFuzzer target: any bytes into the TFLite importer (seeds: the shared
// real models, fuzz/targets.txt). A model that opens must validate, cost and
// plan without a crash; every failure must be an Error with a message.
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
  (void)derive::graph::model_cost(*model);
  auto requests = derive::graph::tflm_buffer_requests(*model);
  if (requests.ok() && requests->size() <= 512) {
    auto plan = derive::memplan::plan_buffers("tflm-greedy", *requests);
    if (plan.ok() && !plan->checked) std::abort();
  }
  return 0;
}
