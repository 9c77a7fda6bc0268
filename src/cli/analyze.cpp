// derive analyze FILE... [--json] [--board NAME] [--planner NAME]
// derive analyze --boards
// derive analyze config.json | --model NAME [--context N] [--batch N] [--gpu NAME]
//                [--lora-rank R --lora-targets q,k,v,o]   (docs/llm-analysis.md)
// The analyzer document of each model file (src/analyze/, docs/analyzer.md):
// with --json one document per line, otherwise a table for people rendered
// from that same document, so the two never disagree.
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/suggest.hpp"
#include "derive/analyze/analyze.hpp"
#include "derive/llm/config.hpp"
#include "derive/number_format.hpp"
#include "derive/text/echo.hpp"

namespace derive::cli {
namespace {

using nlohmann::json;

struct AnalyzeCommandOptions {
  std::vector<std::string> files;
  bool json = false;
  bool list_boards = false;
  std::string board;
  std::string planner;
  std::string model;  // an id of data/llm_configs.json
  llm::ReportOptions llm;
};

Result<std::vector<std::uint8_t>> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot read \"" + text::printable(path) + "\"");
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "1x25x5x64" for a shape, "?" for an open dimension.
std::string shape_text(const json& shape) {
  std::string text;
  for (const json& dim : shape) {
    if (!text.empty()) text += 'x';
    const std::int64_t d = dim.get<std::int64_t>();
    text += d < 0 ? "?" : std::to_string(d);
  }
  return text.empty() ? "scalar" : text;
}

void print_layers(const json& document) {
  std::printf("%-7s %-24s %-18s %10s %14s %12s %12s\n", "#", "op", "output shape", "params", "MACs",
              "weight B", "live B");
  for (const json& layer : document["layers"]) {
    const json& outputs = layer["outputs"];
    const std::string shape = outputs.empty() ? "-" : shape_text(outputs[0]["shape"]);
    // Layers of called subgraphs are numbered "subgraph:index".
    const std::int64_t subgraph = layer["subgraph"].get<std::int64_t>();
    const std::string index = (subgraph == 0 ? "" : std::to_string(subgraph) + ":") +
                              std::to_string(layer["index"].get<std::int64_t>());
    const std::string macs =
        layer["costed"].get<bool>() ? std::to_string(layer["macs"].get<std::int64_t>()) : "uncosted";
    std::printf("%-7s %-24s %-18s %10" PRId64 " %14s %12" PRId64 " %12" PRId64 "\n", index.c_str(),
                layer["op"].get<std::string>().c_str(), shape.c_str(), layer["params"].get<std::int64_t>(),
                macs.c_str(), layer["weight_bytes"].get<std::int64_t>(),
                layer["activation_bytes"].get<std::int64_t>());
    for (const json& note : layer["notes"]) std::printf("      note: %s\n", note.get<std::string>().c_str());
  }
}

void print_summary(const json& document) {
  const json& totals = document["totals"];
  std::printf("\ntotals: %" PRId64 " params, %" PRId64 " MACs, weights %s\n",
              totals["params"].get<std::int64_t>(), totals["macs"].get<std::int64_t>(),
              format_byte_count(totals["weight_bytes"].get<std::int64_t>()).c_str());
  for (const json& unknown : totals["unknown_ops"]) {
    std::printf("not modelled: %s x%" PRId64 " (0 MACs counted)\n", unknown["op"].get<std::string>().c_str(),
                unknown["count"].get<std::int64_t>());
  }
  for (const json& uncosted : totals["uncosted"]) {
    std::printf("uncosted (shapes not known or not valid, see the layer's note): %s x%" PRId64
                " (0 MACs counted)\n",
                uncosted["op"].get<std::string>().c_str(), uncosted["count"].get<std::int64_t>());
  }
  for (const json& note : totals["notes"]) std::printf("note: %s\n", note.get<std::string>().c_str());
  const json& memory = document["memory"];
  const std::int64_t bound = memory["lower_bound_bytes"].get<std::int64_t>();
  std::printf("\narena lower bound (live set): %s\n", format_byte_count(bound).c_str());
  if (!memory["complete"].get<bool>()) {
    std::printf(
        "INCOMPLETE: these tensors have unknown sizes and are not planned, so every arena below "
        "leaves them out:\n");
    for (const json& tensor : memory["unknown_size_tensors"])
      std::printf("  %s\n", tensor.get<std::string>().c_str());
  }
  std::printf("%-26s %12s %10s %8s\n", "planner", "arena B", "vs bound", "checked");
  for (const json& plan : memory["plans"]) {
    const std::int64_t arena = plan["arena_bytes"].get<std::int64_t>();
    const double over =
        bound > 0 ? 100.0 * static_cast<double>(arena - bound) / static_cast<double>(bound) : 0.0;
    std::printf("%-26s %12" PRId64 " %+9.1f%% %8s%s\n", plan["planner"].get<std::string>().c_str(), arena,
                over, plan["checked"].get<bool>() ? "yes" : "NO",
                plan["complete"].get<bool>() ? "" : "  (incomplete)");
  }
  if (!memory["what_ifs"].empty()) {
    std::printf("\nwhat would change the peak     %12s %12s\n", "best B", "tflm-greedy B");
    for (const json& what_if : memory["what_ifs"]) {
      std::printf("%-30s %12" PRId64 " %12" PRId64 "  %s\n", what_if["id"].get<std::string>().c_str(),
                  what_if["arena_bytes"]["best"].get<std::int64_t>(),
                  what_if["arena_bytes"]["tflm-greedy"].get<std::int64_t>(),
                  what_if["description"].get<std::string>().c_str());
    }
  }
  if (!document.contains("board")) return;
  const json& board = document["board"];
  const auto verdict = [](bool fits, std::int64_t margin) {
    return std::string(fits ? "fits, " : "does NOT fit, ") + (margin >= 0 ? "margin " : "short by ") +
           format_byte_count(margin >= 0 ? margin : -margin);
  };
  std::printf(
      "\nboard %s (arena with %s): SRAM %s; flash %s\n", board["name"].get<std::string>().c_str(),
      board["planner"].get<std::string>().c_str(),
      verdict(board["fits_sram"].get<bool>(), board["sram_margin_bytes"].get<std::int64_t>()).c_str(),
      verdict(board["fits_flash"].get<bool>(), board["flash_margin_bytes"].get<std::int64_t>()).c_str());
  for (const json& option : board["would_fit"])
    std::printf("  would fit: %s\n", option.get<std::string>().c_str());
  for (const json& note : board["notes"]) std::printf("  note: %s\n", note.get<std::string>().c_str());
}

void print_document(const std::string& text) {
  const json document = json::parse(text);
  std::printf("%s: %s, %" PRId64 " bytes\n", document["file"].get<std::string>().c_str(),
              document["format"].get<std::string>().c_str(), document["bytes"].get<std::int64_t>());
  for (const char* side : {"inputs", "outputs"}) {
    for (const json& tensor : document[side]) {
      std::printf("  %-7s %s %s %s\n", side, tensor["name"].get<std::string>().c_str(),
                  shape_text(tensor["shape"]).c_str(), tensor["dtype"].get<std::string>().c_str());
    }
  }
  std::printf("\n");
  print_layers(document);
  print_summary(document);
}

// "8030261248 (8.03 B)" for counts people read at a glance.
std::string count_text(std::int64_t n) {
  char text[64];
  if (n >= 1000000000) {
    std::snprintf(text, sizeof text, "%" PRId64 " (%.2f B)", n, static_cast<double>(n) / 1e9);
  } else if (n >= 1000000) {
    std::snprintf(text, sizeof text, "%" PRId64 " (%.2f M)", n, static_cast<double>(n) / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%" PRId64, n);
  }
  return text;
}

std::string gib_text(double bytes) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
  return text;
}

// The table for people, rendered from the report document.
void print_llm(const json& doc) {
  const json& h = doc["hyperparameters"];
  std::printf("%s: %s (%s)\n", doc["model"].get<std::string>().c_str(),
              doc["family"].get<std::string>().c_str(), doc["architecture"].get<std::string>().c_str());
  std::printf("  d_model %" PRId64 ", %" PRId64 " layers, %" PRId64 " heads (%" PRId64 " KV) x %" PRId64
              ", MLP %" PRId64 " (%s), vocab %" PRId64 ", %s%s\n",
              h["hidden_size"].get<std::int64_t>(), h["num_hidden_layers"].get<std::int64_t>(),
              h["num_attention_heads"].get<std::int64_t>(), h["num_key_value_heads"].get<std::int64_t>(),
              h["head_dim"].get<std::int64_t>(), h["intermediate_size"].get<std::int64_t>(),
              h["gated_mlp"].get<bool>() ? "gated" : "not gated", h["vocab_size"].get<std::int64_t>(),
              h["norm"].get<std::string>().c_str(),
              h["tie_word_embeddings"].get<bool>() ? ", tied embeddings" : "");
  const json& p = doc["parameters"];
  const json& l = p["per_layer"];
  std::printf("\nparameters\n");
  const auto row = [](const char* name, const json& value) {
    std::printf("  %-28s %s\n", name, count_text(value.get<std::int64_t>()).c_str());
  };
  row("token embedding", p["token_embedding"]);
  if (p["position_embedding"].get<std::int64_t>() > 0) row("position embedding", p["position_embedding"]);
  row("per layer: attention Q", l["q"]);
  row("per layer: attention K", l["k"]);
  row("per layer: attention V", l["v"]);
  row("per layer: attention O", l["o"]);
  if (l["router"].get<std::int64_t>() > 0) {
    row("per layer: one expert's MLP", l["mlp_per_expert"]);
    row("per layer: router", l["router"]);
  }
  row("per layer: MLP", l["mlp"]);
  row("per layer: norms", l["norms"]);
  row("per layer", l["total"]);
  row("all layers", p["layers"]);
  row("final norm", p["final_norm"]);
  if (p["lm_head"].get<std::int64_t>() > 0)
    row("LM head", p["lm_head"]);
  else
    std::printf("  %-28s tied to the token embedding\n", "LM head");
  row("total", p["total"]);
  if (p["active_per_token"] != p["total"]) row("active per token", p["active_per_token"]);

  const json& f = doc["flops_per_token"];
  std::printf("\nforward FLOPs per token at context %" PRId64
              ": %s\n  = %s (matrices) + %s (attention)\n  convention: %s\n",
              f["context"].get<std::int64_t>(), count_text(f["total"].get<std::int64_t>()).c_str(),
              count_text(f["matmul_flops"].get<std::int64_t>()).c_str(),
              count_text(f["attention_flops"].get<std::int64_t>()).c_str(),
              f["convention"].get<std::string>().c_str());
  const json& kv = doc["kv_cache"];
  std::printf("\nKV cache (FP16): %s per token; %" PRId64 " tokens x batch %" PRId64 " = %s\n",
              format_byte_count(kv["bytes_per_token"].get<std::int64_t>()).c_str(),
              kv["cached_tokens"].get<std::int64_t>(), kv["batch"].get<std::int64_t>(),
              format_byte_count(kv["bytes"].get<std::int64_t>()).c_str());
  std::printf("\n%-11s %8s %14s %14s %14s\n", "serving", "bits/w", "weights", "+ KV cache", "= total");
  for (const json& s : doc["serving"]) {
    std::printf("%-11s %8.3f %14s %14s %14s\n", s["format"].get<std::string>().c_str(),
                s["bits_per_weight"].get<double>(), gib_text(s["weight_bytes"].get<double>()).c_str(),
                gib_text(s["kv_cache_bytes"].get<double>()).c_str(),
                gib_text(s["total_bytes"].get<double>()).c_str());
  }
  std::printf("  INT4-g128: %s\n", doc["serving"][3]["note"].get<std::string>().c_str());
  if (doc.contains("gpu")) {
    const json& g = doc["gpu"];
    std::printf("\non %s (%s, %.0f GB/s):\n", g["name"].get<std::string>().c_str(),
                gib_text(g["memory_bytes"].get<double>()).c_str(),
                g["bandwidth_bytes_per_s"].get<double>() / 1e9);
    for (const json& r : g["formats"]) {
      std::printf("  %-11s %-13s decode <= %.1f tokens/s\n", r["format"].get<std::string>().c_str(),
                  r["fits"].get<bool>() ? "fits" : "does NOT fit",
                  r["decode_tokens_per_s_bound"].get<double>());
    }
    std::printf(
        "  prefill <= %.0f tokens/s (%s)\n  decode: %s\n", g["prefill_tokens_per_s_bound"].get<double>(),
        g["prefill_formula"].get<std::string>().c_str(), g["decode_formula"].get<std::string>().c_str());
  }
  if (doc.contains("lora")) {
    const json& lo = doc["lora"];
    std::printf("\nLoRA rank %" PRId64 " on %s: %s trainable parameters\n", lo["rank"].get<std::int64_t>(),
                lo["targets"].get<std::string>().c_str(),
                count_text(lo["trainable_params"].get<std::int64_t>()).c_str());
    const json& q = doc["qlora"];
    std::printf(
        "QLoRA memory: NF4 weights %s (%.9g bits each) + BF16 rest %s + adapters %s + gradients %s + "
        "Adam %s = %s\n",
        gib_text(q["nf4_weight_bytes"].get<double>()).c_str(), q["bits_per_quantized_weight"].get<double>(),
        gib_text(q["bf16_other_bytes"].get<double>()).c_str(),
        gib_text(q["adapter_bytes"].get<double>()).c_str(),
        gib_text(q["gradient_bytes"].get<double>()).c_str(),
        gib_text(q["adam_state_bytes"].get<double>()).c_str(),
        gib_text(q["total_bytes"].get<double>()).c_str());
  }
  if (doc.contains("notes"))
    for (const json& note : doc["notes"]) std::printf("note: %s\n", note.get<std::string>().c_str());
}

// Prints one LLM report; returns the exit status.
int emit_llm(const llm::Architecture& architecture, const AnalyzeCommandOptions& options,
             const std::string& label) {
  auto document = llm::report_json(architecture, options.llm, label);
  if (!document) {
    if (document.error().code == ErrorCode::UnknownName) {
      std::vector<std::string> ids;
      if (auto gpus = llm::known_gpus())
        for (const llm::Gpu& g : *gpus) ids.push_back(g.id);
      return usage_error("analyze: " + text::printable_message(document.error().message) +
                         did_you_mean_or(options.llm.gpu, ids, "; see data/gpus.json"));
    }
    return usage_error(text::printable(label) + ": " + text::printable_message(document.error().message));
  }
  if (options.json) {
    std::cout << *document << '\n';
  } else {
    print_llm(json::parse(*document));
  }
  return kExitOk;
}

void print_boards(bool as_json) {
  const std::string text = analyze::boards_json();
  if (as_json) {
    std::cout << text << '\n';
    return;
  }
  std::printf("%-16s %-36s %12s %12s %12s\n", "id", "name", "SRAM B", "arena max B", "flash B");
  for (const json& board : json::parse(text)) {
    std::printf("%-16s %-36s %12" PRId64 " %12" PRId64 " %12" PRId64 "\n",
                board["id"].get<std::string>().c_str(), board["name"].get<std::string>().c_str(),
                board["sram_bytes"].get<std::int64_t>(), board["arena_limit_bytes"].get<std::int64_t>(),
                board["flash_bytes"].get<std::int64_t>());
  }
}

int run_analyze(const AnalyzeCommandOptions& options) {
  if (options.list_boards) {
    print_boards(options.json);
    return kExitOk;
  }
  if (!options.model.empty()) {
    if (!options.files.empty()) return usage_error("analyze: give either --model or files, not both");
    auto model = llm::find_model(options.model);
    if (!model) {
      std::vector<std::string> ids;
      if (auto models = llm::known_models())
        for (const llm::KnownModel& m : *models) ids.push_back(m.id);
      return usage_error("analyze: " + text::printable_message(model.error().message) +
                         did_you_mean_or(options.model, ids, "; see data/llm_configs.json"));
    }
    return emit_llm(model->architecture, options, model->name);
  }
  if (options.files.empty()) return usage_error("analyze: name a model file (or --model, or --boards)");
  const analyze::AnalyzeOptions analyze_options{options.board, options.planner};
  int status = kExitOk;
  for (std::size_t i = 0; i < options.files.size(); ++i) {
    const std::string& path = options.files[i];
    auto bytes = read_bytes(path);
    if (!bytes) {
      status = usage_error(bytes.error().message);
      continue;
    }
    const std::string file_name = std::filesystem::path(path).filename().string();
    const std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    if (llm::looks_like_hf_config(text)) {
      if (i > 0 && !options.json) std::printf("\n");
      auto architecture = llm::architecture_from_config(text);
      const int llm_status = architecture
                                 ? emit_llm(*architecture, options, file_name)
                                 : usage_error(text::printable(path) + ": " +
                                               text::printable_message(architecture.error().message));
      if (llm_status != kExitOk) status = llm_status;
      continue;
    }
    auto document = analyze::analyze_json(*bytes, file_name, analyze_options);
    if (!document) {
      status = usage_error(text::printable(path) + ": " + text::printable_message(document.error().message));
      continue;
    }
    if (options.json) {
      std::cout << *document << '\n';
    } else {
      if (i > 0) std::printf("\n");
      print_document(*document);
    }
  }
  return status;
}

}  // namespace

