// The fields of the data files the engine embeds, by name, for the real
// variants of the catalogue (docs/catalogue-format.md, "Real variants"):
//   llm    data/llm_configs.json (include/derive/llm/config.hpp)
//   gpu    data/gpus.json
//   board  data/boards.json (src/boards/)
// A layer beside the exercise layer: it sees the data layers, the exercise
// layer only takes a RealResolver, and the front ends (the CLI, the tool that
// writes the WebAssembly build's catalogue) pass this one in.
#pragma once

#include <string_view>

#include "derive/number.hpp"
#include "derive/result.hpp"

namespace derive::realdata {

// The number of `field` of the entry `key` of `kind`. Errors name what is
// known: the kinds, the ids of the kind, or the fields.
Result<Number> field_value(std::string_view kind, std::string_view key, std::string_view field);

}  // namespace derive::realdata
