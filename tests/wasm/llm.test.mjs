// The LLM analysis's own WebAssembly module (derive_llm.{js,wasm},
// src/wasm/llm_bindings.cpp, loaded through web/modules/llm.js as the Models
// page loads it) gives the native CLI's `derive analyze --json` document (the
// same keys in the same order, the same values) for every model of
// data/llm_configs.json at two settings, by id and as a pasted config.json;
// lists the two data tables as the files hold them; and answers a broken
// config with the CLI's message, never a trap.
// Run: DERIVE_CLI=build/dev/derive node --test tests/wasm/
// (DERIVE_WASM_DIR overrides build/wasm.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadLlm } from '../../web/modules/llm.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const wasmDir = path.resolve(root, process.env.DERIVE_WASM_DIR ?? 'build/wasm');
const cli = path.resolve(root, process.env.DERIVE_CLI ?? 'build/dev/derive');
const data = (file) => JSON.parse(fs.readFileSync(path.join(root, 'data', file), 'utf8'));
const models = data('llm_configs.json').models;
const gpus = data('gpus.json').gpus;

// emscripten 3.1.6 under node 20 would fetch() a file path: hand it the bytes.
const require = createRequire(import.meta.url);
let llm;
async function wasm() {
  if (!llm) {
    const factory = require(path.join(wasmDir, 'derive_llm.js'));
    const wasmBinary = fs.readFileSync(path.join(wasmDir, 'derive_llm.wasm'));
    llm = await loadLlm({ factory: (options) => factory({ ...options, wasmBinary }) });
  }
  return llm;
}

function native(args) {
  return spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 64 * 1048576 });
}

// The CLI's options for the module's settings.
const cliOptions = (s) => ['--context', String(s.context), '--batch', String(s.batch),
  ...(s.gpu ? ['--gpu', s.gpu] : []), ...(s.loraRank ? ['--lora-rank', String(s.loraRank), '--lora-targets', s.loraTargets] : [])];

// The defaults, and a long context at a batch on a GPU with LoRA on attention
// and MLP matrices (every family has up and down).
const SETTINGS = [
  { context: 4096, batch: 1, gpu: '', loraRank: 0, loraTargets: 'q,k,v,o' },
  { context: 32768, batch: 8, gpu: 'h100-sxm', loraRank: 16, loraTargets: 'q,v,up,down' },
];

function scratchDir(t) {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'derive-llm-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the model and GPU lists are the data files\' arrays', async () => {
  const { models: listModels, gpus: listGpus } = await wasm();
  assert.deepEqual(await listModels(), models);
  assert.deepEqual(await listGpus(), gpus);
});

test('every known model at two settings, by id and pasted: the CLI\'s document, key for key', async (t) => {
  const { analyze } = await wasm();
  const dir = scratchDir(t);
  const file = path.join(dir, 'config.json');
  let compared = 0;
  for (const model of models) {
    fs.writeFileSync(file, JSON.stringify(model.config, null, 2));
    for (const s of SETTINGS) {
      for (const [args, request] of [
        [['analyze', '--model', model.id], { model: model.id }],
        [['analyze', file], { config: fs.readFileSync(file, 'utf8'), label: 'config.json' }],
      ]) {
        const r = native([...args, '--json', ...cliOptions(s)]);
        const what = `derive ${[...args, '--json', ...cliOptions(s)].join(' ')}`;
        assert.equal(r.status, 0, `${what}: ${r.stderr}`);
        const result = await analyze({ ...request, ...s });
        assert.equal(JSON.stringify(result), JSON.stringify(JSON.parse(r.stdout)), what);
        compared++;
      }
    }
  }
  assert.equal(compared, models.length * SETTINGS.length * 2);
});

test('a broken config.json gets the CLI\'s message, never a trap', async (t) => {
  const { analyze } = await wasm();
  const dir = scratchDir(t);
  const llama = models.find((m) => m.id === 'llama-3-8b').config;
  const without = (key) => JSON.stringify(Object.fromEntries(Object.entries(llama).filter(([k]) => k !== key)));
  const nested = `{"model_type": "llama", "vocab_size": ${'['.repeat(100000)}${']'.repeat(100000)}}`;
  const broken = [
    without('hidden_size'), without('num_hidden_layers'), without('vocab_size'),
    JSON.stringify({ ...llama, hidden_size: 4096.5 }), JSON.stringify({ ...llama, hidden_size: '4096' }),
    JSON.stringify({ ...llama, hidden_size: -1 }), JSON.stringify({ ...llama, tie_word_embeddings: 'no' }),
    JSON.stringify({ ...llama, num_key_value_heads: 5 }), JSON.stringify({ ...llama, model_type: 'bert' }),
    JSON.stringify({ ...llama, vocab_size: { a: [1, 2] } }), JSON.stringify({ ...llama, vocab_size: 'x'.repeat(5000) }),
    JSON.stringify({ ...llama, hidden_size: 1e300 }), JSON.stringify({ ...llama, hidden_size: 2 ** 63 }),
    nested,
  ];
  const file = path.join(dir, 'config.json');
  for (const text of broken) {
    fs.writeFileSync(file, text);
    const r = native(['analyze', file, '--json']);
    const shown = text.slice(0, 80);
    assert.notEqual(r.status, 0, `derive analyze should refuse ${shown}`);
    const result = await analyze({ config: text });
    assert.equal(typeof result.error, 'string', `${shown}: ${JSON.stringify(result).slice(0, 200)}`);
    assert.ok(!result.error.includes('failed ('), `${shown}: the module trapped: ${result.error}`);
    assert.equal(r.stderr.trim(), `derive: ${file}: ${result.error}`, shown);
  }
  // The missing key is named.
  assert.match((await analyze({ config: without('hidden_size') })).error, /the required key "hidden_size" is missing/);
  // Not JSON at all (the CLI would take such a file for a model file), and
  // JSON cut short, deeply nested.
  for (const text of ['', 'nope', '{"model_type": "llama", ', `{"vocab_size": ${'['.repeat(100000)}`]) {
    assert.equal((await analyze({ config: text })).error, 'config.json: not valid JSON', text.slice(0, 40));
  }
  // An unknown model or GPU, a LoRA target the family lacks: by name.
  assert.equal((await analyze({ model: 'llama-9' })).error, 'no known model "llama-9"');
  assert.equal((await analyze({ model: 'gpt2', gpu: 'h999' })).error, 'no known GPU "h999"');
  const gate = native(['analyze', '--model', 'gpt2', '--json', '--lora-rank', '4', '--lora-targets', 'all']);
  const gpt2 = models.find((m) => m.id === 'gpt2').name;
  assert.equal(gate.stderr.trim(), `derive: ${gpt2}: ${(await analyze({ model: 'gpt2', loraRank: 4, loraTargets: 'all' })).error}`);
  // Settings outside the CLI's ranges.
  for (const [settings, message] of [[{ context: 0 }, /^context must be a whole number from 1 to 1099511627776$/],
    [{ batch: 1.5 }, /^batch must be a whole number/], [{ loraRank: -1 }, /^LoRA rank must be a whole number from 0/]]) {
    assert.match((await analyze({ model: 'gpt2', ...settings })).error, message);
  }
  // The module still answers after all of that.
  assert.equal((await analyze({ model: 'llama-3-8b' })).parameters.total, models.find((m) => m.id === 'llama-3-8b').published_params);
});
