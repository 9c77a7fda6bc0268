// "Practise on this layer" (web/modules/analyze.js, app.js, card.js): a
// shared model dropped on the Analyze page, a layer's practice link followed
// to its card, whose prompt has that layer's numbers, whose source is named,
// and on which the engine grades the analyzer's own number for the layer as
// right; a way back to drawn numbers; and an address with numbers the engine
// refuses, which falls back to variant 0 with the engine's message.
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
const skip = fs.existsSync(path.join(models, 'README.md')) ? false
  : `${models} is missing: practice on a real model's layer is not tested`;

// test_conv_model.tflite: two 3x3 convolutions with biases on square maps,
// so its layers have the conv-params question (TFLM's own test model).
const FILE = 'test_conv_model.tflite';

test('a practice link opens the card with the layer\'s numbers, and the analyzer\'s count is right', { skip }, async () => {
  const native = JSON.parse(spawnSync(deriveBin, ['analyze', path.join(models, FILE), '--json'], { encoding: 'utf8' }).stdout);
  const layer = native.layers.find((l) => l.practice.some((p) => p.exercise === 'count.conv-params'));
  assert.ok(layer, `${FILE} has a layer with the conv-params question`);
  const { params } = layer.practice.find((p) => p.exercise === 'count.conv-params');
  const p = await newPage(env.browser);
  try {
    await p.page.goto(`${env.url}#/analyze`);
    await appReady(p.page);
    await p.page.waitForSelector('#model-file');
    // Dropped on the page, as a learner would.
    const transfer = await p.page.evaluateHandle(({ name, data }) => {
      const t = new DataTransfer();
      t.items.add(new File([new Uint8Array(data)], name));
      return t;
    }, { name: FILE, data: [...fs.readFileSync(path.join(models, FILE))] });
    await p.page.dispatchEvent('.dropzone', 'drop', { dataTransfer: transfer });
    await p.page.waitForSelector('.analysis table');
    const row = p.page.locator('.analysis table').last().locator('tbody tr').nth(layer.index);
    await row.locator('summary').click();
    const link = row.locator('a[href^="#/ex/count.conv-params?"]');
    assert.equal(await link.innerText(), 'Parameters of a 2-D convolution');
    await link.click();
    await p.page.waitForSelector('[data-exercise="count.conv-params"] input[name="answer"]');
    const prompt = await p.page.locator('.prompt').innerText();
    for (const part of [`${params.kernel}×${params.kernel} kernel`, `${params.in_channels} input`, `${params.out_channels} output`]) {
      assert.ok(prompt.includes(part), `"${part}" in: ${prompt}`);
    }
    const source = await p.page.locator('.notice.source').innerText();
    assert.ok(source.startsWith(`Numbers of layer ${layer.index}, ${layer.op}, of ${FILE}.`), source);
    assert.equal(await p.page.locator('.variant').innerText(), 'chosen numbers');
    await p.page.fill('input[name="answer"]', String(layer.params));
    await p.page.press('input[name="answer"]', 'Enter');
    await p.page.waitForSelector('[data-verdict]');
    assert.equal(await p.page.getAttribute('.verdict', 'data-verdict'), 'correct', 'the analyzer\'s params are the answer');
    assert.deepEqual(await axeViolations(p.page), [], 'axe finds no violation on the practice card');
    // Back to drawn numbers: variant 1, the address says so, the source notice goes.
    await p.page.click('[data-action="new-variant"]');
    assert.equal(await p.page.locator('.variant').innerText(), 'variant 1');
    assert.ok(p.page.url().endsWith('#/ex/count.conv-params?v=1'), p.page.url());
    assert.equal(await p.page.locator('.notice.source').count(), 0);
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

test('numbers the engine refuses fall back to variant 0 with its message and a corrected address', async () => {
  const p = await newPage(env.browser);
  try {
    for (const [given, message] of [['channels:3', "exercise 'count.conv-params' has no parameter 'channels'"],
      ['kernel:three', "parameter 'kernel': 'three' is not a number or true/false"]]) {
      await p.page.goto(`${env.url}#/ex/count.conv-params?p=${given}&from=layer%201`);
      await p.page.waitForSelector('[data-exercise="count.conv-params"] input[name="answer"]');
      const notice = await p.page.locator('.notice[role=status]').innerText();
      assert.ok(notice.includes(message), `"${message}" in: ${notice}`);
      assert.equal(await p.page.locator('.variant').innerText(), 'variant 0');
      assert.ok(p.page.url().endsWith('#/ex/count.conv-params?v=0'), p.page.url());
      await p.page.goto(`${env.url}#/`);
    }
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});
