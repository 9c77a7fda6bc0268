// The authoring's own WebAssembly module (derive_author.{js,wasm},
// src/wasm/author_bindings.cpp, loaded through web/modules/authoring.js as the
// Author page loads it) gives `derive author FILE --variant N --json`'s
// document for the tutorial's exercise and for broken copies of it (the
// issues named after the file the CLI read), grades the answer the test
// works out as correct, and hands out the CLI's template.
// Run: DERIVE_CLI=build/dev/derive node --test tests/wasm/
// (DERIVE_WASM_DIR overrides build/wasm.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadAuthoring } from '../../web/modules/authoring.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const wasmDir = path.resolve(root, process.env.DERIVE_WASM_DIR ?? 'build/wasm');
const cli = path.resolve(root, process.env.DERIVE_CLI ?? 'build/dev/derive');
const TUTORIAL = fs.readFileSync(path.join(root, 'docs', 'examples', 'first-exercise.toml'), 'utf8');
const ID = 'tutorial.dense-layer-memory';

// emscripten 3.1.6 under node 20 would fetch() a file path: hand it the bytes.
const require = createRequire(import.meta.url);
let authoring;
async function wasm() {
  if (!authoring) {
    const factory = require(path.join(wasmDir, 'derive_author.js'));
    const wasmBinary = fs.readFileSync(path.join(wasmDir, 'derive_author.wasm'));
    authoring = await loadAuthoring({ factory: (options) => factory({ ...options, wasmBinary }) });
  }
  return authoring;
}

// `derive author` on `toml` saved as exercise.toml, the name the module is given.
function native(toml, ...args) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-author-wasm-'));
  try {
    const file = path.join(dir, 'exercise.toml');
    fs.writeFileSync(file, toml);
    const r = spawnSync(cli, ['author', file, ...args], { encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `derive author: exit ${r.status}: ${r.stderr}`);
    return { file, out: r.stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const preview = async (toml, variant) => {
  const { file, out } = native(toml, '--variant', String(variant), '--json');
  const doc = JSON.parse(out);
  for (const issue of doc.issues) issue.file = issue.file === file ? 'exercise.toml' : issue.file;
  return { expected: doc, got: await (await wasm()).preview(toml, 'exercise.toml', variant) };
};

test('the tutorial\'s exercise previews as the CLI previews it, at several variants', async () => {
  for (const variant of [0, 1, 7, 123456789]) {
    const { expected, got } = await preview(TUTORIAL, variant);
    assert.deepEqual(got, expected, `variant ${variant}`);
  }
});

test('broken copies: the CLI\'s issues with their lines', async () => {
  const broken = [
    TUTORIAL.replace('unit = "KB"', 'unit = "KB'),
    TUTORIAL.replace('decimals = 1', 'decimals = "one"'),
    TUTORIAL.replace('answer = "size_kb"', 'answer = "size_kb * bitz"'),
    TUTORIAL.replace('remark = """', 'truth = ["bits >= 8"]\nremark = """'),
    '',
  ];
  for (const toml of broken) {
    const { expected, got } = await preview(toml, 2);
    assert.ok(expected.issues.length > 0);
    assert.deepEqual(got, expected, toml.slice(0, 40));
  }
});

// A dense layer of n_in inputs and n_out outputs holds (n_in + 1)·n_out
// numbers of bits/8 bytes each; 1 KB = 1000 B.
test('the answer worked out from the variant\'s numbers grades correct, the weights alone incorrect', async () => {
  const a = await wasm();
  const card = (await a.preview(TUTORIAL, 'exercise.toml', 5)).exercises[0].card;
  const { n_in: nIn, n_out: nOut, bits } = card.params;
  const right = (((nIn + 1) * nOut * bits) / 8 / 1000).toFixed(1);
  const weights = ((nIn * nOut * bits) / 8 / 1000).toFixed(1);
  assert.equal(a.grade(TUTORIAL, 'exercise.toml', ID, 5, [right]).status, 'correct');
  const wrong = a.grade(TUTORIAL, 'exercise.toml', ID, 5, [weights]);
  assert.equal(wrong.status, 'incorrect');
  assert.match(wrong.diagnosis, /leaves out the biases/);
  assert.match(a.grade(TUTORIAL, 'exercise.toml', 'tutorial.nothing', 5, [right]).error, /no exercise 'tutorial.nothing'/);
});

test('the template is the CLI\'s', async () => {
  const r = spawnSync(cli, ['author', '--template'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(await (await wasm()).template(), r.stdout);
});