void add_analyze_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<AnalyzeCommandOptions>();
  CLI::App* analyze = app.add_subcommand(
      "analyze",
      "parameters, MACs, weight bytes, arena per memory planner and board fit of .tflite/.onnx files; exact "
      "parameters, FLOPs, KV cache and memory of an LLM from its Hugging Face config.json");
  analyze->add_option("files", options->files, "model files (.tflite, .onnx, a Hugging Face config.json)")
      ->option_text("FILE...");
  analyze->add_option("--model", options->model, "a known LLM configuration (data/llm_configs.json)")
      ->option_text("NAME");
  analyze->add_option("--context", options->llm.context, "LLM: tokens of context (default 4096)")
      ->option_text("N")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 40));
  analyze->add_option("--batch", options->llm.batch, "LLM: sequences decoded together (default 1)")
      ->option_text("N")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 30));
  analyze
      ->add_option("--gpu", options->llm.gpu, "LLM: fit and throughput bounds on this GPU (data/gpus.json)")
      ->option_text("NAME");
  analyze->add_option("--lora-rank", options->llm.lora_rank, "LLM: LoRA rank; adds LoRA and QLoRA memory")
      ->option_text("R")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 20));
  analyze
      ->add_option("--lora-targets", options->llm.lora_targets,
                   "LLM: adapted matrices, from q,k,v,o,gate,up,down or all (default q,k,v,o)")
      ->option_text("LIST");
  analyze->add_flag("--json", options->json,
                    "print one JSON document per file, one per line (docs/analyzer.md)");
  analyze->add_option("--board", options->board, "check the fit on this board (see --boards)")
      ->option_text("NAME");
  analyze->add_option("--planner", options->planner, "only this memory planner (default: every one)")
      ->option_text("NAME");
  analyze->add_flag("--boards", options->list_boards, "list the boards --board takes");
  analyze->callback([options, &context] { context.action = [options] { return run_analyze(*options); }; });
}

}  // namespace derive::cli
