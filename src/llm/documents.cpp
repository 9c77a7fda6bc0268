// The JSON texts the web's Models page asks for (include/derive/llm/config.hpp):
// the two data tables and the report, each with its failure as {"error": ...}.
#include <nlohmann/json.hpp>

#include "derive/llm/config.hpp"
#include "llm/embedded_data.hpp"

namespace derive::llm {
namespace {

using nlohmann::json;

std::string error_json(const std::string& message) {
  return json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The array `key` of an embedded data file, as the file holds it.
std::string embedded_array(std::string_view text, const char* key, const char* file) {
  const json data = json::parse(text, nullptr, false);
  if (data.is_discarded() || !data.is_object() || !data.contains(key) || !data[key].is_array())
    return error_json(std::string(file) + ": expected an object with the array \"" + key + "\"");
  return data[key].dump();
}

Result<std::string> report(std::string_view model_id, std::string_view config_text, const std::string& label,
                           const ReportOptions& options) {
  if (!model_id.empty()) {
    DERIVE_TRY(const KnownModel model, find_model(model_id));
    return report_json(model.architecture, options, model.name);
  }
  DERIVE_TRY(const Architecture architecture, architecture_from_config(config_text));
  return report_json(architecture, options, label);
}

}  // namespace

std::string known_models_json() {
  return embedded_array(embedded_llm_configs_json(), "models", "data/llm_configs.json");
}

std::string known_gpus_json() { return embedded_array(embedded_gpus_json(), "gpus", "data/gpus.json"); }

std::string report_json_or_error(std::string_view model_id, std::string_view config_text,
                                 const std::string& label, const ReportOptions& options) {
  Result<std::string> document = report(model_id, config_text, label, options);
  return document ? std::move(document).value() : error_json(document.error().message);
}

}  // namespace derive::llm
