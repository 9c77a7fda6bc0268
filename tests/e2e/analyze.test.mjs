// The Analyze page (#/analyze, web/modules/analyze.js): a real model file
// chosen in the page is analysed by the wasm engine, with the native CLI's
// numbers, without a single request, and with no accessibility violation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { appReady, axeViolations, deriveBin, newPage, repo, setup } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const models = path.resolve(repo, '..', 'shared', 'models');
// The real models live beside the repository, never in it; without them
// these tests cannot run, and say so.
// The page is not linked yet: the analyzer adds about 200 KB to derive.wasm,
// which would break the trainer's first-load budget, so it waits for its own
// module loaded with the page (issue 8). Until then these tests say so.
const skip = !fs.existsSync(path.join(models, 'README.md')) ? `${models} is missing`
  : 'the wasm build does not contain the analyzer yet (its own module, loaded with the page, is still to be written)';

// `derive analyze FILE --json [--board B]`: the reference the page must agree with.
function nativeAnalysis(file, board) {
  const args = ['analyze', path.join(models, file), '--json', ...(board ? ['--board', board] : [])];
  const r = spawnSync(deriveBin, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `derive ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

for (const file of ['kws.tflite', 'light_squeezenet.onnx']) {
  test(`${file}: the table, the arena per planner and the timeline, computed in the page with nothing sent`, { skip }, async () => {
    const p = await newPage(env.browser);
    try {
      await p.page.goto(`${env.url}#/analyze`);
      await appReady(p.page);
      await p.page.waitForSelector('#model-file');
      const from = p.requests.length;
      await p.page.setInputFiles('#model-file', path.join(models, file));
      await p.page.waitForSelector('.analysis table');
      const native = nativeAnalysis(file);
      const rows = await p.page.locator('.analysis table').last().locator('tbody tr').count();
      assert.equal(rows, native.layers.length, 'one row per layer');
      const totals = await p.page.locator('.analysis [aria-label=Totals]').innerText();
      assert.ok(totals.includes(native.totals.params.toLocaleString('en-US')), `params ${native.totals.params} in: ${totals}`);
      assert.ok(totals.includes(native.totals.macs.toLocaleString('en-US')), `MACs ${native.totals.macs} in: ${totals}`);
      const memory = await p.page.locator('.analysis [aria-label=Memory]').innerText();
      for (const plan of native.memory.plans) {
        assert.ok(memory.includes(plan.arena_bytes.toLocaleString('en-US')), `${plan.planner} ${plan.arena_bytes} in: ${memory}`);
      }
      if (native.memory.plans.some((plan) => Array.isArray(plan.timeline))) {
        await p.page.waitForSelector('.analysis svg.plot');
      }
      assert.deepEqual(p.requests.slice(from), [], 'the file never leaves the page: no request at all');
      assert.deepEqual(await axeViolations(p.page), [], 'axe finds no violation');
      assert.deepEqual(p.problems, [], 'no console errors or page errors');
    } finally {
      await p.context.close();
    }
  });
}

test('a board check, and a file that is not a model gets an error, not a crash', { skip }, async () => {
  const p = await newPage(env.browser, { width: 375, height: 800 });
  try {
    await p.page.goto(`${env.url}#/analyze`);
    await appReady(p.page);
    await p.page.waitForSelector('#board-picker option:nth-child(2)', { state: 'attached' });
    await p.page.selectOption('#board-picker', { index: 1 });
    await p.page.setInputFiles('#model-file', path.join(models, 'hello_world_int8.tflite'));
    await p.page.waitForSelector('.analysis .board');
    assert.match(await p.page.locator('.analysis .board').innerText(), /fits|does not fit/);
    assert.deepEqual(await axeViolations(p.page), [], 'axe finds no violation at 375 px');
    await p.page.setInputFiles('#model-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a model') });
    await p.page.waitForSelector('.status.error');
    assert.match(await p.page.locator('.status').innerText(), /Could not analyse notes\.txt/);
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});
