// One registration function per topic; each adds that topic's engine functions
// to the registry. Defined in src/core/<topic>_registry.cpp.
#pragma once

#include "derive/registry.hpp"

namespace derive {

void register_measure(Registry& registry);
void register_layers(Registry& registry);
void register_prune(Registry& registry);
void register_quant(Registry& registry);
void register_nas(Registry& registry);
void register_distill(Registry& registry);
void register_mcu(Registry& registry);
void register_llm(Registry& registry);

}  // namespace derive
