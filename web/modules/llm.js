// The LLM analysis in the browser: its own WebAssembly module
// (derive_llm.{js,wasm}, src/wasm/llm_bindings.cpp), the same C++ as `derive
// analyze --model NAME --json` and `derive analyze config.json --json`. The
// Models page (modules/models.js) calls loadLlm when it opens; only then are
// its two files fetched (modules/wasm-module.js).
import { loadWasmModule } from './wasm-module.js';

// The longest config.json text handed over: a real one is about 1 KB.
export const MAX_CONFIG_CHARS = 1048576;

// Loads the module once. `factory` (createDeriveLlmModule, or a wrapper that
// passes wasmBinary under node) and `base` let tests say where it is.
export async function loadLlm({ factory, base } = {}) {
  const call = await loadWasmModule({
    name: 'derive_llm', global: 'createDeriveLlmModule', failure: 'the LLM analysis', factory, base,
  });

  // The document `derive analyze --json` prints (docs/llm-analysis.md), or
  // {error}: of the known model `model`, else of the config.json text
  // `config`, labelled `label` as the CLI labels a file by its name. A gpu
  // of '' and a loraRank of 0 leave those parts out, as the CLI does.
  const analyze = ({ model = '', config = '', label = 'config.json', context = 4096, batch = 1, gpu = '',
    loraRank = 0, loraTargets = 'q,k,v,o' } = {}) => {
    if (config.length > MAX_CONFIG_CHARS) {
      return { error: `the config.json is too long: ${config.length} characters; at most ${MAX_CONFIG_CHARS} are read` };
    }
    return call('derive_llm_analyze', [model, config, label, context, batch, gpu, loraRank, loraTargets]);
  };

  // The "models" array of data/llm_configs.json and the "gpus" array of
  // data/gpus.json, as the files hold them.
  const models = () => call('derive_llm_models', []);
  const gpus = () => call('derive_llm_gpus', []);
  return { analyze, models, gpus };
}
