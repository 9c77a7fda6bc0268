// The text of data/llm_configs.json and data/gpus.json, embedded at build time
// by cmake/embed_files.cmake so `--model` and `--gpu` need no file.
#pragma once

#include <string_view>

namespace derive::llm {
std::string_view embedded_llm_configs_json();
std::string_view embedded_gpus_json();
}  // namespace derive::llm
